import type { LoaderFunctionArgs, SerializeFrom } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Outlet, useLoaderData, useRevalidator } from "@remix-run/react";
import { useEffect, useRef } from "react";
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
import { SiteHeader, type NavItem } from "~/ui/site-header";

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
      signInAdministration: can(user, { action: "signInPolicy.manage" }),
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
    nav.signInAdministration && { to: "/verwaltung/anmeldung", label: "Anmeldung" },
    { to: "/postausgang", label: "Postausgang" },
  ];
  return items.filter((item): item is NavItem => !!item);
}

function AppFrame({ children }: { children: React.ReactNode }) {
  const data = useLoaderData<typeof loader>();
  const flash = useRootData()?.flash ?? null;
  return (
    <>
      <SiteHeader navigation={navItems(data.nav)} user={data.user} />
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
