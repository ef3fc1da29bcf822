import { and, asc, eq, inArray, ne, type SQL } from "drizzle-orm";
import { recordAudit } from "~/audit/audit.server";
import { authorize, notFound } from "~/auth/permissions.server";
import type { CurrentUser } from "~/auth/session.server";
import { getDb } from "~/db/client.server";
import { inUnitOfWork } from "~/db/unit-of-work.server";
import { createRecord } from "~/submissions/create-record.server";
import type { Submission } from "~/submissions/submission-key.server";
import { networkMemberships, organizations, services } from "~/db/schema";
import { requireUuid } from "~/params.server";
import { clientIp } from "~/request-context.server";
import type { ServiceInput } from "./service-form";

const serviceColumns = {
  id: services.id,
  name: services.name,
  category: services.category,
  description: services.description,
  targetGroups: services.targetGroups,
  languages: services.languages,
  acceptsReferrals: services.acceptsReferrals,
  responseWorkingDays: services.responseWorkingDays,
};

export function listOrganizationServices(organizationId: string) {
  return getDb()
    .select(serviceColumns)
    .from(services)
    .where(eq(services.organizationId, organizationId))
    .orderBy(asc(services.name));
}

/** A service of the user's own organisation, for those who manage its services; else 403/404. */
export async function requireOwnService(user: CurrentUser, serviceIdParam: string | undefined) {
  await authorize(
    user,
    { action: "services.manage", organizationId: user.organizationId },
    clientIp(),
  );
  const [service] = await getDb()
    .select(serviceColumns)
    .from(services)
    .where(
      and(
        eq(services.id, requireUuid(serviceIdParam)),
        eq(services.organizationId, user.organizationId),
      ),
    );
  if (!service) throw notFound();
  return service;
}

export async function createService(
  actor: { id: string; organizationId: string },
  input: ServiceInput,
  ip: string | null,
  submission: Submission | null = null,
): Promise<string> {
  return createRecord({
    table: services,
    values: { ...input, organizationId: actor.organizationId },
    audit: { action: "service.created", actor, ip, targetType: "service" },
    submission,
    location: () => "/angebote",
  });
}

/** Updates a service of the actor's own organisation; false when there is no such service. */
export async function updateService(
  actor: { id: string; organizationId: string },
  serviceId: string,
  input: ServiceInput,
  ip: string | null,
): Promise<boolean> {
  return inUnitOfWork(async ({ tx }) => {
    const updated = await tx
      .update(services)
      .set({ ...input, updatedAt: new Date() })
      .where(and(eq(services.id, serviceId), eq(services.organizationId, actor.organizationId)))
      .returning({ id: services.id });
    if (updated.length === 0) return false;
    await recordAudit(tx, {
      action: "service.updated",
      actor,
      ip,
      targetType: "service",
      targetId: serviceId,
    });
    return true;
  });
}

/** Who refers: an organisation and the networks it is a member of. */
type Referrer = { organizationId: string; networkIds: string[] };

/**
 * The one rule for where a referral may go (a query joining services, organizations and
 * network_memberships): a service that accepts referrals, of another organisation that shares a
 * network with the actor's and is no employer (an employer organisation receives no social data,
 * also when it became one after the service was described).
 */
export function referableBy(actor: Referrer) {
  return and(
    eq(services.acceptsReferrals, true),
    ne(organizations.kind, "arbeitgeber"),
    ne(services.organizationId, actor.organizationId),
    inArray(networkMemberships.networkId, actor.networkIds),
  );
}

/**
 * The services the referrer can refer to (see referableBy), narrowed by `where`: one row per
 * service, with the first network the two organisations share.
 */
async function selectReferableServices(referrer: Referrer, where?: SQL) {
  if (referrer.networkIds.length === 0) return [];
  return getDb()
    .selectDistinctOn([services.id], {
      ...serviceColumns,
      networkId: networkMemberships.networkId,
      organizationId: organizations.id,
      organizationName: organizations.name,
      organizationKind: organizations.kind,
      organizationCity: organizations.city,
    })
    .from(services)
    .innerJoin(organizations, eq(organizations.id, services.organizationId))
    .innerJoin(networkMemberships, eq(networkMemberships.organizationId, services.organizationId))
    .where(and(referableBy(referrer), where))
    .orderBy(asc(services.id), asc(networkMemberships.networkId));
}

/** Services a member can refer to (see referableBy). One row per service and shared network. */
export function listReferableServices(actor: Referrer) {
  return selectReferableServices(actor);
}
export type ReferableService = Awaited<ReturnType<typeof listReferableServices>>[number];

/**
 * The service if the referrer may refer to it, with the network the two organisations share:
 * asked when a referral is saved and again when its draft is sent.
 */
export async function findReferableService(referrer: Referrer, serviceId: string) {
  const [service] = await selectReferableServices(referrer, eq(services.id, serviceId));
  return service ?? null;
}
