import {
  admitToNetwork,
  appointCoordinator,
  createNetwork,
  createOrganization,
  createUser,
  loginCookiesFor,
} from "~/demo/factories.server";
import { createService } from "~/demo/referral-factories.server";

export const referralPersonaNames = [
  "anonymous",
  "platformAdmin",
  "coordinator",
  "senderStaff",
  "senderAdmin",
  "receiverStaff",
  "receiverAdmin",
  "sameNetworkStaff",
  "employer",
  "employerAdmin",
  "otherNetworkStaff",
] as const;
export type ReferralPersonaName = (typeof referralPersonaNames)[number];

/**
 * The parties of a referral and everyone around them. Network "Nord": the sending jobcenter,
 * the receiving Schuldnerberatung (with a service), a Jugendamt, the coordinator's Kommune and
 * an employer (a contact and its admin). Network "Süd": another jobcenter. The platform admin's organisation is in none.
 */
export async function buildReferralWorld() {
  const north = await createNetwork({ name: "Netzwerk Nord", region: "Nordkreis" });
  const south = await createNetwork({ name: "Netzwerk Süd", region: "Südkreis" });
  const operator = await createOrganization({ name: "Betrieb" });
  const sender = await createOrganization({ name: "Jobcenter Nordkreis", kind: "jobcenter" });
  const receiver = await createOrganization({
    name: "Schuldnerberatung Nord",
    kind: "schuldnerberatung",
  });
  const third = await createOrganization({ name: "Jugendamt Nordkreis", kind: "jugendamt" });
  const coordination = await createOrganization({ name: "Landkreis Nord", kind: "kommune" });
  const employerOrg = await createOrganization({ name: "Montage Nord GmbH", kind: "arbeitgeber" });
  const southern = await createOrganization({ name: "Jobcenter Südkreis", kind: "jobcenter" });
  for (const organization of [sender, receiver, third, coordination, employerOrg]) {
    await admitToNetwork(north.id, organization.id);
  }
  await admitToNetwork(south.id, southern.id);

  const users = {
    platformAdmin: await createUser({
      organizationId: operator.id,
      role: "org_admin",
      isPlatformAdmin: true,
    }),
    coordinator: await createUser({ organizationId: coordination.id, role: "staff" }),
    senderStaff: await createUser({ organizationId: sender.id, role: "staff" }),
    senderAdmin: await createUser({ organizationId: sender.id, role: "org_admin" }),
    receiverStaff: await createUser({ organizationId: receiver.id, role: "staff" }),
    receiverAdmin: await createUser({ organizationId: receiver.id, role: "org_admin" }),
    sameNetworkStaff: await createUser({ organizationId: third.id, role: "staff" }),
    employer: await createUser({ organizationId: employerOrg.id, role: "employer_member" }),
    employerAdmin: await createUser({ organizationId: employerOrg.id, role: "org_admin" }),
    otherNetworkStaff: await createUser({ organizationId: southern.id, role: "staff" }),
  };
  await appointCoordinator(north.id, users.coordinator.id);
  const service = await createService({
    organizationId: receiver.id,
    name: "Schuldner- und Insolvenzberatung",
    category: "schuldnerberatung",
    responseWorkingDays: 5,
  });

  const cookies = await loginCookiesFor(users);
  return {
    networks: { north, south },
    organizations: { operator, sender, receiver, third, coordination, employerOrg, southern },
    users,
    service,
    cookies,
  };
}
export type ReferralWorld = Awaited<ReturnType<typeof buildReferralWorld>>;
