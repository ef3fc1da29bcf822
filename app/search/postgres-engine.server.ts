import { getTableColumns, inArray, sql, type SQL } from "drizzle-orm";
import { getDb } from "~/db/client.server";
import { searchDocuments, searchTerms } from "~/db/schema";
import {
  MATCH_END,
  MATCH_START,
  facetNames,
  markMatches,
  type FacetName,
  type SearchDocument,
  type SearchEngine,
  type SearchHit,
  type SearchQuery,
  type SearchResult,
  type SearchSort,
} from "./engine";
import {
  countableCondition,
  decodeFacetCounts,
  ensureFacetPositions,
  facetColumnsOf,
  facetCountStatement,
  facetFilters,
  facetSourceColumns,
  filtersCondition,
  rowsOf,
  type Executor,
  type FacetCountRow,
} from "./postgres-facets.server";
import { SIMILARITY, lookUpLexicon } from "./postgres-lexicon.server";
import { cleanText } from "./clean-text.server";
import {
  buildTsQuery,
  extractTerms,
  lexiconWords,
  parseSearchText,
  queryTokens,
} from "./query-terms";
import { isUuid } from "~/params.server";
import { listedInSearchSql, scopeColumnsOf } from "~/ideas/visibility.server";

/**
 * PostgreSQL full-text search over `search_documents` (also on PGlite). German stemming comes
 * from the `german` text search configuration; typos, inflections the stemmer misses
 * ("Praktika" / "Praktikum") and word parts inside compounds come from the `search_terms`
 * lexicon via pg_trgm (postgres-lexicon.server.ts). Visibility and facet filters are part of the
 * SQL, so nothing the viewer may not open is ever counted or returned. Why the row looks the way
 * it does (facet masks, texts out of line, ranking on title and summary) is in ADR 007.
 */

/** Documents per INSERT (about 20 parameters each, far below PostgreSQL's 65,535). */
const DOCUMENT_BATCH = 500;
/** Lexicon terms per INSERT. */
const TERM_BATCH = 5_000;
const MAX_PAGE_SIZE = 100;
/** Words of the snippet when there is no search text (ts_headline's MaxWords). */
const SNIPPET_WORDS = 30;
/** ts_headline parses all text it gets; a very long body is searched for the snippet this far. */
const HEADLINE_CHARACTERS = 20_000;
/** Enough text for SNIPPET_WORDS words when there is nothing to highlight. */
const PREVIEW_CHARACTERS = 1_000;
/**
 * Memory for one search: the matched rows of a frequent word (20,000 and more at 100,000 ideas)
 * are kept once for counting and paging and must not spill to disk.
 */
const SEARCH_WORK_MEM = "32MB";

const snippetOptions = `StartSel="${MATCH_START}", StopSel="${MATCH_END}", MaxFragments=2, MaxWords=${SNIPPET_WORDS}, MinWords=12, FragmentDelimiter=" … "`;
const titleOptions = `StartSel="${MATCH_START}", StopSel="${MATCH_END}", HighlightAll=true`;

export function createPostgresEngine(): SearchEngine {
  return {
    name: "postgres",
    index: indexDocuments,
    remove: removeDocuments,
    search: searchDocumentsFor,
    // The facet positions stay: other processes cache them, and they never change meaning.
    clear: async () => {
      const db = getDb();
      await db.delete(searchDocuments);
      await db.delete(searchTerms);
    },
  };
}

/** A document's values of one facet, each once and none empty, so each counts the idea once. */
function facetValues(values: readonly string[]): string[] {
  return [...new Set(values.map(cleanText))].filter((value) => value !== "");
}

/** The document as it is indexed: texts and facet values cleaned. */
function cleanDocument(document: SearchDocument): SearchDocument {
  return {
    ...document,
    title: cleanText(document.title),
    summary: cleanText(document.summary),
    bodyText: cleanText(document.bodyText),
    resultsText: cleanText(document.resultsText),
    targetGroups: facetValues(document.targetGroups),
    fieldsOfAction: facetValues(document.fieldsOfAction),
    region: cleanText(document.region),
    partnerKinds: facetValues(document.partnerKinds),
    funding: facetValues(document.funding),
  };
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size)
    result.push(items.slice(start, start + size));
  return result;
}

/** A document's result text and facet values as one text (the lowest search weight). */
export function tagText(document: SearchDocument): string {
  return [
    document.resultsText,
    ...document.targetGroups,
    ...document.fieldsOfAction,
    document.region,
    ...document.partnerKinds,
    ...document.funding,
  ].join(" ");
}

