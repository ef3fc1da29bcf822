import { afterEach, describe, expect, it, vi } from "vitest";
import {
  MATCH_END,
  MATCH_START,
  facetNames,
  type SearchDocument,
  type SearchQuery,
} from "./engine";
import {
  buildFacetFilter,
  buildSearchFilter,
  buildSynonyms,
  buildVisibilityFilter,
  createMeilisearchEngine,
  meilisearchError,
  meilisearchSettings,
  planSearch,
  quoteFilterValue,
  rankingRulesFrom,
  cleanText,
  toMeiliQuery,
  toFacetCounts,
  toMeiliDocument,
  toSearchHit,
} from "./meilisearch-engine.server";
import { germanStopWords, synonymGroups } from "./synonyms";
import { ideaStatuses, ideaVisibilities } from "~/db/schema";
import { listedInSearch } from "~/ideas/visibility.server";

const org = "5b0c3f4e-0000-4000-8000-000000000001";
const otherOrg = "5b0c3f4e-0000-4000-8000-000000000002";
const netA = "7a1d2c3b-0000-4000-8000-00000000000a";
const netB = "7a1d2c3b-0000-4000-8000-00000000000b";
const netC = "7a1d2c3b-0000-4000-8000-00000000000c";

/**
 * A small evaluator for the filter subset this engine writes (AND, OR, parentheses, =, !=, IN
 * with double-quoted strings), so the filters can be checked against `listedInSearch` without a
 * server. Comparison on arrays means "any element", as in Meilisearch.
 */
function evaluateFilter(filter: string, document: Record<string, unknown>): boolean {
  const tokens = filter.match(/"(?:\\.|[^"\\])*"|\(|\)|\[|\]|,|!=|=|[A-Za-z_][A-Za-z0-9_]*/g) ?? [];
  const rest = filter.replace(
    /"(?:\\.|[^"\\])*"|\(|\)|\[|\]|,|!=|=|[A-Za-z_][A-Za-z0-9_]*|\s+/g,
    "",
  );
  if (rest !== "") throw new Error(`unexpected characters in filter: ${rest}`);
  let position = 0;
  const next = () => {
    const token = tokens[position++];
    if (token === undefined) throw new Error("filter ends early");
    return token;
  };
  const expect_ = (wanted: string) => {
    const token = next();
    if (token !== wanted) throw new Error(`expected ${wanted}, got ${token}`);
  };
  const string = () => {
    const token = next();
    if (!token.startsWith('"')) throw new Error(`expected a string, got ${token}`);
    return token.slice(1, -1).replace(/\\(.)/g, "$1");
  };
  const values = (attribute: string): unknown[] => {
    const value = document[attribute];
    return Array.isArray(value) ? value : [value];
  };
  const equal = (a: unknown, b: string) =>
    typeof a === "string" && a.toLowerCase() === b.toLowerCase();
  const or = (): boolean => {
    let result = and();
    while (tokens[position] === "OR") {
      position++;
      result = and() || result;
    }
    return result;
  };
  const and = (): boolean => {
    let result = condition();
    while (tokens[position] === "AND") {
      position++;
      result = condition() && result;
    }
    return result;
  };
  const condition = (): boolean => {
    const token = next();
    if (token === "(") {
      const result = or();
      expect_(")");
      return result;
    }
    const operator = next();
    if (operator === "=") {
      const value = string();
      return values(token).some((v) => equal(v, value));
    }
    if (operator === "!=") {
      const value = string();
      return !values(token).some((v) => equal(v, value));
    }
    if (operator === "IN") {
      expect_("[");
      const list = [string()];
      while (tokens[position] === ",") {
        position++;
        list.push(string());
      }
      expect_("]");
      return values(token).some((v) => list.some((value) => equal(v, value)));
    }
    throw new Error(`unknown operator ${operator}`);
  };
  const result = or();
  if (position !== tokens.length) throw new Error(`trailing tokens: ${tokens.slice(position)}`);
  return result;
}

function document(overrides: Partial<SearchDocument> = {}): SearchDocument {
  return {
    id: "9c8b7a6d-0000-4000-8000-000000000001",
    networkId: netA,
    organizationId: otherOrg,
    status: "published",
    visibility: "network",
    title: "Praktika mit dem Jobcenter",
    summary: "Jugendliche finden Praktika",
    bodyText: "Die Arbeitsgelegenheit läuft seit 2023.",
    resultsText: "Praktika: 13",
    targetGroups: ["U25"],
    fieldsOfAction: ["Ausbildung"],
    region: "Köln",
    partnerKinds: ["Arbeitgeber"],
    funding: ["ESF"],
    adoptionCount: 4,
    publishedAt: new Date("2024-03-01T10:00:00.000Z"),
    updatedAt: new Date("2024-04-02T08:30:00.000Z"),
    ...overrides,
  };
}

