import { clientIp } from "~/request-context.server";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { recordAudit } from "~/audit/audit.server";
import { getDb } from "~/db/client.server";
import { sessionCookie } from "~/auth/cookie.server";
import { checkPasswordPolicy } from "~/auth/password.server";

import { createSession } from "~/auth/session.server";
import { authTexts } from "~/auth/texts";
import { redirectWithFlash } from "~/flash.server";
import { parseSubmission } from "~/form-schema";
import { readForm, rejectSubmission } from "~/forms.server";
import { acceptInvitationSchema } from "~/organizations/invitation-form";
import { acceptInvitation, findOpenInvitation } from "~/organizations/invitations.server";
import { memberRoleLabels } from "~/organizations/texts";
import { FormErrorSummary, NewPasswordFields, TextField } from "~/ui/form";
import { formProps, usePortalForm } from "~/ui/portal-form";
import { SubmitButton } from "~/ui/intent-form";
import { PublicErrorBoundary, PublicLayout } from "~/ui/public-layout";

export const meta: MetaFunction = () => [{ title: "Einladung annehmen – Netzwerke ABC" }];

export async function loader({ params }: LoaderFunctionArgs) {
  const invitation = await findOpenInvitation(params.token ?? "");
  if (!invitation) return json({ invitation: null }, { status: 404 });
  return json({
    invitation: {
      email: invitation.email,
      organizationName: invitation.organizationName,
      roleLabel: memberRoleLabels[invitation.role],
    },
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const form = await readForm(request);
  if (!form.ok) return form.response;
  const submission = parseSubmission(form.formData, acceptInvitationSchema);
  const invitation = await findOpenInvitation(params.token ?? "");
  if (!invitation) return rejectSubmission(submission, { form: authTexts.invitationInvalid });
  if (submission.status !== "success") return rejectSubmission(submission);
  const { name, password } = submission.value;
  // The policy's estimator is too large for the browser: only the server knows it.
  const policyError = checkPasswordPolicy(password, invitation.email, name);
  if (policyError) return rejectSubmission(submission, { fields: { password: policyError } });

  const ip = clientIp();
  const result = await acceptInvitation({ token: params.token ?? "", name, password, ip });
  if (!result.ok) {
    const message =
      result.reason === "account_exists" ? authTexts.accountExists : authTexts.invitationInvalid;
    return rejectSubmission(submission, { form: message });
  }
  const session = await createSession(result.userId, new Date(), undefined, {
    userAgent: request.headers.get("user-agent") ?? undefined,
  });
  await recordAudit(getDb(), {
    action: "auth.login",
    actor: { id: result.userId, organizationId: invitation.organizationId },
    targetType: "user",
    targetId: result.userId,
    ip,
  });
  return redirectWithFlash("/netzwerk", "invitationAccepted", {
    headers: { "Set-Cookie": await sessionCookie(session.token) },
  });
}

export default function AcceptInvitationPage() {
  const { invitation } = useLoaderData<typeof loader>();
  const [form, fields] = usePortalForm({
    schema: acceptInvitationSchema,
    actionData: useActionData<typeof action>(),
  });
  const submitting = useNavigation().state === "submitting";
  if (!invitation) {
    return (
      <PublicLayout title="Einladung nicht gültig">
        <p>{authTexts.invitationInvalid}</p>
        <p>
          <Link to="/anmelden">Zur Anmeldung</Link>
        </p>
      </PublicLayout>
    );
  }
  return (
    <PublicLayout title="Einladung annehmen">
      <p>
        Sie wurden als <strong>{invitation.roleLabel}</strong> für{" "}
        <strong>{invitation.organizationName}</strong> eingeladen. Legen Sie Ihren Namen und ein
        Passwort fest.
      </p>
      <Form method="post" className="stack" {...formProps(form)}>
        <FormErrorSummary form={form} />
        {/* Not sent: it tells password managers which account the new password belongs to. */}
        <TextField
          id="email"
          label="E-Mail-Adresse"
          type="email"
          value={invitation.email}
          readOnly
          autoComplete="username"
        />
        <TextField field={fields.name} label="Ihr Name" autoComplete="name" required />
        <NewPasswordFields
          password={fields.password}
          confirmation={fields.passwordConfirmation}
          label="Passwort"
        />
        <SubmitButton pending={submitting} pendingLabel="Konto wird eingerichtet …">
          Konto einrichten
        </SubmitButton>
      </Form>
    </PublicLayout>
  );
}

export function ErrorBoundary() {
  return <PublicErrorBoundary title="Einladung" />;
}
