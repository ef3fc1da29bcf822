import type { MemberRole, OrganizationKind } from "~/db/schema";
import {
  admitToNetwork,
  appointCoordinator,
  createNetwork,
  createOrganization,
  createUser,
  loginCookiesFor,
} from "~/demo/factories.server";

interface OrganizationSpec {
  name: string;
  kind: OrganizationKind;
  network?: "north" | "south";
}

interface UserSpec<Organization extends string> {
  organization: Organization;
  role: MemberRole;
  isPlatformAdmin?: boolean;
}

/** Which organisations a world has, who works where, and who coordinates Nord. */
export interface WorldSpec<Organization extends string, Persona extends string> {
  organizations: Record<Organization, OrganizationSpec>;
  users: Record<Persona, UserSpec<NoInfer<Organization>>>;
  coordinator: NoInfer<Persona>;
}

/** Keeps a spec's keys and literals, so the world built from it is typed by them. */
export const defineWorld = <Organization extends string, Persona extends string>(
  spec: WorldSpec<Organization, Persona>,
) => spec;

/**
 * The organisations the worlds are made of. "Nord": a jobcenter, a Schuldnerberatung, an
 * employer, a Kommune and a Jugendamt; "Süd": a jobcenter. The operator's organisation and a
 * Bildungsträger belong to no network.
 */
export const worldOrganizations = {
  operator: { name: "Betrieb", kind: "sonstige" },
  orgA: { name: "Jobcenter Nordkreis", kind: "jobcenter", network: "north" },
  orgB: { name: "Schuldnerberatung Nord", kind: "schuldnerberatung", network: "north" },
  employerOrg: { name: "Montage Nord GmbH", kind: "arbeitgeber", network: "north" },
  coordination: { name: "Landkreis Nord", kind: "kommune", network: "north" },
  youthOffice: { name: "Jugendamt Nordkreis", kind: "jugendamt", network: "north" },
  orgC: { name: "Jobcenter Südkreis", kind: "jobcenter", network: "south" },
  outsider: { name: "Bildungswerk ohne Netzwerk", kind: "bildungstraeger" },
} satisfies Record<string, OrganizationSpec>;

/**
 * The users every world has alike: the platform admin in the operator's organisation, and an
 * employer member and the admin of employer E.
 */
export const worldUsers = {
  platformAdmin: { organization: "operator", role: "org_admin", isPlatformAdmin: true },
  employer: { organization: "employerOrg", role: "employer_member" },
  employerAdmin: { organization: "employerOrg", role: "org_admin" },
} as const satisfies Record<string, UserSpec<"operator" | "employerOrg">>;

/**
 * The standard world. "Nord": organisation A (jobcenter: coordinator, admin, staff),
 * organisation B (Schuldnerberatung: admin) and employer E (an employer member and E's admin,
 * who manages E's members but acts as an employer like everyone in E). "Süd": organisation C
 * (admin, staff). The platform admin's organisation belongs to no network.
 */
export const standardWorld = defineWorld({
  organizations: {
    operator: worldOrganizations.operator,
    orgA: worldOrganizations.orgA,
    orgB: worldOrganizations.orgB,
    employerOrg: worldOrganizations.employerOrg,
    orgC: worldOrganizations.orgC,
    outsider: worldOrganizations.outsider,
  },
  users: {
    platformAdmin: worldUsers.platformAdmin,
    coordinator: { organization: "orgA", role: "staff" },
    orgAdmin: { organization: "orgA", role: "org_admin" },
    staff: { organization: "orgA", role: "staff" },
    employer: worldUsers.employer,
    employerAdmin: worldUsers.employerAdmin,
    otherOrgAdmin: { organization: "orgB", role: "org_admin" },
    otherNetworkAdmin: { organization: "orgC", role: "org_admin" },
    otherNetworkStaff: { organization: "orgC", role: "staff" },
  },
  coordinator: "coordinator",
});

/** The personas of a world: a visitor and each of its users. */
export function personasOf<Persona extends string>(
  spec: WorldSpec<string, Persona>,
): readonly ("anonymous" | Persona)[] {
  return ["anonymous", ...(Object.keys(spec.users) as Persona[])];
}

export const personaNames = personasOf(standardWorld);
export type PersonaName = (typeof personaNames)[number];

/** Creates the networks "Nord" and "Süd", the spec's organisations and users, and their sessions. */
export async function buildWorldFrom<Organization extends string, Persona extends string>(
  spec: WorldSpec<Organization, Persona>,
) {
  const north = await createNetwork({ name: "Netzwerk Nord", region: "Nordkreis" });
  const south = await createNetwork({ name: "Netzwerk Süd", region: "Südkreis" });
  const networks = { north, south };

  const organizations = {} as Record<Organization, Awaited<ReturnType<typeof createOrganization>>>;
  for (const [key, { name, kind }] of Object.entries<OrganizationSpec>(spec.organizations)) {
    organizations[key as Organization] = await createOrganization({ name, kind });
  }
  for (const network of ["north", "south"] as const) {
    for (const [key, organization] of Object.entries<OrganizationSpec>(spec.organizations)) {
      if (organization.network === network) {
        await admitToNetwork(networks[network].id, organizations[key as Organization].id);
      }
    }
  }

  const users = {} as Record<Persona, Awaited<ReturnType<typeof createUser>>>;
  for (const [key, user] of Object.entries<UserSpec<Organization>>(spec.users)) {
    users[key as Persona] = await createUser({
      organizationId: organizations[user.organization].id,
      role: user.role,
      isPlatformAdmin: user.isPlatformAdmin,
    });
  }
  await appointCoordinator(north.id, users[spec.coordinator].id);

  const cookies = await loginCookiesFor(users);
  return { networks, organizations, users, cookies };
}

export const buildWorld = () => buildWorldFrom(standardWorld);
export type World = Awaited<ReturnType<typeof buildWorld>>;
