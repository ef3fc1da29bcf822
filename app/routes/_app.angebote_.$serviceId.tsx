import { clientIp } from "~/request-context.server";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { notFound } from "~/auth/permissions.server";
import { requireUser } from "~/auth/request.server";
import { serviceFormValues, serviceMultiValued, serviceSchema } from "~/directory/service-form";
import { requireOwnService, updateService } from "~/directory/services.server";
import { redirectWithFlash } from "~/flash.server";
import { parseSubmission } from "~/form-schema";
import { readForm, rejectSubmission } from "~/forms.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { SubPage } from "~/ui/sub-page";
import { ServiceForm } from "./__service-form";

export const meta: MetaFunction = () => [{ title: "Angebot bearbeiten – Netzwerke ABC" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const service = await requireOwnService(user, params.serviceId);
  return json({ name: service.name, defaultValue: serviceFormValues(service) });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const service = await requireOwnService(user, params.serviceId);
  const form = await readForm(request, { multiValued: serviceMultiValued });
  if (!form.ok) return form.response;
  const submission = parseSubmission(form.formData, serviceSchema);
  if (submission.status !== "success") return rejectSubmission(submission);
  if (!(await updateService(user, service.id, submission.value, clientIp()))) {
    throw notFound();
  }
  return redirectWithFlash("/angebote", "serviceSaved");
}

export default function EditServicePage() {
  const { name, defaultValue } = useLoaderData<typeof loader>();
  return (
    <SubPage
      backTo="/angebote"
      backLabel="Zurück zu den Angeboten"
      title={`Angebot bearbeiten: ${name}`}
      className="stack-lg page--narrow"
    >
      <ServiceForm
        defaultValue={defaultValue}
        className="card stack"
        submitLabel="Angebot speichern"
        pendingLabel="Wird gespeichert …"
      />
    </SubPage>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
