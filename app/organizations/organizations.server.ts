import { eq } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "~/audit/audit.server";
import { getDb } from "~/db/client.server";
import { organizationKinds, organizations } from "~/db/schema";
import { organizationTexts } from "./texts";

export const organizationProfileSchema = z.object({
  name: z.string().trim().min(2, organizationTexts.nameRequired).max(200),
  kind: z.enum(organizationKinds, { errorMap: () => ({ message: organizationTexts.kindInvalid }) }),
  city: z.string().trim().max(120).default(""),
  description: z.string().trim().max(2000).default(""),
  contactEmail: z
    .string()
    .trim()
    .max(200)
    .refine((value) => value === "" || z.string().email().safeParse(value).success, {
      message: organizationTexts.emailInvalid,
    })
    .default(""),
  phone: z.string().trim().max(60).default(""),
  website: z
    .string()
    .trim()
    .max(300)
    .refine((value) => value === "" || /^https?:\/\/[^\s]+\.[^\s]+$/.test(value), {
      message: organizationTexts.websiteInvalid,
    })
    .default(""),
});
export type OrganizationProfile = z.infer<typeof organizationProfileSchema>;

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

export async function getOrganization(id: string) {
  const [organization] = await getDb()
    .select(profileColumns)
    .from(organizations)
    .where(eq(organizations.id, id));
  return organization ?? null;
}

export async function updateOrganizationProfile(
  actor: { id: string; organizationId: string },
  organizationId: string,
  profile: OrganizationProfile,
  ip: string | null,
): Promise<void> {
  await getDb().update(organizations).set(profile).where(eq(organizations.id, organizationId));
  await recordAudit({
    action: "organization.updated",
    actor,
    targetType: "organization",
    targetId: organizationId,
    ip,
  });
}
