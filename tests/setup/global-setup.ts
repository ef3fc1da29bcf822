import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { openDatabase } from "~/db/client.server";
import { runMigrations } from "~/db/migrate.server";
import { databaseUrlFor } from "./template";

/**
 * Migrates one template database per run. Each test file then gets its own copy:
 * a PGlite instance loaded from the template's dump, or a PostgreSQL database created from it.
 */
export default async function setup(project: TestProject) {
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    const database = await openDatabase({});
    await runMigrations(database);
    const client = (
      database.db as unknown as { $client: { dumpDataDir(c: "none"): Promise<Blob> } }
    ).$client;
    const dump = await client.dumpDataDir("none");
    await database.close();
    const directory = mkdtempSync(path.join(tmpdir(), "portal-test-"));
    const dumpPath = path.join(directory, "template.tar");
    writeFileSync(dumpPath, Buffer.from(await dump.arrayBuffer()));
    project.provide("databaseTemplate", { kind: "pglite", dumpPath });
    return () => rmSync(directory, { recursive: true, force: true });
  }

  console.log(`Integrationstests gegen PostgreSQL: ${new URL(adminUrl).host}`);
  const templateName = `portal_template_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${templateName}"`);
  await admin.query(`CREATE DATABASE "${templateName}"`);
  const database = await openDatabase({
    databaseUrl: databaseUrlFor(adminUrl, templateName),
    poolSize: 1,
  });
  await runMigrations(database);
  await database.close();
  project.provide("databaseTemplate", { kind: "postgres", adminUrl, templateName });

  return async () => {
    const { rows } = await admin.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE datname LIKE $1",
      [`portal_test_${process.pid}_%`],
    );
    for (const { datname } of rows)
      await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    await admin.query(`DROP DATABASE IF EXISTS "${templateName}" WITH (FORCE)`);
    await admin.end();
  };
}