function query(overrides: Partial<SearchQuery> = {}): SearchQuery {
  return {
    text: "",
    filters: {},
    sort: "relevance",
    page: 1,
    pageSize: 20,
    viewer: { organizationId: org, networkIds: [netA] },
    ...overrides,
  };
}

describe("quoteFilterValue", () => {
  it("quotes plain values", () => {
    expect(quoteFilterValue(netA)).toBe(`"${netA}"`);
    expect(quoteFilterValue("Köln Süd")).toBe('"Köln Süd"');
  });

  it("escapes double quotes and backslashes", () => {
    expect(quoteFilterValue('Sag "Hallo"')).toBe('"Sag \\"Hallo\\""');
    expect(quoteFilterValue("a\\b")).toBe('"a\\\\b"');
    expect(quoteFilterValue('\\"')).toBe('"\\\\\\""');
    expect(quoteFilterValue("x' OR status = archived")).toBe('"x\' OR status = archived"');
  });

  it("round-trips through the filter syntax", () => {
    for (const value of ['a"b', "a\\b", '\\"', '"; status = "archived', "ü' \\\\ \""]) {
      expect(evaluateFilter(`region = ${quoteFilterValue(value)}`, { region: value })).toBe(true);
      expect(evaluateFilter(`region = ${quoteFilterValue(value)}`, { region: `${value}x` })).toBe(
        false,
      );
    }
  });
});

describe("buildVisibilityFilter", () => {
  it("allows own organisation, nationwide and the viewer's networks, never archived", () => {
    expect(buildVisibilityFilter({ organizationId: org, networkIds: [netA, netB] })).toBe(
      `status != "archived" AND (organizationId = "${org}" OR (status = "published" AND ` +
        `(visibility = "nationwide" OR networkId IN ["${netA}", "${netB}"])))`,
    );
  });

  it("has no network clause for a viewer without networks", () => {
    expect(buildVisibilityFilter({ organizationId: org, networkIds: [] })).toBe(
      `status != "archived" AND (organizationId = "${org}" OR (status = "published" AND ` +
        `visibility = "nationwide"))`,
    );
  });

  it("lists each network once", () => {
    expect(buildVisibilityFilter({ organizationId: org, networkIds: [netA, netA] })).toContain(
      `networkId IN ["${netA}"]`,
    );
  });

  it("escapes viewer values", () => {
    const filter = buildVisibilityFilter({ organizationId: 'x" OR "1', networkIds: ["n\\"] });
    expect(filter).toContain('organizationId = "x\\" OR \\"1"');
    expect(filter).toContain('networkId IN ["n\\\\"]');
  });

  /**
   * Every case the rule can tell apart: own or other organisation, every subset of three
   * networks, every status, visibility and network of the idea. (The generated worlds of
   * tests/integration/idea-visibility-rules.test.ts prove the SQL form against the same boolean.)
   */
  const networks = [netA, netB, netC];
  const viewers = [org, otherOrg].flatMap((organizationId) =>
    Array.from({ length: 2 ** networks.length }, (_, subset) => ({
      organizationId,
      networkIds: networks.filter((_, index) => subset & (1 << index)),
    })),
  );
  const documents: SearchDocument[] = [];
  for (const status of ideaStatuses)
    for (const visibility of ideaVisibilities)
      for (const networkId of networks)
        documents.push(document({ status, visibility, networkId, organizationId: org }));

  it("agrees with listedInSearch for every viewer and idea", () => {
    for (const viewer of viewers) {
      const filter = buildVisibilityFilter(viewer);
      for (const doc of documents) {
        expect(
          evaluateFilter(filter, toMeiliDocument(doc) as unknown as Record<string, unknown>),
          JSON.stringify({ viewer, doc: [doc.status, doc.visibility, doc.networkId] }),
        ).toBe(listedInSearch(viewer, doc));
      }
    }
  });
});

