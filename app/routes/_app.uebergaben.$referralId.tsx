import { clientIp } from "~/request-context.server";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/request.server";
import { attachedPostCount } from "~/discussions/attached.server";
import { attachedTexts } from "~/discussions/page-texts";
import { redirectWithFlash } from "~/flash.server";
import { parseSubmission } from "~/form-schema";
import { readForm, rejectSubmission } from "~/forms.server";
import { absoluteUrl } from "~/mail/mail.server";
import { mailLimitReached } from "~/rate-limits.server";
import { loadReferralForViewer } from "~/referrals/detail-page.server";
import { OutdatedActionMessage, ReferralActions } from "~/referrals/referral-actions";
import { requireReferral } from "~/referrals/referral-parties.server";
import { ReferralFacts, ReferralTimeline } from "~/referrals/referral-summary";
import { transitionNames, type TransitionName } from "~/referrals/state-machine";
import { StatusBadge } from "~/referrals/status-badge";
import { transitionSchemas } from "~/referrals/transition-form";
import { transitionReferral } from "~/referrals/transition-referral.server";
import { CardSection } from "~/ui/card-section";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import type { FlashKey } from "~/ui/flash-messages";

export const meta: MetaFunction = () => [{ title: "Übergabe – Netzwerke ABC" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const detail = await loadReferralForViewer(user, params.referralId, "referral.viewed");
  const discussionPosts = await attachedPostCount({
    kind: "referral",
    referralId: detail.referral.id,
  });
  return json({ detail, discussionPosts });
}

const flashAfter: Record<TransitionName, FlashKey> = {
  send: "referralSent",
  accept: "referralAccepted",
  decline: "referralDeclined",
  start: "referralStarted",
  complete: "referralCompleted",
  withdraw: "referralWithdrawn",
  revokeConsent: "referralConsentRevoked",
};

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  // Which action was asked for decides who may take it: the form is read first.
  const form = await readForm(request, { intents: transitionNames });
  if (!form.ok) return form.response;
  const { intent } = form;
  const referral = await requireReferral(user, params.referralId, { transition: intent });
  const submission = parseSubmission(form.formData, transitionSchemas[intent]);
  const ip = clientIp();
  const tooMany = await mailLimitReached("notifyingChanges", user.id, ip);
  if (tooMany) return rejectSubmission(submission, { form: tooMany }, 429);
  if (submission.status !== "success") return rejectSubmission(submission);
  const result = await transitionReferral(user, referral.id, intent, submission.value as never, {
    ip,
    linkFor: (id) => absoluteUrl(`/uebergaben/${id}`),
  });
  if (!result.ok) return rejectSubmission(submission, { form: result.message });
  return redirectWithFlash(`/uebergaben/${referral.id}`, flashAfter[intent]);
}

export default function ReferralPage() {
  const { detail, discussionPosts } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { referral } = detail;
  const backTo = detail.side === "sender" ? "/uebergaben/gesendet" : "/uebergaben/eingang";
  const receiverNoteHidden = detail.secrecy.bound && !detail.secrecy.senderSeesNotes;

  return (
    <div className="stack-lg">
      <p>
        <Link to={backTo}>
          ← {detail.side === "sender" ? "Zu den gesendeten Übergaben" : "Zum Eingang"}
        </Link>
      </p>
      <div className="stack">
        <h1>Übergabe: {referral.pseudonym ?? "anonymisiert"}</h1>
        <p>
          <StatusBadge status={referral.status} overdue={referral.overdue} />{" "}
          {referral.overdue ? <span>Die zugesagte Antwortfrist ist abgelaufen.</span> : null}
        </p>
        <p>
          <Link to={`/uebergaben/${referral.id}/druck`}>Druckansicht (A4) öffnen</Link>
        </p>
      </div>
      <OutdatedActionMessage actionData={actionData} actions={detail.actions} />
      {detail.side === "sender" && receiverNoteHidden ? (
        <p className="alert">
          {detail.receiver.name} unterliegt der Schweigepflicht (§ 203 StGB). Sie sehen Status,
          Termine und das Ergebnis. Inhaltliche Notizen der Beratungsstelle bleiben dort, weil die
          Einwilligung sie nicht umfasst.
        </p>
      ) : null}
      <div className="columns">
        <div className="card stack">
          <ReferralFacts detail={detail} />
        </div>
        <div className="stack-lg">
          <ReferralActions
            referralId={referral.id}
            actions={detail.actions}
            actionData={actionData}
            receiverNoteHidden={receiverNoteHidden}
          />
          <div className="card">
            <ReferralTimeline detail={detail} />
          </div>
          <CardSection id="diskussion" title={attachedTexts.heading}>
            <p>{attachedTexts.count(discussionPosts)}</p>
            <p className="muted">{attachedTexts.referralHint}</p>
            <p>
              <Link to={`/diskussionen/zu/uebergabe/${referral.id}`}>{attachedTexts.link}</Link>
            </p>
          </CardSection>
        </div>
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
