import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import * as schema from "./schema";

export type Schema = typeof schema;
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
/** The handle inside `getDb().transaction(async (tx) => …)`. */
export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];

export interface DatabaseHandle {
  db: Database;
  kind: "pglite" | "postgres";
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** PostgreSQL connection string; when absent, PGlite is used. */
  databaseUrl?: string;
  /** PGlite data directory; undefined means in memory. */
  pgliteDataDir?: string;
  /** A PGlite data directory dump to start from (tests copy a migrated template). */
  pgliteTemplate?: Blob;
  poolSize?: number;
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) {
    const { default: pg } = await import("pg");
    const { drizzle } = await import("drizzle-orm/node-postgres");
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 10,
    });
    return {
      db: drizzle(pool, { schema }) as unknown as Database,
      kind: "postgres",
      close: () => pool.end(),
    };
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  // Trigram matching serves German search (typos, word parts); PostgreSQL ships it as contrib.
  const { pg_trgm } = await import("@electric-sql/pglite/contrib/pg_trgm");
  const client = await PGlite.create({
    dataDir: options.pgliteDataDir,
    loadDataDir: options.pgliteTemplate,
    extensions: { pg_trgm },
  });
  return {
    db: drizzle(client, { schema }) as unknown as Database,
    kind: "pglite",
    close: () => client.close(),
  };
}

// The handle lives on globalThis: the Remix server build and server/index.ts load this module
// separately (and the dev server reloads it), but there must be one database connection.
const holder = globalThis as typeof globalThis & { __portalDatabase?: DatabaseHandle };

export function setDatabase(handle: DatabaseHandle | undefined): void {
  holder.__portalDatabase = handle;
}

export function getDatabaseHandle(): DatabaseHandle {
  const handle = holder.__portalDatabase;
  if (!handle) throw new Error("Database not opened: call openDatabase() and setDatabase() first");
  return handle;
}

export function getDb(): Database {
  return getDatabaseHandle().db;
}
