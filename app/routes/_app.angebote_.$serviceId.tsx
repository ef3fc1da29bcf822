import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { authorize, notFound } from "~/auth/permissions.server";
import { clientIp, requireUser } from "~/auth/request.server";
import { ServiceFields } from "~/directory/service-fields";
import {
  listOrganizationServices,
  serviceMultiValuedFields,
  serviceSchema,
  updateService,
} from "~/directory/services.server";
import { redirectWithFlash } from "~/flash.server";
import { parseForm, readForm } from "~/forms.server";
import { requireUuid } from "~/params.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { feedbackFor, FormErrorSummary } from "~/ui/form";

export const meta: MetaFunction = () => [{ title: "Angebot bearbeiten – Netzwerke ABC" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  await authorize(
    user,
    { action: "services.manage", organizationId: user.organizationId },
    clientIp(request),
  );
  const serviceId = requireUuid(params.serviceId);
  const service = (await listOrganizationServices(user.organizationId)).find(
    (candidate) => candidate.id === serviceId,
  );
  if (!service) throw notFound();
  return json({ service });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const ip = clientIp(request);
  await authorize(user, { action: "services.manage", organizationId: user.organizationId }, ip);
  const serviceId = requireUuid(params.serviceId);
  const form = await readForm(request, { multiValued: serviceMultiValuedFields });
  if (!form.ok) return form.response;
  const parsed = parseForm(form.formData, serviceSchema, {
    multiValued: serviceMultiValuedFields,
  });
  if (!parsed.ok) return parsed.response;
  if (!(await updateService(user, serviceId, parsed.data, ip))) throw notFound();
  return redirectWithFlash("/angebote", "serviceSaved");
}

export default function EditServicePage() {
  const { service } = useLoaderData<typeof loader>();
  const feedback = feedbackFor(useActionData<typeof action>());
  const submitting = useNavigation().state === "submitting";
  return (
    <div className="stack-lg page--narrow">
      <p>
        <Link to="/angebote">← Zurück zu den Angeboten</Link>
      </p>
      <h1>Angebot bearbeiten: {service.name}</h1>
      <Form method="post" className="card stack" noValidate>
        <FormErrorSummary errors={feedback.errors} />
        <ServiceFields idPrefix="bearbeiten" feedback={feedback} service={service} />
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
