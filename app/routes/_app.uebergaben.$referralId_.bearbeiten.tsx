import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/request.server";
import { draftReferralForm, submitReferralForm } from "~/referrals/form-page.server";
import { ReferralEditor } from "~/referrals/referral-editor";
import { requireDraft } from "~/referrals/referral-parties.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { SubPage } from "~/ui/sub-page";

export const meta: MetaFunction = () => [{ title: "Entwurf bearbeiten – Netzwerke ABC" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const draft = await requireDraft(user, params.referralId);
  return json({ referralId: draft.id, ...(await draftReferralForm(user, draft)) });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const draft = await requireDraft(user, params.referralId);
  return submitReferralForm(request, user, draft.id);
}

export default function EditDraftPage() {
  const { referralId, ...editor } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <SubPage
      backTo={`/uebergaben/${referralId}`}
      backLabel="Zurück zur Übergabe"
      title="Entwurf bearbeiten"
    >
      <ReferralEditor {...editor} actionData={actionData} />
    </SubPage>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