describe("buildFacetFilter", () => {
  it("is null without chosen values", () => {
    expect(buildFacetFilter({})).toBeNull();
    expect(buildFacetFilter({ region: [], funding: [""] })).toBeNull();
  });

  it("ORs within a facet and ANDs across facets, in facet order", () => {
    expect(buildFacetFilter({ funding: ["ESF"], targetGroups: ["U25", "Ü50", "U25"] })).toBe(
      'targetGroups IN ["U25", "Ü50"] AND funding IN ["ESF"]',
    );
  });

  it("maps scope to visibility and region to region", () => {
    expect(buildFacetFilter({ scope: ["nationwide"], region: ["Köln"] })).toBe(
      'region IN ["Köln"] AND visibility IN ["nationwide"]',
    );
  });

  it("leaves one facet out for its disjunctive count", () => {
    const filters = { targetGroups: ["U25"], region: ["Köln", "Bonn"] };
    expect(buildFacetFilter(filters, "targetGroups")).toBe('region IN ["Köln", "Bonn"]');
    expect(buildFacetFilter(filters, "region")).toBe('targetGroups IN ["U25"]');
    expect(buildFacetFilter({ region: ["Köln"] }, "region")).toBeNull();
  });

  it("escapes values", () => {
    expect(buildFacetFilter({ partnerKinds: ['Verein "Lichtblick"', "a\\b"] })).toBe(
      'partnerKinds IN ["Verein \\"Lichtblick\\"", "a\\\\b"]',
    );
  });

  it("matches array attributes on any element", () => {
    const doc = toMeiliDocument(
      document({ targetGroups: ["U25", "Alleinerziehende"], region: "Köln" }),
    ) as unknown as Record<string, unknown>;
    const matches = (filters: SearchQuery["filters"]) =>
      evaluateFilter(buildFacetFilter(filters) ?? "", doc);
    expect(matches({ targetGroups: ["Alleinerziehende", "Ü50"] })).toBe(true);
    expect(matches({ targetGroups: ["Ü50"] })).toBe(false);
    expect(matches({ targetGroups: ["U25"], region: ["Bonn"] })).toBe(false);
    expect(matches({ targetGroups: ["U25"], region: ["Bonn", "Köln"] })).toBe(true);
    expect(matches({ scope: ["network"] })).toBe(true);
    expect(matches({ scope: ["nationwide"] })).toBe(false);
  });
});

describe("buildSearchFilter", () => {
  it("ANDs visibility and facets, each in parentheses", () => {
    const viewer = { organizationId: org, networkIds: [] };
    expect(buildSearchFilter(viewer, {})).toBe(`(${buildVisibilityFilter(viewer)})`);
    expect(buildSearchFilter(viewer, { region: ["Köln"] })).toBe(
      `(${buildVisibilityFilter(viewer)}) AND (region IN ["Köln"])`,
    );
  });
});

