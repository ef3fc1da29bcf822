import { and, asc, desc, eq, inArray, lte, sql } from "drizzle-orm";
import { getDb } from "~/db/client.server";
import { mailOutbox } from "~/db/schema";
import type { UnitOfWork } from "~/db/unit-of-work.server";
import { getEnv } from "~/env.server";
import { createDrainer } from "~/jobs/drainer.server";
import { noticeMailFooter } from "~/notifications/texts";

export interface Mail {
  to: string;
  subject: string;
  body: string;
  /** Whose action caused the mail: they see it in their Postausgang. Null hides the cause. */
  triggeredByUserId: string | null;
  /**
   * A notice mail's one-click unsubscribe link (~/notifications/unsubscribe.server): the mail
   * gets the footer with it and the List-Unsubscribe headers (RFC 8058) when it is sent.
   */
  unsubscribeUrl?: string | null;
}

/** Without SMTP_URL nothing is sent: mails stay in the outbox and the Postausgang shows them. */
export function isOutboxMode(): boolean {
  return !getEnv().SMTP_URL;
}

/**
 * Queues a mail in the transaction of its cause: it is sent only if that change commits, and it
 * survives an SMTP outage in the table. The worker is woken once the change is committed.
 */
export async function queueMail(unit: UnitOfWork, mail: Mail): Promise<void> {
  await unit.tx.insert(mailOutbox).values({
    recipient: mail.to,
    subject: mail.subject,
    body: mail.body,
    triggeredByUserId: mail.triggeredByUserId,
    unsubscribeUrl: mail.unsubscribeUrl ?? null,
  });
  unit.afterCommit(mailWorker.wake);
}

/**
 * The text as sent and as the Postausgang shows it: a notice mail ends with the links to the
 * settings and to unsubscribe (stored apart, so the cause's text stays as its cause wrote it).
 */
export function mailText(mail: { body: string; unsubscribeUrl: string | null }): string {
  if (!mail.unsubscribeUrl) return mail.body;
  return `${mail.body}${noticeMailFooter(absoluteUrl("/konto/benachrichtigungen"), mail.unsubscribeUrl)}`;
}

const hiddenLink = "(persönlicher Link der Empfängerin oder des Empfängers)";

/** RFC 8058: mail programs offer "Abbestellen" and POST to the link without asking. */
function unsubscribeHeaders(unsubscribeUrl: string | null): Record<string, string> {
  if (!unsubscribeUrl) return {};
  return {
    "List-Unsubscribe": `<${unsubscribeUrl}>`,
    "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
  };
}

type Transport = { sendMail(message: Record<string, unknown>): Promise<unknown> };
let transport: Promise<Transport> | undefined;

async function smtpTransport(url: string): Promise<Transport> {
  const nodemailer = await import("nodemailer");
  return nodemailer.createTransport(url);
}

/** Tests point the worker at an SMTP server of their own. */
export function resetMailTransport(): void {
  transport = undefined;
}

export const MAX_MAIL_ATTEMPTS = 8;
/** How long a claimed mail is left to its sender before another worker may try it again. */
const CLAIM_LEASE_MS = 2 * 60 * 1000;

/** 1 min, 2 min, 4 min … up to two hours: an SMTP outage of a day is still bridged. */
export function mailRetryDelayMs(attempts: number): number {
  return Math.min(2 * 60 * 60 * 1000, 60 * 1000 * 2 ** (attempts - 1));
}

/**
 * Sends due mails, oldest first. Each is claimed by pushing its next attempt past a lease
 * (SKIP LOCKED: several processes never take the same mail), then sent; a failure is stored
 * with its reason and retried later, until MAX_MAIL_ATTEMPTS mark it as failed.
 * Returns how many mails were taken.
 */
export async function drainMailOutbox(now = new Date(), batchSize = 20): Promise<number> {
  const env = getEnv();
  if (!env.SMTP_URL) return 0;
  const db = getDb();
  const claimed = await db
    .update(mailOutbox)
    .set({
      attempts: sql`${mailOutbox.attempts} + 1`,
      nextAttemptAt: new Date(now.getTime() + CLAIM_LEASE_MS),
    })
    .where(
      inArray(
        mailOutbox.id,
        db
          .select({ id: mailOutbox.id })
          .from(mailOutbox)
          .where(and(eq(mailOutbox.status, "pending"), lte(mailOutbox.nextAttemptAt, now)))
          .orderBy(asc(mailOutbox.nextAttemptAt))
          .limit(batchSize)
          .for("update", { skipLocked: true }),
      ),
    )
    .returning({
      id: mailOutbox.id,
      recipient: mailOutbox.recipient,
      subject: mailOutbox.subject,
      body: mailOutbox.body,
      unsubscribeUrl: mailOutbox.unsubscribeUrl,
      attempts: mailOutbox.attempts,
    });
  for (const mail of claimed) {
    try {
      transport ??= smtpTransport(env.SMTP_URL);
      await (
        await transport
      ).sendMail({
        from: env.MAIL_FROM,
        to: mail.recipient,
        subject: mail.subject,
        text: mailText(mail),
        headers: unsubscribeHeaders(mail.unsubscribeUrl),
      });
      await db
        .update(mailOutbox)
        .set({ status: "sent", sentAt: new Date(), lastError: null })
        .where(eq(mailOutbox.id, mail.id));
    } catch (error) {
      const gaveUp = mail.attempts >= MAX_MAIL_ATTEMPTS;
      await db
        .update(mailOutbox)
        .set({
          status: gaveUp ? "failed" : "pending",
          lastError: (error instanceof Error ? error.message : String(error)).slice(0, 500),
          nextAttemptAt: new Date(now.getTime() + mailRetryDelayMs(mail.attempts)),
        })
        .where(eq(mailOutbox.id, mail.id));
    }
  }
  return claimed.length;
}

export const mailWorker = createDrainer("E-Mail-Versand", () => drainMailOutbox());

/**
 * Every kept mail, or (seesAll false) only the mails the viewer's own actions caused. The
 * unsubscribe link is the recipient's alone: mails to others show where it stands, not the link.
 */
export async function listOutbox(
  viewer: { id: string; email: string },
  seesAll: boolean,
  limit = 50,
) {
  const query = getDb()
    .select({
      id: mailOutbox.id,
      recipient: mailOutbox.recipient,
      subject: mailOutbox.subject,
      body: mailOutbox.body,
      unsubscribeUrl: mailOutbox.unsubscribeUrl,
      createdAt: mailOutbox.createdAt,
      status: mailOutbox.status,
      attempts: mailOutbox.attempts,
      lastError: mailOutbox.lastError,
      sentAt: mailOutbox.sentAt,
    })
    .from(mailOutbox);
  const filtered = seesAll ? query : query.where(eq(mailOutbox.triggeredByUserId, viewer.id));
  const mails = await filtered.orderBy(desc(mailOutbox.createdAt)).limit(limit);
  const own = (recipient: string) => recipient.toLowerCase() === viewer.email.toLowerCase();
  return mails.map(({ unsubscribeUrl, ...mail }) => ({
    ...mail,
    body: mailText({
      body: mail.body,
      unsubscribeUrl: unsubscribeUrl && (own(mail.recipient) ? unsubscribeUrl : hiddenLink),
    }),
  }));
}

/**
 * Absolute links for e-mails and calendar feeds, from configuration only: PUBLIC_URL, else this
 * server on localhost. Never from the request's Host header, which the sender of a request
 * chooses (a link with an invitation token must not point at another host).
 */
export function absoluteUrl(path: string): string {
  const env = getEnv();
  return new URL(path, env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).toString();
}
