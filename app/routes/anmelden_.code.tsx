import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { completeSecondFactorLogin } from "~/account/second-factor.server";
import { codeOrRecoverySchema } from "~/account/second-factor-form";
import { sessionCookie } from "~/auth/cookie.server";
import { safeRedirectTarget } from "~/auth/redirect-target";
import { requireSignInStep } from "~/auth/request.server";
import { parseSubmission } from "~/form-schema";
import { readForm, rejectSubmission } from "~/forms.server";
import { clientIp } from "~/request-context.server";
import { FormErrorSummary, TextField } from "~/ui/form";
import { SubmitButton } from "~/ui/intent-form";
import { formProps, usePortalForm } from "~/ui/portal-form";
import { PublicErrorBoundary, PublicLayout } from "~/ui/public-layout";

export const meta: MetaFunction = () => [{ title: "Code eingeben – Netzwerke ABC" }];

/** `?wiederherstellung` asks for a recovery code instead (a link, so it works without JS). */
const RECOVERY_PARAM = "wiederherstellung";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireSignInStep(request, "second_factor");
  const url = new URL(request.url);
  const weiter = url.searchParams.get("weiter");
  return json({
    target: safeRedirectTarget(weiter),
    weiter,
    recovery: url.searchParams.has(RECOVERY_PARAM),
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireSignInStep(request, "second_factor");
  const form = await readForm(request);
  if (!form.ok) return form.response;
  const submission = parseSubmission(form.formData, codeOrRecoverySchema);
  if (submission.status !== "success") return rejectSubmission(submission);
  const { code, weiter } = submission.value;
  const result = await completeSecondFactorLogin(user, code, clientIp(), {
    userAgent: request.headers.get("user-agent") ?? undefined,
  });
  if (!result.ok) return rejectSubmission(submission, { fields: { code: result.message } });
  return redirect(safeRedirectTarget(weiter ?? null), {
    headers: { "Set-Cookie": await sessionCookie(result.token) },
  });
}

export default function SecondFactorCodePage() {
  const { target, weiter, recovery } = useLoaderData<typeof loader>();
  const [form, fields] = usePortalForm({
    schema: codeOrRecoverySchema,
    actionData: useActionData<typeof action>(),
  });
  const submitting = useNavigation().state === "submitting";
  const keep = weiter ? `weiter=${encodeURIComponent(weiter)}` : "";
  const otherMode = recovery
    ? `/anmelden/code${keep ? `?${keep}` : ""}`
    : `/anmelden/code?${RECOVERY_PARAM}${keep ? `&${keep}` : ""}`;
  return (
    <PublicLayout title="Anmeldung bestätigen">
      <p>
        {recovery
          ? "Geben Sie einen Ihrer Wiederherstellungscodes ein. Jeder Code gilt nur einmal."
          : "Ihr Passwort war richtig. Geben Sie jetzt den Code ein, den Ihre Authenticator-App für Netzwerke ABC anzeigt."}
      </p>
      <Form method="post" className="stack" {...formProps(form)}>
        <FormErrorSummary form={form} />
        <input
          type="hidden"
          name={fields.weiter.name}
          value={fields.weiter.initialValue || target}
        />
        {recovery ? (
          <TextField
            key="recovery"
            field={fields.code}
            label="Wiederherstellungscode"
            hint="Zum Beispiel k3p7-wq2m-x8ca-ur5f; Bindestriche und Großschreibung sind egal."
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            required
          />
        ) : (
          <TextField
            key="app"
            field={fields.code}
            label="Code aus der App"
            hint="Sechs Ziffern. Der Code wechselt alle 30 Sekunden."
            inputMode="numeric"
            autoComplete="one-time-code"
            required
          />
        )}
        <SubmitButton pending={submitting} pendingLabel="Wird geprüft …">
          Bestätigen
        </SubmitButton>
      </Form>
      <p>
        <Link to={otherMode}>
          {recovery ? "Code aus der App verwenden" : "Wiederherstellungscode verwenden"}
        </Link>
      </p>
      <p className="muted">
        Telefon verloren und keine Wiederherstellungscodes? Die Administration Ihrer Organisation
        kann Ihren zweiten Faktor zurücksetzen.
      </p>
      <Form method="post" action="/abmelden">
        <button type="submit" className="button button--secondary">
          Abbrechen
        </button>
      </Form>
    </PublicLayout>
  );
}

export function ErrorBoundary() {
  return <PublicErrorBoundary title="Anmeldung bestätigen" />;
}
