import {
  ideaStatuses,
  ideaVisibilities,
  memberRoles,
  organizationKinds,
  type IdeaStatus,
  type IdeaVisibility,
  type MemberRole,
  type OrganizationKind,
} from "~/db/schema";

/**
 * Generated worlds for proving that the forms of the idea visibility rules agree
 * (app/ideas/visibility.server.ts). Pure data with keys ("n0", "o3") instead of ids, so the same
 * worlds serve a database test (which creates the records and maps the keys) and unit tests.
 */

export interface WorldOrganization {
  key: string;
  kind: OrganizationKind;
  networkKeys: string[];
}

export interface WorldPerson {
  key: string;
  organizationKey: string;
  role: MemberRole;
  isPlatformAdmin: boolean;
  coordinatedNetworkKeys: string[];
}

export interface WorldIdea {
  key: string;
  organizationKey: string;
  networkKey: string;
  status: IdeaStatus;
  visibility: IdeaVisibility;
}

export interface VisibilityWorld {
  networkKeys: string[];
  organizations: WorldOrganization[];
  people: WorldPerson[];
  ideas: WorldIdea[];
}

/** mulberry32: a small seeded generator, so a failing world can be rebuilt from its seed. */
function randomFrom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * Three networks; five organisations with random kinds and memberships (the first is an employer,
 * the last belongs to no network); one person of every role in every organisation, a coordinator
 * from a random organisation and a platform admin; and an idea for every status × visibility ×
 * network × organisation, also in networks its organisation does not (or no longer) belong to.
 */
export function generateVisibilityWorld(seed: number): VisibilityWorld {
  const random = randomFrom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const networkKeys = ["n0", "n1", "n2"];
  const organizations = Array.from({ length: 5 }, (_, index): WorldOrganization => ({
    key: `o${index}`,
    kind: index === 0 ? "arbeitgeber" : pick(organizationKinds),
    networkKeys: index === 4 ? [] : networkKeys.filter(() => random() < 0.5),
  }));
  const people: WorldPerson[] = organizations.flatMap((organization) =>
    memberRoles.map((role) => ({
      key: `${organization.key}-${role}`,
      organizationKey: organization.key,
      role,
      isPlatformAdmin: false,
      coordinatedNetworkKeys: [],
    })),
  );
  people.push(
    {
      key: "coordinator",
      organizationKey: pick(organizations).key,
      role: "staff",
      isPlatformAdmin: false,
      coordinatedNetworkKeys: [pick(networkKeys)],
    },
    {
      key: "platform-admin",
      organizationKey: organizations[4]!.key,
      role: "org_admin",
      isPlatformAdmin: true,
      coordinatedNetworkKeys: [],
    },
  );
  const ideas: WorldIdea[] = [];
  for (const status of ideaStatuses)
    for (const visibility of ideaVisibilities)
      for (const networkKey of networkKeys)
        for (const organization of organizations)
          ideas.push({
            key: `${organization.key}-${networkKey}-${status}-${visibility}`,
            organizationKey: organization.key,
            networkKey,
            status,
            visibility,
          });
  return { networkKeys, organizations, people, ideas };
}

/** The seeds every agreement test runs. */
export const visibilitySeeds = [1, 2, 3] as const;
