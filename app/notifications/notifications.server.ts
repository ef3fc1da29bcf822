import { and, desc, eq, isNull } from "drizzle-orm";
import { getDb } from "~/db/client.server";
import { notifications, users } from "~/db/schema";
import { emitNotification, rooms } from "~/realtime/hub.server";

/** Stores a notification for each user and pushes it live to their open pages. */
export async function notifyUsers(
  userIds: string[],
  message: string,
  link: string | null,
): Promise<void> {
  if (userIds.length === 0) return;
  const stored = await getDb()
    .insert(notifications)
    .values(userIds.map((userId) => ({ userId, message, link })))
    .returning({ id: notifications.id, userId: notifications.userId });
  for (const { id, userId } of stored) {
    emitNotification(rooms.user(userId), { id, message, link });
  }
}

/** Notifies every active member of an organisation. */
export async function notifyOrganization(
  organizationId: string,
  message: string,
  link: string | null,
): Promise<void> {
  const recipients = await getDb()
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.organizationId, organizationId), isNull(users.deactivatedAt)));
  await notifyUsers(
    recipients.map((recipient) => recipient.id),
    message,
    link,
  );
}

export function listRecentNotifications(userId: string, limit = 5) {
  return getDb()
    .select({
      id: notifications.id,
      message: notifications.message,
      link: notifications.link,
      createdAt: notifications.createdAt,
      readAt: notifications.readAt,
    })
    .from(notifications)
    .where(eq(notifications.userId, userId))
    .orderBy(desc(notifications.createdAt))
    .limit(limit);
}

/**
 * Delivers to each recipient in turn. A failure (say, the mail server is down) is logged and the
 * others still get theirs: what caused the messages is already saved and is not undone by it.
 */
export async function deliverToEach<Recipient>(
  recipients: Iterable<Recipient>,
  what: string,
  deliver: (recipient: Recipient) => Promise<void>,
): Promise<void> {
  for (const recipient of recipients) {
    try {
      await deliver(recipient);
    } catch (error) {
      console.warn(`${what}: Zustellung fehlgeschlagen (${String(error)})`);
    }
  }
}
