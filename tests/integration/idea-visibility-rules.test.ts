import { getDb } from "~/db/client.server";
import { ideaBookmarks, ideas } from "~/db/schema";
import { can, type IdeaAccess } from "~/auth/permissions.server";
import { validateSessionToken, type CurrentUser } from "~/auth/session.server";
import {
  admitToNetwork,
  appointCoordinator,
  createLoginCookie,
  createNetwork,
  createOrganization,
  createUser,
} from "~/demo/factories.server";
import { listBookmarkedIdeas } from "~/ideas/idea-page.server";
import {
  listedInSearch,
  listedInSearchSql,
  mayOpenIdea,
  mayOpenIdeaSql,
} from "~/ideas/visibility.server";
import type { SearchViewer } from "~/search/engine";
import { createPostgresEngine } from "~/search/postgres-engine.server";
import { ideaSearchDocuments } from "~/search/search-index.server";
import { generateVisibilityWorld, visibilitySeeds } from "#tests/helpers/idea-visibility-worlds";

/**
 * Issue 12, "each permission rule is written once": on generated worlds, for every person and
 * every idea, the boolean form of each idea visibility rule agrees with its SQL form, and the
 * places that apply them (permission checks, the Merkliste, the PostgreSQL search engine) agree
 * with the rule.
 */

const engine = createPostgresEngine();
/** Every idea of every world built so far, as stored; the key names it in failure messages. */
const stored: (IdeaAccess & { key: string })[] = [];
const people: { key: string; user: CurrentUser }[] = [];

async function buildWorld(seed: number) {
  const world = generateVisibilityWorld(seed);
  const networkIds = new Map<string, string>();
  for (const key of world.networkKeys) networkIds.set(key, (await createNetwork()).id);
  const organizationIds = new Map<string, string>();
  for (const organization of world.organizations) {
    const { id } = await createOrganization({ kind: organization.kind });
    organizationIds.set(organization.key, id);
    for (const key of organization.networkKeys) await admitToNetwork(networkIds.get(key)!, id);
  }
  const authors = new Map<string, string>();
  for (const person of world.people) {
    const user = await createUser({
      organizationId: organizationIds.get(person.organizationKey)!,
      role: person.role,
      isPlatformAdmin: person.isPlatformAdmin,
    });
    for (const key of person.coordinatedNetworkKeys)
      await appointCoordinator(networkIds.get(key)!, user.id);
    authors.set(person.organizationKey, user.id);
    const { token } = await createLoginCookie(user.id);
    people.push({ key: `${seed}/${person.key}`, user: (await validateSessionToken(token))! });
  }
  const rows = await getDb()
    .insert(ideas)
    .values(
      world.ideas.map((idea) => ({
        organizationId: organizationIds.get(idea.organizationKey)!,
        networkId: networkIds.get(idea.networkKey)!,
        authorUserId: authors.get(idea.organizationKey)!,
        status: idea.status,
        visibility: idea.visibility,
        title: `Idee ${idea.key}`,
        summary: "Eine Idee für die Sichtbarkeitsregeln.",
        body: { type: "doc", content: [] },
        publishedAt: idea.status === "draft" ? null : new Date(),
      })),
    )
    .returning({
      id: ideas.id,
      organizationId: ideas.organizationId,
      networkId: ideas.networkId,
      status: ideas.status,
      visibility: ideas.visibility,
    });
  rows.forEach((row, index) => stored.push({ ...row, key: `${seed}/${world.ideas[index]!.key}` }));
  await engine.index(await ideaSearchDocuments(rows.map((row) => row.id)));
}

beforeAll(async () => {
  for (const seed of visibilitySeeds) await buildWorld(seed);
});

/** Sorted keys of the ideas with these ids, so a failure names status, network and owner. */
function keysOf(ids: Iterable<string>): string[] {
  const wanted = new Set(ids);
  return stored
    .filter((idea) => wanted.has(idea.id))
    .map((idea) => idea.key)
    .sort();
}

const keysWhere = (rule: (idea: IdeaAccess) => boolean) =>
  stored
    .filter(rule)
    .map((idea) => idea.key)
    .sort();

async function idsWhere(condition: ReturnType<typeof mayOpenIdeaSql>): Promise<string[]> {
  const rows = await getDb().select({ id: ideas.id }).from(ideas).where(condition);
  return rows.map((row) => row.id);
}

/** Every hit of an empty search, page by page. */
async function searchHits(viewer: SearchViewer): Promise<string[]> {
  const hits: string[] = [];
  for (let page = 1; ; page++) {
    const result = await engine.search({
      text: "",
      filters: {},
      sort: "newest",
      page,
      pageSize: 100,
      viewer,
    });
    hits.push(...result.hits.map((hit) => hit.id));
    if (result.hits.length === 0 || hits.length >= result.total) {
      expect(hits).toHaveLength(result.total);
      return hits;
    }
  }
}

describe("who may open an idea", () => {
  it("is the same rule in permission checks, as SQL and in the Merkliste", async () => {
    expect(stored.length).toBeGreaterThan(0);
    for (const { key, user } of people) {
      const expected = keysWhere((idea) => mayOpenIdea(user, idea));
      expect(
        keysWhere((idea) => can(user, { action: "idea.view", idea })),
        `${key}: can idea.view`,
      ).toEqual(expected);
      expect(keysOf(await idsWhere(mayOpenIdeaSql(user, ideas))), `${key}: SQL`).toEqual(expected);

      await getDb()
        .insert(ideaBookmarks)
        .values(stored.map((idea) => ({ userId: user.id, ideaId: idea.id })));
      const bookmarked = await listBookmarkedIdeas(user.id, user);
      expect(keysOf(bookmarked.map((idea) => idea.id)), `${key}: Merkliste`).toEqual(expected);
    }
  });
});

describe("what the search lists", () => {
  it("is the same rule as a boolean, as SQL and in the PostgreSQL engine", async () => {
    for (const { key, user } of people) {
      const expected = keysWhere((idea) => listedInSearch(user, idea));
      expect(
        expected.every((ideaKey) => !ideaKey.includes("archived")),
        key,
      ).toBe(true);
      expect(keysOf(await idsWhere(listedInSearchSql(user, ideas))), `${key}: SQL`).toEqual(
        expected,
      );
      expect(keysOf(await searchHits(user)), `${key}: search engine`).toEqual(expected);
    }
  });
});
