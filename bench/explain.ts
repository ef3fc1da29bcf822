/**
 * EXPLAIN (ANALYZE, BUFFERS) of SQL captured from the app's own query functions (not a copy of
 * their SQL): the search benchmark's statements, and the DB time of the referral list pages.
 */
import type pg from "pg";
import { listReferrals, referralNavCounts, servicesInBox } from "~/referrals/referral-lists.server";
import type { ListTarget } from "./referral-config";
import type { BenchDatabase, CapturedQuery } from "./app-database";

export interface QueryExplain {
  name: string;
  sql: string;
  params: unknown[];
  executionMs: number;
  planningMs: number;
  plan: string;
}

/** Statements EXPLAIN can run; the others (BEGIN, SET LOCAL, COMMIT) are replayed as they are. */
const explainable = /^\s*\(?\s*(select|with)\b/i;

function timeOf(plan: string, label: string): number {
  return Number(new RegExp(`${label} Time: ([0-9.]+) ms`).exec(plan)?.[1] ?? NaN);
}

/**
 * Replays the captured statements in order on one connection – so that a transaction and its
 * SET LOCAL settings apply as they did for the engine – once plainly (warming cache and plans),
 * then `runs` times with every SELECT under EXPLAIN (ANALYZE, BUFFERS); per statement the run
 * with the median execution time is kept.
 */
export async function explainStatements(
  pool: pg.Pool,
  captured: CapturedQuery[],
  names: (statement: CapturedQuery, index: number) => string,
  runs = 3,
): Promise<QueryExplain[]> {
  const client = await pool.connect();
  const perStatement = new Map<
    number,
    { executionMs: number; planningMs: number; plan: string }[]
  >();
  try {
    for (let run = -1; run < runs; run++) {
      for (const [index, statement] of captured.entries()) {
        if (run < 0 || !explainable.test(statement.sql)) {
          await client.query(statement.sql, statement.params);
          continue;
        }
        const { rows } = await client.query<{ "QUERY PLAN": string }>(
          `EXPLAIN (ANALYZE, BUFFERS) ${statement.sql}`,
          statement.params,
        );
        const plan = rows.map((row) => row["QUERY PLAN"]).join("\n");
        const list = perStatement.get(index) ?? [];
        list.push({
          executionMs: timeOf(plan, "Execution"),
          planningMs: timeOf(plan, "Planning"),
          plan,
        });
        perStatement.set(index, list);
      }
    }
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
  return [...perStatement].map(([index, results]) => {
    results.sort((a, b) => a.executionMs - b.executionMs);
    const statement = captured[index]!;
    return {
      name: names(statement, index),
      sql: statement.sql,
      params: statement.params,
      ...results[Math.floor(results.length / 2)]!,
    };
  });
}

export interface DbTime {
  totalExecutionMs: number;
  queries: QueryExplain[];
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
  const queries = await explainStatements(
    database.pool,
    named.map(({ query }) => query),
    (_, index) => named[index]!.name,
  );
  return {
    totalExecutionMs: queries.reduce((sum, query) => sum + query.executionMs, 0),
    queries,
  };
}
