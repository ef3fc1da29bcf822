/**
 * Throw-away PostgreSQL databases for the benchmarks, created and dropped through an admin
 * connection (one that may CREATE DATABASE).
 */
import pg from "pg";
import { onCleanUp } from "./harness";

/** The admin connection of the benchmarks: BENCH_DATABASE_URL, or else BENCH_PG_ADMIN_URL. */
export function adminUrlFromEnv(): string {
  return (
    process.env.BENCH_DATABASE_URL ||
    process.env.BENCH_PG_ADMIN_URL ||
    "postgresql://postgres@127.0.0.1:5432/postgres"
  );
}

/** Creates a fresh PostgreSQL database; returns { unreachable: reason } if the server is unreachable. */
export async function createScratchDatabase(
  adminUrl: string,
  name: string,
): Promise<{ url: string; drop(): Promise<void> } | { unreachable: string }> {
  const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3_000 });
  try {
    await admin.connect();
  } catch (error) {
    return { unreachable: error instanceof Error ? error.message : String(error) };
  }
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3_000 });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

/** Drops the database `name` if an aborted run left it behind (a fixed name is reused). */
export async function dropLeftoverDatabase(adminUrl: string, name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3_000 });
  await admin.connect();
  try {
    const { rowCount } = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (rowCount) {
      console.log(`Datenbank „${name}“ eines abgebrochenen Laufs gefunden – lösche sie.`);
      await admin.query(`DROP DATABASE "${name}" WITH (FORCE)`);
    }
  } finally {
    await admin.end();
  }
}

/**
 * Creates the database `name` afresh through `adminUrl` (a leftover of an aborted run is dropped
 * first) and has cleanUp() drop it again, or print its URL when `keep` (BENCH_KEEP_DB=1).
 * Returns its URL.
 */
export async function freshScratchDatabase(
  adminUrl: string,
  name: string,
  keep: boolean,
): Promise<string> {
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
  return scratch.url;
}

/** The URL with its password replaced by ***, for output and results files. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return url;
  }
}
