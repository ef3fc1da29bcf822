import { clientIp } from "~/request-context.server";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { sessionCookie } from "~/auth/cookie.server";
import { logIn } from "~/auth/login.server";
import { safeRedirectTarget } from "~/auth/redirect-target";
import { afterLogin, getUser } from "~/auth/request.server";
import { loginSchema } from "~/auth/login-form";
import { parseSubmission } from "~/form-schema";
import { readForm, rejectSubmission } from "~/forms.server";
import { SubmitButton } from "~/ui/intent-form";
import { PublicErrorBoundary, PublicLayout } from "~/ui/public-layout";
import { FormErrorSummary, TextField } from "~/ui/form";
import { formProps, usePortalForm } from "~/ui/portal-form";
import { listEnabledProviders } from "~/sso/providers.server";

export const meta: MetaFunction = () => [{ title: "Anmelden – Netzwerke ABC" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const target = safeRedirectTarget(new URL(request.url).searchParams.get("weiter"));
  const user = await getUser(request);
  if (user) throw redirect(afterLogin(user.pendingStep, target));
  return json({ target, providers: await listEnabledProviders() });
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request);
  if (!form.ok) return form.response;
  const submission = parseSubmission(form.formData, loginSchema);
  if (submission.status !== "success") return rejectSubmission(submission);
  const { email, password, weiter } = submission.value;
  const result = await logIn(email, password, clientIp(), {
    userAgent: request.headers.get("user-agent"),
  });
  if (!result.ok) return rejectSubmission(submission, { form: result.message });
  const target = safeRedirectTarget(weiter ?? null);
  return redirect(afterLogin(result.pendingStep, target), {
    headers: { "Set-Cookie": await sessionCookie(result.token) },
  });
}

export default function LoginPage() {
  const { target, providers } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = usePortalForm({ schema: loginSchema, actionData });
  const submitting = useNavigation().state === "submitting";
  const passwordInput = useRef<HTMLInputElement>(null);
  // A rejected password is never shown again; the e-mail address stays.
  useEffect(() => {
    if (actionData && passwordInput.current) passwordInput.current.value = "";
  }, [actionData]);
  return (
    <PublicLayout title="Anmelden">
      <p>
        Melden Sie sich mit Ihrer dienstlichen E-Mail-Adresse an. Ein Konto erhalten Sie über eine
        Einladung Ihrer Organisation.
      </p>
      <Form method="post" className="stack" {...formProps(form)}>
        <FormErrorSummary form={form} />
        <input
          type="hidden"
          name={fields.weiter.name}
          value={fields.weiter.initialValue || target}
        />
        <TextField
          field={fields.email}
          type="email"
          label="E-Mail-Adresse"
          autoComplete="username"
          required
        />
        <TextField
          field={fields.password}
          type="password"
          label="Passwort"
          autoComplete="current-password"
          ref={passwordInput}
          required
        />
        <SubmitButton pending={submitting} pendingLabel="Anmeldung läuft …">
          Anmelden
        </SubmitButton>
      </Form>
      <p>
        <Link to="/passwort-vergessen">Passwort vergessen?</Link>
      </p>
      {providers.length > 0 ? (
        <section className="stack" aria-labelledby="anmeldedienste">
          <h2 id="anmeldedienste">Mit dem Konto Ihrer Organisation</h2>
          {providers.map((provider) => (
            <p key={provider.id}>
              {/* A document link: the start route leaves the portal for the provider. */}
              <a
                className="button button--secondary"
                href={`/anmelden/sso/${provider.id}?weiter=${encodeURIComponent(target)}`}
              >
                {`Anmelden mit ${provider.displayName}`}
              </a>
            </p>
          ))}
        </section>
      ) : null}
    </PublicLayout>
  );
}

export function ErrorBoundary() {
  return <PublicErrorBoundary title="Anmelden" />;
}
