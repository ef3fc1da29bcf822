import { eq } from "drizzle-orm";
import { createHmac, randomBytes } from "node:crypto";
import { getDb } from "~/db/client.server";
import { auditLog, instanceSettings } from "~/db/schema";

export type AuditAction =
  | "auth.login"
  | "auth.login_failed"
  | "auth.logout"
  | "permission.denied"
  | "invitation.created"
  | "invitation.accepted"
  | "member.role_changed"
  | "member.deactivated"
  | "organization.updated"
  | "organization.created"
  | "network.created"
  | "network.coordinator_appointed"
  | "network.organization_admitted"
  | "network.organization_removed"
  | "network.retention_changed"
  | "service.created"
  | "service.updated"
  | "referral.created"
  | "referral.updated"
  | "referral.viewed"
  | "referral.printed"
  | "referral.transitioned"
  | "referral.escalated"
  | "referral.anonymised"
  | "idea.created"
  | "idea.updated"
  | "idea.published"
  | "idea.archived"
  | "idea.adopted"
  | "discussion.channel_created"
  | "discussion.channel_updated"
  | "discussion.post_deleted"
  | "discussion.post_hidden"
  | "discussion.report_dismissed"
  | "discussion.thread_locked"
  | "discussion.thread_unlocked"
  | "discussion.referral_thread_viewed"
  | "course.created"
  | "course.updated"
  | "course.pledged"
  | "course.confirmed"
  | "course.cancelled"
  | "event.created"
  | "event.updated"
  | "event.cancelled"
  | "event.reservation_created"
  | "event.reservation_cancelled"
  | "event.outcomes_recorded"
  | "event.pseudonyms_erased"
  | "calendar.feed_created"
  | "calendar.feed_revoked";

export interface AuditEntry {
  action: AuditAction;
  actor?: { id: string; organizationId: string } | null;
  targetType?: string;
  targetId?: string;
  networkId?: string;
  ip?: string | null;
  details?: Record<string, string | number | boolean | null>;
}

let ipKey: Promise<string> | undefined;

/** A per-installation secret, created on first use, so stored IP hashes cannot be brute-forced back. */
async function getIpHashKey(): Promise<string> {
  const db = getDb();
  await db
    .insert(instanceSettings)
    .values({ key: "ip_hash_key", value: randomBytes(32).toString("hex") })
    .onConflictDoNothing();
  const [row] = await db
    .select({ value: instanceSettings.value })
    .from(instanceSettings)
    .where(eq(instanceSettings.key, "ip_hash_key"));
  if (!row) throw new Error("ip_hash_key missing");
  return row.value;
}

export async function hashIp(ip: string | null | undefined): Promise<string | null> {
  if (!ip) return null;
  ipKey ??= getIpHashKey();
  try {
    return createHmac("sha256", await ipKey)
      .update(ip)
      .digest("hex")
      .slice(0, 32);
  } catch (error) {
    ipKey = undefined;
    throw error;
  }
}

export async function recordAudit(entry: AuditEntry): Promise<void> {
  await getDb()
    .insert(auditLog)
    .values({
      action: entry.action,
      actorUserId: entry.actor?.id ?? null,
      actorOrganizationId: entry.actor?.organizationId ?? null,
      targetType: entry.targetType ?? null,
      targetId: entry.targetId ?? null,
      networkId: entry.networkId ?? null,
      ipHash: await hashIp(entry.ip),
      details: entry.details ?? null,
    });
}
