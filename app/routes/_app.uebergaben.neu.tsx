import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/request.server";
import { newReferralForm, submitReferralForm } from "~/referrals/form-page.server";
import { ReferralEditor } from "~/referrals/referral-editor";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { SubPage } from "~/ui/sub-page";

export const meta: MetaFunction = () => [{ title: "Neue Übergabe – Netzwerke ABC" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const preselected = new URL(request.url).searchParams.get("angebot");
  return json(await newReferralForm(user, preselected));
}

export async function action({ request }: ActionFunctionArgs) {
  return submitReferralForm(request, await requireUser(request));
}

export default function NewReferralPage() {
  const editor = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <SubPage
      backTo="/uebergaben/gesendet"
      backLabel="Zu den gesendeten Übergaben"
      title="Neue Übergabe"
    >
      {editor.services.length === 0 ? (
        <p className="card">
          In Ihren Netzwerken nimmt derzeit kein Angebot einer anderen Organisation Übergaben an.
          Bitten Sie die Partner, ihre Angebote unter „Angebote“ zu beschreiben.
        </p>
      ) : (
        <ReferralEditor {...editor} actionData={actionData} />
      )}
    </SubPage>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
