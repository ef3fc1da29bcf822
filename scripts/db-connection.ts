import { mkdirSync } from "node:fs";
import { openDatabase, setDatabase, type DatabaseHandle } from "~/db/client.server";
import { runMigrations } from "~/db/migrate.server";
import { EnvError, getEnv } from "~/env.server";

/** Opens the configured database (PGlite or PostgreSQL) for a command-line script and migrates it. */
export async function openConfiguredDatabase(): Promise<DatabaseHandle> {
  let env;
  try {
    env = getEnv();
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  if (!env.DATABASE_URL) mkdirSync(env.PGLITE_DATA_DIR, { recursive: true });
  const handle = await openDatabase({
    databaseUrl: env.DATABASE_URL,
    pgliteDataDir: env.DATABASE_URL ? undefined : env.PGLITE_DATA_DIR,
  });
  setDatabase(handle);
  await runMigrations(handle);
  return handle;
}
