import type { MetaFunction } from "@remix-run/node";
import { NavLink, Outlet } from "@remix-run/react";
import accountStyles from "~/account/account.css";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { stylesheetLinks } from "~/ui/stylesheet";

export const links = stylesheetLinks(accountStyles);

export const meta: MetaFunction = () => [{ title: "Mein Konto – Netzwerke ABC" }];

/** The pages of "Mein Konto"; each is a child route (`_app.konto.<x>.tsx`) with h2 headings. */
const accountPages = [
  { to: "/konto", label: "Profil", end: true },
  { to: "/konto/sitzungen", label: "Sitzungen" },
  { to: "/konto/zweiter-faktor", label: "Zweiter Faktor" },
  { to: "/konto/benachrichtigungen", label: "Benachrichtigungen" },
  { to: "/konto/daten", label: "Meine Daten" },
];

/**
 * Everyone signed in has exactly one account, their own: the pages below read and change only
 * the session's person (the _app layout has already sent visitors to the login page).
 */
export default function AccountLayout() {
  return (
    <div className="stack-lg">
      <h1>Mein Konto</h1>
      <nav aria-label="Mein Konto" className="account-nav">
        <ul>
          {accountPages.map((page) => (
            <li key={page.to}>
              {/* NavLink marks the open page with aria-current="page". */}
              <NavLink to={page.to} end={page.end}>
                {page.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <Outlet />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
