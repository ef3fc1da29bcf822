import type { LoaderFunctionArgs, SerializeFrom } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, NavLink, Outlet, useLoaderData, useRevalidator } from "@remix-run/react";
import { useEffect, useRef } from "react";
import type { ReactNode } from "react";
import { newSubmissionKey } from "~/submissions/submission-key.server";
import { can } from "~/auth/permissions.server";
import { requireUser } from "~/auth/request.server";
import { unreadTotal } from "~/discussions/overview.server";
import { memberRoleLabels } from "~/organizations/texts";
import { referralNavCounts } from "~/referrals/referral-lists.server";
import { useRootData } from "~/root";
import { PageErrorBoundary } from "~/ui/error-boundary";
import { LiveConnectionProvider, useLiveEvent } from "~/ui/live-connection";
import { Toasts } from "~/ui/live-notifications";
import { CountBadge } from "~/ui/count-badge";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  // Every page waits for this loader: the two counts are read at the same time.
  const [referralCounts, unreadDiscussions] = await Promise.all([
    can(user, { action: "referral.work" }) ? referralNavCounts(user.organizationId) : null,
    can(user, { action: "discussion.browse" }) ? unreadTotal(user) : null,
  ]);
  return json({
    user: {
      name: user.name,
      organizationName: user.organizationName,
      roleLabel: user.isPlatformAdmin ? "Plattform-Administration" : memberRoleLabels[user.role],
    },
    nav: {
      members: can(user, {
        action: "organization.manageMembers",
        organizationId: user.organizationId,
      }),
      services: can(user, { action: "services.manage", organizationId: user.organizationId }),
      referrals: referralCounts,
      discussions: unreadDiscussions === null ? null : { unread: unreadDiscussions },
      events: can(user, { action: "event.browse" }),
      courses: can(user, { action: "course.browse" }),
      administration: can(user, { action: "network.create" }),
    },
    submissionKey: newSubmissionKey(),
  });
}

/** Whenever a referral of the organisation changes, every open page reloads its data. */
function RevalidateOnReferralChange() {
  const revalidator = useRevalidator();
  useLiveEvent("referral:changed", () => revalidator.revalidate());
  return null;
}

/** Activity in discussions updates the unread counts; bursts of posts cause one reload. */
function RevalidateOnDiscussionActivity() {
  const revalidator = useRevalidator();
  const latest = useRef(revalidator);
  latest.current = revalidator;
  const timer = useRef<number | undefined>(undefined);
  useLiveEvent("discussion:activity", () => {
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => latest.current.revalidate(), 1_000);
  });
  useEffect(() => () => window.clearTimeout(timer.current), []);
  return null;
}

type NavData = SerializeFrom<typeof loader>["nav"];

interface NavItem {
  to: string;
  label: ReactNode;
  end?: boolean;
}

/** A navigation entry's label with the number of things waiting there. */
function withCount(text: string, count: number, what: string) {
  return (
    <>
      {text} <CountBadge count={count} label={what} />
    </>
  );
}

/** The main navigation: the areas this user may use, in a fixed order, with their counts. */
function navItems(nav: NavData): NavItem[] {
  const referrals = nav.referrals;
  const items: (NavItem | false | null)[] = [
    { to: "/netzwerk", label: "Mein Netzwerk" },
    { to: "/ideen", label: "Ideenbörse" },
    nav.discussions && {
      to: "/diskussionen",
      label: withCount("Diskussionen", nav.discussions.unread, "ungelesen"),
    },
    nav.events && { to: "/veranstaltungen", label: "Veranstaltungen" },
    nav.courses && { to: "/massnahmen", label: "Maßnahmen-Pool" },
    referrals && {
      to: "/uebergaben/eingang",
      label: withCount("Eingang", referrals.unanswered, "unbeantwortet"),
    },
    referrals && {
      to: "/uebergaben/gesendet",
      label: withCount("Gesendet", referrals.overdueSent, "überfällig"),
    },
    { to: "/organisation", label: "Meine Organisation", end: true },
    nav.members && { to: "/organisation/mitglieder", label: "Mitglieder" },
    nav.services && { to: "/angebote", label: "Angebote" },
    nav.administration && { to: "/verwaltung/netzwerke", label: "Netzwerke verwalten" },
    { to: "/postausgang", label: "Postausgang" },
  ];
  return items.filter((item): item is NavItem => !!item);
}

function AppFrame({ children }: { children: React.ReactNode }) {
  const data = useLoaderData<typeof loader>();
  const flash = useRootData()?.flash ?? null;
  return (
    <>
      <header className="site-header">
        <div className="site-header__inner">
          <NavLink to="/netzwerk" className="brand">
            Netzwerke ABC
          </NavLink>
          <nav aria-label="Hauptnavigation" className="main-nav">
            <ul>
              {navItems(data.nav).map((item) => (
                <li key={item.to}>
                  <NavLink to={item.to} end={item.end}>
                    {item.label}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
          <div className="user-box">
            <p>
              <span className="user-box__name">{data.user.name}</span>
              <span className="user-box__meta">
                {data.user.roleLabel} · {data.user.organizationName}
              </span>
            </p>
            <Form method="post" action="/abmelden">
              <button type="submit" className="button button--secondary">
                Abmelden
              </button>
            </Form>
          </div>
        </div>
      </header>
      <main id="inhalt" className="page" tabIndex={-1}>
        {children}
      </main>
      <Toasts flash={flash} />
    </>
  );
}

export default function AppLayout() {
  return (
    <LiveConnectionProvider>
      <RevalidateOnReferralChange />
      <RevalidateOnDiscussionActivity />
      <AppFrame>
        <Outlet />
      </AppFrame>
    </LiveConnectionProvider>
  );
}

export function ErrorBoundary() {
  return <PageErrorBoundary />;
}
