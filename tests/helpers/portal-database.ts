import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { inject } from "vitest";
import {
  getDatabaseHandle,
  getDb,
  openDatabase,
  setDatabase,
  type DatabaseHandle,
} from "~/db/client.server";
import { getEnv } from "~/env.server";
import {
  DEFAULT_TEST_PASSWORD,
  createLoginCookie,
  createOrganization,
  createUser,
} from "~/demo/factories.server";
import { databaseUrlFor } from "#tests/setup/template";

/** Runs the factories against another database than this test file's own. */
export async function withDatabase<T>(handle: DatabaseHandle, work: () => Promise<T>): Promise<T> {
  const own = getDatabaseHandle();
  setDatabase(handle);
  try {
    return await work();
  } finally {
    setDatabase(own);
  }
}

export interface Person {
  email: string;
  password: string;
  /** The Cookie header of a session. */
  cookie: string;
}

/** A staff member of a fresh organisation, logged in. */
export async function loggedInPerson(): Promise<Person> {
  const organization = await createOrganization();
  const user = await createUser({ organizationId: organization.id });
  const { cookie } = await createLoginCookie(user.id);
  return { email: user.email, password: DEFAULT_TEST_PASSWORD, cookie };
}

/**
 * The database for a portal process started by a test, with one logged-in person in it: with
 * PostgreSQL this test file's own database; with PGlite a data directory in `workDir` copied
 * from the migrated template (one PGlite directory serves one process at a time).
 */
export async function preparePortalDatabase(
  workDir: string,
): Promise<{ env: Record<string, string>; person: Person }> {
  // The session cookies come from this process: the server must call them the same.
  const cookieSecure = getEnv().cookieSecure ? "true" : "false";
  const template = inject("databaseTemplate");
  if (template.kind === "postgres") {
    const { rows } = (await getDb().execute(sql`select current_database() as name`)) as unknown as {
      rows: { name: string }[];
    };
    const databaseUrl = databaseUrlFor(template.adminUrl, rows[0]!.name);
    const person = await loggedInPerson();
    return {
      env: { DATABASE_URL: databaseUrl, COOKIE_SECURE: cookieSecure },
      person,
    };
  }
  const dataDir = path.join(workDir, "pglite");
  mkdirSync(dataDir, { recursive: true });
  const handle = await openDatabase({
    pgliteDataDir: dataDir,
    pgliteTemplate: new Blob([readFileSync(template.dumpPath)]),
  });
  try {
    const person = await withDatabase(handle, loggedInPerson);
    return {
      env: { DATABASE_URL: "", PGLITE_DATA_DIR: dataDir, COOKIE_SECURE: cookieSecure },
      person,
    };
  } finally {
    await handle.close();
  }
}
