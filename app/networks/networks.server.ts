import { and, asc, desc, eq, inArray, notInArray, sql } from "drizzle-orm";
import { recordAudit } from "~/audit/audit.server";
import { findUserByEmail } from "~/auth/login.server";
import { findById } from "~/db/find-by-id.server";
import { getDb } from "~/db/client.server";
import { inUnitOfWork, type Executor, type UnitOfWork } from "~/db/unit-of-work.server";
import {
  auditLog,
  networkCoordinators,
  networkMemberships,
  networks,
  organizations,
  users,
} from "~/db/schema";
import { notifyOrganization, notifyUsers } from "~/notifications/notifications.server";
import { disconnectRoom, rooms } from "~/realtime/hub.server";
import { activitySentences, networkTexts } from "./texts";
import { releaseReservationsOf } from "~/events/reservations.server";

interface Actor {
  id: string;
  organizationId: string;
}

const networkColumns = {
  id: networks.id,
  name: networks.name,
  region: networks.region,
  description: networks.description,
  referralRetentionMonths: networks.referralRetentionMonths,
};

export function getNetwork(networkId: string, executor: Executor = getDb()) {
  return findById(networks, networkColumns, networkId, executor);
}

export function listNetworksWithCounts() {
  return getDb()
    .select({
      id: networks.id,
      name: networks.name,
      region: networks.region,
      organizationCount: sql<number>`(select count(*)::int from ${networkMemberships} where ${networkMemberships.networkId} = ${networks.id})`,
      coordinators: sql<
        string[]
      >`array(select ${users.name} from ${networkCoordinators} join ${users} on ${users.id} = ${networkCoordinators.userId} where ${networkCoordinators.networkId} = ${networks.id} order by ${users.name})`,
    })
    .from(networks)
    .orderBy(asc(networks.name));
}

/** Networks with their member organisations, in one query (no N+1 on the start page). */
export async function listNetworksWithOrganizations(networkIds: string[]) {
  if (networkIds.length === 0) return [];
  const rows = await getDb()
    .select({
      networkId: networks.id,
      networkName: networks.name,
      region: networks.region,
      description: networks.description,
      organizationId: organizations.id,
      organizationName: organizations.name,
      kind: organizations.kind,
      city: organizations.city,
    })
    .from(networks)
    .leftJoin(networkMemberships, eq(networkMemberships.networkId, networks.id))
    .leftJoin(organizations, eq(organizations.id, networkMemberships.organizationId))
    .where(inArray(networks.id, networkIds))
    .orderBy(asc(networks.name), asc(organizations.name));

  type Entry = {
    id: string;
    name: string;
    region: string;
    description: string;
    organizations: { id: string; name: string; kind: string; city: string }[];
  };
  const byId = new Map<string, Entry>();
  for (const row of rows) {
    let entry = byId.get(row.networkId);
    if (!entry) {
      entry = {
        id: row.networkId,
        name: row.networkName,
        region: row.region,
        description: row.description,
        organizations: [],
      };
      byId.set(row.networkId, entry);
    }
    if (row.organizationId && row.organizationName && row.kind) {
      entry.organizations.push({
        id: row.organizationId,
        name: row.organizationName,
        kind: row.kind,
        city: row.city ?? "",
      });
    }
  }
  return [...byId.values()];
}

export function listCoordinators(networkId: string) {
  return getDb()
    .select({ id: users.id, name: users.name, organizationName: organizations.name })
    .from(networkCoordinators)
    .innerJoin(users, eq(users.id, networkCoordinators.userId))
    .innerJoin(organizations, eq(organizations.id, users.organizationId))
    .where(eq(networkCoordinators.networkId, networkId))
    .orderBy(asc(users.name));
}

/** Organisations of the installation that are not yet in the network. */
export function listAdmittableOrganizations(networkId: string) {
  const db = getDb();
  const members = db
    .select({ id: networkMemberships.organizationId })
    .from(networkMemberships)
    .where(eq(networkMemberships.networkId, networkId));
  return db
    .select({ id: organizations.id, name: organizations.name, city: organizations.city })
    .from(organizations)
    .where(notInArray(organizations.id, members))
    .orderBy(asc(organizations.name));
}

export async function recentActivity(networkIds: string[], limit = 8) {
  if (networkIds.length === 0) return [];
  const rows = await getDb()
    .select({
      id: auditLog.id,
      occurredAt: auditLog.occurredAt,
      action: auditLog.action,
      networkId: auditLog.networkId,
      details: auditLog.details,
      // A person is named as they are now (an anonymised former member as such), not as the
      // entry was written: entries never store people's names.
      personName: sql<
        string | null
      >`(select ${users.name} from ${users} where ${auditLog.targetType} = 'user' and ${users.id}::text = ${auditLog.targetId})`,
    })
    .from(auditLog)
    .where(
      and(
        inArray(auditLog.networkId, networkIds),
        inArray(auditLog.action, Object.keys(activitySentences)),
      ),
    )
    .orderBy(desc(auditLog.occurredAt), desc(auditLog.id))
    .limit(limit);
  return rows.map((row) => ({
    id: row.id,
    occurredAt: row.occurredAt,
    networkId: row.networkId,
    text: activitySentences[row.action]?.({ ...row.details, personName: row.personName }) ?? "",
  }));
}

export type FieldResult = { ok: true; id?: string } | { ok: false; field: string; message: string };

