import { and, asc, eq, isNull, lt, min, or } from "drizzle-orm";
import { getDb } from "~/db/client.server";
import { digestSettings, notifications, users } from "~/db/schema";
import { inUnitOfWork } from "~/db/unit-of-work.server";
import { notificationKinds, type DigestFrequency, type NotificationKind } from "~/db/vocabularies";
import { absoluteUrl, queueMail } from "~/mail/mail.server";
import { addDays, berlinDate, fromBerlinLocal, mondayOf } from "~/time/berlin";
import { defaultDigest } from "./kinds";
import { inDigestSql } from "./preferences.server";
import { digestMailTexts, notificationKindLabels } from "./texts";
import { unsubscribeUrl } from "./unsubscribe.server";

/**
 * The digest mail: one per person and period (daily, or weekly on Monday, at the hour they
 * chose in Berlin time) with every notice of the kinds they put into the digest that waits
 * since the last one (digested_at null). It holds only the notices' texts and links, which
 * never carry client data, grouped by kind.
 */

/** The instant a digest hour falls on; 02:00 on the day summer time starts is 03:00. */
function berlinHour(date: string, hour: number): Date {
  for (let at = hour; at < 24; at += 1) {
    const converted = fromBerlinLocal(date, `${String(at).padStart(2, "0")}:00`);
    if (converted.ok) return converted.instant;
  }
  throw new Error(`No hour from ${hour} on ${date} in Berlin`);
}

/** The start of the period `now` falls in: the latest digest time at or before it. */
export function latestDigestSlot(now: Date, frequency: DigestFrequency, hour: number): Date {
  const today = berlinDate(now);
  const day = frequency === "weekly" ? mondayOf(today) : today;
  const slot = berlinHour(day, hour);
  if (slot <= now) return slot;
  return berlinHour(addDays(day, frequency === "weekly" ? -7 : -1), hour);
}

/**
 * Queues the digests that are due at `now` and returns how many. A person's digest is due when
 * a notice waits since before their latest digest time and no digest went out since then.
 * Each digest is claimed by a conditional update of last_sent_at in the unit of work that
 * queues its mail and marks its notices digested: two overlapping runs (several instances, the
 * npm script) send it once, and a failure leaves it for the next run.
 */
export async function sendDueDigests(now = new Date()): Promise<number> {
  const waiting = await getDb()
    .select({
      userId: notifications.userId,
      oldest: min(notifications.createdAt),
      frequency: digestSettings.frequency,
      hour: digestSettings.hour,
      lastSentAt: digestSettings.lastSentAt,
    })
    .from(notifications)
    .innerJoin(users, eq(users.id, notifications.userId))
    .leftJoin(digestSettings, eq(digestSettings.userId, notifications.userId))
    .where(and(isNull(notifications.digestedAt), isNull(users.deactivatedAt), inDigestSql()))
    .groupBy(
      notifications.userId,
      digestSettings.frequency,
      digestSettings.hour,
      digestSettings.lastSentAt,
    );
  let sent = 0;
  for (const person of waiting) {
    const slot = latestDigestSlot(
      now,
      person.frequency ?? defaultDigest.frequency,
      person.hour ?? defaultDigest.hour,
    );
    const due = person.oldest! < slot && (!person.lastSentAt || person.lastSentAt < slot);
    if (due && (await sendDigest(person.userId, slot, now))) sent += 1;
  }
  return sent;
}

async function sendDigest(userId: string, slot: Date, now: Date): Promise<boolean> {
  return inUnitOfWork(async (unit) => {
    const { tx } = unit;
    await tx.insert(digestSettings).values({ userId }).onConflictDoNothing();
    const claimed = await tx
      .update(digestSettings)
      .set({ lastSentAt: now })
      .where(
        and(
          eq(digestSettings.userId, userId),
          or(isNull(digestSettings.lastSentAt), lt(digestSettings.lastSentAt, slot)),
        ),
      )
      .returning({ userId: digestSettings.userId });
    if (claimed.length === 0) return false;
    const notices = await tx
      .update(notifications)
      .set({ digestedAt: now })
      .where(and(eq(notifications.userId, userId), isNull(notifications.digestedAt), inDigestSql()))
      .returning({
        kind: notifications.kind,
        message: notifications.message,
        link: notifications.link,
        createdAt: notifications.createdAt,
      });
    const [recipient] = await tx
      .select({ email: users.email })
      .from(users)
      .where(and(eq(users.id, userId), isNull(users.deactivatedAt)));
    if (notices.length === 0 || !recipient) return false;
    await queueMail(unit, {
      to: recipient.email,
      subject: digestMailTexts.subject(notices.length),
      body: digestMailTexts.body(digestSections(notices)),
      // Sent by the job, so nobody's action caused it; only the platform admin sees it listed.
      triggeredByUserId: null,
      unsubscribeUrl: await unsubscribeUrl(tx, userId, "digest"),
    });
    return true;
  });
}

/** The notices under their kind's name, oldest first, each with its link. */
function digestSections(
  notices: { kind: NotificationKind; message: string; link: string | null; createdAt: Date }[],
): string {
  const sorted = [...notices].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  return notificationKinds
    .map((kind) => {
      const lines = sorted
        .filter((notice) => notice.kind === kind)
        .map(
          (notice) => `- ${notice.message}${notice.link ? `: ${absoluteUrl(notice.link)}` : ""}`,
        );
      return lines.length === 0 ? null : `${notificationKindLabels[kind]}\n${lines.join("\n")}`;
    })
    .filter((section) => section !== null)
    .join("\n\n");
}

/** Notices waiting for a digest, oldest first (for tests and the job's log). */
export function pendingDigestNotices() {
  return getDb()
    .select({
      userId: notifications.userId,
      kind: notifications.kind,
      message: notifications.message,
    })
    .from(notifications)
    .where(and(isNull(notifications.digestedAt), inDigestSql()))
    .orderBy(asc(notifications.createdAt));
}
