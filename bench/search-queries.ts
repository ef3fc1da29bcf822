/**
 * The 30 searches of bench/search.ts and the naive baseline they are compared with: an
 * `ILIKE '%word%'` scan over the `ideas` table with the same visibility rule and facet filters,
 * page 1 newest first plus a count – what a portal without a search index would do.
 */
import { sql, type SQL } from "drizzle-orm";
import type { Database } from "~/db/client.server";
import { ideas } from "~/db/schema";
import { listedInSearchSql, scopeColumnsOf } from "~/ideas/visibility.server";
import type { FacetName, SearchQuery, SearchViewer } from "~/search/engine";

export const queryKinds = {
  word: "Wort",
  typo: "Tippfehler",
  part: "Wortteil",
  phrase: "Phrase/Paar",
  facets: "mit Facetten",
} as const;
export type QueryKind = keyof typeof queryKinds;

export interface BenchQuery {
  key: string;
  kind: QueryKind;
  text: string;
  filters: Partial<Record<FacetName, string[]>>;
}

const q = (
  kind: QueryKind,
  text: string,
  filters: Partial<Record<FacetName, string[]>> = {},
): Omit<BenchQuery, "key"> => ({ kind, text, filters });

export const benchQueries: BenchQuery[] = [
  q("word", "Praktikum"),
  q("word", "Schuldnerberatung"),
  q("word", "Ehrenamt"),
  q("word", "Fallmanagement"),
  q("word", "Weiterbildung"),
  q("word", "Kinderbetreuung"),
  q("word", "Sprachkurs"),
  q("word", "Mobilität"),
  q("word", "Jugendberufsagentur"),
  q("word", "Coaching"),
  q("typo", "Schuldnerbertung"),
  q("typo", "Fallmanagment"),
  q("typo", "Praktkum"),
  q("typo", "Kinderbetreung"),
  q("typo", "Weiterbilung"),
  q("typo", "Jugendberufsagentr"),
  q("part", "Schuldner"),
  q("part", "Praktik"),
  q("part", "beratung"),
  q("part", "betreuung"),
  q("part", "Sprach"),
  q("part", "Berufs"),
  q("phrase", '"aufsuchendes Fallmanagement"'),
  q("phrase", "Speed Dating Arbeitgeber"),
  q("phrase", '"berufliche Weiterbildung"'),
  q("phrase", "Alleinerziehende Kinderbetreuung"),
  q("facets", "Praktikum", { targetGroups: ["U25"] }),
  q("facets", "Coaching", {
    targetGroups: ["Alleinerziehende", "Ü50"],
    fieldsOfAction: ["Langzeitbezieher aktivieren"],
  }),
  q("facets", "Sprachkurs", {
    fieldsOfAction: ["Zuwanderung/Flucht/Asyl"],
    scope: ["nationwide"],
  }),
  q("facets", "Ausbildung", { funding: ["ESF"], region: ["Aalen"] }),
].map((query, index) => ({ key: `q${String(index + 1).padStart(2, "0")}`, ...query }));

/** How a query is shown in tables: the text and, if any, its filters. */
export function describeQuery(query: BenchQuery): string {
  const filters = Object.entries(query.filters)
    .map(([facet, values]) => `${facet}=${values.join("|")}`)
    .join(", ");
  return filters ? `${query.text} [${filters}]` : query.text;
}

/** The engine query: relevance, page 1, 10 per page (the search page's size). */
export function searchQueryFor(query: BenchQuery, viewer: SearchViewer): SearchQuery {
  return {
    text: query.text,
    filters: query.filters,
    sort: "relevance",
    page: 1,
    pageSize: 10,
    viewer,
  };
}

/** What the scan looks for: each quoted phrase as a whole, every other word on its own. */
export function scanTerms(text: string): string[] {
  const terms: string[] = [];
  const unquoted = text.replace(/"([^"]*)"/g, (_, phrase: string) => {
    if (phrase.trim()) terms.push(phrase.trim());
    return " ";
  });
  terms.push(...unquoted.split(/\s+/).filter((word) => word !== ""));
  return terms;
}

function likePattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (special) => `\\${special}`)}%`;
}

function textArray(values: readonly string[]): SQL {
  return sql`ARRAY[${sql.join(
    values.map((value) => sql`${value}`),
    sql`, `,
  )}]::text[]`;
}

const facetColumns: Record<FacetName, { column: string; array: boolean }> = {
  targetGroups: { column: "target_groups", array: true },
  fieldsOfAction: { column: "fields_of_action", array: true },
  region: { column: "region", array: false },
  partnerKinds: { column: "partner_kinds", array: true },
  funding: { column: "funding", array: true },
  scope: { column: "visibility::text", array: false },
};

/** The WHERE clause of the scan: every term somewhere in the texts, visible, filters applied. */
function scanCondition(query: BenchQuery, viewer: SearchViewer): SQL {
  const conditions: SQL[] = scanTerms(query.text).map((term) => {
    const pattern = likePattern(term);
    return sql`(i.title ILIKE ${pattern} OR i.summary ILIKE ${pattern} OR i.body_text ILIKE ${pattern})`;
  });
  conditions.push(listedInSearchSql(viewer, scopeColumnsOf("i")));
  for (const [facet, values] of Object.entries(query.filters) as [FacetName, string[]][]) {
    if (values.length === 0) continue;
    const { column, array } = facetColumns[facet];
    conditions.push(
      array
        ? sql`i.${sql.raw(column)} && ${textArray(values)}`
        : sql`i.${sql.raw(column)} = ANY(${textArray(values)})`,
    );
  }
  return sql.join(conditions, sql` AND `);
}

/** The two statements of the scan: page 1 (newest first) and the count. */
export function scanStatements(query: BenchQuery, viewer: SearchViewer): { page: SQL; count: SQL } {
  const where = scanCondition(query, viewer);
  return {
    page: sql`SELECT i.id, i.title, i.published_at FROM ${ideas} i WHERE ${where}
      ORDER BY i.published_at DESC NULLS LAST, i.id LIMIT 10`,
    count: sql`SELECT count(*)::int AS total FROM ${ideas} i WHERE ${where}`,
  };
}

/** Runs the scan one statement after the other, as a page without a search index would. */
export async function runScan(
  db: Database,
  query: BenchQuery,
  viewer: SearchViewer,
): Promise<{ total: number; titles: string[] }> {
  const statements = scanStatements(query, viewer);
  const page = (await db.execute(statements.page)) as unknown as { rows: { title: string }[] };
  const count = (await db.execute(statements.count)) as unknown as { rows: { total: number }[] };
  return { total: count.rows[0]?.total ?? 0, titles: page.rows.map((row) => row.title) };
}
