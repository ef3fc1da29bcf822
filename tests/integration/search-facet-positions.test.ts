import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "~/db/client.server";
import { searchFacetValues } from "~/db/schema";
import { MAX_LIST_FACET_VALUES } from "~/search/postgres-facets.server";
import { createPostgresEngine } from "~/search/postgres-engine.server";
import type { SearchQuery } from "~/search/engine";
import { searchDocument, searchViewers } from "#tests/fixtures/search-documents";

/**
 * The PostgreSQL engine stores facets as bit masks and codes whose meaning lives in
 * `search_facet_values` and is cached per process. These cases cover what the contract suite
 * cannot see from one process: positions added by another process, and the size limit of a
 * list facet.
 */

const engine = createPostgresEngine();
const viewer = searchViewers.sameNetworkOtherOrganization;

function query(overrides: Partial<SearchQuery> = {}): SearchQuery {
  return { text: "", filters: {}, sort: "newest", page: 1, pageSize: 50, viewer, ...overrides };
}

/** What another server process does when it indexes a new value: a position and a bit. */
async function addValueAsAnotherProcess(documentId: string, value: string) {
  const db = getDb();
  const [{ next }] = (
    (await db.execute(
      sql`SELECT coalesce(max(position) + 1, 0)::int AS next FROM ${searchFacetValues}
          WHERE facet = 'targetGroups'`,
    )) as unknown as { rows: { next: number }[] }
  ).rows as [{ next: number }];
  await db.insert(searchFacetValues).values({ facet: "targetGroups", value, position: next });
  await db.execute(
    sql`UPDATE search_documents SET target_groups_mask = target_groups_mask | ${1 << next}::int
        WHERE id = ${documentId}::uuid`,
  );
}

describe("PostgreSQL engine: facet positions", () => {
  it("counts and filters by a value another process added after this one cached the positions", async () => {
    const known = searchDocument({ title: "Jobcoaching", targetGroups: ["U25"] });
    await engine.index([known]);
    // This process now caches the positions (U25 only).
    expect((await engine.search(query())).facets.targetGroups).toEqual([
      { value: "U25", count: 1 },
    ]);

    await addValueAsAnotherProcess(known.id, "Rehabilitanden");

    const counted = await engine.search(query());
    expect(counted.facets.targetGroups).toEqual([
      { value: "Rehabilitanden", count: 1 },
      { value: "U25", count: 1 },
    ]);

    const other = searchDocument({ title: "Werkstatt", targetGroups: ["U25"] });
    await engine.index([other]);
    const filtered = await engine.search(query({ filters: { targetGroups: ["Rehabilitanden"] } }));
    expect(filtered.hits.map((hit) => hit.id)).toEqual([known.id]);
    expect(filtered.total).toBe(1);
  });

  it("gives a filter value nobody has no hits instead of an error", async () => {
    const result = await engine.search(
      query({ filters: { targetGroups: ["gibt es nicht"], region: ["Nirgendwo"] } }),
    );
    expect(result.total).toBe(0);
    expect(result.hits).toEqual([]);
  });

  it(`refuses a list facet with more than ${MAX_LIST_FACET_VALUES} values and indexes nothing of that call`, async () => {
    const existing = (
      (await getDb().execute(
        sql`SELECT count(*)::int AS count FROM ${searchFacetValues} WHERE facet = 'funding'`,
      )) as unknown as { rows: { count: number }[] }
    ).rows[0]!.count;
    const tooMany = Array.from(
      { length: MAX_LIST_FACET_VALUES - existing + 1 },
      (_, index) => `Förderprogramm ${index + 1}`,
    );
    const document = searchDocument({ title: "Zu viele Förderungen", funding: tooMany });
    await expect(engine.index([document])).rejects.toThrow(/höchstens 31 Werte/);

    const after = await engine.search(query({ text: "Förderungen" }));
    expect(after.total).toBe(0);
    const stored = (
      (await getDb().execute(
        sql`SELECT count(*)::int AS count FROM ${searchFacetValues} WHERE facet = 'funding'`,
      )) as unknown as { rows: { count: number }[] }
    ).rows[0]!.count;
    expect(stored).toBe(existing);

    // Up to the limit is fine.
    await engine.index([{ ...document, funding: tooMany.slice(0, -1) }]);
    const indexed = await engine.search(query({ text: "Förderungen" }));
    expect(indexed.total).toBe(1);
    expect(indexed.facets.funding).toHaveLength(MAX_LIST_FACET_VALUES - existing);
  });
});
