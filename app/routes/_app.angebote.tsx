import { clientIp } from "~/request-context.server";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { authorize } from "~/auth/permissions.server";
import { requireUser } from "~/auth/request.server";
import { newServiceDefaults, serviceMultiValued, serviceSchema } from "~/directory/service-form";
import { createService, listOrganizationServices } from "~/directory/services.server";
import { redirectWithFlash } from "~/flash.server";
import { parseSubmission } from "~/form-schema";
import { readForm, rejectSubmission } from "~/forms.server";
import { serviceCategoryLabels } from "~/referrals/texts";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { submissionOf } from "~/submissions/submission-key.server";
import { ServiceForm } from "./__service-form";

export const meta: MetaFunction = () => [{ title: "Angebote – Netzwerke ABC" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  await authorize(
    user,
    { action: "services.manage", organizationId: user.organizationId },
    clientIp(),
  );
  return json({
    organizationName: user.organizationName,
    services: await listOrganizationServices(user.organizationId),
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const ip = clientIp();
  await authorize(user, { action: "services.manage", organizationId: user.organizationId }, ip);
  const form = await readForm(request, { multiValued: serviceMultiValued });
  if (!form.ok) return form.response;
  const submission = parseSubmission(form.formData, serviceSchema);
  if (submission.status !== "success") return rejectSubmission(submission);
  await createService(user, submission.value, ip, submissionOf(user.id, form.formData));
  return redirectWithFlash("/angebote", "serviceCreated");
}

export default function ServicesPage() {
  const { organizationName, services } = useLoaderData<typeof loader>();
  return (
    <div className="stack-lg">
      <h1>Angebote von {organizationName}</h1>
      <p className="lead">
        Hier beschreiben Sie, was Ihre Organisation dem Netzwerk anbietet. Fachkräfte anderer
        Organisationen im Netzwerk wählen diese Angebote, wenn sie eine Übergabe anlegen.
      </p>

      <section className="card stack" aria-labelledby="angebote-liste">
        <h2 id="angebote-liste">Ihre Angebote ({services.length})</h2>
        {services.length === 0 ? (
          <p>
            Noch keine Angebote. Legen Sie unten Ihr erstes Angebot an – erst dann kann Ihnen das
            Netzwerk Kundinnen und Kunden übergeben.
          </p>
        ) : (
          <ul className="org-list">
            {services.map((service) => (
              <li key={service.id}>
                <span className="org-list__name">{service.name}</span>
                <span className="badge">{serviceCategoryLabels[service.category]}</span>
                {[...service.targetGroups, ...service.languages].length > 0 ? (
                  <span className="muted">
                    {[...service.targetGroups, ...service.languages].join(" · ")}
                  </span>
                ) : null}
                <span>
                  {service.acceptsReferrals
                    ? `nimmt Übergaben an · Antwort in ${service.responseWorkingDays} Arbeitstagen`
                    : "nimmt derzeit keine Übergaben an"}
                </span>
                <Link to={`/angebote/${service.id}`} className="inline-form">
                  Bearbeiten<span className="visually-hidden">: {service.name}</span>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="card stack" aria-labelledby="angebot-neu">
        <h2 id="angebot-neu">Neues Angebot</h2>
        <ServiceForm
          defaultValue={newServiceDefaults}
          isNew
          className="stack"
          submitLabel="Angebot anlegen"
          pendingLabel="Angebot wird angelegt …"
        />
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
