import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { authorize } from "~/auth/permissions.server";
import { clientIp, requireUser } from "~/auth/request.server";
import { referableServiceOptions, submitReferralForm } from "~/referrals/form-page.server";
import { ReferralForm } from "~/referrals/referral-form";
import { berlinDate } from "~/referrals/working-days";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { feedbackFor } from "~/ui/form";

export const meta: MetaFunction = () => [{ title: "Neue Übergabe – Netzwerke ABC" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  await authorize(user, { action: "referral.work" }, clientIp(request));
  const services = await referableServiceOptions(user);
  const preselected = new URL(request.url).searchParams.get("angebot") ?? "";
  const service = services.find((candidate) => candidate.id === preselected);
  return json({
    services,
    initial: {
      serviceId: service?.id ?? "",
      pseudonym: "",
      ageBand: "",
      needs: service ? [service.category] : [],
      reason: "",
      urgency: "normal",
      contactPreference: "telefon",
      consentObtainedBy: user.name,
      consentObtainedOn: berlinDate(new Date()),
      consentForm: "",
      consentOrganizationId: service?.organizationId ?? "",
      consentPurpose: "",
      consentValidUntil: "",
      consentCoversFeedback: false,
    },
  });
}

export async function action({ request }: ActionFunctionArgs) {
  return submitReferralForm(request, await requireUser(request));
}

export default function NewReferralPage() {
  const { services, initial } = useLoaderData<typeof loader>();
  const feedback = feedbackFor(useActionData<typeof action>());
  return (
    <div className="stack-lg">
      <p>
        <Link to="/uebergaben/gesendet">← Zu den gesendeten Übergaben</Link>
      </p>
      <h1>Neue Übergabe</h1>
      {services.length === 0 ? (
        <p className="card">
          In Ihren Netzwerken nimmt derzeit kein Angebot einer anderen Organisation Übergaben an.
          Bitten Sie die Partner, ihre Angebote unter „Angebote“ zu beschreiben.
        </p>
      ) : (
        <ReferralForm services={services} feedback={feedback} initial={initial} />
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
