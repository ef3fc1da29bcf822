import {
  admitToNetwork,
  appointCoordinator,
  createNetwork,
  createOrganization,
  createUser,
  loginCookiesFor,
} from "~/demo/factories.server";

export const personaNames = [
  "anonymous",
  "platformAdmin",
  "coordinator",
  "orgAdmin",
  "staff",
  "employer",
  "employerAdmin",
  "otherOrgAdmin",
  "otherNetworkAdmin",
  "otherNetworkStaff",
] as const;
export type PersonaName = (typeof personaNames)[number];

/**
 * Two networks. "Nord": organisation A (jobcenter: coordinator, admin, staff), organisation B
 * (Schuldnerberatung: admin) and employer E (an employer member and E's admin, who manages E's
 * members but acts as an employer like everyone in E). "Süd": organisation C (admin, staff).
 * The platform admin's organisation belongs to no network.
 */
export async function buildWorld() {
  const north = await createNetwork({ name: "Netzwerk Nord", region: "Nordkreis" });
  const south = await createNetwork({ name: "Netzwerk Süd", region: "Südkreis" });
  const operator = await createOrganization({ name: "Betrieb" });
  const orgA = await createOrganization({ name: "Jobcenter Nordkreis", kind: "jobcenter" });
  const orgB = await createOrganization({
    name: "Schuldnerberatung Nord",
    kind: "schuldnerberatung",
  });
  const employerOrg = await createOrganization({ name: "Montage Nord GmbH", kind: "arbeitgeber" });
  const orgC = await createOrganization({ name: "Jobcenter Südkreis", kind: "jobcenter" });
  const outsider = await createOrganization({
    name: "Bildungswerk ohne Netzwerk",
    kind: "bildungstraeger",
  });
  for (const organization of [orgA, orgB, employerOrg])
    await admitToNetwork(north.id, organization.id);
  await admitToNetwork(south.id, orgC.id);

  const users = {
    platformAdmin: await createUser({
      organizationId: operator.id,
      role: "org_admin",
      isPlatformAdmin: true,
    }),
    coordinator: await createUser({ organizationId: orgA.id, role: "staff" }),
    orgAdmin: await createUser({ organizationId: orgA.id, role: "org_admin" }),
    staff: await createUser({ organizationId: orgA.id, role: "staff" }),
    employer: await createUser({ organizationId: employerOrg.id, role: "employer_member" }),
    employerAdmin: await createUser({ organizationId: employerOrg.id, role: "org_admin" }),
    otherOrgAdmin: await createUser({ organizationId: orgB.id, role: "org_admin" }),
    otherNetworkAdmin: await createUser({ organizationId: orgC.id, role: "org_admin" }),
    otherNetworkStaff: await createUser({ organizationId: orgC.id, role: "staff" }),
  };
  await appointCoordinator(north.id, users.coordinator.id);

  const cookies = await loginCookiesFor(users);
  return {
    networks: { north, south },
    organizations: { operator, orgA, orgB, employerOrg, orgC, outsider },
    users,
    cookies,
  };
}
export type World = Awaited<ReturnType<typeof buildWorld>>;
