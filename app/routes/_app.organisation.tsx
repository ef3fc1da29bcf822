import { clientIp } from "~/request-context.server";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { organizationSignInSchema, secondFactorTexts } from "~/account/second-factor-form";
import { authorize, can, notFound } from "~/auth/permissions.server";
import { requireUser } from "~/auth/request.server";
import { redirectWithFlash } from "~/flash.server";
import { parseSubmission } from "~/form-schema";
import { readForm, rejectSubmission } from "~/forms.server";
import { organizationProfileSchema } from "~/organizations/organization-form";
import { getOrganization, updateOrganizationProfile } from "~/organizations/organizations.server";
import { OrganizationProfileView } from "~/organizations/profile-view";
import {
  organizationSignInSettings,
  saveOrganizationSignInSettings,
} from "~/organizations/sign-in-settings.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { CheckboxField } from "~/ui/form";
import { IntentForm, SubmitButton, useBusyIntent } from "~/ui/intent-form";
import { usePortalForm } from "~/ui/portal-form";

export const meta: MetaFunction = () => [{ title: "Meine Organisation – Netzwerke ABC" }];

/** The form of the sign-in switches; the profile form sends no intent. */
const SIGN_IN_INTENT = "signIn";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const organization = await getOrganization(user.organizationId);
  if (!organization) throw notFound();
  const canEdit = can(user, { action: "organization.edit", organizationId: user.organizationId });
  return json({
    organization,
    canEdit,
    signIn: canEdit ? await organizationSignInSettings(user.organizationId) : null,
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const ip = clientIp();
  await authorize(user, { action: "organization.edit", organizationId: user.organizationId }, ip);
  const form = await readForm(request);
  if (!form.ok) return form.response;
  if (form.formData.get("intent") === SIGN_IN_INTENT) {
    const submission = parseSubmission(form.formData, organizationSignInSchema);
    if (submission.status !== "success") return rejectSubmission(submission);
    const result = await saveOrganizationSignInSettings(
      user,
      user.organizationId,
      submission.value,
      ip,
    );
    if (!result.ok) {
      return rejectSubmission(submission, {
        fields: { requireSso: secondFactorTexts.ssoNeedsProvider },
      });
    }
    return redirectWithFlash("/organisation", "signInSettingsSaved");
  }
  const submission = parseSubmission(form.formData, organizationProfileSchema);
  if (submission.status !== "success") return rejectSubmission(submission);
  await updateOrganizationProfile(user, user.organizationId, submission.value, ip);
  return redirectWithFlash("/organisation", "profileSaved");
}

export default function OrganizationPage() {
  const { signIn } = useLoaderData<typeof loader>();
  return (
    <div className="stack-lg">
      <OrganizationProfileView />
      {signIn ? <SignInSettings settings={signIn} /> : null}
    </div>
  );
}

function SignInSettings({
  settings,
}: {
  settings: { requireSecondFactor: boolean; requireSso: boolean; identityProviders: string[] };
}) {
  const busy = useBusyIntent();
  const [form, fields] = usePortalForm({
    schema: organizationSignInSchema,
    actionData: useActionData<typeof action>(),
    intent: SIGN_IN_INTENT,
    defaultValue: {
      requireSecondFactor: settings.requireSecondFactor ? "on" : undefined,
      requireSso: settings.requireSso ? "on" : undefined,
    },
  });
  const providers = settings.identityProviders;
  const ssoError = fields.requireSso.errors?.[0];
  return (
    <section className="card stack" aria-labelledby="anmeldung">
      <h2 id="anmeldung">Anmeldung Ihrer Mitglieder</h2>
      <IntentForm intent={SIGN_IN_INTENT} form={form} className="stack">
        <CheckboxField
          field={fields.requireSecondFactor}
          label="Zweiter Faktor für alle Mitglieder verlangen"
          hint="Wer noch keinen zweiten Faktor hat, wird bei seinem nächsten Seitenaufruf zur Einrichtung geführt – auch Sie selbst. Wer sich über einen Anmeldedienst anmeldet, ist davon ausgenommen."
        />
        {providers.length > 0 || settings.requireSso ? (
          <CheckboxField
            field={fields.requireSso}
            label="Anmeldung nur über Anmeldedienst (SSO) verlangen"
            hint={`Ihre Mitglieder melden sich dann nur noch über ${providers.join(" oder ") || "den Anmeldedienst"} an; die Anmeldung mit Passwort wird abgelehnt.`}
          />
        ) : (
          <p className="muted" id="sso-hinweis">
            Anmeldung nur über einen Anmeldedienst (SSO): Für Ihre Organisation ist kein
            Anmeldedienst eingerichtet. Die Plattform-Administration kann einen Anmeldedienst (z. B.
            den Keycloak Ihres Landkreises) einrichten; danach können Sie ihn hier verbindlich
            machen.
          </p>
        )}
        {ssoError ? (
          <p className="field__error" id="requireSso-fehler">
            {ssoError}
          </p>
        ) : null}
        <SubmitButton pending={busy === SIGN_IN_INTENT} pendingLabel="Wird gespeichert …">
          Anmeldung speichern
        </SubmitButton>
      </IntentForm>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
