import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { passwordResetRequestSchema } from "~/account/account-forms";
import { requestPasswordReset } from "~/account/password-reset.server";
import { redirectWithFlash } from "~/flash.server";
import { parseSubmission } from "~/form-schema";
import { readForm, rejectSubmission } from "~/forms.server";
import { clientIp } from "~/request-context.server";
import { FormErrorSummary, TextField } from "~/ui/form";
import { SubmitButton } from "~/ui/intent-form";
import { formProps, usePortalForm } from "~/ui/portal-form";
import { PublicErrorBoundary, PublicLayout } from "~/ui/public-layout";

export const meta: MetaFunction = () => [{ title: "Passwort vergessen – Netzwerke ABC" }];

export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request);
  if (!form.ok) return form.response;
  const submission = parseSubmission(form.formData, passwordResetRequestSchema);
  if (submission.status !== "success") return rejectSubmission(submission);
  const result = await requestPasswordReset(submission.value.email, clientIp());
  if (!result.ok) return rejectSubmission(submission, { form: result.message }, 429);
  // The same answer for every address: whether it has an account stays unknown.
  return redirectWithFlash("/anmelden", "passwordResetRequested");
}

export default function ForgottenPasswordPage() {
  const [form, fields] = usePortalForm({
    schema: passwordResetRequestSchema,
    actionData: useActionData<typeof action>(),
  });
  const submitting = useNavigation().state === "submitting";
  return (
    <PublicLayout title="Passwort vergessen">
      <p>
        Geben Sie die E-Mail-Adresse Ihres Kontos ein. Wir schicken Ihnen einen Link, über den Sie
        ein neues Passwort festlegen. Der Link ist eine Stunde gültig.
      </p>
      <Form method="post" className="stack" {...formProps(form)}>
        <FormErrorSummary form={form} />
        <TextField
          field={fields.email}
          type="email"
          label="E-Mail-Adresse"
          autoComplete="username"
          required
        />
        <SubmitButton pending={submitting} pendingLabel="Link wird angefordert …">
          Link anfordern
        </SubmitButton>
      </Form>
      <p>
        <Link to="/anmelden">Zurück zur Anmeldung</Link>
      </p>
    </PublicLayout>
  );
}

export function ErrorBoundary() {
  return <PublicErrorBoundary title="Passwort vergessen" />;
}
