/**
 * The scratch database of bench/referrals.ts: created fresh under a fixed name (a leftover of an
 * aborted run is dropped first), opened with a Drizzle logger so that the SQL of the app's own
 * query functions can be captured, and dropped again by cleanUp() unless BENCH_KEEP_DB=1.
 */
import { drizzle } from "drizzle-orm/node-postgres";
import pg from "pg";
import type { Database, DatabaseHandle } from "~/db/client.server";
import { setDatabase } from "~/db/client.server";
import * as schema from "~/db/schema";
import { onCleanUp } from "./harness";
import { createScratchDatabase, dropLeftoverDatabase, redactUrl } from "./scratch-database";

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

function openBenchDatabase(url: string): BenchDatabase {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
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
 * Creates the database `name` through `adminUrl`, opens it and makes it the app's database (the
 * app's query functions, whose SQL is captured, use that one). Everything is undone by cleanUp().
 */
export async function createBenchDatabase(
  adminUrl: string,
  name: string,
  keep: boolean,
): Promise<BenchDatabase> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name))
    throw new Error(`BENCH_DB_NAME "${name}": nur a–z, 0–9 und _ erlaubt.`);
  try {
    await dropLeftoverDatabase(adminUrl, name);
  } catch (error) {
    throw new Error(
      `PostgreSQL unter ${redactUrl(adminUrl)} nicht erreichbar oder ohne Rechte: ${
        error instanceof Error ? error.message : String(error)
      }\nStarten Sie PostgreSQL oder setzen Sie BENCH_DATABASE_URL auf ein Konto, das Datenbanken ` +
        "anlegen darf (z. B. postgresql://postgres@127.0.0.1:5432/postgres).",
    );
  }
  const scratch = await createScratchDatabase(adminUrl, name);
  if ("unreachable" in scratch)
    throw new Error(
      `PostgreSQL unter ${redactUrl(adminUrl)} nicht erreichbar: ${scratch.unreachable}`,
    );
  if (keep) {
    onCleanUp(() =>
      console.log(`Datenbank bleibt erhalten (BENCH_KEEP_DB=1): ${redactUrl(scratch.url)}`),
    );
  } else {
    onCleanUp(async () => {
      await scratch.drop();
      console.log(`Datenbank „${name}“ gelöscht.`);
    });
  }
  const database = openBenchDatabase(scratch.url);
  onCleanUp(() => database.pool.end());
  setDatabase(database.handle);
  onCleanUp(() => setDatabase(undefined));
  return database;
}
