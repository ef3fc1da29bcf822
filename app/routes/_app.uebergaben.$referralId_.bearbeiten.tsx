import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { authorize, notFound } from "~/auth/permissions.server";
import { clientIp, requireUser } from "~/auth/request.server";
import { requireUuid } from "~/params.server";
import { referableServiceOptions, submitReferralForm } from "~/referrals/form-page.server";
import { ReferralForm } from "~/referrals/referral-form";
import { getReferralForSide } from "~/referrals/referral-detail.server";
import { getReferralParties } from "~/referrals/referral-parties.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { feedbackFor } from "~/ui/form";

export const meta: MetaFunction = () => [{ title: "Entwurf bearbeiten – Netzwerke ABC" }];

async function requireDraft(request: Request, referralIdParam: string | undefined) {
  const user = await requireUser(request);
  const referralId = requireUuid(referralIdParam);
  const referral = await getReferralParties(referralId);
  if (!referral) throw notFound();
  await authorize(user, { action: "referral.editDraft", referral }, clientIp(request));
  // Only a draft can be edited; afterwards the detail page shows what happened.
  if (referral.status !== "draft") throw redirect(`/uebergaben/${referralId}`);
  return { user, referralId };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, referralId } = await requireDraft(request, params.referralId);
  const [detail, services] = await Promise.all([
    getReferralForSide(referralId, "sender"),
    referableServiceOptions(user),
  ]);
  if (!detail) throw notFound();
  const { referral, consent } = detail;
  return json({
    referralId,
    services,
    initial: {
      serviceId: referral.serviceId,
      pseudonym: referral.pseudonym ?? "",
      ageBand: referral.ageBand,
      needs: referral.needs,
      reason: referral.reason ?? "",
      urgency: referral.urgency,
      contactPreference: referral.contactPreference,
      consentObtainedBy: consent?.obtainedBy ?? user.name,
      consentObtainedOn: consent?.obtainedOn ?? "",
      consentForm: consent?.form ?? "",
      consentOrganizationId: consent?.organizationId ?? "",
      consentPurpose: consent?.purpose ?? "",
      consentValidUntil: consent?.validUntil ?? "",
      consentCoversFeedback: consent?.coversFeedback ?? false,
    },
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, referralId } = await requireDraft(request, params.referralId);
  return submitReferralForm(request, user, referralId);
}

export default function EditDraftPage() {
  const { referralId, services, initial } = useLoaderData<typeof loader>();
  const feedback = feedbackFor(useActionData<typeof action>());
  return (
    <div className="stack-lg">
      <p>
        <Link to={`/uebergaben/${referralId}`}>← Zurück zur Übergabe</Link>
      </p>
      <h1>Entwurf bearbeiten</h1>
      <ReferralForm services={services} feedback={feedback} initial={initial} />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
