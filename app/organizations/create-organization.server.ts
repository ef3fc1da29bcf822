import { recordAudit } from "~/audit/audit.server";
import { getDb } from "~/db/client.server";
import { organizations, type OrganizationKind } from "~/db/schema";

export async function createOrganization(
  actor: { id: string; organizationId: string },
  input: { name: string; kind: OrganizationKind; city: string },
  ip: string | null,
): Promise<string> {
  const [organization] = await getDb()
    .insert(organizations)
    .values(input)
    .returning({ id: organizations.id });
  if (!organization) throw new Error("organization insert returned nothing");
  await recordAudit({
    action: "organization.created",
    actor,
    targetType: "organization",
    targetId: organization.id,
    ip,
    details: { organizationName: input.name },
  });
  return organization.id;
}
