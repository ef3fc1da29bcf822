import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { passwordResetSchema } from "~/account/account-forms";
import { accountTexts } from "~/account/account-texts";
import { findOpenPasswordReset, resetPassword } from "~/account/password-reset.server";
import { redirectWithFlash } from "~/flash.server";
import { parseSubmission } from "~/form-schema";
import { readForm, rejectSubmission } from "~/forms.server";
import { clientIp } from "~/request-context.server";
import { FormErrorSummary, NewPasswordFields, TextField } from "~/ui/form";
import { SubmitButton } from "~/ui/intent-form";
import { formProps, usePortalForm } from "~/ui/portal-form";
import { PublicErrorBoundary, PublicLayout } from "~/ui/public-layout";

export const meta: MetaFunction = () => [{ title: "Neues Passwort – Netzwerke ABC" }];

/** Opening the link changes nothing (mail scanners open links too); only the form does. */
export async function loader({ params }: LoaderFunctionArgs) {
  const reset = await findOpenPasswordReset(params.token ?? "");
  if (!reset) return json({ email: null }, { status: 404 });
  return json({ email: reset.email });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const form = await readForm(request);
  if (!form.ok) return form.response;
  const submission = parseSubmission(form.formData, passwordResetSchema);
  if (submission.status !== "success") return rejectSubmission(submission);
  const result = await resetPassword({
    token: params.token ?? "",
    password: submission.value.password,
    ip: clientIp(),
  });
  if (!result.ok) return rejectSubmission(submission, result.rejection, result.status);
  return redirectWithFlash("/anmelden", "passwordResetDone");
}

export default function NewPasswordPage() {
  const { email } = useLoaderData<typeof loader>();
  const [form, fields] = usePortalForm({
    schema: passwordResetSchema,
    actionData: useActionData<typeof action>(),
  });
  const submitting = useNavigation().state === "submitting";
  if (!email) {
    return (
      <PublicLayout title="Link nicht gültig">
        <p>{accountTexts.resetLinkInvalid}</p>
        <p>
          <Link to="/passwort-vergessen">Neuen Link anfordern</Link>
        </p>
      </PublicLayout>
    );
  }
  return (
    <PublicLayout title="Neues Passwort festlegen">
      <p>
        Nach dem Speichern sind Sie auf allen Geräten abgemeldet und melden sich mit dem neuen
        Passwort wieder an.
      </p>
      <Form method="post" className="stack" {...formProps(form)}>
        <FormErrorSummary form={form} />
        {/* Not sent: it tells password managers which account the new password belongs to. */}
        <TextField
          id="email"
          label="E-Mail-Adresse"
          type="email"
          value={email}
          readOnly
          autoComplete="username"
        />
        <NewPasswordFields
          password={fields.password}
          confirmation={fields.passwordConfirmation}
          label="Neues Passwort"
        />
        <SubmitButton pending={submitting} pendingLabel="Passwort wird gespeichert …">
          Passwort speichern
        </SubmitButton>
      </Form>
    </PublicLayout>
  );
}

export function ErrorBoundary() {
  return <PublicErrorBoundary title="Neues Passwort" />;
}
