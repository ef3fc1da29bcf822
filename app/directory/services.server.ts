import { and, asc, eq, inArray, ne } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "~/audit/audit.server";
import { getDb } from "~/db/client.server";
import { networkMemberships, organizations, serviceCategories, services } from "~/db/schema";
import { referralTexts as texts } from "~/referrals/texts";
import { targetGroups } from "./target-groups";

/** Form fields with several checkboxes, for `parseForm`. */
export const serviceMultiValuedFields = ["targetGroups"] as const;

export const serviceSchema = z.object({
  name: z.string().trim().min(1, texts.serviceNameRequired).max(120, texts.serviceNameTooLong),
  category: z.enum(serviceCategories, { errorMap: () => ({ message: texts.categoryInvalid }) }),
  description: z.string().trim().max(1000, texts.descriptionTooLong).default(""),
  targetGroups: z.array(z.enum(targetGroups)).default([]),
  languages: z
    .string()
    .trim()
    .max(300)
    .default("")
    .transform((value) =>
      value
        .split(",")
        .map((language) => language.trim())
        .filter(Boolean),
    ),
  acceptsReferrals: z
    .literal("on")
    .optional()
    .transform((value) => value === "on"),
  responseWorkingDays: z.coerce
    .number({ invalid_type_error: texts.responseDaysInvalid })
    .int(texts.responseDaysInvalid)
    .min(1, texts.responseDaysInvalid)
    .max(60, texts.responseDaysInvalid),
});
export type ServiceInput = z.infer<typeof serviceSchema>;

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

export async function createService(
  actor: { id: string; organizationId: string },
  input: ServiceInput,
  ip: string | null,
): Promise<string> {
  const [created] = await getDb()
    .insert(services)
    .values({ ...input, organizationId: actor.organizationId })
    .returning({ id: services.id });
  await recordAudit({
    action: "service.created",
    actor,
    ip,
    targetType: "service",
    targetId: created!.id,
  });
  return created!.id;
}

/** Updates a service of the actor's own organisation; false when there is no such service. */
export async function updateService(
  actor: { id: string; organizationId: string },
  serviceId: string,
  input: ServiceInput,
  ip: string | null,
): Promise<boolean> {
  const updated = await getDb()
    .update(services)
    .set({ ...input, updatedAt: new Date() })
    .where(and(eq(services.id, serviceId), eq(services.organizationId, actor.organizationId)))
    .returning({ id: services.id });
  if (updated.length === 0) return false;
  await recordAudit({
    action: "service.updated",
    actor,
    ip,
    targetType: "service",
    targetId: serviceId,
  });
  return true;
}

/**
 * Services a member can refer to: accepting referrals, of another organisation that shares a
 * network with the member's organisation. One row per service and shared network.
 */
export function listReferableServices(actor: { organizationId: string; networkIds: string[] }) {
  if (actor.networkIds.length === 0) return Promise.resolve([]);
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
    .where(
      and(
        eq(services.acceptsReferrals, true),
        ne(services.organizationId, actor.organizationId),
        inArray(networkMemberships.networkId, actor.networkIds),
      ),
    )
    .orderBy(asc(services.id), asc(networkMemberships.networkId));
}
export type ReferableService = Awaited<ReturnType<typeof listReferableServices>>[number];