async function indexDocuments(documents: SearchDocument[]): Promise<void> {
  if (documents.length === 0) return;
  const db = getDb();
  // The last version of a document wins when it comes twice in one call.
  const latest = [...new Map(documents.map((document) => [document.id, document])).values()].map(
    cleanDocument,
  );
  const dictionary = await ensureFacetPositions(db, latest);
  for (const batch of chunks(latest, DOCUMENT_BATCH)) {
    const rows = batch.map((document) => ({
      id: document.id,
      networkId: document.networkId,
      organizationId: document.organizationId,
      status: document.status,
      visibility: document.visibility,
      ...facetColumnsOf(dictionary, document),
      adoptionCount: document.adoptionCount,
      publishedAt: document.publishedAt,
      updatedAt: document.updatedAt,
      title: document.title,
      summary: document.summary,
      bodyText: document.bodyText,
      head: sql<string>`setweight(to_tsvector('german', ${document.title}), 'A')
          || setweight(to_tsvector('german', ${document.summary}), 'B')`,
      document: sql<string>`setweight(to_tsvector('german', ${document.title}), 'A')
          || setweight(to_tsvector('german', ${document.summary}), 'B')
          || setweight(to_tsvector('german', ${document.bodyText}), 'C')
          || setweight(to_tsvector('german', ${tagText(document)}), 'D')`,
    }));
    await db.insert(searchDocuments).values(rows).onConflictDoUpdate({
      target: searchDocuments.id,
      set: replacedColumns,
    });
  }

  const terms = extractTerms(
    latest.flatMap((document) => [
      document.title,
      document.summary,
      document.bodyText,
      tagText(document),
    ]),
  ).sort(); // one order for every writer, so concurrent inserts cannot deadlock
  for (const batch of chunks(terms, TERM_BATCH)) {
    await db
      .insert(searchTerms)
      .values(batch.map((term) => ({ term })))
      .onConflictDoNothing();
  }
}

/** On re-indexing every column but the id takes the new row's value. */
const replacedColumns = Object.fromEntries(
  Object.entries(getTableColumns(searchDocuments))
    .filter(([key]) => key !== "id")
    .map(([key, column]) => [key, sql.raw(`excluded.${column.name}`)]),
);

async function removeDocuments(ids: string[]): Promise<void> {
  const valid = [...new Set(ids.filter(isUuid))];
  for (const batch of chunks(valid, 1_000)) {
    await getDb().delete(searchDocuments).where(inArray(searchDocuments.id, batch));
  }
}

/** The chosen values per facet: without duplicates and empty strings; facets without any left out. */
function activeFilters(filters: SearchQuery["filters"]): Map<FacetName, string[]> {
  const active = new Map<FacetName, string[]>();
  for (const facet of facetNames) {
    const values = [...new Set((filters[facet] ?? []).filter((value) => value !== ""))];
    if (values.length > 0) active.set(facet, values);
  }
  return active;
}

/** ORDER BY over `matched`-shaped rows under `alias`, by their `rank` when ranking. */
function orderBy(sort: SearchSort, ranked: boolean, alias: string): SQL {
  const column = (name: string) => sql.raw(`${alias}.${name}`);
  const newest = sql`${column("published_at")} DESC NULLS LAST, ${column("updated_at")} DESC`;
  if (sort === "adopted") return sql`${column("adoption_count")} DESC, ${newest}, ${column("id")}`;
  if (ranked) return sql`${column("rank")} DESC, ${newest}, ${column("id")}`;
  return sql`${newest}, ${column("id")}`;
}

interface HitRow {
  kind: "hit";
  position: number;
  id: string;
  title: string;
  title_highlighted: string;
  snippet: string;
  status: SearchHit["status"];
  visibility: SearchHit["visibility"];
  organization_id: string;
  network_id: string;
  adoption_count: number;
  published_at: Date | string | null;
}

type ResultRow = HitRow | FacetCountRow;

async function searchDocumentsFor(query: SearchQuery): Promise<SearchResult> {
  const parsed = parseSearchText(query.text);
  const tokens = queryTokens(parsed);
  return getDb().transaction(async (transaction) => {
    // All settings last until the end of this transaction. The planner prices
    // `document @@ query` as cheap, so for frequent words it would read the whole table and
    // unpack every row's tsvector (far slower than going through the GIN index). `%` uses the
    // lexicon threshold instead of pg_trgm's default 0.3, so the trigram index yields fewer
    // candidates. work_mem: see SEARCH_WORK_MEM.
    await transaction.execute(
      sql`SELECT set_config('enable_seqscan', ${tokens.length > 0 ? "off" : "on"}, true),
        set_config('pg_trgm.similarity_threshold', ${String(SIMILARITY)}, true),
        set_config('work_mem', ${SEARCH_WORK_MEM}, true)`,
    );
    if (tokens.length === 0) return runSearch(transaction, { match: "", rank: "" }, query);
    const { stopWords, similar, parts } = await lookUpLexicon(
      transaction,
      tokens,
      lexiconWords(parsed),
    );
    // Word parts follow the similar words of the same word.
    const allExpansions = new Map(similar);
    for (const [word, terms] of parts) {
      allExpansions.set(word, [...(similar.get(word) ?? []), ...terms]);
    }
    return runSearch(
      transaction,
      {
        match: buildTsQuery(parsed, { stopWords, expansions: allExpansions }),
        // Ranking reads every match's `head`; without the word parts the query is half as long
        // and ranking twice as fast, and a title that merely contains the word in a compound
        // is no better than one without it.
        rank: buildTsQuery(parsed, { stopWords, expansions: similar }),
      },
      query,
    );
  });
}