describe("planSearch", () => {
  it("asks one query with every facet when nothing is chosen", () => {
    const plan = planSearch(query({ text: "  Praktikum  ", page: 3, pageSize: 10 }), "ideas");
    expect(plan.queries).toHaveLength(1);
    const [main] = plan.queries;
    expect(main).toMatchObject({
      indexUid: "ideas",
      q: "Praktikum",
      page: 3,
      hitsPerPage: 10,
      facets: ["targetGroups", "fieldsOfAction", "region", "partnerKinds", "funding", "visibility"],
      filter: `(${buildVisibilityFilter(query().viewer)})`,
      attributesToHighlight: ["title", "summary", "bodyText"],
      highlightPreTag: MATCH_START,
      highlightPostTag: MATCH_END,
      attributesToCrop: ["summary", "bodyText"],
      cropMarker: "…",
      locales: ["deu"],
      matchingStrategy: "all",
    });
    expect(main?.sort).toBeUndefined();
    expect(main?.limit).toBeUndefined();
    expect(main?.offset).toBeUndefined();
    for (const facet of facetNames) expect(plan.facetSources[facet]).toBe(0);
  });

  it("searches everything visible, newest first, for empty text", () => {
    const [main] = planSearch(query({ text: " \u0002 🚀 " }), "ideas").queries;
    expect(main?.q).toBeNull();
    expect(main?.sort).toEqual(["publishedAtTimestamp:desc", "updatedAtTimestamp:desc", "id:asc"]);
  });

  it("adds one counting query per chosen facet without its own filter", () => {
    const q = query({
      text: "AGH",
      filters: { targetGroups: ["U25"], scope: ["nationwide"], funding: [] },
    });
    const plan = planSearch(q, "ideas");
    expect(plan.queries).toHaveLength(3);
    const [main, targetGroups, scope] = plan.queries;
    expect(main?.facets).toEqual(["fieldsOfAction", "region", "partnerKinds", "funding"]);
    expect(main?.filter).toBe(buildSearchFilter(q.viewer, q.filters) /* both facets */);
    expect(main?.filter).toContain('targetGroups IN ["U25"]');
    expect(main?.filter).toContain('visibility IN ["nationwide"]');

    expect(targetGroups).toMatchObject({
      indexUid: "ideas",
      q: "AGH",
      limit: 0,
      facets: ["targetGroups"],
      filter: `(${buildVisibilityFilter(q.viewer)}) AND (visibility IN ["nationwide"])`,
    });
    expect(scope).toMatchObject({
      q: "AGH",
      limit: 0,
      facets: ["visibility"],
      filter: `(${buildVisibilityFilter(q.viewer)}) AND (targetGroups IN ["U25"])`,
    });
    for (const counting of [targetGroups, scope]) {
      expect(counting?.attributesToHighlight).toBeUndefined();
      expect(counting?.page).toBeUndefined();
    }

    expect(plan.facetSources).toEqual({
      targetGroups: 1,
      fieldsOfAction: 0,
      region: 0,
      partnerKinds: 0,
      funding: 0,
      scope: 2,
    });
  });

  it("always keeps the visibility filter, also in counting queries", () => {
    const plan = planSearch(
      query({ filters: { region: ["Köln"], partnerKinds: ["Verein"], funding: ["ESF"] } }),
      "ideas",
    );
    expect(plan.queries).toHaveLength(4);
    for (const q of plan.queries) {
      expect(q.filter).toMatch(/^\(status != "archived" AND \(organizationId = /);
    }
  });

  it("sorts newest by publication and adopted by adoptions, with tie-breaks", () => {
    for (const text of ["", "Praktikum"]) {
      expect(planSearch(query({ text, sort: "newest" }), "i").queries[0]?.sort).toEqual([
        "publishedAtTimestamp:desc",
        "updatedAtTimestamp:desc",
        "id:asc",
      ]);
      expect(planSearch(query({ text, sort: "adopted" }), "i").queries[0]?.sort).toEqual([
        "adoptionCount:desc",
        "publishedAtTimestamp:desc",
        "updatedAtTimestamp:desc",
        "id:asc",
      ]);
    }
  });

  it("cleans the search text for every query", () => {
    const plan = planSearch(
      query({ text: "„Praktikum“ & -Jugendamt!", filters: { region: ["Köln"] } }),
      "i",
    );
    for (const q of plan.queries) expect(q.q).toBe('"Praktikum" -Jugendamt');
  });

  it("keeps page and page size at least 1", () => {
    const [main] = planSearch(query({ page: 0, pageSize: 0 }), "i").queries;
    expect(main).toMatchObject({ page: 1, hitsPerPage: 1 });
  });
});

describe("meilisearchSettings", () => {
  const settings = meilisearchSettings();

  it("searches, filters and sorts the right attributes", () => {
    expect(settings.searchableAttributes).toEqual([
      "title",
      "summary",
      "bodyText",
      "resultsText",
      "targetGroups",
      "fieldsOfAction",
      "region",
      "partnerKinds",
      "funding",
    ]);
    expect(settings.filterableAttributes).toEqual([
      "status",
      "visibility",
      "networkId",
      "organizationId",
      "targetGroups",
      "fieldsOfAction",
      "region",
      "partnerKinds",
      "funding",
    ]);
    expect(settings.sortableAttributes).toEqual([
      "publishedAtTimestamp",
      "adoptionCount",
      "updatedAtTimestamp",
      "id",
    ]);
  });

  it("leaves ranking rules to the server", () => {
    expect(settings.rankingRules).toBeUndefined();
  });

  it("ignores the German stop words", () => {
    expect(settings.stopWords).toEqual([...germanStopWords]);
    expect(settings.stopWords).toContain("und");
  });

  it("maps every synonym to all others of its group, in every direction", () => {
    const synonyms = settings.synonyms ?? {};
    for (const group of synonymGroups) {
      for (const word of group) {
        expect(new Set(synonyms[word])).toEqual(new Set(group.filter((other) => other !== word)));
      }
    }
    expect(synonyms.AGH).toEqual(["Arbeitsgelegenheit", "Arbeitsgelegenheiten"]);
    expect(synonyms.Arbeitsgelegenheit).toContain("AGH");
    expect(synonyms["berufliche Weiterbildung"]).toEqual(["FbW", "Weiterbildung"]);
    expect(Object.keys(synonyms)).toHaveLength(synonymGroups.flat().length);
  });

  it("tolerates typos, tokenizes German, counts up to 100 facet values", () => {
    expect(settings.typoTolerance).toEqual({ enabled: true });
    expect(settings.localizedAttributes).toEqual([{ attributePatterns: ["*"], locales: ["deu"] }]);
    expect(settings.faceting?.maxValuesPerFacet).toBe(100);
    expect(settings.pagination?.maxTotalHits).toBeGreaterThanOrEqual(10_000);
  });
});

describe("buildSynonyms", () => {
  it("merges groups sharing a word", () => {
    expect(
      buildSynonyms([
        ["a", "b"],
        ["a", "c"],
      ]),
    ).toEqual({ a: ["b", "c"], b: ["a"], c: ["a"] });
  });
});

/** The default ranking rules of Meilisearch versions that split "attribute". */
const defaultRankingRules = [
  "words",
  "typo",
  "proximity",
  "attributeRank",
  "sort",
  "wordPosition",
  "exactness",
];
/** The index's rules made from them: "sort" first, newest first on ties. */
const indexRankingRules = [
  "sort",
  "words",
  "typo",
  "proximity",
  "attributeRank",
  "wordPosition",
  "exactness",
  "publishedAtTimestamp:desc",
  "updatedAtTimestamp:desc",
];

describe("rankingRulesFrom", () => {
  const tieBreaks = ["publishedAtTimestamp:desc", "updatedAtTimestamp:desc"];

  it("moves sort to the front, keeps the rest in order and breaks ties by date", () => {
    expect(
      rankingRulesFrom(["words", "typo", "proximity", "attribute", "sort", "exactness"]),
    ).toEqual(["sort", "words", "typo", "proximity", "attribute", "exactness", ...tieBreaks]);
    expect(rankingRulesFrom(defaultRankingRules)).toEqual(indexRankingRules);
    expect(rankingRulesFrom(["words"])).toEqual(["sort", "words", ...tieBreaks]);
  });

  it("is idempotent and replaces earlier custom rules", () => {
    const once = rankingRulesFrom(["words", "typo", "sort", "exactness"]);
    expect(rankingRulesFrom(once)).toEqual(once);
    expect(rankingRulesFrom(["sort", "words", "adoptionCount:desc"])).toEqual([
      "sort",
      "words",
      ...tieBreaks,
    ]);
  });
});

describe("toMeiliQuery", () => {
  it.each([
    ["  Praktikum  ", "Praktikum"],
    ["", null],
    ["   ", null],
    ["🚀🚀🚀 👩‍👩‍👧", null],
    ["\u0000", null],
    ["\u0002\u0003", null],
    ["Praktikum 🚀", "Praktikum"],
    ["Praktikum:*", "Praktikum"],
    ["(Praktikum)", "Praktikum"],
    ["Praktikum\\", "Praktikum"],
    ["Praktikum & |", "Praktikum"],
    ["!Praktikum", "Praktikum"],
    ["'Praktikum'", "Praktikum"],
    ["'; DROP TABLE search_documents; --", "DROP TABLE search documents --"],
    ['"aufsuchendes Fallmanagement"', '"aufsuchendes Fallmanagement"'],
    ["„aufsuchendes Fallmanagement“", '"aufsuchendes Fallmanagement"'],
    ["»Ü50« Förderung", '"Ü50" Förderung'],
    ["Fallmanagement -Jugendamt", "Fallmanagement -Jugendamt"],
    ["Speed-Dating mit Arbeitgebern", "Speed Dating mit Arbeitgebern"],
    ['Fallmanagement -"im Quartier" --x', 'Fallmanagement -"im Quartier" --x'],
    ["JOB-TURBO", "JOB TURBO"],
    ["Arbeitsuchende\tüber\n50", "Arbeitsuchende über 50"],
  ])("%j → %j", (text, expected) => {
    expect(toMeiliQuery(text)).toBe(expected);
  });

  it("cuts long text", () => {
    expect(toMeiliQuery("x".repeat(5_000))).toBe("x".repeat(500));
    expect(toMeiliQuery("Praktikum ".repeat(500))?.length).toBeLessThanOrEqual(500);
  });
});

describe("cleanText", () => {
  it("removes NUL and the match markers", () => {
    expect(cleanText("a\u0000b \u0002falsch\u0003 c")).toBe("a b  falsch  c");
    expect(cleanText("<b>bleibt</b> & so")).toBe("<b>bleibt</b> & so");
  });
});

describe("toMeiliDocument", () => {
  it("keeps the fields and adds timestamps", () => {
    const doc = document();
    expect(toMeiliDocument(doc)).toEqual({
      ...doc,
      publishedAt: "2024-03-01T10:00:00.000Z",
      publishedAtTimestamp: Date.parse("2024-03-01T10:00:00.000Z"),
      updatedAt: "2024-04-02T08:30:00.000Z",
      updatedAtTimestamp: Date.parse("2024-04-02T08:30:00.000Z"),
    });
  });

  it("removes markers from stored text", () => {
    const mapped = toMeiliDocument(
      document({ bodyText: "mit \u0002falschen\u0003 Markern", targetGroups: ["U\u000225"] }),
    );
    expect(mapped.bodyText).toBe("mit  falschen  Markern");
    expect(mapped.targetGroups).toEqual(["U 25"]);
  });

  it("stores an unpublished idea with timestamp 0 and no empty region", () => {
    const mapped = toMeiliDocument(document({ status: "draft", publishedAt: null, region: "" }));
    expect(mapped.publishedAt).toBeNull();
    expect(mapped.publishedAtTimestamp).toBe(0);
    expect(mapped.region).toBeNull();
  });

  it("copies arrays instead of sharing them", () => {
    const doc = document();
    const mapped = toMeiliDocument(doc);
    mapped.targetGroups.push("Ü50");
    expect(doc.targetGroups).toEqual(["U25"]);
  });
});

type RetrievedHit = Parameters<typeof toSearchHit>[0];

function hit(overrides: Partial<RetrievedHit> = {}): RetrievedHit {
  const doc = toMeiliDocument(document());
  return {
    id: doc.id,
    title: doc.title,
    summary: doc.summary,
    bodyText: doc.bodyText,
    status: doc.status,
    visibility: doc.visibility,
    organizationId: doc.organizationId,
    networkId: doc.networkId,
    adoptionCount: doc.adoptionCount,
    publishedAt: doc.publishedAt,
    ...overrides,
  };
}

describe("toSearchHit", () => {
  const m = (word: string) => `${MATCH_START}${word}${MATCH_END}`;

  it("highlights the title and takes the summary snippet when it matches", () => {
    const result = toSearchHit(
      hit({
        title: "Praktika & <mehr>",
        _formatted: {
          title: `${m("Praktika")} & <mehr>`,
          summary: `Jugendliche finden ${m("Praktika")}`,
          bodyText: `… ${m("Praktika")} im Betrieb …`,
        },
      }),
    );
    expect(result.title).toBe("Praktika & <mehr>");
    expect(result.titleHighlighted).toBe("<mark>Praktika</mark> &amp; &lt;mehr&gt;");
    expect(result.snippet).toBe("Jugendliche finden <mark>Praktika</mark>");
    expect(result.publishedAt).toEqual(new Date("2024-03-01T10:00:00.000Z"));
    expect(result).toMatchObject({ status: "published", visibility: "network", adoptionCount: 4 });
  });

  it("takes the body snippet when only the body matches", () => {
    const result = toSearchHit(
      hit({
        _formatted: {
          title: "Praktika",
          summary: "Jugendliche finden Praktika",
          bodyText: `… die ${m("Arbeitsgelegenheit")} <b>läuft</b> …`,
        },
      }),
    );
    expect(result.snippet).toBe("… die <mark>Arbeitsgelegenheit</mark> &lt;b&gt;läuft&lt;/b&gt; …");
  });

  it("joins adjacent highlights into one", () => {
    const result = toSearchHit(
      hit({
        _formatted: {
          title: `${m("Schuldner")}${m("beratung")} im Jobcenter`,
          summary: `Die ${m("Schuldner")}${m("beratung")} ${m("hilft")}`,
        },
      }),
    );
    expect(result.titleHighlighted).toBe("<mark>Schuldnerberatung</mark> im Jobcenter");
    expect(result.snippet).toBe("Die <mark>Schuldnerberatung</mark> <mark>hilft</mark>");
  });

  it("falls back to the summary without any match, and to plain fields without _formatted", () => {
    expect(
      toSearchHit(hit({ _formatted: { summary: "Kurz …", bodyText: "Lang …" } })).snippet,
    ).toBe("Kurz …");
    const plain = toSearchHit(hit({ summary: "a < b", publishedAt: null }));
    expect(plain.snippet).toBe("a &lt; b");
    expect(plain.titleHighlighted).toBe("Praktika mit dem Jobcenter");
    expect(plain.publishedAt).toBeNull();
  });
});

describe("toFacetCounts", () => {
  it("orders by count, then alphabetically, and drops zeros", () => {
    expect(
      toFacetCounts({ region: { Köln: 2, Bonn: 2, Aachen: 1, Essen: 0, Düren: 5 } }, "region"),
    ).toEqual([
      { value: "Düren", count: 5 },
      { value: "Bonn", count: 2 },
      { value: "Köln", count: 2 },
      { value: "Aachen", count: 1 },
    ]);
  });

  it("is empty for a missing facet", () => {
    expect(toFacetCounts(undefined, "region")).toEqual([]);
    expect(toFacetCounts({}, "region")).toEqual([]);
  });
});

describe("meilisearchError", () => {
  it("says Meilisearch is unreachable for other errors", () => {
    const error = meilisearchError(new TypeError("fetch failed"));
    expect(error.message).toBe("Meilisearch nicht erreichbar: fetch failed");
    expect(error.cause).toBeInstanceOf(TypeError);
  });
});

/** A fake Meilisearch behind `fetch`: records requests, answers like the HTTP API. */
function fakeServer(options: {
  indexExists?: boolean;
  /** Of an existing index; null for none. */
  primaryKey?: string | null;
  rankingRules?: string[];
  failTask?: (path: string) => boolean;
  multiSearch?: (body: { queries: Record<string, unknown>[] }) => unknown;
}) {
  const requests: { method: string; path: string; body: unknown }[] = [];
  let taskUid = 0;
  const tasks = new Map<number, { path: string; failed: boolean }>();
  let indexExists = options.indexExists ?? true;
  let rankingRules = options.rankingRules ?? defaultRankingRules;
  const json = (body: unknown, status = 200) =>
    new Response(JSON.stringify(body), {
      status,
      headers: { "Content-Type": "application/json" },
    });
  const enqueue = (path: string) => {
    const uid = ++taskUid;
    tasks.set(uid, { path, failed: options.failTask?.(path) ?? false });
    return json(
      { taskUid: uid, indexUid: "ideas", status: "enqueued", type: "x", enqueuedAt: "" },
      202,
    );
  };
  const fetchMock = vi.fn(async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : input);
    const method = init?.method ?? "GET";
    const body =
      typeof init?.body === "string" && init.body !== "" ? JSON.parse(init.body) : undefined;
    const path = url.pathname;
    requests.push({ method, path, body });
    if (method === "GET" && path === "/indexes/ideas") {
      return indexExists
        ? json({
            uid: "ideas",
            primaryKey: options.primaryKey === undefined ? "id" : options.primaryKey,
            createdAt: "",
            updatedAt: "",
          })
        : json(
            {
              message: "Index `ideas` not found.",
              code: "index_not_found",
              type: "invalid_request",
              link: "",
            },
            404,
          );
    }
    if (method === "POST" && path === "/indexes") {
      indexExists = true;
      return enqueue(path);
    }
    if (method === "GET" && path === "/indexes/ideas/settings/ranking-rules") {
      return json(rankingRules);
    }
    if (method === "PUT" && path === "/indexes/ideas/settings/ranking-rules") {
      rankingRules = body as string[];
      return enqueue(path);
    }
    if (method === "GET" && path.startsWith("/tasks/")) {
      const uid = Number(path.slice("/tasks/".length));
      const task = tasks.get(uid);
      return json({
        uid,
        indexUid: "ideas",
        status: task?.failed ? "failed" : "succeeded",
        type: "x",
        enqueuedAt: "",
        batchUid: null,
        canceledBy: null,
        error: task?.failed
          ? {
              message: "The primary key is missing.",
              code: "missing_document_id",
              type: "invalid_request",
              link: "",
            }
          : null,
        duration: null,
        startedAt: null,
        finishedAt: null,
      });
    }
    if (method === "POST" && path === "/multi-search") {
      return json(
        options.multiSearch?.(body as { queries: Record<string, unknown>[] }) ?? { results: [] },
      );
    }
    if (["POST", "PUT", "PATCH", "DELETE"].includes(method)) return enqueue(path);
    return json(
      { message: "not found", code: "not_found", type: "invalid_request", link: "" },
      404,
    );
  });
  vi.stubGlobal("fetch", fetchMock);
  return { requests, fetchMock, rankingRules: () => rankingRules };
}

