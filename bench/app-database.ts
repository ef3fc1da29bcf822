/**
 * The app's database during an in-process benchmark (events, referrals, search): a fresh scratch
 * database (see freshScratchDatabase) opened with a Drizzle logger, so that the SQL of the app's
 * own query functions can be captured, and made the app's database until cleanUp().
 */
import { drizzle } from "drizzle-orm/node-postgres";
import pg from "pg";
import type { Database, DatabaseHandle } from "~/db/client.server";
import { setDatabase } from "~/db/client.server";
import * as schema from "~/db/schema";
import { onCleanUp } from "./harness";
import { freshScratchDatabase } from "./scratch-database";

export interface CapturedQuery {
  sql: string;
  params: unknown[];
}

export interface BenchDatabase {
  url: string;
  handle: DatabaseHandle;
  pool: pg.Pool;
  /** Runs fn and returns the SQL statements it sent through Drizzle. */
  capture(fn: () => Promise<unknown>): Promise<CapturedQuery[]>;
}

function openBenchDatabase(url: string, connections: number): BenchDatabase {
  const pool = new pg.Pool({ connectionString: url, max: connections });
  // A connection dropped by the server (DROP DATABASE … WITH (FORCE)) must not crash the run.
  pool.on("error", () => undefined);
  let captured: CapturedQuery[] | null = null;
  const db = drizzle(pool, {
    schema,
    logger: {
      logQuery(sql, params) {
        captured?.push({ sql, params });
      },
    },
  }) as unknown as Database;
  const handle: DatabaseHandle = { db, kind: "postgres", close: () => pool.end() };
  return {
    url,
    handle,
    pool,
    async capture(fn) {
      captured = [];
      try {
        await fn();
        return captured;
      } finally {
        captured = null;
      }
    },
  };
}

/**
 * Creates the database `name` through `adminUrl`, opens it with a pool of `connections` and makes
 * it the app's database (the app's query functions, whose SQL is captured, use that one).
 * Everything is undone by cleanUp().
 */
export async function createBenchDatabase(
  adminUrl: string,
  name: string,
  { keep, connections = 10 }: { keep: boolean; connections?: number },
): Promise<BenchDatabase> {
  const url = await freshScratchDatabase(adminUrl, name, keep);
  const database = openBenchDatabase(url, connections);
  onCleanUp(() => database.pool.end());
  setDatabase(database.handle);
  onCleanUp(() => setDatabase(undefined));
  return database;
}
