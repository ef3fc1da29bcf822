import { eq } from "drizzle-orm";
import { recordAudit } from "~/audit/audit.server";
import { memberRolesFor, type OrganizationNetworks } from "~/auth/permissions.server";
import { getDb } from "~/db/client.server";
import {
  networkMemberships,
  organizations,
  type MemberRole,
  type OrganizationKind,
} from "~/db/schema";
import { inUnitOfWork, type Executor } from "~/db/unit-of-work.server";
import { disconnectRoom, rooms } from "~/realtime/hub.server";
import type { OrganizationProfile } from "./organization-form";

const profileColumns = {
  id: organizations.id,
  name: organizations.name,
  kind: organizations.kind,
  city: organizations.city,
  description: organizations.description,
  contactEmail: organizations.contactEmail,
  phone: organizations.phone,
  website: organizations.website,
};

export async function getOrganization(id: string, executor: Executor = getDb()) {
  const [organization] = await executor
    .select(profileColumns)
    .from(organizations)
    .where(eq(organizations.id, id));
  return organization ?? null;
}

/** Whether people of the organisation may hold the role (see memberRolesFor). */
export async function offersRole(
  organizationId: string,
  role: MemberRole,
  executor: Executor = getDb(),
): Promise<boolean> {
  const organization = await getOrganization(organizationId, executor);
  return organization !== null && memberRolesFor(organization.kind).includes(role);
}

/** The organisation with the networks it belongs to, for `organization.changeKind`. */
export async function getOrganizationNetworks(id: string): Promise<OrganizationNetworks | null> {
  const rows = await getDb()
    .select({ id: organizations.id, networkId: networkMemberships.networkId })
    .from(organizations)
    .leftJoin(networkMemberships, eq(networkMemberships.organizationId, organizations.id))
    .where(eq(organizations.id, id));
  if (rows.length === 0) return null;
  return { id, networkIds: rows.flatMap((row) => (row.networkId ? [row.networkId] : [])) };
}

export async function updateOrganizationProfile(
  actor: { id: string; organizationId: string },
  organizationId: string,
  profile: OrganizationProfile,
  ip: string | null,
): Promise<void> {
  await inUnitOfWork(async ({ tx }) => {
    await tx.update(organizations).set(profile).where(eq(organizations.id, organizationId));
    await recordAudit(tx, {
      action: "organization.updated",
      actor,
      targetType: "organization",
      targetId: organizationId,
      ip,
    });
  });
}

/**
 * Sets the kind of an organisation (the caller authorized `organization.changeKind`). Referrals
 * already sent keep the secrecy fixed when they were sent. The members' live connections are
 * ended, so that they reconnect into the rooms of their new kind (employer or staff).
 */
export async function changeOrganizationKind(
  actor: { id: string; organizationId: string },
  organizationId: string,
  kind: OrganizationKind,
  ip: string | null,
): Promise<void> {
  await inUnitOfWork(async ({ tx, afterCommit }) => {
    const [before] = await tx
      .select({ kind: organizations.kind })
      .from(organizations)
      .where(eq(organizations.id, organizationId))
      .for("update");
    if (!before || before.kind === kind) return;
    await tx.update(organizations).set({ kind }).where(eq(organizations.id, organizationId));
    await recordAudit(tx, {
      action: "organization.kind_changed",
      actor,
      targetType: "organization",
      targetId: organizationId,
      ip,
      details: { from: before.kind, to: kind },
    });
    afterCommit(() => disconnectRoom(rooms.organization(organizationId)));
  });
}
