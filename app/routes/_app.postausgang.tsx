import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { can, notFound } from "~/auth/permissions.server";
import { requireUser } from "~/auth/request.server";
import { isOutboxMode, listOutbox } from "~/mail/mail.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { formatDateTime } from "~/ui/format";

export const meta: MetaFunction = () => [{ title: "Postausgang – Netzwerke ABC" }];

/** Exists only while no SMTP server is configured: the mails the portal would have sent. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  if (!isOutboxMode()) throw notFound();
  const seesAll = can(user, { action: "outbox.viewAll" });
  return json({ mails: await listOutbox(user, seesAll), seesAll });
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
  const { mails, seesAll } = useLoaderData<typeof loader>();
  return (
    <div className="stack-lg">
      <h1>Postausgang</h1>
      <p className="lead">
        Es ist kein Mailserver eingerichtet (<code>SMTP_URL</code>). E-Mails werden deshalb hier
        gesammelt statt verschickt.{" "}
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
            <pre className="mail-body">{linkify(mail.body)}</pre>
          </article>
        ))
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