export async function createNetwork(
  actor: Actor,
  input: { name: string; region: string; description: string; coordinatorEmail: string },
  ip: string | null,
): Promise<FieldResult> {
  return inUnitOfWork(async (unit) => {
    const { tx } = unit;
    const coordinator = await findUserByEmail(input.coordinatorEmail, { activeOnly: true }, tx);
    if (!coordinator) {
      return { ok: false, field: "coordinatorEmail", message: networkTexts.coordinatorUnknown };
    }
    const [existing] = await tx
      .select({ id: networks.id })
      .from(networks)
      .where(sql`lower(${networks.name}) = ${input.name.toLowerCase()}`);
    if (existing) return { ok: false, field: "name", message: networkTexts.nameTaken };

    const [network] = await tx
      .insert(networks)
      .values({ name: input.name, region: input.region, description: input.description })
      .returning({ id: networks.id });
    if (!network) throw new Error("network insert returned nothing");
    await recordAudit(tx, {
      action: "network.created",
      actor,
      targetType: "network",
      targetId: network.id,
      networkId: network.id,
      ip,
      details: { networkName: input.name },
    });
    await appointCoordinatorUser(unit, actor, network.id, coordinator, ip);
    // The coordinator's own organisation is part of the network it coordinates.
    await admitOrganization(unit, actor, network.id, coordinator.organizationId, ip);
    return { ok: true, id: network.id };
  });
}

export async function appointCoordinator(
  actor: Actor,
  networkId: string,
  email: string,
  ip: string | null,
): Promise<FieldResult> {
  return inUnitOfWork(async (unit) => {
    const coordinator = await findUserByEmail(email, { activeOnly: true }, unit.tx);
    if (!coordinator) {
      return { ok: false, field: "coordinatorEmail", message: networkTexts.coordinatorUnknown };
    }
    await appointCoordinatorUser(unit, actor, networkId, coordinator, ip);
    return { ok: true };
  });
}

async function appointCoordinatorUser(
  unit: UnitOfWork,
  actor: Actor,
  networkId: string,
  coordinator: { id: string; name: string },
  ip: string | null,
) {
  const { tx } = unit;
  const inserted = await tx
    .insert(networkCoordinators)
    .values({ networkId, userId: coordinator.id })
    .onConflictDoNothing()
    .returning({ userId: networkCoordinators.userId });
  if (inserted.length === 0) return;
  await recordAudit(tx, {
    action: "network.coordinator_appointed",
    actor,
    targetType: "user",
    targetId: coordinator.id,
    networkId,
    ip,
  });
  const network = await getNetwork(networkId, tx);
  await notifyUsers(
    unit,
    [coordinator.id],
    networkTexts.coordinatorNotification(network?.name ?? ""),
    `/netzwerke/${networkId}`,
    { kind: "network_change" },
  );
}

/** Admits an organisation, in the caller's unit of work (creating one may come with it). */
export async function admitOrganization(
  unit: UnitOfWork,
  actor: Actor,
  networkId: string,
  organizationId: string,
  ip: string | null,
): Promise<FieldResult> {
  const { tx } = unit;
  const [organization] = await tx
    .select({ name: organizations.name })
    .from(organizations)
    .where(eq(organizations.id, organizationId));
  if (!organization) {
    return { ok: false, field: "organizationId", message: networkTexts.organizationRequired };
  }
  const inserted = await tx
    .insert(networkMemberships)
    .values({ networkId, organizationId })
    .onConflictDoNothing()
    .returning({ organizationId: networkMemberships.organizationId });
  if (inserted.length === 0) {
    return { ok: false, field: "organizationId", message: networkTexts.alreadyMember };
  }
  const network = await getNetwork(networkId, tx);
  await recordAudit(tx, {
    action: "network.organization_admitted",
    actor,
    targetType: "organization",
    targetId: organizationId,
    networkId,
    ip,
    details: { organizationName: organization.name },
  });
  await notifyOrganization(
    unit,
    organizationId,
    networkTexts.admittedNotification(network?.name ?? ""),
    `/netzwerke/${networkId}`,
    { kind: "network_change" },
  );
  return { ok: true };
}

export async function removeOrganization(
  actor: Actor,
  networkId: string,
  organizationId: string,
  ip: string | null,
): Promise<boolean> {
  return inUnitOfWork(async (unit) => {
    const { tx } = unit;
    const removed = await tx
      .delete(networkMemberships)
      .where(
        and(
          eq(networkMemberships.networkId, networkId),
          eq(networkMemberships.organizationId, organizationId),
        ),
      )
      .returning({ organizationId: networkMemberships.organizationId });
    if (removed.length === 0) return false;
    const [organization] = await tx
      .select({ name: organizations.name })
      .from(organizations)
      .where(eq(organizations.id, organizationId));
    const network = await getNetwork(networkId, tx);
    await recordAudit(tx, {
      action: "network.organization_removed",
      actor,
      targetType: "organization",
      targetId: organizationId,
      networkId,
      ip,
      details: { organizationName: organization?.name ?? null },
    });
    await notifyOrganization(
      unit,
      organizationId,
      networkTexts.removedNotification(network?.name ?? ""),
      null,
      { kind: "network_change" },
    );
    await releaseReservationsOf(unit, organizationId, networkId);
    // The members' open pages reconnect without this network's rooms (channels, threads); a
    // moment later, so that the notice above still reaches them live.
    unit.afterCommit(() => {
      setTimeout(() => disconnectRoom(rooms.organization(organizationId)), 1_000).unref();
    });
    return true;
  });
}

/** Names of the given networks, for choosing one in a form. */
export async function listNetworkNames(
  networkIds: string[],
): Promise<{ id: string; name: string }[]> {
  if (networkIds.length === 0) return [];
  return getDb()
    .select({ id: networks.id, name: networks.name })
    .from(networks)
    .where(inArray(networks.id, networkIds))
    .orderBy(networks.name);
}
