import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { redirectWithFlash } from "~/flash.server";
import { audienceOptions, signInPolicySchema } from "~/account/second-factor-form";
import { authorize } from "~/auth/permissions.server";
import { requireUser } from "~/auth/request.server";
import { parseSubmission } from "~/form-schema";
import { readForm, rejectSubmission } from "~/forms.server";
import {
  loadSecondFactorPolicy,
  saveSecondFactorPolicy,
} from "~/organizations/sign-in-settings.server";
import { clientIp } from "~/request-context.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { CheckboxGroup, FormErrorSummary } from "~/ui/form";
import { SubmitButton } from "~/ui/intent-form";
import { formProps, usePortalForm } from "~/ui/portal-form";

export const meta: MetaFunction = () => [{ title: "Anmeldung – Verwaltung – Netzwerke ABC" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  await authorize(user, { action: "signInPolicy.manage" }, clientIp());
  return json(await loadSecondFactorPolicy());
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const ip = clientIp();
  await authorize(user, { action: "signInPolicy.manage" }, ip);
  const form = await readForm(request, { multiValued: ["roles"] });
  if (!form.ok) return form.response;
  const submission = parseSubmission(form.formData, signInPolicySchema);
  if (submission.status !== "success") return rejectSubmission(submission);
  await saveSecondFactorPolicy(user, submission.value.roles, ip);
  return redirectWithFlash("/verwaltung/anmeldung", "signInPolicySaved");
}

export default function SignInPolicyPage() {
  const policy = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = usePortalForm({
    schema: signInPolicySchema,
    actionData,
    defaultValue: { roles: policy.roles },
  });
  const submitting = useNavigation().state === "submitting";
  return (
    <div className="stack-lg">
      <h1>Anmeldung</h1>
      <Form method="post" className="card stack" {...formProps(form)}>
        <FormErrorSummary form={form} />
        {policy.saved ? null : (
          <p className="alert" role="note">
            <strong>Vorschlag – noch nicht gespeichert.</strong> Die angekreuzten Rollen sind ein
            Vorschlag; verlangt wird ein zweiter Faktor erst, wenn Sie speichern.
          </p>
        )}
        <CheckboxGroup
          field={fields.roles}
          legend="Zweiter Faktor verlangt für"
          hint="Wer zu einer angekreuzten Rolle gehört, muss sich mit Passwort und einem Code aus einer Authenticator-App anmelden. Wer sich über einen Anmeldedienst anmeldet, ist davon ausgenommen: Dort gelten dessen Regeln."
          options={audienceOptions}
        />
        <p className="muted">
          Organisationen können außerdem für alle ihre Mitglieder einen zweiten Faktor verlangen
          (Seite „Meine Organisation“).
        </p>
        <SubmitButton pending={submitting} pendingLabel="Wird gespeichert …">
          Speichern
        </SubmitButton>
      </Form>
      <section className="card stack" aria-labelledby="anmeldedienste">
        <h2 id="anmeldedienste">Anmeldedienste (Single Sign-on)</h2>
        <p>
          Landkreise und Behörden können sich über ihren eigenen Anmeldedienst (OpenID Connect, z.
          B. Keycloak) anmelden.{" "}
          <Link to="/verwaltung/anmeldedienste">Anmeldedienste verwalten</Link>
        </p>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
