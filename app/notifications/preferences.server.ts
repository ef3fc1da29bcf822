import { and, eq, inArray, isNull, sql, type SQL } from "drizzle-orm";
import { recordAudit } from "~/audit/audit.server";
import { getDb } from "~/db/client.server";
import { digestSettings, notificationPreferences, notifications } from "~/db/schema";
import { inUnitOfWork, type Executor } from "~/db/unit-of-work.server";
import {
  notificationKinds,
  type DigestFrequency,
  type NotificationDelivery,
  type NotificationKind,
} from "~/db/vocabularies";
import { defaultDeliveries, defaultDigest } from "./kinds";

/** A person's choice per kind: their own row, else the kind's default. */
export type Deliveries = Record<NotificationKind, NotificationDelivery>;

export interface NotificationSettings {
  deliveries: Deliveries;
  frequency: DigestFrequency;
  hour: number;
}

export async function deliveriesOf(executor: Executor, userId: string): Promise<Deliveries> {
  const rows = await executor
    .select({ kind: notificationPreferences.kind, delivery: notificationPreferences.delivery })
    .from(notificationPreferences)
    .where(eq(notificationPreferences.userId, userId));
  const chosen = new Map(rows.map((row) => [row.kind, row.delivery]));
  return Object.fromEntries(
    notificationKinds.map((kind) => [kind, chosen.get(kind) ?? defaultDeliveries[kind]]),
  ) as Deliveries;
}

/** Each person's delivery of one kind. */
export async function deliveriesFor(
  executor: Executor,
  userIds: string[],
  kind: NotificationKind,
): Promise<Map<string, NotificationDelivery>> {
  const rows =
    userIds.length === 0
      ? []
      : await executor
          .select({
            userId: notificationPreferences.userId,
            delivery: notificationPreferences.delivery,
          })
          .from(notificationPreferences)
          .where(
            and(
              inArray(notificationPreferences.userId, userIds),
              eq(notificationPreferences.kind, kind),
            ),
          );
  const chosen = new Map(rows.map((row) => [row.userId, row.delivery]));
  return new Map(userIds.map((id) => [id, chosen.get(id) ?? defaultDeliveries[kind]]));
}

/**
 * SQL for "this notice's kind goes into its recipient's digest", for queries over notifications
 * (correlated on notifications.user_id and notifications.kind).
 */
export function inDigestSql(): SQL {
  const defaultDigestKinds = notificationKinds.filter(
    (kind) => defaultDeliveries[kind] === "digest",
  );
  const chosen = sql`(select ${notificationPreferences.delivery} from ${notificationPreferences}
    where ${notificationPreferences.userId} = ${notifications.userId}
    and ${notificationPreferences.kind} = ${notifications.kind})`;
  const byDefault =
    defaultDigestKinds.length === 0
      ? sql`false`
      : sql`${notifications.kind} in (${sql.join(
          defaultDigestKinds.map((kind) => sql`${kind}`),
          sql`, `,
        )})`;
  return sql`coalesce(${chosen} = 'digest', ${byDefault})`;
}

export async function loadNotificationSettings(userId: string): Promise<NotificationSettings> {
  const db = getDb();
  const [digest] = await db
    .select({ frequency: digestSettings.frequency, hour: digestSettings.hour })
    .from(digestSettings)
    .where(eq(digestSettings.userId, userId));
  return { deliveries: await deliveriesOf(db, userId), ...(digest ?? defaultDigest) };
}

/**
 * Saves the whole settings form in one unit of work, audited. A kind newly put into the digest
 * starts with what arrives from now on: notices of it shown before are marked as digested, so
 * the first digest does not bring up everything of that kind ever shown in the portal.
 */
export async function saveNotificationSettings(
  actor: { id: string; organizationId: string },
  settings: NotificationSettings,
  ip: string | null,
): Promise<void> {
  await inUnitOfWork(async ({ tx }) => {
    const before = await deliveriesOf(tx, actor.id);
    await tx
      .insert(notificationPreferences)
      .values(
        notificationKinds.map((kind) => ({
          userId: actor.id,
          kind,
          delivery: settings.deliveries[kind],
        })),
      )
      .onConflictDoUpdate({
        target: [notificationPreferences.userId, notificationPreferences.kind],
        set: { delivery: sql`excluded.delivery` },
      });
    await tx
      .insert(digestSettings)
      .values({ userId: actor.id, frequency: settings.frequency, hour: settings.hour })
      .onConflictDoUpdate({
        target: digestSettings.userId,
        set: { frequency: settings.frequency, hour: settings.hour },
      });
    const intoDigest = notificationKinds.filter(
      (kind) => settings.deliveries[kind] === "digest" && before[kind] !== "digest",
    );
    if (intoDigest.length > 0) {
      await tx
        .update(notifications)
        .set({ digestedAt: sql`now()` })
        .where(
          and(
            eq(notifications.userId, actor.id),
            inArray(notifications.kind, intoDigest),
            isNull(notifications.digestedAt),
          ),
        );
    }
    const changed = notificationKinds.filter((kind) => before[kind] !== settings.deliveries[kind]);
    await recordAudit(tx, {
      action: "notification.settings_changed",
      actor,
      ip,
      targetType: "user",
      targetId: actor.id,
      details: {
        ...Object.fromEntries(changed.map((kind) => [kind, settings.deliveries[kind]])),
        digestFrequency: settings.frequency,
        digestHour: settings.hour,
      },
    });
  });
}
