import { rmSync } from "node:fs";
import pg from "pg";
import { getEnv } from "~/env.server";
import { demoLogins, seedDemoData } from "~/demo/demo-data.server";
import { openConfiguredDatabase } from "./db-connection";

/** Deletes ALL data of the configured database, migrates afresh and loads the demo data. */
const env = getEnv();
if (env.NODE_ENV === "production" && process.env.CONFIRM_RESET !== "ja") {
  console.error(
    "Abbruch: in production nur mit CONFIRM_RESET=ja / refusing in production without CONFIRM_RESET=ja",
  );
  process.exit(1);
}
if (env.DATABASE_URL) {
  const client = new pg.Client({ connectionString: env.DATABASE_URL });
  await client.connect();
  // Dropping the schemas bypasses the audit log's row triggers on purpose: this is a full reset.
  await client.query(
    "DROP SCHEMA IF EXISTS drizzle CASCADE; DROP SCHEMA public CASCADE; CREATE SCHEMA public;",
  );
  await client.end();
} else {
  rmSync(env.PGLITE_DATA_DIR, { recursive: true, force: true });
}
const handle = await openConfiguredDatabase();
await seedDemoData();
console.log(`Datenbank zurückgesetzt und Demodaten angelegt. Passwort: ${demoLogins.password}`);
await handle.close();
