import { inArray, sql, type SQL } from "drizzle-orm";
import { getDb, type Database } from "~/db/client.server";
import { searchDocuments, searchTerms } from "~/db/schema";
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
import {
  MIN_WORD_PART_LENGTH,
  buildTsQuery,
  containsPattern,
  extractTerms,
  lexiconWords,
  parseSearchText,
  queryTokens,
} from "./query-terms";

/**
 * PostgreSQL full-text search over `search_documents` (also on PGlite). German stemming comes
 * from the `german` text search configuration; typos, inflections the stemmer misses
 * ("Praktika" / "Praktikum") and word parts inside compounds come from the `search_terms`
 * lexicon via pg_trgm. Visibility and facet filters are part of the SQL, so nothing the viewer
 * may not open is ever counted or returned.
 */

/** Documents per INSERT (about 30 parameters each, far below PostgreSQL's 65,535). */
const DOCUMENT_BATCH = 500;
/** Lexicon terms per INSERT. */
const TERM_BATCH = 5_000;
/** Lexicon words a query word is widened with at most. */
const EXPANSIONS_PER_WORD = 8;
/** Trigram similarity above which a lexicon word counts as the same word (typo, inflection). */
const SIMILARITY = 0.4;
const MAX_PAGE_SIZE = 100;
/** Words of the snippet when there is no search text (ts_headline's MaxWords). */
const SNIPPET_WORDS = 30;
/** ts_headline parses all text it gets; a very long body is searched for the snippet this far. */
const HEADLINE_CHARACTERS = 20_000;
/** Enough text for SNIPPET_WORDS words when there is nothing to highlight. */
const PREVIEW_CHARACTERS = 1_000;

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const snippetOptions = `StartSel="${MATCH_START}", StopSel="${MATCH_END}", MaxFragments=2, MaxWords=${SNIPPET_WORDS}, MinWords=12, FragmentDelimiter=" … "`;
const titleOptions = `StartSel="${MATCH_START}", StopSel="${MATCH_END}", HighlightAll=true`;

/** The column (or expression over `matched`) behind each facet, and whether it holds an array. */
const facetColumns: Record<FacetName, { column: SQL; array: boolean }> = {
  targetGroups: { column: sql.raw("target_groups"), array: true },
  fieldsOfAction: { column: sql.raw("fields_of_action"), array: true },
  region: { column: sql.raw("region"), array: false },
  partnerKinds: { column: sql.raw("partner_kinds"), array: true },
  funding: { column: sql.raw("funding"), array: true },
  scope: { column: sql.raw("scope"), array: false },
};

export function createPostgresEngine(): SearchEngine {
  return {
    name: "postgres",
    index: indexDocuments,
    remove: removeDocuments,
    search: searchDocumentsFor,
    clear: async () => {
      const db = getDb();
      await db.delete(searchDocuments);
      await db.delete(searchTerms);
    },
  };
}

/** Removes NUL (PostgreSQL rejects it) and the match markers (they would become <mark>). */
function clean(text: string): string {
  return text.replaceAll("\u0000", " ").replaceAll(MATCH_START, " ").replaceAll(MATCH_END, " ");
}

/** A document's values of one facet, each once and none empty, so each counts the idea once. */
function facetValues(values: readonly string[]): string[] {
  return [...new Set(values.map(clean))].filter((value) => value !== "");
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size)
    result.push(items.slice(start, start + size));
  return result;
}

function tagText(document: SearchDocument): string {
  return [
    document.resultsText,
    ...document.targetGroups,
    ...document.fieldsOfAction,
    document.region,
    ...document.partnerKinds,
    ...document.funding,
  ]
    .map(clean)
    .join(" ");
}

