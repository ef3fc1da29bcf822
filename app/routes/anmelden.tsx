import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { z } from "zod";
import { sessionCookie } from "~/auth/cookie.server";
import { logIn } from "~/auth/login.server";
import { safeRedirectTarget } from "~/auth/redirect-target";
import { clientIp, getUser } from "~/auth/request.server";
import { authTexts } from "~/auth/texts";
import { formFailure, parseForm, readForm } from "~/forms.server";
import { PublicLayout } from "~/ui/public-layout";
import { feedbackFor, FormErrorSummary, TextField } from "~/ui/form";
import { GeneralErrorBoundary } from "~/ui/error-boundary";

export const meta: MetaFunction = () => [{ title: "Anmelden – Netzwerke ABC" }];

const loginSchema = z.object({
  email: z.string().trim().min(1, authTexts.emailRequired).email(authTexts.emailInvalid),
  password: z.string().min(1, authTexts.passwordRequired),
  weiter: z.string().optional(),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const target = safeRedirectTarget(new URL(request.url).searchParams.get("weiter"));
  if (await getUser(request)) throw redirect(target);
  return json({ target });
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request);
  if (!form.ok) return form.response;
  const parsed = parseForm(form.formData, loginSchema);
  if (!parsed.ok) return parsed.response;
  const { email, password, weiter } = parsed.data;
  const result = await logIn(email, password, clientIp(request));
  if (!result.ok) return formFailure({ email, weiter: weiter ?? "" }, { form: result.message });
  return redirect(safeRedirectTarget(weiter ?? null), {
    headers: { "Set-Cookie": sessionCookie(result.token) },
  });
}

export default function LoginPage() {
  const { target } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const feedback = feedbackFor(actionData);
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
      <Form method="post" className="stack" noValidate>
        <FormErrorSummary errors={feedback.errors} />
        <input type="hidden" name="weiter" value={feedback.values?.weiter || target} />
        <TextField
          id="email"
          name="email"
          type="email"
          label="E-Mail-Adresse"
          autoComplete="username"
          required
          defaultValue={feedback.values?.email ?? ""}
          error={feedback.errors?.email}
        />
        <TextField
          id="password"
          name="password"
          type="password"
          label="Passwort"
          autoComplete="current-password"
          ref={passwordInput}
          required
          error={feedback.errors?.password}
        />
        <button type="submit" className="button" disabled={submitting}>
          {submitting ? "Anmeldung läuft …" : "Anmelden"}
        </button>
      </Form>
    </PublicLayout>
  );
}

export function ErrorBoundary() {
  return (
    <PublicLayout title="Anmelden">
      <GeneralErrorBoundary />
    </PublicLayout>
  );
}
