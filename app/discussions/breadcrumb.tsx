import { Link } from "@remix-run/react";
import { overviewTexts } from "./page-texts";

/** The first step back from every page of the Diskussionen themselves. */
export const overviewStep = { to: "/diskussionen", label: overviewTexts.title };

/** The way back from a discussion page; the page itself comes last. */
export function Breadcrumb({
  trail,
  current,
}: {
  trail: { to: string; label: string }[];
  current: string;
}) {
  return (
    <nav aria-label="Brotkrumen" className="breadcrumb">
      <ol>
        {trail.map((step) => (
          <li key={step.to}>
            <Link to={step.to}>{step.label}</Link>
          </li>
        ))}
        <li>
          <span aria-current="page">{current}</span>
        </li>
      </ol>
    </nav>
  );
}
