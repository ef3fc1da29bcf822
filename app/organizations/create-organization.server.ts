import { recordAudit } from "~/audit/audit.server";
import { organizations, type OrganizationKind } from "~/db/schema";
import { inUnitOfWork, type UnitOfWork } from "~/db/unit-of-work.server";
import { admitOrganization } from "~/networks/networks.server";
import { inviteMember, type InvitationResult } from "./invitations.server";

/** Creates an organisation in the caller's unit of work (admitting it and inviting its admin). */
export async function createOrganization(
  { tx }: UnitOfWork,
  actor: { id: string; organizationId: string },
  input: { name: string; kind: OrganizationKind; city: string },
  ip: string | null,
): Promise<string> {
  const [organization] = await tx
    .insert(organizations)
    .values(input)
    .returning({ id: organizations.id });
  if (!organization) throw new Error("organization insert returned nothing");
  await recordAudit(tx, {
    action: "organization.created",
    actor,
    targetType: "organization",
    targetId: organization.id,
    ip,
    details: { organizationName: input.name },
  });
  return organization.id;
}

/**
 * The coordinator's "Neue Organisation anlegen und aufnehmen": the organisation, its admission
 * and the invitation of its admin happen together or not at all.
 */
export async function createAdmitAndInvite(
  actor: { id: string; organizationId: string; name: string },
  networkId: string,
  input: { name: string; kind: OrganizationKind; city: string; adminEmail: string },
  ip: string | null,
): Promise<InvitationResult> {
  return inUnitOfWork(async (unit) => {
    const { adminEmail, ...organization } = input;
    const organizationId = await createOrganization(unit, actor, organization, ip);
    await admitOrganization(unit, actor, networkId, organizationId, ip);
    const invitation = await inviteMember(unit, {
      inviter: actor,
      organizationId,
      email: adminEmail,
      role: "org_admin",
      ip,
    });
    return invitation.ok ? invitation : unit.rollbackWith(invitation);
  });
}
