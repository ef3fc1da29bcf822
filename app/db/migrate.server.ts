import path from "node:path";
import type { DatabaseHandle } from "./client.server";

// From the project root, the working directory of the server, scripts and tests (as in
// drizzle.config.ts): bundled into build/index.js, this module's own URL is the build's.
export const migrationsFolder = path.resolve("app/db/migrations");

export async function runMigrations(handle: DatabaseHandle): Promise<void> {
  if (handle.kind === "pglite") {
    const { migrate } = await import("drizzle-orm/pglite/migrator");
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the migrator wants its driver's own type
    await migrate(handle.db as any, { migrationsFolder });
  } else {
    const { migrate } = await import("drizzle-orm/node-postgres/migrator");
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the migrator wants its driver's own type
    await migrate(handle.db as any, { migrationsFolder });
  }
}
