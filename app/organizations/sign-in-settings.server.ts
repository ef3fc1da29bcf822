import { and, asc, eq } from "drizzle-orm";
import { recordAudit } from "~/audit/audit.server";
import {
  parseSecondFactorRoles,
  proposedSecondFactorAudiences,
  SECOND_FACTOR_ROLES_SETTING,
} from "~/auth/sign-in-policy";
import { getDb } from "~/db/client.server";
import { identityProviders, instanceSettings, organizations } from "~/db/schema";
import { inUnitOfWork, type Executor } from "~/db/unit-of-work.server";
import type { SecondFactorAudience } from "~/db/vocabularies";

/**
 * The two switches of strong sign-in (see ~/auth/sign-in-policy.ts for what they decide): the
 * platform admin's roles that must have a second factor, and an organisation's "for all
 * members" and "only through our identity provider". Both take effect with the next request
 * of every session: its validation reads them.
 */

type Actor = { id: string; organizationId: string };

/** The saved roles, or the proposal (not enforced) while none were saved. */
export async function loadSecondFactorPolicy(): Promise<{
  saved: boolean;
  roles: SecondFactorAudience[];
}> {
  const [row] = await getDb()
    .select({ value: instanceSettings.value })
    .from(instanceSettings)
    .where(eq(instanceSettings.key, SECOND_FACTOR_ROLES_SETTING));
  const saved = parseSecondFactorRoles(row?.value ?? null);
  return saved
    ? { saved: true, roles: saved }
    : { saved: false, roles: proposedSecondFactorAudiences };
}

export async function saveSecondFactorPolicy(
  actor: Actor,
  roles: SecondFactorAudience[],
  ip: string | null,
): Promise<void> {
  const value = JSON.stringify([...new Set(roles)]);
  await inUnitOfWork(async ({ tx }) => {
    await tx
      .insert(instanceSettings)
      .values({ key: SECOND_FACTOR_ROLES_SETTING, value })
      .onConflictDoUpdate({ target: instanceSettings.key, set: { value } });
    await recordAudit(tx, {
      action: "sign_in_policy.updated",
      actor,
      targetType: "instance_setting",
      targetId: SECOND_FACTOR_ROLES_SETTING,
      ip,
      details: { secondFactorRoles: roles.join(",") },
    });
  });
}

/** Enabled identity providers that serve the organisation: only they make "SSO only" possible. */
async function providersOf(organizationId: string, executor: Executor) {
  const rows = await executor
    .select({ displayName: identityProviders.displayName })
    .from(identityProviders)
    .where(
      and(
        eq(identityProviders.organizationId, organizationId),
        eq(identityProviders.enabled, true),
      ),
    )
    .orderBy(asc(identityProviders.displayName));
  return rows.map((row) => row.displayName);
}

export async function organizationSignInSettings(organizationId: string) {
  const db = getDb();
  const [organization] = await db
    .select({
      requireSecondFactor: organizations.requireSecondFactor,
      requireSso: organizations.requireSso,
    })
    .from(organizations)
    .where(eq(organizations.id, organizationId));
  if (!organization) return null;
  return { ...organization, identityProviders: await providersOf(organizationId, db) };
}

export type SignInSettingsResult = { ok: true } | { ok: false; field: "requireSso" };

/** The organisation admin's switches (the caller authorized `organization.edit`). */
export async function saveOrganizationSignInSettings(
  actor: Actor,
  organizationId: string,
  settings: { requireSecondFactor: boolean; requireSso: boolean },
  ip: string | null,
): Promise<SignInSettingsResult> {
  return inUnitOfWork(async ({ tx }) => {
    if (settings.requireSso && (await providersOf(organizationId, tx)).length === 0) {
      return { ok: false, field: "requireSso" } as const;
    }
    await tx.update(organizations).set(settings).where(eq(organizations.id, organizationId));
    await recordAudit(tx, {
      action: "organization.sign_in_settings_updated",
      actor,
      targetType: "organization",
      targetId: organizationId,
      ip,
      details: settings,
    });
    return { ok: true } as const;
  });
}
