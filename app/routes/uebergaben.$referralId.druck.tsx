import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/request.server";
import { loadReferralForViewer } from "~/referrals/detail-page.server";
import { ReferralFacts, ReferralTimeline } from "~/referrals/referral-summary";
import { statusLabels } from "~/referrals/texts";
import { PageErrorBoundary } from "~/ui/error-boundary";
import { formatDateTime } from "~/ui/format";

export const meta: MetaFunction = () => [{ title: "Übergabe drucken – Netzwerke ABC" }];

/** One A4 page for the paper file: no navigation, the same facts the viewer sees on screen. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const detail = await loadReferralForViewer(user, params.referralId, "referral.printed");
  return json({ detail, printedAt: new Date().toISOString() });
}

export default function ReferralPrintPage() {
  const { detail, printedAt } = useLoaderData<typeof loader>();
  return (
    <main id="inhalt" className="print-sheet stack">
      <p className="no-print actions">
        <button type="button" className="button" onClick={() => window.print()}>
          Drucken
        </button>
        <Link to={`/uebergaben/${detail.referral.id}`}>Zurück zur Übergabe</Link>
      </p>
      <h1>
        Übergabe: {detail.referral.pseudonym ?? "anonymisiert"} –{" "}
        {statusLabels[detail.referral.status]}
      </h1>
      <p className="muted">
        Netzwerke ABC · gedruckt am {formatDateTime(printedAt)} · vertraulich (Sozialdaten, § 67 ff.
        SGB X)
      </p>
      <ReferralFacts detail={detail} />
      <ReferralTimeline detail={detail} />
    </main>
  );
}

export function ErrorBoundary() {
  return <PageErrorBoundary />;
}
