import { and, asc, eq, isNull } from "drizzle-orm";
import { getDb } from "~/db/client.server";
import { inUnitOfWork, type Executor } from "~/db/unit-of-work.server";
import { discussionDigestItems, users } from "~/db/schema";
import { absoluteUrl, queueMail } from "~/mail/mail.server";
import { discussionTexts } from "./texts";

/**
 * The e-mail digest of discussions: mentions and replies that happened while the person had no
 * page open are collected and sent as one mail per person by a periodic job. The mail holds the
 * notification texts (who, which thread) and links, never what was written.
 */

export async function queueForDigest(
  executor: Executor,
  userIds: string[],
  message: string,
  link: string,
) {
  if (userIds.length === 0) return;
  await executor
    .insert(discussionDigestItems)
    .values(userIds.map((userId) => ({ userId, message, link })));
}

/**
 * Sends every person with pending items one mail and marks the items sent. Items are claimed
 * with a conditional update in the unit of work that queues the mail, so two overlapping runs
 * never send the same item twice and a failure leaves them for the next run.
 * Returns how many mails were queued.
 */
export async function sendDiscussionDigests(): Promise<number> {
  const pending = await getDb()
    .select({ userId: discussionDigestItems.userId })
    .from(discussionDigestItems)
    .where(isNull(discussionDigestItems.sentAt))
    .groupBy(discussionDigestItems.userId);
  let sent = 0;
  for (const { userId } of pending) {
    const queued = await inUnitOfWork(async (unit) => {
      const claimed = await unit.tx
        .update(discussionDigestItems)
        .set({ sentAt: new Date() })
        .where(and(eq(discussionDigestItems.userId, userId), isNull(discussionDigestItems.sentAt)))
        .returning({
          message: discussionDigestItems.message,
          link: discussionDigestItems.link,
          createdAt: discussionDigestItems.createdAt,
        });
      if (claimed.length === 0) return false;
      const [recipient] = await unit.tx
        .select({ email: users.email, deactivatedAt: users.deactivatedAt })
        .from(users)
        .where(eq(users.id, userId));
      if (!recipient || recipient.deactivatedAt) return false;
      const lines = claimed
        .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
        .map((item) => `- ${item.message}: ${absoluteUrl(item.link)}`);
      await queueMail(unit, {
        to: recipient.email,
        subject: discussionTexts.digestSubject(claimed.length),
        body: discussionTexts.digestBody(lines.join("\n")),
        // Sent by the job, so nobody's action caused it; only the platform admin sees it listed.
        triggeredByUserId: null,
      });
      return true;
    });
    if (queued) sent += 1;
  }
  return sent;
}

/** Pending digest items, oldest first (for tests and the job's log). */
export function pendingDigestItems() {
  return getDb()
    .select({ userId: discussionDigestItems.userId, message: discussionDigestItems.message })
    .from(discussionDigestItems)
    .where(isNull(discussionDigestItems.sentAt))
    .orderBy(asc(discussionDigestItems.createdAt));
}
