import {
  Meilisearch,
  MeilisearchApiError,
  MeilisearchRequestError,
  MeilisearchRequestTimeOutError,
  MeilisearchTaskTimeOutError,
  type EnqueuedTaskPromise,
  type FacetDistribution,
  type Hit,
  type Index,
  type MultiSearchQuery,
  type Settings,
} from "meilisearch";
import {
  MATCH_END,
  MATCH_START,
  facetNames,
  markMatches,
  type FacetCount,
  type FacetName,
  type SearchDocument,
  type SearchEngine,
  type SearchHit,
  type SearchQuery,
  type SearchResult,
  type SearchSort,
  type SearchViewer,
} from "./engine";
import { cleanText } from "./clean-text.server";
import { germanStopWords, synonymGroups } from "./synonyms";

export { cleanText };

/**
 * The Ideenbörse search on Meilisearch (used when MEILI_HOST is set). Visibility is part of every
 * search filter, so Meilisearch never returns an idea the viewer may not see; facet counts are
 * disjunctive (each facet counted without its own filter) and come from one multi-search request.
 */

/** What is stored in Meilisearch for an idea: dates twice, as ISO text to return and as numbers to sort. */
export interface MeiliDocument extends Omit<
  SearchDocument,
  "region" | "publishedAt" | "updatedAt"
> {
  /** null instead of "" so an idea without region adds no empty facet value. */
  region: string | null;
  publishedAt: string | null;
  /** Milliseconds since the epoch; 0 for ideas never published (drafts). */
  publishedAtTimestamp: number;
  updatedAt: string;
  updatedAtTimestamp: number;
}

/** The facets stored under their own name (all but "scope"): searched, filtered and counted. */
const facetFields = [
  "targetGroups",
  "fieldsOfAction",
  "region",
  "partnerKinds",
  "funding",
] as const;

/** Searched in this order: a match in the title ranks above one in the summary, and so on. */
export const searchableAttributes = [
  "title",
  "summary",
  "bodyText",
  "resultsText",
  ...facetFields,
] as const;

export const filterableAttributes = [
  "status",
  "visibility",
  "networkId",
  "organizationId",
  ...facetFields,
] as const;

/** "id" only breaks ties, so equal dates or counts still page in one fixed order. */
export const sortableAttributes = [
  "publishedAtTimestamp",
  "adoptionCount",
  "updatedAtTimestamp",
  "id",
] as const;

/** The document attribute behind each facet; "scope" is the idea's visibility. */
export const facetAttributes: Record<FacetName, string> = {
  targetGroups: "targetGroups",
  fieldsOfAction: "fieldsOfAction",
  region: "region",
  partnerKinds: "partnerKinds",
  funding: "funding",
  scope: "visibility",
};

/** ISO 639-3 code Meilisearch uses for German tokenization. */
export const germanLocale = "deu";

export const maxValuesPerFacet = 100;

/**
 * How many hits Meilisearch counts at most. `totalHits` (and so `total`) is exact only up to this,
 * so it is set well above the number of ideas an installation will have.
 */
export const maxTotalHits = 100_000;

/** Every query word has to match (as itself, a typo of it, a prefix or a synonym). */
export const matchingStrategy = "all" as const;

const cropLength = 30;
const cropMarker = "…";

/** Longer search text is cut off (as the PostgreSQL engine does). */
export const maxQueryLength = 500;

/** Each member of a group maps to all other members (Meilisearch synonyms only go one way). */
export function buildSynonyms(
  groups: readonly (readonly string[])[] = synonymGroups,
): Record<string, string[]> {
  const synonyms: Record<string, string[]> = {};
  for (const group of groups) {
    for (const word of group) {
      const others = group.filter((member) => member !== word);
      const existing = synonyms[word] ?? [];
      synonyms[word] = [...existing, ...others.filter((other) => !existing.includes(other))];
    }
  }
  return synonyms;
}

/**
 * The index settings. Ranking rules are not part of them: they are Meilisearch's defaults with
 * "sort" first and newest-first tie-breaks (see `rankingRulesFrom`), which needs the server's own
 * default list.
 */
