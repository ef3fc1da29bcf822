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
      // A database host that swallows packets must not hold requests forever.
      connectionTimeoutMillis: 5_000,
    });
    // Idle connections that the server ends (restart, failover) are reported here; without a
    // listener the 'error' event would end the process. The pool drops them and opens new
    // connections for the next queries, so a restarted database is used again at once.
    pool.on("error", (error) => {
      console.warn(
        `Datenbank: Verbindung verloren / database connection lost: ${describeError(error)}`,
      );
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

const connectionErrorCodes = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  "57P01", // admin_shutdown: the server is stopping or restarting
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now: starting up or shutting down
]);
const connectionErrorMessages = [
  /^Connection terminated/,
  /^timeout exceeded when trying to connect/,
  /not queryable/,
];

/**
 * Whether an error means that the database cannot be reached right now (as opposed to a fault
 * of the query). Drizzle wraps driver errors (`cause`), Node wraps several failed addresses in
 * an AggregateError (`errors`); SQLSTATE class 08 is "connection exception".
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" && (connectionErrorCodes.has(code) || code.startsWith("08")))
    return true;
  if (connectionErrorMessages.some((pattern) => pattern.test(error.message))) return true;
  if (error instanceof AggregateError && error.errors.some(isDatabaseUnavailable)) return true;
  return isDatabaseUnavailable(error.cause);
}

/** The innermost readable reason of an error, for one log line. */
/** PostgreSQL's unique_violation, directly or as drizzle's cause (e.g. a name already taken). */
export function isUniqueViolation(error: unknown): boolean {
  const { code, cause } = error as { code?: string; cause?: { code?: string } };
  return (code ?? cause?.code) === "23505";
}

export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (error.cause instanceof Error) return describeError(error.cause);
  const code = (error as { code?: unknown }).code;
  const message =
    error.message || (error instanceof AggregateError ? describeError(error.errors[0]) : "");
  return typeof code === "string" && !message.includes(code) ? `${code}: ${message}` : message;
}

// The process's one connection, set by whoever opened it: server/ (through the build's entry),
// a script, or the test setup.
let current: DatabaseHandle | undefined;

export function setDatabase(handle: DatabaseHandle | undefined): void {
  current = handle;
}

export function getDatabaseHandle(): DatabaseHandle {
  if (!current) throw new Error("Database not opened: call openDatabase() and setDatabase() first");
  return current;
}

export function getDb(): Database {
  return getDatabaseHandle().db;
}
