import { asc, eq } from "drizzle-orm";
import { recordAudit } from "~/audit/audit.server";
import type { Actor } from "~/auth/permissions.server";
import { getDb } from "~/db/client.server";
import { identityProviders, organizations } from "~/db/schema";
import { inUnitOfWork } from "~/db/unit-of-work.server";
import { getEnv } from "~/env.server";
import { absoluteUrl } from "~/mail/mail.server";
import { forgetConfiguration } from "./oidc.server";
import type { ProviderInput } from "./provider-form";
import { ssoTexts } from "./texts";

/** What the administration shows of a provider: everything but the secret. */
const publicColumns = {
  id: identityProviders.id,
  displayName: identityProviders.displayName,
  issuer: identityProviders.issuer,
  clientId: identityProviders.clientId,
  allowedDomains: identityProviders.allowedDomains,
  organizationId: identityProviders.organizationId,
  organizationName: organizations.name,
  createsUnknownUsers: identityProviders.createsUnknownUsers,
  enabled: identityProviders.enabled,
};

export function listProviders() {
  return getDb()
    .select(publicColumns)
    .from(identityProviders)
    .innerJoin(organizations, eq(organizations.id, identityProviders.organizationId))
    .orderBy(asc(identityProviders.displayName));
}

export async function findProvider(id: string) {
  const [provider] = await getDb()
    .select(publicColumns)
    .from(identityProviders)
    .innerJoin(organizations, eq(organizations.id, identityProviders.organizationId))
    .where(eq(identityProviders.id, id));
  return provider ?? null;
}

/** The buttons of the login page. */
export function listEnabledProviders() {
  return getDb()
    .select({ id: identityProviders.id, displayName: identityProviders.displayName })
    .from(identityProviders)
    .where(eq(identityProviders.enabled, true))
    .orderBy(asc(identityProviders.displayName));
}

/** The organisations new people may land in, for the administration's choice. */
export function listOrganizationChoices() {
  return getDb()
    .select({ value: organizations.id, label: organizations.name })
    .from(organizations)
    .orderBy(asc(organizations.name));
}

/** What to enter at the provider for this portal's client. */
export function providerEndpoints(providerId: string) {
  return {
    redirectUri: absoluteUrl(`/anmelden/sso/${providerId}/rueckruf`),
    backchannelLogoutUri: absoluteUrl(`/sso/${providerId}/backchannel-logout`),
    postLogoutRedirectUri: absoluteUrl("/anmelden"),
  };
}

export type SaveResult = { ok: true; id: string } | { ok: false; field: string; message: string };

/**
 * Creates a provider (`id` null) or changes one. An empty secret keeps the stored one; a new
 * provider needs one. Issuers must use https unless OIDC_ALLOW_INSECURE_ISSUER allows http.
 */
export async function saveProvider(
  actor: Actor,
  id: string | null,
  input: ProviderInput,
  ip: string | null,
): Promise<SaveResult> {
  if (!input.issuer.startsWith("https://") && !getEnv().OIDC_ALLOW_INSECURE_ISSUER) {
    return { ok: false, field: "issuer", message: ssoTexts.issuerNotHttps };
  }
  if (id === null && input.clientSecret === "") {
    return { ok: false, field: "clientSecret", message: ssoTexts.clientSecretRequired };
  }
  const { clientSecret, ...settings } = input;
  const values = { ...settings, ...(clientSecret === "" ? {} : { clientSecret }) };
  const saved = await inUnitOfWork(async (unit) => {
    const [organization] = await unit.tx
      .select({ id: organizations.id })
      .from(organizations)
      .where(eq(organizations.id, input.organizationId));
    if (!organization) return null;
    const [row] =
      id === null
        ? await unit.tx
            .insert(identityProviders)
            .values({ ...settings, clientSecret })
            .returning({ id: identityProviders.id })
        : await unit.tx
            .update(identityProviders)
            .set({ ...values, updatedAt: new Date() })
            .where(eq(identityProviders.id, id))
            .returning({ id: identityProviders.id });
    if (!row) return null;
    await recordAudit(unit.tx, {
      action: id === null ? "identity_provider.created" : "identity_provider.updated",
      actor,
      targetType: "identity_provider",
      targetId: row.id,
      ip,
      details: {
        issuer: input.issuer,
        organizationId: input.organizationId,
        createsUnknownUsers: input.createsUnknownUsers,
        secretChanged: clientSecret !== "",
      },
    });
    unit.afterCommit(() => forgetConfiguration(row.id));
    return row;
  });
  if (!saved) return { ok: false, field: "organizationId", message: ssoTexts.organizationUnknown };
  return { ok: true, id: saved.id };
}

/** A disabled provider shows no button and accepts no login; its sessions stay until they end. */
export async function setProviderEnabled(
  actor: Actor,
  id: string,
  enabled: boolean,
  ip: string | null,
): Promise<void> {
  await inUnitOfWork(async (unit) => {
    await unit.tx
      .update(identityProviders)
      .set({ enabled, updatedAt: new Date() })
      .where(eq(identityProviders.id, id));
    await recordAudit(unit.tx, {
      action: enabled ? "identity_provider.enabled" : "identity_provider.disabled",
      actor,
      targetType: "identity_provider",
      targetId: id,
      ip,
    });
  });
}
