import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { authorize } from "~/auth/permissions.server";
import { requireUser } from "~/auth/request.server";
import { redirectWithFlash } from "~/flash.server";
import { parseSubmission } from "~/form-schema";
import { readForm, rejectSubmission } from "~/forms.server";
import { clientIp } from "~/request-context.server";
import { providerSchema } from "~/sso/provider-form";
import { ProviderFields } from "~/sso/provider-view";
import { listOrganizationChoices, listProviders, saveProvider } from "~/sso/providers.server";
import { CardSection } from "~/ui/card-section";
import { DataTable } from "~/ui/data-table";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { IntentForm, SubmitButton, useBusyIntent } from "~/ui/intent-form";
import { usePortalForm } from "~/ui/portal-form";

export const meta: MetaFunction = () => [{ title: "Anmeldedienste – Netzwerke ABC" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  await authorize(user, { action: "identityProvider.manage" }, clientIp());
  const [providers, organizations] = await Promise.all([
    listProviders(),
    listOrganizationChoices(),
  ]);
  return json({ providers, organizations });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const ip = clientIp();
  await authorize(user, { action: "identityProvider.manage" }, ip);
  const form = await readForm(request, { intents: ["save"] });
  if (!form.ok) return form.response;
  const submission = parseSubmission(form.formData, providerSchema);
  if (submission.status !== "success") return rejectSubmission(submission);
  const result = await saveProvider(user, null, submission.value, ip);
  if (!result.ok) {
    return rejectSubmission(submission, { fields: { [result.field]: result.message } });
  }
  // Its own page shows the addresses to enter at the provider.
  return redirectWithFlash(`/verwaltung/anmeldedienste/${result.id}`, "identityProviderSaved");
}

export default function IdentityProvidersPage() {
  const { providers, organizations } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = usePortalForm({ schema: providerSchema, actionData, intent: "save" });
  const busy = useBusyIntent();
  return (
    <div className="stack-lg">
      <h1>Anmeldedienste (Single Sign-on)</h1>
      <p>
        Über einen Anmeldedienst (OpenID Connect, z. B. Keycloak) melden sich die Mitglieder einer
        Organisation mit dem Konto an, das sie schon haben. Der zweite Faktor ist dann Sache des
        Anmeldedienstes.
      </p>
      <CardSection id="anmeldedienste" title={`Eingerichtete Anmeldedienste (${providers.length})`}>
        {providers.length === 0 ? (
          <p>Noch kein Anmeldedienst eingerichtet. Legen Sie unten den ersten an.</p>
        ) : (
          <DataTable
            label="Anmeldedienste"
            columns={["Name", "Organisation", "E-Mail-Domains", "Unbekannte Personen", "Status"]}
          >
            {providers.map((provider) => (
              <tr key={provider.id}>
                <th scope="row">
                  <Link to={`/verwaltung/anmeldedienste/${provider.id}`}>
                    {provider.displayName}
                  </Link>
                </th>
                <td>{provider.organizationName}</td>
                <td>{provider.allowedDomains.join(", ")}</td>
                <td>{provider.createsUnknownUsers ? "werden angelegt" : "werden abgewiesen"}</td>
                <td>{provider.enabled ? "aktiv" : "abgeschaltet"}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </CardSection>
      <CardSection id="neuer-anmeldedienst" title="Neuen Anmeldedienst einrichten">
        <IntentForm intent="save" form={form} className="stack">
          <ProviderFields fields={fields} organizations={organizations} editing={false} />
          <SubmitButton pending={busy === "save"} pendingLabel="Wird gespeichert …">
            Anmeldedienst speichern
          </SubmitButton>
        </IntentForm>
      </CardSection>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