export function meilisearchSettings(): Settings {
  return {
    searchableAttributes: [...searchableAttributes],
    filterableAttributes: [...filterableAttributes],
    sortableAttributes: [...sortableAttributes],
    stopWords: [...germanStopWords],
    synonyms: buildSynonyms(),
    typoTolerance: { enabled: true },
    localizedAttributes: [{ attributePatterns: ["*"], locales: [germanLocale] }],
    faceting: { maxValuesPerFacet, sortFacetValuesBy: { "*": "count" } },
    pagination: { maxTotalHits },
  };
}

/** Custom ranking rules after the built-in ones: equally relevant ideas, newest first. */
export const tieBreakRules = ["publishedAtTimestamp:desc", "updatedAtTimestamp:desc"] as const;

/**
 * The index's ranking rules from the server's current (default) ones: "sort" moved to the front
 * and `tieBreakRules` at the end. Without a sort parameter the "sort" rule does nothing, so
 * relevance ordering stays Meilisearch's default; with one ("newest", "adopted") the order is
 * strict, as the PostgreSQL engine's, also when text was typed. The built-in rules keep their
 * order, whatever names the server version uses ("attribute" or "attributeRank"/"wordPosition");
 * custom rules (attribute:direction) set earlier are replaced, so this is idempotent.
 */
export function rankingRulesFrom(current: readonly string[]): string[] {
  const builtIn = current.filter((rule) => rule !== "sort" && !rule.includes(":"));
  return ["sort", ...builtIn, ...tieBreakRules];
}

