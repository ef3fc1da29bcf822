import { readFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, afterEach, beforeAll, inject, vi } from "vitest";
import { openDatabase, setDatabase, type DatabaseHandle } from "~/db/client.server";
import { databaseUrlFor } from "./template";

/** Each test file works on its own copy of the migrated template: copy, never clean up. */
let handle: DatabaseHandle | undefined;

beforeAll(async () => {
  const template = inject("databaseTemplate");
  if (template.kind === "pglite") {
    const dump = new Blob([readFileSync(template.dumpPath)]);
    handle = await openDatabase({ pgliteTemplate: dump });
  } else {
    // The parent pid names the run, so global teardown can drop what the files created.
    const name = `portal_test_${process.ppid}_${randomBytes(6).toString("hex")}`;
    const admin = new pg.Client({ connectionString: template.adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template.templateName}"`);
    await admin.end();
    handle = await openDatabase({
      databaseUrl: databaseUrlFor(template.adminUrl, name),
      poolSize: 4,
    });
  }
  setDatabase(handle);
});

afterAll(async () => {
  setDatabase(undefined);
  await handle?.close();
});

// console.error during a test means something went wrong that the assertions did not see.
const consoleErrors: unknown[][] = [];
vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
  consoleErrors.push(args);
});
afterEach(() => {
  if (consoleErrors.length === 0) return;
  const messages = consoleErrors.splice(0).map((args) => args.map(String).join(" "));
  throw new Error(`console.error was called during the test:\n${messages.join("\n")}`);
});
