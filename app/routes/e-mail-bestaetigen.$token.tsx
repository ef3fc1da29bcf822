import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { emailConfirmationSchema } from "~/account/account-forms";
import { accountTexts } from "~/account/account-texts";
import { confirmEmailChange, findOpenEmailChange } from "~/account/email-change.server";
import { getUser } from "~/auth/request.server";
import { redirectWithFlash } from "~/flash.server";
import { parseSubmission } from "~/form-schema";
import { readForm, rejectSubmission } from "~/forms.server";
import { clientIp } from "~/request-context.server";
import { FormErrorSummary } from "~/ui/form";
import { SubmitButton } from "~/ui/intent-form";
import { usePortalForm, formProps } from "~/ui/portal-form";
import { PublicErrorBoundary, PublicLayout } from "~/ui/public-layout";

export const meta: MetaFunction = () => [{ title: "E-Mail-Adresse bestätigen – Netzwerke ABC" }];

/** Opening the link changes nothing (mail scanners open links too); only the button does. */
export async function loader({ params }: LoaderFunctionArgs) {
  const change = await findOpenEmailChange(params.token ?? "");
  if (!change) return json({ change: null }, { status: 404 });
  return json({ change: { name: change.name, newEmail: change.newEmail } });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const form = await readForm(request);
  if (!form.ok) return form.response;
  const submission = parseSubmission(form.formData, emailConfirmationSchema);
  const result = await confirmEmailChange(params.token ?? "", clientIp());
  if (!result.ok) return rejectSubmission(submission, result.rejection, result.status);
  // Confirmed on another device the person need not be logged in: then the login page follows.
  const signedIn = (await getUser(request))?.pendingStep === null;
  return redirectWithFlash(signedIn ? "/konto" : "/anmelden", "emailChanged");
}

export default function ConfirmEmailPage() {
  const { change } = useLoaderData<typeof loader>();
  const [form] = usePortalForm({
    schema: emailConfirmationSchema,
    actionData: useActionData<typeof action>(),
  });
  const submitting = useNavigation().state === "submitting";
  if (!change) {
    return (
      <PublicLayout title="Link nicht gültig">
        <p>{accountTexts.emailLinkInvalid}</p>
        <p>
          <Link to="/konto">Zu Mein Konto</Link>
        </p>
      </PublicLayout>
    );
  }
  return (
    <PublicLayout title="E-Mail-Adresse bestätigen">
      <p>
        {change.name}, bestätigen Sie bitte, dass Sie sich künftig mit{" "}
        <strong>{change.newEmail}</strong> anmelden und die E-Mails des Portals an diese Adresse
        erhalten. Ihre bisherige Adresse wird darüber informiert.
      </p>
      <Form method="post" className="stack" {...formProps(form)}>
        <FormErrorSummary form={form} />
        <SubmitButton pending={submitting} pendingLabel="Wird bestätigt …">
          E-Mail-Adresse bestätigen
        </SubmitButton>
      </Form>
    </PublicLayout>
  );
}

export function ErrorBoundary() {
  return <PublicErrorBoundary title="E-Mail-Adresse bestätigen" />;
}
