import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { endOtherSessions, endOwnSession, listOwnSessions } from "~/account/sessions.server";
import {
  endOtherSessionsSchema,
  endSessionSchema,
  sessionPageIntents,
} from "~/account/sessions-form";
import { notFound } from "~/auth/permissions.server";
import { requireUser } from "~/auth/request.server";
import { redirectWithFlash } from "~/flash.server";
import { parseSubmission } from "~/form-schema";
import { readForm, rejectSubmission, unhandledIntent } from "~/forms.server";
import { clientIp } from "~/request-context.server";
import { CardSection } from "~/ui/card-section";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { FormErrorSummary } from "~/ui/form";
import { formatDateTime } from "~/ui/format";
import { IntentForm, SubmitButton, useBusyIntent } from "~/ui/intent-form";
import { usePortalForm } from "~/ui/portal-form";

export const meta: MetaFunction = () => [{ title: "Sitzungen – Netzwerke ABC" }];

const here = "/konto/sitzungen";

/** Everyone signed in sees and ends their own sessions, and only those (see sessions.server). */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return json({ sessions: await listOwnSessions(user) });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await readForm(request, { intents: sessionPageIntents });
  if (!form.ok) return form.response;

  switch (form.intent) {
    case "end": {
      const submission = parseSubmission(form.formData, endSessionSchema);
      if (submission.status !== "success") return rejectSubmission(submission);
      const result = await endOwnSession(user, submission.value.session, clientIp());
      if (!result.ok) {
        if ("notFound" in result) throw notFound();
        return rejectSubmission(submission, { form: result.message });
      }
      return redirectWithFlash(here, "sessionEnded");
    }
    case "endOthers": {
      const submission = parseSubmission(form.formData, endOtherSessionsSchema);
      if (submission.status !== "success") return rejectSubmission(submission);
      await endOtherSessions(user, clientIp());
      return redirectWithFlash(here, "otherSessionsEnded");
    }
    default:
      return unhandledIntent(form.intent);
  }
}

export default function SessionsPage() {
  const { sessions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  // The rows' forms have nothing to type: a refusal shows once above the table.
  const [ending] = usePortalForm({ schema: endSessionSchema, actionData, intent: "end" });
  const [endingOthers] = usePortalForm({
    schema: endOtherSessionsSchema,
    actionData,
    intent: "endOthers",
  });
  const busy = useBusyIntent();
  const navigation = useNavigation();
  // The row being ended says so; the other rows wait.
  const endingHandle = busy === "end" ? navigation.formData?.get("session") : null;
  const others = sessions.filter((session) => !session.current).length;

  return (
    <CardSection id="sitzungen" title="Sitzungen">
      <p>
        Hier sehen Sie jede Anmeldung Ihres Kontos, die noch gilt. Beenden Sie eine Sitzung, die Sie
        nicht kennen, und ändern Sie danach Ihr Passwort. Eine beendete Sitzung ist sofort
        abgemeldet, auch offene Seiten auf dem Gerät.
      </p>
      <p className="muted">
        Eine Sitzung endet von selbst nach 12 Stunden ohne Aktivität und spätestens nach 30 Tagen.
      </p>
      <FormErrorSummary form={ending} />
      {/* A list rather than a table: on a phone every session's button stays in view. */}
      <ul className="feed" aria-label="Ihre Sitzungen">
        {sessions.map((session) => {
          const name = `${session.browser} auf ${session.system}`;
          return (
            <li key={session.handle}>
              <strong>{name}</strong>
              {session.device ? <span>{session.device}</span> : null}
              {session.current ? <span className="badge">diese Sitzung</span> : null}
              {session.awaitingSecondFactor ? (
                <span className="badge badge--warning">zweiter Faktor nicht eingegeben</span>
              ) : null}
              <span className="muted">
                angemeldet seit{" "}
                <time dateTime={session.startedAt}>{formatDateTime(session.startedAt)}</time>,
                zuletzt aktiv{" "}
                {session.current ? (
                  "jetzt"
                ) : (
                  <time dateTime={session.lastSeenAt}>{formatDateTime(session.lastSeenAt)}</time>
                )}
              </span>
              {session.current ? (
                <Form method="post" action="/abmelden" className="inline-form">
                  <button type="submit" className="button button--secondary">
                    Abmelden
                  </button>
                </Form>
              ) : (
                <IntentForm
                  intent="end"
                  hidden={{ session: session.handle }}
                  className="inline-form"
                >
                  <SubmitButton
                    pending={endingHandle === session.handle}
                    pendingLabel="Wird beendet …"
                    disabled={!!busy}
                    className="button button--danger"
                  >
                    Beenden<span className="visually-hidden"> – {name}</span>
                  </SubmitButton>
                </IntentForm>
              )}
            </li>
          );
        })}
      </ul>
      {others > 0 ? (
        <IntentForm intent="endOthers" form={endingOthers} className="actions">
          <SubmitButton
            pending={busy === "endOthers"}
            pendingLabel="Sitzungen werden beendet …"
            disabled={!!busy}
            className="button button--danger"
          >
            Alle anderen Sitzungen beenden
          </SubmitButton>
        </IntentForm>
      ) : (
        <p>
          Ihr Konto ist nur in dieser Sitzung angemeldet. Melden Sie sich auf einem anderen Gerät
          an, erscheint die Anmeldung hier.
        </p>
      )}
    </CardSection>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