async function indexDocuments(documents: SearchDocument[]): Promise<void> {
  if (documents.length === 0) return;
  const db = getDb();
  // The last version of a document wins when it comes twice in one call.
  const latest = [...new Map(documents.map((document) => [document.id, document])).values()];
  for (const batch of chunks(latest, DOCUMENT_BATCH)) {
    const rows = batch.map((document) => {
      const title = clean(document.title);
      const summary = clean(document.summary);
      const bodyText = clean(document.bodyText);
      const tags = tagText(document);
      return {
        id: document.id,
        networkId: document.networkId,
        organizationId: document.organizationId,
        status: document.status,
        visibility: document.visibility,
        title,
        summary,
        bodyText,
        resultsText: clean(document.resultsText),
        targetGroups: facetValues(document.targetGroups),
        fieldsOfAction: facetValues(document.fieldsOfAction),
        region: clean(document.region),
        partnerKinds: facetValues(document.partnerKinds),
        funding: facetValues(document.funding),
        adoptionCount: document.adoptionCount,
        publishedAt: document.publishedAt,
        updatedAt: document.updatedAt,
        document: sql<string>`setweight(to_tsvector('german', ${title}), 'A')
          || setweight(to_tsvector('german', ${summary}), 'B')
          || setweight(to_tsvector('german', ${bodyText}), 'C')
          || setweight(to_tsvector('german', ${tags}), 'D')`,
      };
    });
    await db
      .insert(searchDocuments)
      .values(rows)
      .onConflictDoUpdate({
        target: searchDocuments.id,
        set: {
          networkId: sql`excluded.network_id`,
          organizationId: sql`excluded.organization_id`,
          status: sql`excluded.status`,
          visibility: sql`excluded.visibility`,
          title: sql`excluded.title`,
          summary: sql`excluded.summary`,
          bodyText: sql`excluded.body_text`,
          resultsText: sql`excluded.results_text`,
          targetGroups: sql`excluded.target_groups`,
          fieldsOfAction: sql`excluded.fields_of_action`,
          region: sql`excluded.region`,
          partnerKinds: sql`excluded.partner_kinds`,
          funding: sql`excluded.funding`,
          adoptionCount: sql`excluded.adoption_count`,
          publishedAt: sql`excluded.published_at`,
          updatedAt: sql`excluded.updated_at`,
          document: sql`excluded.document`,
        },
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

async function removeDocuments(ids: string[]): Promise<void> {
  const valid = [...new Set(ids.filter((id) => uuidPattern.test(id)))];
  for (const batch of chunks(valid, 1_000)) {
    await getDb().delete(searchDocuments).where(inArray(searchDocuments.id, batch));
  }
}

interface LexiconRow {
  kind: "stop" | "term";
  token: string;
  term: string | null;
}

/**
 * One round trip for what query understanding needs from the database: which tokens are stop
 * words (yield no lexeme), and for each word the lexicon words that are similar (typos,
 * inflections) or contain it (compounds), best first. Each look-up is its own indexed subquery.
 */
async function lookUpLexicon(
  executor: Executor,
  tokens: string[],
  words: string[],
): Promise<{ stopWords: Set<string>; expansions: Map<string, string[]> }> {
  const parts: SQL[] = [
    sql`SELECT 'stop' AS kind, t.token, NULL::text AS term
        FROM unnest(${textArray(tokens)}) AS t(token)
        WHERE length(to_tsvector('german', t.token)) = 0`,
  ];
  for (const word of words) {
    const similar = sql`(s.term % ${word} AND similarity(s.term, ${word}) > ${SIMILARITY})`;
    const condition =
      Array.from(word).length >= MIN_WORD_PART_LENGTH
        ? sql`(${similar} OR s.term LIKE ${containsPattern(word)})`
        : similar;
    parts.push(sql`(SELECT 'term' AS kind, ${word}::text AS token, s.term
        FROM ${searchTerms} s
        WHERE ${condition}
        ORDER BY similarity(s.term, ${word}) DESC, s.term
        LIMIT ${EXPANSIONS_PER_WORD})`);
  }
  const rows = await execute<LexiconRow>(executor, sql.join(parts, sql` UNION ALL `));
  const stopWords = new Set<string>();
  const expansions = new Map<string, string[]>();
  for (const row of rows) {
    if (row.kind === "stop") stopWords.add(row.token);
    else if (row.term !== null) {
      const list = expansions.get(row.token) ?? [];
      list.push(row.term);
      expansions.set(row.token, list);
    }
  }
  return { stopWords, expansions };
}

function textArray(values: readonly string[]): SQL {
  return sql`ARRAY[${sql.join(
    values.map((value) => sql`${value}`),
    sql`, `,
  )}]::text[]`;
}

function uuidArray(values: readonly string[]): SQL {
  return sql`ARRAY[${sql.join(
    values.map((value) => sql`${value}`),
    sql`, `,
  )}]::uuid[]`;
}

/**
 * The same rule as `isVisibleTo`, line by line, as a condition on `search_documents`. Written as
 * CASE on purpose: the planner cannot turn it into index scans over the scope index, which
 * match most of the table anyway and only slow down the GIN scan they would be AND-ed with.
 */
function visibilityCondition(viewer: SearchViewer): SQL {
  const ownOrganization = uuidPattern.test(viewer.organizationId)
    ? sql`d.organization_id = ${viewer.organizationId}::uuid`
    : sql`false`;
  const networkIds = [...new Set(viewer.networkIds.filter((id) => uuidPattern.test(id)))];
  const ownNetworks =
    networkIds.length > 0 ? sql` OR d.network_id = ANY(${uuidArray(networkIds)})` : sql``;
  return sql`CASE
      WHEN d.status = 'archived' THEN false
      WHEN ${ownOrganization} THEN true
      WHEN d.status <> 'published' THEN false
      ELSE d.visibility = 'nationwide'${ownNetworks}
    END`;
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

function filterCondition(facet: FacetName, values: string[], alias: string): SQL {
  const { column, array } = facetColumns[facet];
  const qualified = sql`${sql.raw(alias)}.${column}`;
  return array
    ? sql`${qualified} && ${textArray(values)}`
    : sql`${qualified} = ANY(${textArray(values)})`;
}

/** All chosen facets' conditions AND-ed, leaving out `except` (for its disjunctive counts). */
function filtersCondition(
  active: Map<FacetName, string[]>,
  except: FacetName | undefined,
  alias: string,
): SQL {
  const conditions = [...active]
    .filter(([facet]) => facet !== except)
    .map(([facet, values]) => filterCondition(facet, values, alias));
  return conditions.length === 0 ? sql`true` : sql.join(conditions, sql` AND `);
}

function orderBy(sort: SearchSort, ranked: boolean, alias: string): SQL {
  const column = (name: string) => sql.raw(`${alias}.${name}`);
  const newest = sql`${column("published_at")} DESC NULLS LAST, ${column("updated_at")} DESC`;
  if (sort === "adopted") return sql`${column("adoption_count")} DESC, ${newest}, ${column("id")}`;
  // In `page` the rank is its own output column, elsewhere a column of the alias.
  const rank = alias === "m" ? sql`rank` : column("rank");
  if (sort === "relevance" && ranked) return sql`${rank} DESC, ${newest}, ${column("id")}`;
  return sql`${newest}, ${column("id")}`;
}

interface ResultRow {
  kind: string;
  value: string | null;
  count: number;
  id: string | null;
  title: string | null;
  title_highlighted: string | null;
  snippet: string | null;
  status: SearchHit["status"] | null;
  visibility: SearchHit["visibility"] | null;
  organization_id: string | null;
  network_id: string | null;
  adoption_count: number | null;
  published_at: Date | string | null;
}

async function searchDocumentsFor(query: SearchQuery): Promise<SearchResult> {
  const parsed = parseSearchText(query.text);
  const tokens = queryTokens(parsed);
  if (tokens.length === 0) return runSearch(getDb(), "", query);
  return getDb().transaction(async (transaction) => {
    // Both settings last until the end of this transaction. The planner prices
    // `document @@ query` as cheap, so for frequent words it would read the whole table and
    // unpack every row's tsvector (several times slower at 100,000 ideas than going through the
    // GIN index). `%` uses the lexicon threshold directly instead of pg_trgm's default 0.3, so
    // the trigram index yields fewer candidates.
    await transaction.execute(
      sql`SELECT set_config('enable_seqscan', 'off', true),
        set_config('pg_trgm.similarity_threshold', ${String(SIMILARITY)}, true)`,
    );
    const { stopWords, expansions } = await lookUpLexicon(
      transaction,
      tokens,
      lexiconWords(parsed),
    );
    const tsQueryText = buildTsQuery(parsed, { stopWords, expansions });
    return runSearch(transaction, tsQueryText, query);
  });
}

/** Hits, total and facet counts in one statement; `tsQueryText` empty means no text. */
async function runSearch(
  executor: Executor,
  tsQueryText: string,
  query: SearchQuery,
): Promise<SearchResult> {
  const hasText = tsQueryText !== "";
  const tsQuery = () => sql`to_tsquery('german', ${tsQueryText})`;
  const pageSize = Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(query.pageSize) || 1));
  const page = Math.max(1, Math.floor(query.page) || 1);
  const active = activeFilters(query.filters);
  const rankRelevance = hasText && query.sort === "relevance";

  // Facet counts and the total in one pass over `matched`: each row is unrolled into its facet
  // values side by side (set-returning functions in the select list run in lockstep), a value
  // only where the row passes the *other* facets' filters (disjunctive), and GROUPING SETS count
  // each column on its own. The column `total` holds a 1 for rows passing every filter.
  const unrolled = sql.join(
    [
      ...facetNames.map((facet) => {
        const { column, array } = facetColumns[facet];
        const values = array ? sql`m.${column}` : sql`ARRAY[m.${column}]`;
        return sql`unnest(CASE WHEN ${filtersCondition(active, facet, "m")} THEN ${values} END) AS ${sql.identifier(facet)}`;
      }),
      sql`unnest(CASE WHEN ${filtersCondition(active, undefined, "m")} THEN ARRAY[1] END) AS total`,
    ],
    sql`, `,
  );
  const groups = [...facetNames.map((facet) => sql.identifier(facet)), sql.raw("total")];
  const kind = sql.join(
    [
      ...facetNames.map(
        (facet) => sql`WHEN GROUPING(u.${sql.identifier(facet)}) = 0 THEN ${facet}`,
      ),
      sql`ELSE 'total'`,
    ],
    sql` `,
  );
  const value = sql.join(
    [...facetNames.map((facet) => sql`u.${sql.identifier(facet)}`), sql.raw("u.total::text")],
    sql`, `,
  );

  // `matched`: the visible rows matching the text, found once through the GIN index; hits,
  // total and facet counts are all taken from it in one statement. Ranks are computed only for
  // rows passing the filters, headlines only for the page's rows.
  const statement = sql`WITH matched AS MATERIALIZED (
      SELECT d.id, d.target_groups, d.fields_of_action, d.region, d.partner_kinds, d.funding,
        d.visibility::text AS scope, d.published_at, d.updated_at, d.adoption_count
        ${rankRelevance ? sql`, d.document` : sql``}
      FROM ${searchDocuments} d
      WHERE ${hasText ? sql`d.document @@ ${tsQuery()} AND ` : sql``}${visibilityCondition(query.viewer)}
    ),
    page AS (
      SELECT m.id, m.published_at, m.updated_at, m.adoption_count
        ${rankRelevance ? sql`, ts_rank_cd(m.document, ${tsQuery()}) AS rank` : sql``}
      FROM matched m
      WHERE ${filtersCondition(active, undefined, "m")}
      ORDER BY ${orderBy(query.sort, rankRelevance, "m")}
      LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}
    )
    SELECT 'hit'::text AS kind, NULL::text AS value,
      (row_number() OVER (ORDER BY ${orderBy(query.sort, rankRelevance, "p")}))::int AS count,
      d.id::text AS id, d.title,
      ${hasText ? sql`ts_headline('german', d.title, ${tsQuery()}, ${titleOptions})` : sql`d.title`} AS title_highlighted,
      ${
        hasText
          ? sql`ts_headline('german', left(d.summary || ' ' || d.body_text, ${HEADLINE_CHARACTERS}), ${tsQuery()}, ${snippetOptions})`
          : sql`left(d.summary || ' ' || d.body_text, ${PREVIEW_CHARACTERS})`
      } AS snippet,
      d.status::text AS status, d.visibility::text AS visibility,
      d.organization_id::text AS organization_id, d.network_id::text AS network_id,
      d.adoption_count, d.published_at
    FROM page p JOIN ${searchDocuments} d ON d.id = p.id
    UNION ALL
    SELECT CASE ${kind} END, coalesce(${value}), count(*)::int,
      NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
    FROM (SELECT ${unrolled} FROM matched m) u
    GROUP BY GROUPING SETS (${sql.join(
      groups.map((group) => sql`(${group})`),
      sql`, `,
    )})
    HAVING coalesce(${value}) <> ''`;

  const rows = await execute<ResultRow>(executor, statement);
  const hits: { order: number; hit: SearchHit }[] = [];
  const facets = Object.fromEntries(
    facetNames.map((facet) => [facet, [] as FacetCount[]]),
  ) as Record<FacetName, FacetCount[]>;
  let total = 0;
  for (const row of rows) {
    if (row.kind === "hit") hits.push({ order: row.count, hit: toHit(row, hasText) });
    else if (row.kind === "total") total = row.count;
    else if (row.value !== null)
      facets[row.kind as FacetName].push({ value: row.value, count: row.count });
  }
  for (const facet of facetNames) facets[facet].sort(compareFacetCounts);
  return {
    hits: hits.sort((a, b) => a.order - b.order).map(({ hit }) => hit),
    total,
    facets,
  };
}

/** Most frequent first, then alphabetically (German collation, so "Ü50" sorts next to "U25"). */
function compareFacetCounts(a: FacetCount, b: FacetCount): number {
  return b.count - a.count || a.value.localeCompare(b.value, "de");
}

function leadingWords(text: string, count: number): string {
  const words = text.split(/\s+/).filter((word) => word !== "");
  return words.length > count ? `${words.slice(0, count).join(" ")} …` : words.join(" ");
}

function toHit(row: ResultRow, hasText: boolean): SearchHit {
  const title = row.title ?? "";
  return {
    id: row.id!,
    title,
    titleHighlighted: markMatches(row.title_highlighted ?? title),
    snippet: markMatches(
      hasText ? (row.snippet ?? "") : leadingWords(row.snippet ?? "", SNIPPET_WORDS),
    ),
    status: row.status!,
    visibility: row.visibility!,
    organizationId: row.organization_id!,
    networkId: row.network_id!,
    adoptionCount: row.adoption_count ?? 0,
    publishedAt:
      row.published_at === null
        ? null
        : row.published_at instanceof Date
          ? row.published_at
          : new Date(row.published_at),
  };
}

/** The database or a transaction. */
type Executor = Pick<Database, "execute">;

/** Runs raw SQL on either driver (both return `{ rows }`). */
async function execute<T>(executor: Executor, statement: SQL): Promise<T[]> {
  const result = (await executor.execute(statement)) as unknown as { rows: T[] };
  return result.rows;
}
