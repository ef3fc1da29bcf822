import { and, desc, eq, sql } from "drizzle-orm";
import { getDb } from "~/db/client.server";
import { auditLog, mailOutbox } from "~/db/schema";

/** Mails to one address, newest first. */
export function mailsTo(address: string) {
  return getDb()
    .select({
      subject: mailOutbox.subject,
      body: mailOutbox.body,
      triggeredByUserId: mailOutbox.triggeredByUserId,
    })
    .from(mailOutbox)
    .where(eq(sql`lower(${mailOutbox.recipient})`, address.toLowerCase()))
    .orderBy(desc(mailOutbox.createdAt));
}

/** The token of the newest link to `path` (e.g. "/passwort-neu/") mailed to the address. */
export async function linkTokenMailedTo(address: string, path: string): Promise<string> {
  for (const mail of await mailsTo(address)) {
    const token = mail.body.match(new RegExp(`${path}([a-z2-7]+)`))?.[1];
    if (token) return token;
  }
  throw new Error(`no mail with ${path} to ${address}`);
}

/** The audit entries of an action by or about a person, oldest first. */
export function auditEntries(action: string, userId: string) {
  return getDb()
    .select({
      details: auditLog.details,
      actorUserId: auditLog.actorUserId,
      ipHash: auditLog.ipHash,
    })
    .from(auditLog)
    .where(and(eq(auditLog.action, action), eq(auditLog.targetId, userId)))
    .orderBy(auditLog.id);
}