/** The `to_tsquery` texts of a search: what must match, and what ranks (both empty: no text). */
interface TsQueries {
  match: string;
  rank: string;
}

/**
 * Hits, total and facet counts in one statement; `tsQueryText` empty means no text.
 *
 * `matched` holds the visible rows matching the text, found once through the GIN index, with
 * only the small columns filters, counts and sorting need (and the rank, from the row's small
 * `head` vector). The page's texts are read from TOAST for its hits alone.
 */
async function runSearch(
  executor: Executor,
  tsQueries: TsQueries,
  query: SearchQuery,
): Promise<SearchResult> {
  const hasText = tsQueries.match !== "";
  const pageSize = Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(query.pageSize) || 1));
  const page = Math.max(1, Math.floor(query.page) || 1);
  const filters = await facetFilters(executor, activeFilters(query.filters));
  const ranked = hasText && query.sort === "relevance";
  // In WHERE the tsquery is computed once for the index scan; `q` gives it to the per-row uses.
  const tsQuery = sql`to_tsquery('german', ${tsQueries.match})`;

  const statement = sql`WITH q AS (
      SELECT ${hasText ? tsQuery : sql`NULL::tsquery`} AS query,
        ${ranked ? sql`to_tsquery('german', ${tsQueries.rank})` : sql`NULL::tsquery`} AS rank_query
    ),
    matched AS MATERIALIZED (
      SELECT d.id, ${facetSourceColumns("d")}, d.published_at, d.updated_at, d.adoption_count
        ${ranked ? sql`, ts_rank(d.head, q.rank_query) AS rank` : sql``}
      FROM ${searchDocuments} d, q
      WHERE ${hasText ? sql`d.document @@ ${tsQuery} AND ` : sql``}${listedInSearchSql(query.viewer, scopeColumnsOf("d"))}
        AND ${countableCondition(filters, "d")}
    ),
    page AS (
      SELECT m.id, m.published_at, m.updated_at, m.adoption_count${ranked ? sql`, m.rank` : sql``}
      FROM matched m
      WHERE ${filtersCondition(filters, undefined, "m")}
      ORDER BY ${orderBy(query.sort, ranked, "m")}
      LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}
    )
    SELECT 'hit' AS kind, NULL::int AS key, NULL::int AS count, NULL::int AS passing,
      (row_number() OVER (ORDER BY ${orderBy(query.sort, ranked, "p")}))::int AS position,
      d.id::text AS id, d.title,
      ${hasText ? sql`ts_headline('german', d.title, q.query, ${titleOptions})` : sql`d.title`} AS title_highlighted,
      ${
        hasText
          ? sql`ts_headline('german', left(d.summary || ' ' || d.body_text, ${HEADLINE_CHARACTERS}), q.query, ${snippetOptions})`
          : sql`left(d.summary || ' ' || d.body_text, ${PREVIEW_CHARACTERS})`
      } AS snippet,
      d.status::text AS status, d.visibility::text AS visibility,
      d.organization_id::text AS organization_id, d.network_id::text AS network_id,
      d.adoption_count, d.published_at
    FROM page p JOIN ${searchDocuments} d ON d.id = p.id, q
    UNION ALL
    SELECT counted.kind, counted.key, counted.count, counted.passing,
      NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
    FROM (${facetCountStatement(filters, sql`matched`)}) counted`;

  const rows = await rowsOf<ResultRow>(executor, statement);
  const hitRows = rows.filter((row): row is HitRow => row.kind === "hit");
  const countRows = rows.filter((row) => row.kind !== "hit") as FacetCountRow[];
  const { total, facets } = await decodeFacetCounts(executor, countRows);
  return {
    hits: hitRows.sort((a, b) => a.position - b.position).map((row) => toHit(row, hasText)),
    total,
    facets,
  };
}

function leadingWords(text: string, count: number): string {
  const words = text.split(/\s+/).filter((word) => word !== "");
  return words.length > count ? `${words.slice(0, count).join(" ")} …` : words.join(" ");
}

function toHit(row: HitRow, hasText: boolean): SearchHit {
  return {
    id: row.id,
    title: row.title,
    titleHighlighted: markMatches(row.title_highlighted ?? row.title),
    snippet: markMatches(
      hasText ? (row.snippet ?? "") : leadingWords(row.snippet ?? "", SNIPPET_WORDS),
    ),
    status: row.status,
    visibility: row.visibility,
    organizationId: row.organization_id,
    networkId: row.network_id,
    adoptionCount: row.adoption_count ?? 0,
    publishedAt:
      row.published_at === null
        ? null
        : row.published_at instanceof Date
          ? row.published_at
          : new Date(row.published_at),
  };
}
