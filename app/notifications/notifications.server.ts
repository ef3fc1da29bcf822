import { and, desc, eq, isNull } from "drizzle-orm";
import { getDb } from "~/db/client.server";
import { notifications, users } from "~/db/schema";
import type { UnitOfWork } from "~/db/unit-of-work.server";
import { emitNotification, rooms } from "~/realtime/hub.server";

/**
 * Stores a notification for each user with the change that caused it, and pushes it live to
 * their open pages once that change is committed.
 */
export async function notifyUsers(
  unit: UnitOfWork,
  userIds: string[],
  message: string,
  link: string | null,
): Promise<void> {
  if (userIds.length === 0) return;
  const stored = await unit.tx
    .insert(notifications)
    .values(userIds.map((userId) => ({ userId, message, link })))
    .returning({ id: notifications.id, userId: notifications.userId });
  unit.afterCommit(() => {
    for (const { id, userId } of stored) {
      emitNotification(rooms.user(userId), { id, message, link });
    }
  });
}

/** Notifies every active member of an organisation. */
export async function notifyOrganization(
  unit: UnitOfWork,
  organizationId: string,
  message: string,
  link: string | null,
): Promise<void> {
  const recipients = await unit.tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.organizationId, organizationId), isNull(users.deactivatedAt)));
  await notifyUsers(
    unit,
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