const quoteCharacters = /[„“”»«]/g;
/** Everything but letters, digits, whitespace, `"` (phrases) and `-` (exclusions) separates. */
const separatorCharacters = /[^\p{L}\p{M}\p{N}\s"-]/gu;

/**
 * What was typed as a Meilisearch `q`: cut to `maxQueryLength`, typographic quotes as `"`,
 * punctuation, symbols, emoji and control characters as spaces (they would otherwise be words
 * that every hit has to contain), hyphens inside words as spaces, whitespace collapsed. null when
 * nothing is left. Phrases ("…") and exclusions (-word, -"…") stay Meilisearch syntax.
 */
export function toMeiliQuery(text: string): string | null {
  const cleaned = Array.from(text.normalize("NFC"))
    .slice(0, maxQueryLength)
    .join("")
    .replace(quoteCharacters, '"')
    .replace(separatorCharacters, " ")
    // Only a "-" that starts a word excludes it; inside a word ("Speed-Dating") it separates.
    .replace(/(?<=[\p{L}\p{M}\p{N}"])-/gu, " ")
    .replace(/\s+/gu, " ")
    .trim();
  return cleaned === "" ? null : cleaned;
}

export function toMeiliDocument(document: SearchDocument): MeiliDocument {
  return {
    id: document.id,
    networkId: document.networkId,
    organizationId: document.organizationId,
    status: document.status,
    visibility: document.visibility,
    title: cleanText(document.title),
    summary: cleanText(document.summary),
    bodyText: cleanText(document.bodyText),
    resultsText: cleanText(document.resultsText),
    targetGroups: document.targetGroups.map(cleanText),
    fieldsOfAction: document.fieldsOfAction.map(cleanText),
    region: document.region === "" ? null : cleanText(document.region),
    partnerKinds: document.partnerKinds.map(cleanText),
    funding: document.funding.map(cleanText),
    adoptionCount: document.adoptionCount,
    publishedAt: document.publishedAt ? document.publishedAt.toISOString() : null,
    publishedAtTimestamp: document.publishedAt ? document.publishedAt.getTime() : 0,
    updatedAt: document.updatedAt.toISOString(),
    updatedAtTimestamp: document.updatedAt.getTime(),
  };
}

/** A string value for a filter expression: double-quoted, with `\` and `"` escaped. */
export function quoteFilterValue(value: string): string {
  return `"${value.replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"`;
}

/** `mayOpenIdea` (app/ideas/visibility.server.ts) as a Meilisearch filter, branch by branch. */
function mayOpenIdeaFilter(viewer: SearchViewer): string {
  const networkIds = [...new Set(viewer.networkIds)];
  const shared =
    networkIds.length === 0
      ? `visibility = ${quoteFilterValue("nationwide")}`
      : `(visibility = ${quoteFilterValue("nationwide")} OR networkId IN [${networkIds
          .map(quoteFilterValue)
          .join(", ")}])`;
  return (
    `organizationId = ${quoteFilterValue(viewer.organizationId)} OR ` +
    `(status = ${quoteFilterValue("published")} AND ${shared})`
  );
}

/**
 * `listedInSearch` as a Meilisearch filter: what the viewer may open, never archived. Its unit
 * test checks it against the boolean rule on the generated worlds of the SQL agreement test.
 */
export function buildVisibilityFilter(viewer: SearchViewer): string {
  return `status != ${quoteFilterValue("archived")} AND (${mayOpenIdeaFilter(viewer)})`;
}

/** The values chosen in a facet, without duplicates and empty strings. */
export function activeFacetValues(filters: SearchQuery["filters"], facet: FacetName): string[] {
  return [...new Set((filters[facet] ?? []).filter((value) => value !== ""))];
}

/** The facets something is chosen in, in `facetNames` order. */
export function activeFacets(filters: SearchQuery["filters"]): FacetName[] {
  return facetNames.filter((facet) => activeFacetValues(filters, facet).length > 0);
}

/**
 * The facet filters as one expression: values OR-ed within a facet, facets AND-ed. `except` leaves
 * one facet out (for its disjunctive count). null when nothing is chosen.
 */
export function buildFacetFilter(
  filters: SearchQuery["filters"],
  except?: FacetName,
): string | null {
  const parts = activeFacets(filters)
    .filter((facet) => facet !== except)
    .map(
      (facet) =>
        `${facetAttributes[facet]} IN [${activeFacetValues(filters, facet)
          .map(quoteFilterValue)
          .join(", ")}]`,
    );
  return parts.length === 0 ? null : parts.join(" AND ");
}

/** Visibility and facet filters AND-ed, each part in parentheses. */
export function buildSearchFilter(
  viewer: SearchViewer,
  filters: SearchQuery["filters"],
  except?: FacetName,
): string {
  const facetFilter = buildFacetFilter(filters, except);
  const visibility = `(${buildVisibilityFilter(viewer)})`;
  return facetFilter === null ? visibility : `${visibility} AND (${facetFilter})`;
}

const newestFirst = ["publishedAtTimestamp:desc", "updatedAtTimestamp:desc", "id:asc"];

/**
 * The sort parameter, with the PostgreSQL engine's tie-breaks: newest (drafts, timestamp 0, last),
 * then last updated, then id. Relevance without text has nothing to rank by and lists newest
 * first; relevance with text uses the ranking rules (no sort parameter).
 */
export function sortFor(sort: SearchSort, hasText: boolean): string[] | undefined {
  switch (sort) {
    case "newest":
      return newestFirst;
    case "adopted":
      return ["adoptionCount:desc", ...newestFirst];
    case "relevance":
      return hasText ? undefined : newestFirst;
  }
}

/** Attributes a hit needs; the highlighted ones have to be among them to come back formatted. */
const attributesToRetrieve = [
  "id",
  "title",
  "summary",
  "bodyText",
  "status",
  "visibility",
  "organizationId",
  "networkId",
  "adoptionCount",
  "publishedAt",
];

export interface SearchPlan {
  queries: MultiSearchQuery[];
  /** For each facet, the index in `queries` whose facetDistribution holds its counts. */
  facetSources: Record<FacetName, number>;
}

/**
 * One multi-search: the main query (hits, total, counts of facets nothing is chosen in) and, for
 * each facet something is chosen in, a query without that facet's filter that only counts it.
 */
export function planSearch(query: SearchQuery, indexUid: string): SearchPlan {
  const q = toMeiliQuery(query.text);
  const chosen = activeFacets(query.filters);
  const unchosen = facetNames.filter((facet) => !chosen.includes(facet));
  const pageSize = Math.max(1, Math.floor(query.pageSize));
  const page = Math.max(1, Math.floor(query.page));
  const sort = sortFor(query.sort, q !== null);

  const main: MultiSearchQuery = {
    indexUid,
    q,
    filter: buildSearchFilter(query.viewer, query.filters),
    facets: unchosen.map((facet) => facetAttributes[facet]),
    page,
    hitsPerPage: pageSize,
    matchingStrategy,
    locales: [germanLocale],
    attributesToRetrieve,
    attributesToHighlight: ["title", "summary", "bodyText"],
    highlightPreTag: MATCH_START,
    highlightPostTag: MATCH_END,
    attributesToCrop: ["summary", "bodyText"],
    cropLength,
    cropMarker,
    ...(sort ? { sort: [...sort] } : {}),
  };

  const facetSources = {} as Record<FacetName, number>;
  for (const facet of unchosen) facetSources[facet] = 0;

  const queries = [main];
  for (const facet of chosen) {
    facetSources[facet] = queries.length;
    queries.push({
      indexUid,
      q,
      filter: buildSearchFilter(query.viewer, query.filters, facet),
      facets: [facetAttributes[facet]],
      limit: 0,
      matchingStrategy,
      locales: [germanLocale],
    });
  }
  return { queries, facetSources };
}

/** A facet distribution as counts, most frequent first, then alphabetically. */
export function toFacetCounts(
  distribution: FacetDistribution | undefined,
  attribute: string,
): FacetCount[] {
  return Object.entries(distribution?.[attribute] ?? {})
    .filter(([, count]) => count > 0)
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value, "de"));
}

type RetrievedHit = Hit<
  Pick<
    MeiliDocument,
    | "id"
    | "title"
    | "summary"
    | "bodyText"
    | "status"
    | "visibility"
    | "organizationId"
    | "networkId"
    | "adoptionCount"
    | "publishedAt"
  >
>;

/** The cropped summary or body text that shows a match (summary if neither does), as HTML. */
export function snippetFor(hit: RetrievedHit): string {
  const summary = formattedText(hit, "summary");
  const body = formattedText(hit, "bodyText");
  if (summary.includes(MATCH_START)) return markMatches(summary);
  if (body.includes(MATCH_START)) return markMatches(body);
  return markMatches(summary);
}

/**
 * The highlighted (and cropped) text of an attribute. Adjacent highlights become one, so a compound
 * matched as its parts ("Schuldner" + "beratung") is marked as the one word it is.
 */
function formattedText(hit: RetrievedHit, attribute: "title" | "summary" | "bodyText"): string {
  const formatted = hit._formatted?.[attribute];
  const text = typeof formatted === "string" ? formatted : (hit[attribute] ?? "");
  return text.replaceAll(`${MATCH_END}${MATCH_START}`, "");
}

export function toSearchHit(hit: RetrievedHit): SearchHit {
  return {
    id: hit.id,
    title: hit.title,
    titleHighlighted: markMatches(formattedText(hit, "title")),
    snippet: snippetFor(hit),
    status: hit.status,
    visibility: hit.visibility,
    organizationId: hit.organizationId,
    networkId: hit.networkId,
    adoptionCount: hit.adoptionCount,
    publishedAt: hit.publishedAt ? new Date(hit.publishedAt) : null,
  };
}

/** Errors of this engine; the message says what failed, in German. */
export class MeilisearchEngineError extends Error {
  override name = "MeilisearchEngineError";
}

/** Turns what the client throws into an Error whose message says what happened, in German. */
export function meilisearchError(error: unknown): Error {
  if (error instanceof MeilisearchEngineError) return error;
  if (error instanceof MeilisearchApiError) {
    const code = error.cause?.code ? ` (${error.cause.code})` : "";
    return new MeilisearchEngineError(
      `Meilisearch lehnte die Anfrage ab${code}: ${error.cause?.message ?? error.message}`,
      { cause: error },
    );
  }
  if (error instanceof MeilisearchTaskTimeOutError) {
    return new MeilisearchEngineError(
      `Meilisearch-Aufgabe ${error.cause.taskUid} nicht innerhalb von ${error.cause.timeout} ms erledigt`,
      { cause: error },
    );
  }
  if (error instanceof MeilisearchRequestError || error instanceof MeilisearchRequestTimeOutError) {
    const cause = error.cause instanceof Error ? `: ${error.cause.message}` : "";
    return new MeilisearchEngineError(`Meilisearch nicht erreichbar: ${error.message}${cause}`, {
      cause: error,
    });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new MeilisearchEngineError(`Meilisearch nicht erreichbar: ${message}`, { cause: error });
}

export interface MeilisearchEngineOptions {
  host: string;
  apiKey?: string;
  indexName: string;
  /** How long to wait for an indexing task; default 60 s. */
  taskTimeoutMs?: number;
  /** Per HTTP request; default 10 s. */
  requestTimeoutMs?: number;
}

export function createMeilisearchEngine(options: MeilisearchEngineOptions): SearchEngine {
  const client = new Meilisearch({
    host: options.host,
    apiKey: options.apiKey,
    timeout: options.requestTimeoutMs ?? 10_000,
  });
  const indexUid = options.indexName;
  const index: Index<MeiliDocument> = client.index<MeiliDocument>(indexUid);
  const taskTimeout = options.taskTimeoutMs ?? 60_000;

  /** Enqueues, waits, and throws unless the task succeeded (so the outbox worker retries). */
  async function runTask(
    what: string,
    enqueue: () => EnqueuedTaskPromise,
    accept?: (code: string | undefined) => boolean,
  ): Promise<void> {
    const task = await enqueue().waitTask({ timeout: taskTimeout });
    if (task.status === "succeeded") return;
    if (accept?.(task.error?.code)) return;
    const reason = task.error ? `${task.error.message} (${task.error.code})` : task.status;
    throw new MeilisearchEngineError(
      `Meilisearch-Aufgabe ${task.uid} (${what}, Index ${indexUid}) fehlgeschlagen: ${reason}`,
    );
  }

  async function setUp(): Promise<void> {
    let primaryKey: string | undefined;
    let exists = true;
    try {
      primaryKey = (await index.getRawInfo()).primaryKey ?? undefined;
    } catch (error) {
      if (!(error instanceof MeilisearchApiError && error.cause?.code === "index_not_found")) {
        throw error;
      }
      exists = false;
    }
    if (!exists) {
      // Another process may create it at the same time; that is as good.
      await runTask(
        "Index anlegen",
        () => client.createIndex(indexUid, { primaryKey: "id" }),
        (code) => code === "index_already_exists",
      );
    } else if (primaryKey === undefined) {
      // Created elsewhere without one; Meilisearch would not guess it ("id", "networkId", …).
      await runTask("Primärschlüssel setzen", () => index.update({ primaryKey: "id" }));
    } else if (primaryKey !== "id") {
      throw new MeilisearchEngineError(
        `Meilisearch-Index ${indexUid} hat den Primärschlüssel "${primaryKey}" statt "id"`,
      );
    }
    await runTask("Einstellungen", () => index.updateSettings(meilisearchSettings()));
    const rankingRules = await index.getRankingRules();
    const wanted = rankingRulesFrom(rankingRules);
    if (wanted.join() !== rankingRules.join()) {
      await runTask("Ranking-Regeln", () => index.updateRankingRules(wanted));
    }
  }

  let ready: Promise<void> | undefined;
  /** Creates the index and applies the settings once per engine; tried again after a failure. */
  function ensureIndex(): Promise<void> {
    ready ??= setUp().catch((error: unknown) => {
      ready = undefined;
      throw error;
    });
    return ready;
  }

  async function guarded<T>(operation: () => Promise<T>): Promise<T> {
    try {
      await ensureIndex();
      return await operation();
    } catch (error) {
      throw meilisearchError(error);
    }
  }

  return {
    name: "meilisearch",

    index(documents) {
      return guarded(async () => {
        if (documents.length === 0) return;
        await runTask("Dokumente speichern", () =>
          index.addDocuments(documents.map(toMeiliDocument)),
        );
      });
    },

    remove(ids) {
      return guarded(async () => {
        if (ids.length === 0) return;
        await runTask("Dokumente löschen", () => index.deleteDocuments([...ids]));
      });
    },

    clear() {
      return guarded(async () => {
        await runTask("Index leeren", () => index.deleteAllDocuments());
      });
    },

    search(query) {
      return guarded(async (): Promise<SearchResult> => {
        const plan = planSearch(query, indexUid);
        const { results } = await client.multiSearch<
          { queries: MultiSearchQuery[] },
          MeiliDocument
        >({ queries: plan.queries });
        const main = results[0];
        if (!main || results.length !== plan.queries.length) {
          throw new MeilisearchEngineError(
            `Meilisearch antwortete mit ${results.length} statt ${plan.queries.length} Ergebnissen`,
          );
        }
        const facets = {} as Record<FacetName, FacetCount[]>;
        for (const facet of facetNames) {
          const source = results[plan.facetSources[facet]];
          facets[facet] = toFacetCounts(source?.facetDistribution, facetAttributes[facet]);
        }
        return {
          hits: main.hits.map((hit) => toSearchHit(hit)),
          total: main.totalHits ?? main.estimatedTotalHits ?? main.hits.length,
          facets,
        };
      });
    },
  };
}
