import { Link } from "@remix-run/react";
import type { ReactNode } from "react";

/** A page one step below another: the way back to it above the heading, then the content. */
export function SubPage({
  backTo,
  backLabel,
  title,
  className = "stack-lg",
  children,
}: {
  backTo: string;
  backLabel: string;
  title: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <div className={className}>
      <p>
        <Link to={backTo}>{`← ${backLabel}`}</Link>
      </p>
      <h1>{title}</h1>
      {children}
    </div>
  );
}
