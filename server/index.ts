import { mkdirSync, statSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { openDatabase, setDatabase } from "~/db/client.server";
import { runMigrations } from "~/db/migrate.server";
import { startScheduledJobs } from "~/jobs/scheduler.server";
import { startSearchWorker } from "~/search/search-index.server";
import { EnvError, getEnv, type Env } from "~/env.server";
import { demoLogins, hasDemoData, seedDemoData } from "#tests/fixtures/demo-data";
import { createPortalServer } from "./app";

const root = process.cwd();
const buildPath = path.join(root, "build", "index.js");

function readEnv(): Env {
  try {
    return getEnv();
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

/** In development the build is re-imported whenever `remix dev` rewrites it. */
async function loadBuild(env: Env): Promise<ServerBuild | (() => Promise<ServerBuild>)> {
  const importBuild = async () => {
    const version = env.NODE_ENV === "development" ? `?t=${statSync(buildPath).mtimeMs}` : "";
    return (await import(pathToFileURL(buildPath).href + version)) as ServerBuild;
  };
  try {
    statSync(buildPath);
  } catch {
    console.error("Kein Build gefunden / no build found: bitte zuerst `npm run build` ausführen.");
    process.exit(1);
  }
  if (env.NODE_ENV !== "development") return importBuild();
  // Under `remix dev` (npm run dev), tell the dev server that this build is live.
  if (process.env.REMIX_DEV_ORIGIN) {
    const { broadcastDevReady } = await import("@remix-run/node");
    await broadcastDevReady(await importBuild());
  }
  return importBuild;
}

async function main() {
  const env = readEnv();
  if (!env.DATABASE_URL) mkdirSync(env.PGLITE_DATA_DIR, { recursive: true });
  const database = await openDatabase({
    databaseUrl: env.DATABASE_URL,
    pgliteDataDir: env.DATABASE_URL ? undefined : env.PGLITE_DATA_DIR,
  });
  setDatabase(database);
  await runMigrations(database);
  if (env.SEED_DEMO_DATA && !(await hasDemoData())) {
    console.log("Lege Demodaten an …");
    await seedDemoData();
  }

  const portal = await createPortalServer({
    env,
    database,
    build: await loadBuild(env),
    publicDir: path.join(root, "public"),
  });
  portal.httpServer.listen(env.PORT, env.HOST, () => {
    const where = env.DATABASE_URL ? "PostgreSQL" : `PGlite (${env.PGLITE_DATA_DIR})`;
    console.log(
      `Netzwerke-ABC-Portal läuft auf http://localhost:${env.PORT} – Datenbank: ${where}`,
    );
    if (env.REDIS_URL) console.log("socket.io: Redis-Streams-Adapter aktiv");
    if (env.SEED_DEMO_DATA) {
      console.log("\nDemo-Zugänge (Passwort für alle: %s):", demoLogins.password);
      for (const login of demoLogins.accounts)
        console.log(`  ${login.role.padEnd(26)} ${login.email}`);
    }
  });

  const stopJobs = startScheduledJobs((message) => console.log(message));
  const stopSearchWorker = startSearchWorker((message) => console.log(message));

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal} empfangen, fahre herunter …`);
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    stopJobs();
    stopSearchWorker();
    await portal.close();
    await database.close();
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
}

void main();
