import { desc, eq } from "drizzle-orm";
import { getDb } from "~/db/client.server";
import { mailOutbox } from "~/db/schema";
import { getEnv } from "~/env.server";

export interface Mail {
  to: string;
  subject: string;
  body: string;
  triggeredByUserId: string | null;
}

/** Without SMTP_URL, mails stay in the outbox table and the Postausgang page shows them. */
export function isOutboxMode(): boolean {
  return !getEnv().SMTP_URL;
}

type Transport = { sendMail(message: Record<string, string>): Promise<unknown> };
let transport: Promise<Transport> | undefined;

async function smtpTransport(url: string): Promise<Transport> {
  const nodemailer = await import("nodemailer");
  return nodemailer.createTransport(url);
}

export async function sendMail(mail: Mail): Promise<void> {
  const env = getEnv();
  if (env.SMTP_URL) {
    transport ??= smtpTransport(env.SMTP_URL);
    await (
      await transport
    ).sendMail({ from: env.MAIL_FROM, to: mail.to, subject: mail.subject, text: mail.body });
    return;
  }
  await getDb().insert(mailOutbox).values({
    recipient: mail.to,
    subject: mail.subject,
    body: mail.body,
    triggeredByUserId: mail.triggeredByUserId,
  });
}

/** Every kept mail, or (seesAll false) only the mails the viewer's own actions caused. */
export function listOutbox(viewer: { id: string }, seesAll: boolean, limit = 50) {
  const query = getDb()
    .select({
      id: mailOutbox.id,
      recipient: mailOutbox.recipient,
      subject: mailOutbox.subject,
      body: mailOutbox.body,
      createdAt: mailOutbox.createdAt,
    })
    .from(mailOutbox);
  const filtered = seesAll ? query : query.where(eq(mailOutbox.triggeredByUserId, viewer.id));
  return filtered.orderBy(desc(mailOutbox.createdAt)).limit(limit);
}

/** Absolute links for e-mails: PUBLIC_URL when set, else the address the request came in on. */
export function publicUrl(request: Request, path: string): string {
  const base = getEnv().PUBLIC_URL ?? new URL(request.url).origin;
  return new URL(path, base).toString();
}

/** Absolute links where there may be no request at hand (jobs): PUBLIC_URL, else this server. */
export function absoluteUrl(path: string, request?: Request): string {
  if (request) return publicUrl(request, path);
  const env = getEnv();
  return new URL(path, env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).toString();
}
