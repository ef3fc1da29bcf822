import { createService } from "~/demo/referral-factories.server";
import { buildWorldFrom, defineWorld, personasOf, worldOrganizations, worldUsers } from "./world";

/**
 * The parties of a referral and everyone around them. Network "Nord": the sending jobcenter,
 * the receiving Schuldnerberatung (with a service), a Jugendamt, the coordinator's Kommune and
 * an employer (a contact and its admin). Network "Süd": another jobcenter. The platform admin's
 * organisation is in none.
 */
const referralWorld = defineWorld({
  organizations: {
    operator: worldOrganizations.operator,
    sender: worldOrganizations.orgA,
    receiver: worldOrganizations.orgB,
    third: worldOrganizations.youthOffice,
    coordination: worldOrganizations.coordination,
    employerOrg: worldOrganizations.employerOrg,
    southern: worldOrganizations.orgC,
  },
  users: {
    platformAdmin: worldUsers.platformAdmin,
    coordinator: { organization: "coordination", role: "staff" },
    senderStaff: { organization: "sender", role: "staff" },
    senderAdmin: { organization: "sender", role: "org_admin" },
    receiverStaff: { organization: "receiver", role: "staff" },
    receiverAdmin: { organization: "receiver", role: "org_admin" },
    sameNetworkStaff: { organization: "third", role: "staff" },
    employer: worldUsers.employer,
    employerAdmin: worldUsers.employerAdmin,
    otherNetworkStaff: { organization: "southern", role: "staff" },
  },
  coordinator: "coordinator",
});

export const referralPersonaNames = personasOf(referralWorld);
export type ReferralPersonaName = (typeof referralPersonaNames)[number];

export async function buildReferralWorld() {
  const world = await buildWorldFrom(referralWorld);
  const service = await createService({
    organizationId: world.organizations.receiver.id,
    name: "Schuldner- und Insolvenzberatung",
    category: "schuldnerberatung",
    responseWorkingDays: 5,
  });
  return { ...world, service };
}
export type ReferralWorld = Awaited<ReturnType<typeof buildReferralWorld>>;
