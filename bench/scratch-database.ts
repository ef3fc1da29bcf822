/**
 * Throw-away PostgreSQL databases for the benchmarks, created and dropped through an admin
 * connection (one that may CREATE DATABASE).
 */
import pg from "pg";

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
