import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { recordAudit } from "~/audit/audit.server";
import { getDb } from "~/db/client.server";
import { sessionCookie } from "~/auth/cookie.server";
import { checkPasswordPolicy } from "~/auth/password.server";
import { clientIp } from "~/auth/request.server";
import { createSession } from "~/auth/session.server";
import { authTexts } from "~/auth/texts";
import { redirectWithFlash } from "~/flash.server";
import { fieldErrors, formFailure, formValues, readForm } from "~/forms.server";
import { acceptInvitation, findOpenInvitation } from "~/organizations/invitations.server";
import { memberRoleLabels } from "~/organizations/texts";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { feedbackFor, FormErrorSummary, TextField } from "~/ui/form";
import { PublicLayout } from "~/ui/public-layout";

export const meta: MetaFunction = () => [{ title: "Einladung annehmen – Netzwerke ABC" }];

const acceptSchema = z.object({
  name: z.string().trim().min(2, authTexts.nameRequired).max(120),
  password: z.string().min(1, authTexts.passwordRequired),
  passwordConfirmation: z.string(),
});

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
  const raw = formValues(form.formData);
  const invitation = await findOpenInvitation(params.token ?? "");
  if (!invitation) return formFailure(raw, { form: authTexts.invitationInvalid });

  const parsed = acceptSchema.safeParse(raw);
  const errors = parsed.success ? {} : fieldErrors(parsed.error);
  if (parsed.success) {
    const policyError = checkPasswordPolicy(
      parsed.data.password,
      invitation.email,
      parsed.data.name,
    );
    if (policyError) errors.password = policyError;
    else if (parsed.data.password !== parsed.data.passwordConfirmation) {
      errors.passwordConfirmation = authTexts.passwordMismatch;
    }
  }
  if (!parsed.success || Object.keys(errors).length > 0) return formFailure(raw, errors);

  const ip = clientIp(request);
  const result = await acceptInvitation({
    token: params.token ?? "",
    name: parsed.data.name,
    password: parsed.data.password,
    ip,
  });
  if (!result.ok) {
    const message =
      result.reason === "account_exists" ? authTexts.accountExists : authTexts.invitationInvalid;
    return formFailure(raw, { form: message });
  }
  const session = await createSession(result.userId);
  await recordAudit(getDb(), {
    action: "auth.login",
    actor: { id: result.userId, organizationId: invitation.organizationId },
    targetType: "user",
    targetId: result.userId,
    ip,
  });
  return redirectWithFlash("/netzwerk", "invitationAccepted", {
    "Set-Cookie": sessionCookie(session.token),
  });
}

export default function AcceptInvitationPage() {
  const { invitation } = useLoaderData<typeof loader>();
  const feedback = feedbackFor(useActionData<typeof action>());
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
      <Form method="post" className="stack" noValidate>
        <FormErrorSummary errors={feedback.errors} />
        <TextField
          id="email"
          label="E-Mail-Adresse"
          type="email"
          value={invitation.email}
          readOnly
          autoComplete="username"
        />
        <TextField
          id="name"
          name="name"
          label="Ihr Name"
          autoComplete="name"
          required
          defaultValue={feedback.values?.name ?? ""}
          error={feedback.errors?.name}
        />
        <TextField
          id="password"
          name="password"
          type="password"
          label="Passwort"
          hint="Mindestens 12 Zeichen. Ein Satz aus mehreren Wörtern ist leicht zu merken und sicher."
          autoComplete="new-password"
          required
          error={feedback.errors?.password}
        />
        <TextField
          id="passwordConfirmation"
          name="passwordConfirmation"
          type="password"
          label="Passwort wiederholen"
          autoComplete="new-password"
          required
          error={feedback.errors?.passwordConfirmation}
        />
        <button type="submit" className="button" disabled={submitting}>
          {submitting ? "Konto wird eingerichtet …" : "Konto einrichten"}
        </button>
      </Form>
    </PublicLayout>
  );
}

export function ErrorBoundary() {
  return (
    <PublicLayout title="Einladung">
      <GeneralErrorBoundary />
    </PublicLayout>
  );
}
