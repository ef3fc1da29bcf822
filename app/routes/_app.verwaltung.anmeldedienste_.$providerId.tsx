import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { authorize, notFound } from "~/auth/permissions.server";
import { requireUser } from "~/auth/request.server";
import type { CurrentUser } from "~/auth/session.server";
import { redirectWithFlash } from "~/flash.server";
import { parseSubmission } from "~/form-schema";
import { readForm, rejectSubmission, unhandledIntent } from "~/forms.server";
import { requireUuid } from "~/params.server";
import { clientIp } from "~/request-context.server";
import { providerIntents, providerSchema } from "~/sso/provider-form";
import { ProviderFields } from "~/sso/provider-view";
import {
  findProvider,
  listOrganizationChoices,
  providerEndpoints,
  saveProvider,
  setProviderEnabled,
} from "~/sso/providers.server";
import { CardSection } from "~/ui/card-section";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { IntentForm, SubmitButton, useBusyIntent } from "~/ui/intent-form";
import { usePortalForm } from "~/ui/portal-form";
import { SubPage } from "~/ui/sub-page";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.provider.displayName ?? "Anmeldedienst"} – Netzwerke ABC` },
];

/** Only the platform admin learns anything here, even whether the provider exists. */
async function requireProvider(user: CurrentUser, idParam: string | undefined, ip: string | null) {
  await authorize(user, { action: "identityProvider.manage" }, ip);
  const provider = await findProvider(requireUuid(idParam));
  if (!provider) throw notFound();
  return provider;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const provider = await requireProvider(user, params.providerId, clientIp());
  return json({
    provider,
    endpoints: providerEndpoints(provider.id),
    organizations: await listOrganizationChoices(),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const ip = clientIp();
  const provider = await requireProvider(user, params.providerId, ip);
  const form = await readForm(request, { intents: providerIntents });
  if (!form.ok) return form.response;
  const here = `/verwaltung/anmeldedienste/${provider.id}`;
  switch (form.intent) {
    case "save": {
      const submission = parseSubmission(form.formData, providerSchema);
      if (submission.status !== "success") return rejectSubmission(submission);
      const result = await saveProvider(user, provider.id, submission.value, ip);
      if (!result.ok) {
        return rejectSubmission(submission, { fields: { [result.field]: result.message } });
      }
      return redirectWithFlash(here, "identityProviderSaved");
    }
    case "enable":
    case "disable": {
      const enabled = form.intent === "enable";
      await setProviderEnabled(user, provider.id, enabled, ip);
      return redirectWithFlash(
        here,
        enabled ? "identityProviderEnabled" : "identityProviderDisabled",
      );
    }
    default:
      return unhandledIntent(form.intent);
  }
}

export default function IdentityProviderPage() {
  const { provider, endpoints, organizations } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = usePortalForm({
    schema: providerSchema,
    actionData,
    intent: "save",
    defaultValue: {
      ...provider,
      clientSecret: "",
      allowedDomains: provider.allowedDomains.join("\n"),
    },
  });
  const busy = useBusyIntent();
  const toggle = provider.enabled ? "disable" : "enable";
  return (
    <SubPage
      backTo="/verwaltung/anmeldedienste"
      backLabel="Alle Anmeldedienste"
      title={provider.displayName}
    >
      <CardSection id="beim-anmeldedienst" title="Beim Anmeldedienst einzutragen">
        <dl className="stack">
          <div>
            <dt>Redirect-URI (Rückruf nach der Anmeldung)</dt>
            <dd>
              <code>{endpoints.redirectUri}</code>
            </dd>
          </div>
          <div>
            <dt>Back-Channel-Logout-URL</dt>
            <dd>
              <code>{endpoints.backchannelLogoutUri}</code>
            </dd>
          </div>
          <div>
            <dt>Adresse nach dem Abmelden (Post-Logout-Redirect-URI)</dt>
            <dd>
              <code>{endpoints.postLogoutRedirectUri}</code>
            </dd>
          </div>
        </dl>
      </CardSection>
      <CardSection id="status" title="Status">
        <p>
          {provider.enabled
            ? "Aktiv: Die Anmeldeseite zeigt „Anmelden mit …“ für diesen Dienst."
            : "Abgeschaltet: Niemand kann sich über diesen Dienst anmelden. Bestehende Sitzungen laufen bis zu ihrem Ende weiter."}
        </p>
        <IntentForm intent={toggle}>
          <SubmitButton
            pending={busy === toggle}
            pendingLabel="Wird gespeichert …"
            className={provider.enabled ? "button button--danger" : "button"}
          >
            {provider.enabled ? "Anmeldedienst abschalten" : "Anmeldedienst wieder einschalten"}
          </SubmitButton>
        </IntentForm>
      </CardSection>
      <CardSection id="einstellungen" title="Einstellungen ändern">
        <IntentForm intent="save" form={form} className="stack">
          <ProviderFields fields={fields} organizations={organizations} editing />
          <SubmitButton pending={busy === "save"} pendingLabel="Wird gespeichert …">
            Änderungen speichern
          </SubmitButton>
        </IntentForm>
      </CardSection>
    </SubPage>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