describe("createMeilisearchEngine (against a fake HTTP API)", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  const engineOptions = { host: "http://meili.test:7700", apiKey: "key", indexName: "ideas" };

  it("creates the index, applies the settings once and moves sort first", async () => {
    const server = fakeServer({ indexExists: false });
    const engine = createMeilisearchEngine(engineOptions);
    expect(engine.name).toBe("meilisearch");
    await engine.index([document()]);
    await engine.index([document({ id: "9c8b7a6d-0000-4000-8000-000000000002" })]);

    const calls = server.requests.map((r) => `${r.method} ${r.path}`);
    expect(calls.filter((c) => c === "POST /indexes")).toHaveLength(1);
    expect(calls.filter((c) => c === "PATCH /indexes/ideas/settings")).toHaveLength(1);
    expect(server.requests.find((r) => r.path === "/indexes")?.body).toEqual({
      uid: "ideas",
      primaryKey: "id",
    });
    expect(server.requests.find((r) => r.method === "PATCH")?.body).toEqual(
      JSON.parse(JSON.stringify(meilisearchSettings())),
    );
    expect(server.rankingRules()).toEqual(indexRankingRules);
    const additions = server.requests.filter(
      (r) => r.method === "POST" && r.path === "/indexes/ideas/documents",
    );
    expect(server.fetchMock.mock.calls.some(([url]) => String(url).includes("primaryKey="))).toBe(
      false,
    );
    expect(additions).toHaveLength(2);
    expect(additions[0]?.body).toEqual([JSON.parse(JSON.stringify(toMeiliDocument(document())))]);
    const headers = new Headers(server.fetchMock.mock.calls[0]?.[1]?.headers);
    expect(headers.get("Authorization")).toBe("Bearer key");
  });

  it("does not touch ranking rules that are already right", async () => {
    const server = fakeServer({
      rankingRules: [
        "sort",
        "words",
        "typo",
        "publishedAtTimestamp:desc",
        "updatedAtTimestamp:desc",
      ],
    });
    await createMeilisearchEngine(engineOptions).clear();
    const calls = server.requests.map((r) => `${r.method} ${r.path}`);
    expect(calls).not.toContain("PUT /indexes/ideas/settings/ranking-rules");
    expect(calls).not.toContain("POST /indexes");
    expect(calls).toContain("DELETE /indexes/ideas/documents");
  });

  it("sets the primary key of an index created without one", async () => {
    const server = fakeServer({ primaryKey: null });
    await createMeilisearchEngine(engineOptions).clear();
    const update = server.requests.find((r) => r.method === "PATCH" && r.path === "/indexes/ideas");
    expect(update?.body).toEqual({ primaryKey: "id" });
  });

  it("refuses an index with another primary key", async () => {
    const server = fakeServer({ primaryKey: "uuid" });
    await expect(createMeilisearchEngine(engineOptions).index([document()])).rejects.toThrow(
      'Meilisearch-Index ideas hat den Primärschlüssel "uuid" statt "id"',
    );
    expect(server.requests.some((r) => r.path === "/indexes/ideas/documents")).toBe(false);
  });

  it("removes documents by id and skips empty calls", async () => {
    const server = fakeServer({});
    const engine = createMeilisearchEngine(engineOptions);
    await engine.remove([]);
    await engine.index([]);
    await engine.remove(["a", "b"]);
    const deletion = server.requests.find(
      (r) => r.path === "/indexes/ideas/documents/delete-batch",
    );
    expect(deletion?.body).toEqual(["a", "b"]);
    expect(server.requests.filter((r) => r.path === "/indexes/ideas/documents")).toHaveLength(0);
  });

  it("throws when a task failed, so the outbox retries", async () => {
    fakeServer({ failTask: (path) => path === "/indexes/ideas/documents" });
    const engine = createMeilisearchEngine(engineOptions);
    await expect(engine.index([document()])).rejects.toThrow(
      /Meilisearch-Aufgabe \d+ \(Dokumente speichern, Index ideas\) fehlgeschlagen: The primary key is missing\. \(missing_document_id\)/,
    );
  });

  it("reports an unreachable server and sets up again on the next call", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => {
        throw new TypeError("fetch failed");
      }),
    );
    const engine = createMeilisearchEngine(engineOptions);
    await expect(engine.search(query())).rejects.toThrow(/^Meilisearch nicht erreichbar: /);
    await expect(engine.index([document()])).rejects.toThrow(/^Meilisearch nicht erreichbar: /);

    vi.unstubAllGlobals();
    const server = fakeServer({});
    await engine.clear();
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toContain(
      "PATCH /indexes/ideas/settings",
    );
  });

  it("reports rejected requests with Meilisearch's message", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(
        async () =>
          new Response(
            JSON.stringify({
              message: "Invalid API key",
              code: "invalid_api_key",
              type: "auth",
              link: "",
            }),
            { status: 403 },
          ),
      ),
    );
    await expect(createMeilisearchEngine(engineOptions).clear()).rejects.toThrow(
      "Meilisearch lehnte die Anfrage ab (invalid_api_key): Invalid API key",
    );
  });

  it("searches in one request and maps hits, total and disjunctive facets", async () => {
    const server = fakeServer({
      multiSearch: ({ queries }) => ({
        results: queries.map((q, position) =>
          position === 0
            ? {
                indexUid: "ideas",
                hits: [
                  {
                    ...hit({ publishedAt: null, status: "draft", organizationId: org }),
                    _formatted: {
                      title: `Praktika mit dem ${MATCH_START}Jobcenter${MATCH_END}`,
                      summary: "Jugendliche finden Praktika",
                      bodyText: "Die Arbeitsgelegenheit …",
                    },
                  },
                ],
                query: q.q,
                processingTimeMs: 1,
                hitsPerPage: 1,
                page: 2,
                totalPages: 3,
                totalHits: 3,
                facetDistribution: {
                  fieldsOfAction: { Ausbildung: 3 },
                  region: { Köln: 2, Bonn: 1 },
                  partnerKinds: {},
                  funding: { ESF: 1 },
                },
              }
            : {
                indexUid: "ideas",
                hits: [],
                query: q.q,
                processingTimeMs: 1,
                limit: 0,
                offset: 0,
                estimatedTotalHits: 7,
                facetDistribution:
                  position === 1
                    ? { targetGroups: { U25: 3, Ü50: 4 } }
                    : { visibility: { network: 2, nationwide: 3 } },
              },
        ),
      }),
    });
    const q = query({
      text: "Jobcenter",
      page: 2,
      pageSize: 1,
      sort: "newest",
      filters: { targetGroups: ["U25"], scope: ["network"] },
    });
    const result = await createMeilisearchEngine(engineOptions).search(q);

    const searches = server.requests.filter((r) => r.path === "/multi-search");
    expect(searches).toHaveLength(1);
    expect(server.requests.some((r) => r.path.endsWith("/search"))).toBe(false);
    expect(searches[0]?.body).toEqual(
      JSON.parse(JSON.stringify({ queries: planSearch(q, "ideas").queries })),
    );

    expect(result.total).toBe(3);
    expect(result.hits).toEqual([
      {
        id: "9c8b7a6d-0000-4000-8000-000000000001",
        title: "Praktika mit dem Jobcenter",
        titleHighlighted: "Praktika mit dem <mark>Jobcenter</mark>",
        snippet: "Jugendliche finden Praktika",
        status: "draft",
        visibility: "network",
        organizationId: org,
        networkId: netA,
        adoptionCount: 4,
        publishedAt: null,
      },
    ]);
    expect(result.facets).toEqual({
      targetGroups: [
        { value: "Ü50", count: 4 },
        { value: "U25", count: 3 },
      ],
      fieldsOfAction: [{ value: "Ausbildung", count: 3 }],
      region: [
        { value: "Köln", count: 2 },
        { value: "Bonn", count: 1 },
      ],
      partnerKinds: [],
      funding: [{ value: "ESF", count: 1 }],
      scope: [
        { value: "nationwide", count: 3 },
        { value: "network", count: 2 },
      ],
    });
  });
});
