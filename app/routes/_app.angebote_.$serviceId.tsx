import { clientIp } from "~/request-context.server";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { notFound } from "~/auth/permissions.server";
import { requireUser } from "~/auth/request.server";
import { ServiceFields } from "~/directory/service-fields";
import { serviceFormValues, serviceMultiValued, serviceSchema } from "~/directory/service-form";
import { requireOwnService, updateService } from "~/directory/services.server";
import { redirectWithFlash } from "~/flash.server";
import { parseSubmission } from "~/form-schema";
import { readForm, rejectSubmission } from "~/forms.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { FormErrorSummary } from "~/ui/form";
import { formProps, usePortalForm } from "~/ui/portal-form";

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
  const [form, fields] = usePortalForm({
    schema: serviceSchema,
    actionData: useActionData<typeof action>(),
    defaultValue,
  });
  const submitting = useNavigation().state === "submitting";
  return (
    <div className="stack-lg page--narrow">
      <p>
        <Link to="/angebote">← Zurück zu den Angeboten</Link>
      </p>
      <h1>Angebot bearbeiten: {name}</h1>
      <Form method="post" className="card stack" {...formProps(form)}>
        <FormErrorSummary form={form} />
        <ServiceFields fields={fields} />
        <button type="submit" className="button" disabled={submitting}>
          {submitting ? "Wird gespeichert …" : "Angebot speichern"}
        </button>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
