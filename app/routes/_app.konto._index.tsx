import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import {
  accountPageIntents,
  emailChangeSchema,
  passwordChangeSchema,
  profileSchema,
} from "~/account/account-forms";
import { accountTexts } from "~/account/account-texts";
import { requestEmailChange } from "~/account/email-change.server";
import { changePassword, loadAccount, updateProfile } from "~/account/profile.server";
import { notFound } from "~/auth/permissions.server";
import { requireUser } from "~/auth/request.server";
import { redirectWithFlash } from "~/flash.server";
import { parseSubmission } from "~/form-schema";
import { readForm, rejectSubmission, unhandledIntent } from "~/forms.server";
import { clientIp } from "~/request-context.server";
import { CardSection } from "~/ui/card-section";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { NewPasswordFields, TextField } from "~/ui/form";
import { formatDateTime } from "~/ui/format";
import { IntentForm, SubmitButton, useBusyIntent } from "~/ui/intent-form";
import { usePortalForm } from "~/ui/portal-form";

export const meta: MetaFunction = () => [{ title: "Mein Konto – Netzwerke ABC" }];

const here = "/konto";

/** Only the session's own person: there is no way to name another account here. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const account = await loadAccount(user.id);
  if (!account) throw notFound();
  return json({ account });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await readForm(request, { intents: accountPageIntents });
  if (!form.ok) return form.response;
  const ip = clientIp();

  switch (form.intent) {
    case "profile": {
      const submission = parseSubmission(form.formData, profileSchema);
      if (submission.status !== "success") return rejectSubmission(submission);
      await updateProfile(user, submission.value, ip);
      return redirectWithFlash(here, "accountProfileSaved");
    }
    case "email": {
      const submission = parseSubmission(form.formData, emailChangeSchema);
      if (submission.status !== "success") return rejectSubmission(submission);
      const result = await requestEmailChange(user, submission.value, ip);
      if (!result.ok) return rejectSubmission(submission, result.rejection, result.status);
      return redirectWithFlash(here, "emailChangeRequested");
    }
    case "password": {
      const submission = parseSubmission(form.formData, passwordChangeSchema);
      if (submission.status !== "success") return rejectSubmission(submission);
      const result = await changePassword(user, submission.value, ip);
      if (!result.ok) return rejectSubmission(submission, result.rejection, result.status);
      return redirectWithFlash(here, "passwordChanged");
    }
    default:
      return unhandledIntent(form.intent);
  }
}

export default function AccountProfilePage() {
  const { account } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [profile, profileFields] = usePortalForm({
    schema: profileSchema,
    actionData,
    intent: "profile",
    defaultValue: account,
  });
  const [email, emailFields] = usePortalForm({
    schema: emailChangeSchema,
    actionData,
    intent: "email",
  });
  const [password, passwordFields] = usePortalForm({
    schema: passwordChangeSchema,
    actionData,
    intent: "password",
  });
  const busy = useBusyIntent();

  return (
    <>
      <CardSection id="profil" title="Profil">
        <p>So sehen Sie die anderen Mitglieder Ihres Netzwerks, z. B. in Diskussionen.</p>
        <IntentForm intent="profile" form={profile} className="stack">
          <TextField field={profileFields.name} label="Name" autoComplete="name" required />
          <TextField
            field={profileFields.jobTitle}
            label="Funktion"
            hint="Zum Beispiel „Integrationsfachkraft“ oder „Schuldnerberater“."
            autoComplete="organization-title"
          />
          <TextField
            field={profileFields.phone}
            type="tel"
            label="Telefon"
            hint="Dienstliche Nummer, unter der Kolleginnen und Kollegen Sie erreichen."
            autoComplete="tel"
          />
          <SubmitButton pending={busy === "profile"} pendingLabel="Wird gespeichert …">
            Angaben speichern
          </SubmitButton>
        </IntentForm>
      </CardSection>

      <CardSection id="e-mail" title="E-Mail-Adresse">
        <p>
          Sie melden sich mit <strong>{account.email}</strong> an; die E-Mails des Portals gehen an
          diese Adresse.
        </p>
        {account.pendingEmail ? (
          <p className="alert" role="status">
            Bestätigung ausstehend: Wir haben einen Link an{" "}
            <strong>{account.pendingEmail.newEmail}</strong> geschickt (gültig bis{" "}
            {formatDateTime(account.pendingEmail.expiresAt)} Uhr). Erst wenn Sie ihn öffnen, gilt
            die neue Adresse.
          </p>
        ) : null}
        <IntentForm intent="email" form={email} className="stack">
          <TextField
            field={emailFields.email}
            type="email"
            label="Neue E-Mail-Adresse"
            hint="Sie erhalten dort einen Link, der 24 Stunden gültig ist. Ihre bisherige Adresse wird über die Änderung informiert."
            autoComplete="email"
            required
          />
          {account.signsInWithPassword ? (
            <TextField
              field={emailFields.currentPassword}
              type="password"
              label="Ihr Passwort"
              hint="Zur Sicherheit: Mit der neuen Adresse ließe sich auch das Passwort neu setzen."
              autoComplete="current-password"
              required
            />
          ) : null}
          <SubmitButton pending={busy === "email"} pendingLabel="Link wird verschickt …">
            Bestätigungslink senden
          </SubmitButton>
        </IntentForm>
      </CardSection>

      <CardSection id="passwort" title="Passwort">
        {account.signsInWithPassword ? (
          <>
            <p>Nach der Änderung werden alle anderen Sitzungen Ihres Kontos beendet.</p>
            <IntentForm intent="password" form={password} className="stack">
              {/* Not sent: it tells password managers which account the new password belongs to. */}
              <input type="email" hidden autoComplete="username" value={account.email} readOnly />
              <TextField
                field={passwordFields.currentPassword}
                type="password"
                label="Bisheriges Passwort"
                autoComplete="current-password"
                required
              />
              <NewPasswordFields
                password={passwordFields.newPassword}
                confirmation={passwordFields.passwordConfirmation}
                label="Neues Passwort"
              />
              <SubmitButton pending={busy === "password"} pendingLabel="Wird geändert …">
                Passwort ändern
              </SubmitButton>
            </IntentForm>
          </>
        ) : (
          <p>{accountTexts.noPassword}</p>
        )}
      </CardSection>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
