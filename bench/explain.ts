/**
 * DB time of the list pages: EXPLAIN (ANALYZE, BUFFERS) of the exact SQL the pages' referral
 * loaders send, captured by calling the app's own query functions (not a copy of their SQL).
 */
import type pg from "pg";
import { listReferrals, referralNavCounts, servicesInBox } from "~/referrals/referral-lists.server";
import type { ListTarget } from "./referral-config";
import type { BenchDatabase, CapturedQuery } from "./referral-database";

export interface QueryExplain {
  name: string;
  sql: string;
  params: unknown[];
  executionMs: number;
  planningMs: number;
  plan: string;
}

export interface DbTime {
  totalExecutionMs: number;
  queries: QueryExplain[];
}

/** The median of `runs` EXPLAIN ANALYZE runs, after one plain run. */
async function explain(
  pool: pg.Pool,
  name: string,
  query: CapturedQuery,
  runs = 3,
): Promise<QueryExplain> {
  await pool.query(query.sql, query.params); // warm the cache and the plan
  const results: { executionMs: number; planningMs: number; plan: string }[] = [];
  for (let run = 0; run < runs; run++) {
    const { rows } = await pool.query<{ "QUERY PLAN": string }>(
      `EXPLAIN (ANALYZE, BUFFERS) ${query.sql}`,
      query.params,
    );
    const plan = rows.map((row) => row["QUERY PLAN"]).join("\n");
    const number = (label: string) =>
      Number(new RegExp(`${label} Time: ([0-9.]+) ms`).exec(plan)?.[1] ?? NaN);
    results.push({ executionMs: number("Execution"), planningMs: number("Planning"), plan });
  }
  results.sort((a, b) => a.executionMs - b.executionMs);
  const median = results[Math.floor(results.length / 2)]!;
  return { name, sql: query.sql, params: query.params, ...median };
}

/** EXPLAIN ANALYZE of every referral query the page's loaders send (session query aside). */
export async function explainTarget(
  database: BenchDatabase,
  target: ListTarget,
  organizationId: string,
): Promise<DbTime> {
  const { list } = target;
  const named: { name: string; query: CapturedQuery }[] = [];
  const listQueries = await database.capture(() =>
    listReferrals(list.box, organizationId, list.filters, 1),
  );
  for (const query of listQueries)
    named.push({
      name: /\blimit\b/i.test(query.sql) ? "Liste (Seite 1)" : "Gesamtzahl",
      query,
    });
  const [servicesQuery] = await database.capture(() => servicesInBox(list.box, organizationId));
  if (servicesQuery) named.push({ name: "Angebote im Filter", query: servicesQuery });
  const navQueries = await database.capture(() => referralNavCounts(organizationId));
  navQueries.forEach((query, index) =>
    named.push({
      name: index === 0 ? "Navigation: unbeantwortet" : "Navigation: überfällig gesendet",
      query,
    }),
  );
  const queries: QueryExplain[] = [];
  for (const { name, query } of named) queries.push(await explain(database.pool, name, query));
  return {
    totalExecutionMs: queries.reduce((sum, query) => sum + query.executionMs, 0),
    queries,
  };
}
