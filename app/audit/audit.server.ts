import { eq } from "drizzle-orm";
import { createHmac } from "node:crypto";
import { getDb } from "~/db/client.server";
import type { Executor } from "~/db/unit-of-work.server";
import { auditLog, instanceSettings } from "~/db/schema";

export type AuditAction =
  | "auth.login"
  | "auth.login_failed"
  | "auth.logout"
  | "permission.denied"
  | "invitation.created"
  /** An invitation to an address that has an account: only a mail to that person. */
  | "invitation.existing_account"
  | "invitation.accepted"
  | "member.role_changed"
  | "member.deactivated"
  | "organization.updated"
  | "organization.created"
  /** `npm run admin:create` made the installation's first platform administration. */
  | "platform_admin.created"
  | "organization.kind_changed"
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
  | "calendar.feed_revoked"
  // Own account (Mein Konto)
  | "auth.password_reset_requested"
  | "auth.password_reset"
  | "account.password_changed"
  | "account.profile_updated"
  | "account.email_change_requested"
  | "account.email_changed"
  | "account.data_exported"
  | "notification.settings_changed"
  /** One-click unsubscribe from a mail, without login. */
  | "notification.unsubscribed"
  // Second factor and sign-in rules
  | "auth.second_factor_passed"
  | "auth.second_factor_failed"
  | "second_factor.enabled"
  | "second_factor.removed"
  | "second_factor.recovery_codes_renewed"
  | "member.second_factor_reset"
  | "member.anonymized"
  | "sign_in_policy.updated"
  | "organization.sign_in_settings_updated"
  /** The password was right, but the organisation signs in only through its provider. */
  | "auth.login_refused_sso"
  // Single sign-on (OpenID Connect)
  | "identity_provider.created"
  | "identity_provider.updated"
  | "identity_provider.enabled"
  | "identity_provider.disabled"
  | "auth.sso_login"
  | "auth.sso_linked"
  | "auth.sso_user_created"
  | "auth.sso_refused"
  | "auth.sso_backchannel_logout";

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

/** The per-installation secret (created by a migration), so IP hashes cannot be brute-forced back. */
async function readIpHashKey(executor: Executor): Promise<string> {
  const [row] = await executor
    .select({ value: instanceSettings.value })
    .from(instanceSettings)
    .where(eq(instanceSettings.key, "ip_hash_key"));
  if (!row) throw new Error("ip_hash_key missing: run the migrations");
  return row.value;
}

export async function hashIp(
  ip: string | null | undefined,
  executor: Executor = getDb(),
): Promise<string | null> {
  if (!ip) return null;
  ipKey ??= readIpHashKey(executor);
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

/**
 * Writes an audit entry with `executor`: the transaction of the change it records (so the two
 * commit together or not at all), or the database for what changes nothing (a refused access,
 * a failed login, a page view).
 */
export async function recordAudit(executor: Executor, entry: AuditEntry): Promise<void> {
  await executor.insert(auditLog).values({
    action: entry.action,
    actorUserId: entry.actor?.id ?? null,
    actorOrganizationId: entry.actor?.organizationId ?? null,
    targetType: entry.targetType ?? null,
    targetId: entry.targetId ?? null,
    networkId: entry.networkId ?? null,
    ipHash: await hashIp(entry.ip, executor),
    details: entry.details ?? null,
  });
}

/** A record a background job changed, named in its audit entry with its network. */
interface JobTarget {
  id: string;
  networkId: string;
}

/** What a background job (no actor, no address) did: one entry per record it changed. */
export async function recordJobAudits<Target extends JobTarget>(
  executor: Executor,
  entry: { action: AuditAction; targetType: string },
  targets: Target[],
  detailsOf?: (target: Target) => AuditEntry["details"],
): Promise<void> {
  for (const target of targets) {
    await recordAudit(executor, {
      ...entry,
      targetId: target.id,
      networkId: target.networkId,
      details: detailsOf?.(target),
    });
  }
}
