import { and, desc, eq, inArray, isNull } from "drizzle-orm";
import { getDb } from "~/db/client.server";
import { notifications, users } from "~/db/schema";
import type { Executor, UnitOfWork } from "~/db/unit-of-work.server";
import type { NotificationKind } from "~/db/vocabularies";
import { absoluteUrl, queueMail } from "~/mail/mail.server";
import { emitNotification, isUserOnline, rooms } from "~/realtime/hub.server";
import { fallbackKind } from "./kinds";
import { deliveriesFor } from "./preferences.server";
import { noticeMailTexts } from "./texts";
import { unsubscribeUrl } from "./unsubscribe.server";

/**
 * Every notice to people with an account goes through here with its kind, and each person's
 * choice for the kind (Mein Konto → Benachrichtigungen, else the kind's default) decides:
 * "portal" stores it and shows it live, "email" also queues a mail in the same unit of work,
 * "digest" leaves it for the next digest mail (digest.server.ts), "off" sends nothing.
 * Mails to addresses without an account (invitations) do not come here.
 */
export interface NoticeOptions {
  /** Which setting decides; without one, "Änderungen im Netzwerk". */
  kind?: NotificationKind;
  /** The mail for "E-Mail sofort" (no client data); without it, the notice's text and link. */
  mail?: { subject: string; body: string };
  /** Whose action caused the mails (their Postausgang lists them); null or absent hides it. */
  triggeredByUserId?: string | null;
  /**
   * An organisation that must hear of it whatever its members chose: when every recipient has
   * the kind switched off, its admins (or, without one, all its active members) still get the
   * portal notice. For the arrival of a referral.
   */
  organizationMustHear?: string;
}

export async function notifyUsers(
  unit: UnitOfWork,
  userIds: string[],
  message: string,
  link: string | null,
  options: NoticeOptions = {},
): Promise<void> {
  const kind = options.kind ?? fallbackKind;
  const recipients = [...new Set(userIds)];
  const deliveries = await deliveriesFor(unit.tx, recipients, kind);
  let shown = recipients.filter((id) => deliveries.get(id) !== "off");
  if (shown.length === 0 && options.organizationMustHear) {
    shown = await standIns(unit.tx, options.organizationMustHear);
    // They switched it off: the portal notice is all they get.
    for (const id of shown) deliveries.set(id, "portal");
  }
  if (shown.length === 0) return;

  const stored = await unit.tx
    .insert(notifications)
    .values(shown.map((userId) => ({ userId, message, link, kind })))
    .returning({ id: notifications.id, userId: notifications.userId });
  await mailImmediately(
    unit,
    shown.filter((id) => deliveries.get(id) === "email"),
    kind,
    options.mail ?? {
      subject: message,
      body: noticeMailTexts.body(message, link && absoluteUrl(link)),
    },
    options.triggeredByUserId ?? null,
  );
  const forDigest = new Set(shown.filter((id) => deliveries.get(id) === "digest"));
  unit.afterCommit(async () => {
    for (const { id, userId } of stored) {
      emitNotification(rooms.user(userId), { id, message, link });
    }
    await skipSeenInDigest(stored.filter((notice) => forDigest.has(notice.userId)));
  });
}

/** Notifies every active member of an organisation. */
export async function notifyOrganization(
  unit: UnitOfWork,
  organizationId: string,
  message: string,
  link: string | null,
  options: NoticeOptions = {},
): Promise<void> {
  await notifyUsers(unit, await activeMemberIds(unit.tx, organizationId), message, link, options);
}

async function activeMemberIds(executor: Executor, organizationId: string, admins = false) {
  const rows = await executor
    .select({ id: users.id })
    .from(users)
    .where(
      and(
        eq(users.organizationId, organizationId),
        isNull(users.deactivatedAt),
        admins ? eq(users.role, "org_admin") : undefined,
      ),
    );
  return rows.map((row) => row.id);
}

/** Who hears of it when nobody chose to: the organisation's admins, or all its members. */
async function standIns(executor: Executor, organizationId: string): Promise<string[]> {
  const admins = await activeMemberIds(executor, organizationId, true);
  return admins.length > 0 ? admins : activeMemberIds(executor, organizationId);
}

async function mailImmediately(
  unit: UnitOfWork,
  userIds: string[],
  kind: NotificationKind,
  mail: { subject: string; body: string },
  triggeredByUserId: string | null,
) {
  if (userIds.length === 0) return;
  const recipients = await unit.tx
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(and(inArray(users.id, userIds), isNull(users.deactivatedAt)));
  for (const recipient of recipients) {
    await queueMail(unit, {
      to: recipient.email,
      ...mail,
      triggeredByUserId,
      unsubscribeUrl: await unsubscribeUrl(unit.tx, recipient.id, kind),
    });
  }
}

/**
 * A notice shown live on a page the person had open was seen: it does not come again in the
 * digest (as mentions were only mailed to people without an open page before). Asked after the
 * commit, so no transaction waits for the other instances' answer.
 */
async function skipSeenInDigest(notices: { id: string; userId: string }[]) {
  if (notices.length === 0) return;
  const online = await Promise.all(notices.map((notice) => isUserOnline(notice.userId)));
  const seen = notices.filter((_, index) => online[index]).map((notice) => notice.id);
  if (seen.length === 0) return;
  await getDb()
    .update(notifications)
    .set({ digestedAt: new Date() })
    .where(and(inArray(notifications.id, seen), isNull(notifications.digestedAt)));
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
