import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { can } from "~/auth/permissions.server";
import { requireUser } from "~/auth/request.server";
import { isOutboxMode, listOutbox } from "~/mail/mail.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { formatDateTime } from "~/ui/format";

export const meta: MetaFunction = () => [{ title: "Postausgang – Netzwerke ABC" }];

/** The mails the viewer's actions caused (the platform admin: all), with their sending state. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const seesAll = can(user, { action: "outbox.viewAll" });
  return json({ mails: await listOutbox(user, seesAll), seesAll, sending: !isOutboxMode() });
}

type MailState = {
  status: "pending" | "sent" | "failed";
  attempts: number;
  lastError: string | null;
  sentAt: string | null;
};

/** "Wartet", "Gesendet" or "Fehler", with what a person needs to know about it. */
function describeState(mail: MailState, sending: boolean): { label: string; detail: string } {
  if (mail.status === "sent") {
    return {
      label: "Gesendet",
      detail: mail.sentAt ? `am ${formatDateTime(mail.sentAt)}` : "",
    };
  }
  if (mail.status === "failed") {
    return { label: "Fehler", detail: mail.lastError ?? "Unbekannter Fehler" };
  }
  if (!sending) return { label: "Wartet", detail: "Kein Mailserver eingerichtet" };
  return {
    label: "Wartet",
    detail: mail.lastError
      ? `${mail.attempts}. Versuch fehlgeschlagen: ${mail.lastError}. Neuer Versuch folgt.`
      : "wird in Kürze versendet",
  };
}

/** Links in a mail body become clickable, as they would be in a mail program. */
function linkify(text: string) {
  return text.split(/(https?:\/\/\S+)/).map((part, index) =>
    index % 2 === 1 ? (
      <a key={index} href={part}>
        {part}
      </a>
    ) : (
      part
    ),
  );
}

export default function OutboxPage() {
  const { mails, seesAll, sending } = useLoaderData<typeof loader>();
  return (
    <div className="stack-lg">
      <h1>Postausgang</h1>
      <p className="lead">
        {sending ? (
          <>
            E-Mails werden über den eingerichteten Mailserver versendet; hier sehen Sie ihren
            Stand.{" "}
          </>
        ) : (
          <>
            Es ist kein Mailserver eingerichtet (<code>SMTP_URL</code>). E-Mails werden deshalb hier
            gesammelt statt verschickt.{" "}
          </>
        )}
        {seesAll
          ? "Als Plattform-Administration sehen Sie alle E-Mails."
          : "Sie sehen die E-Mails, die Ihre Aktionen ausgelöst haben."}
      </p>
      {mails.length === 0 ? (
        <p className="card">
          Noch keine E-Mails. Wenn Sie zum Beispiel ein Mitglied einladen, erscheint die Einladung
          hier.
        </p>
      ) : (
        mails.map((mail) => (
          <article key={mail.id} className="card stack" aria-labelledby={`mail-${mail.id}`}>
            <h2 id={`mail-${mail.id}`}>{mail.subject}</h2>
            <p className="muted">
              An {mail.recipient} · {formatDateTime(mail.createdAt)}
            </p>
            <MailStatus state={describeState(mail, sending)} />
            <pre className="mail-body">{linkify(mail.body)}</pre>
          </article>
        ))
      )}
    </div>
  );
}

function MailStatus({ state }: { state: { label: string; detail: string } }) {
  return (
    <p>
      <strong>Status: {state.label}</strong>
      {state.detail ? ` – ${state.detail}` : null}
    </p>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
