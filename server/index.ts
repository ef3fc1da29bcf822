import { accessSync, constants, mkdirSync, statSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import type { DatabaseHandle } from "~/db/client.server";
import type { Env } from "~/env.server";
import { createPortalServer, type PortalServer } from "./app";
import { runtimeOf } from "./build";

const root = process.cwd();
const buildPath = path.join(root, "build", "index.js");

/**
 * The build's file time is part of its URL: in development a file that `remix dev` rewrote is
 * imported anew, and an unchanged one is the module already loaded.
 */
async function importBuild(): Promise<ServerBuild> {
  const url = `${pathToFileURL(buildPath).href}?t=${statSync(buildPath).mtimeMs}`;
  return (await import(url)) as ServerBuild;
}

function loadBuild(): Promise<ServerBuild> {
  try {
    statSync(buildPath);
  } catch {
    console.error("Kein Build gefunden / no build found: bitte zuerst `npm run build` ausführen.");
    process.exit(1);
  }
  return importBuild();
}

// Every application module comes from the build: the copy its routes use, one in the process
// (docs/decisions/013).
const build = await loadBuild();
const {
  EnvError,
  absoluteUrl,
  closeRateLimits,
  demoLogins,
  describeError,
  getEnv,
  hasDemoData,
  isDatabaseUnavailable,
  mailWorker,
  openDatabase,
  runMigrations,
  seedDemoData,
  setDatabase,
  startScheduledJobs,
  startSearchWorker,
} = runtimeOf(build);

/** How long the database may take to close after the http server has stopped. */
const DATABASE_CLOSE_LIMIT_MS = 5_000;

/** A start-up failure that one line explains; anything else also prints its stack. */
class StartupError extends Error {}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

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

/**
 * What the server serves: this build, or in development the newest one, re-imported after
 * `remix dev` rewrote it.
 */
async function servedBuild(env: Env): Promise<ServerBuild | (() => Promise<ServerBuild>)> {
  if (env.NODE_ENV !== "development") return build;
  // Under `remix dev` (npm run dev), tell the dev server that this build is live.
  if (process.env.REMIX_DEV_ORIGIN) {
    const { broadcastDevReady } = await import("@remix-run/node");
    await broadcastDevReady(build);
  }
  return importBuild;
}

/** PGlite keeps its files here: create the directory and make sure it can be written. */
function prepareDataDirectory(directory: string): void {
  try {
    mkdirSync(directory, { recursive: true });
  } catch (error) {
    throw new StartupError(
      `Datenverzeichnis ${directory} kann nicht angelegt werden / cannot create data directory: ${describeError(error)}`,
    );
  }
  try {
    accessSync(directory, constants.R_OK | constants.W_OK);
  } catch (error) {
    throw new StartupError(
      `Datenverzeichnis ${directory} ist nicht beschreibbar / data directory is not writable: ${describeError(error)}`,
    );
  }
}

/**
 * Opens and migrates the database. An unreachable PostgreSQL (not started yet, restarting) is
 * retried with back-off and one line per attempt, for DATABASE_WAIT_MS (0: without end); then
 * the start fails with one line, so that a supervisor sees it.
 */
async function openMigratedDatabase(env: Env): Promise<DatabaseHandle> {
  if (!env.DATABASE_URL) {
    prepareDataDirectory(env.PGLITE_DATA_DIR);
    const database = await openDatabase({ pgliteDataDir: env.PGLITE_DATA_DIR });
    await runMigrations(database);
    return database;
  }
  const database = await openDatabase({ databaseUrl: env.DATABASE_URL });
  const started = Date.now();
  for (let attempt = 1; ; attempt++) {
    try {
      await runMigrations(database);
      return database;
    } catch (error) {
      if (!isDatabaseUnavailable(error)) {
        await database.close();
        throw error;
      }
      const left =
        env.DATABASE_WAIT_MS === 0 ? Infinity : env.DATABASE_WAIT_MS - (Date.now() - started);
      if (left <= 0) {
        await database.close();
        throw new StartupError(
          `Datenbank nach ${env.DATABASE_WAIT_MS / 1000} s nicht erreichbar / database unreachable after ${env.DATABASE_WAIT_MS / 1000} s: ${describeError(error)}`,
        );
      }
      const delay = Math.min(500 * 2 ** (attempt - 1), 10_000, left);
      console.warn(
        `Datenbank nicht erreichbar / database unreachable (${describeError(error)}): Versuch ${attempt}, neuer Versuch in ${(delay / 1000).toFixed(1)} s / retrying`,
      );
      await pause(delay);
    }
  }
}

function listen(portal: PortalServer, env: Env): Promise<void> {
  return new Promise((resolve, reject) => {
    const failed = (error: NodeJS.ErrnoException) => {
      const where = `${env.HOST}:${env.PORT}`;
      const reasons: Record<string, string> = {
        EADDRINUSE: `Port ${env.PORT} ist bereits belegt / port already in use (${where})`,
        EACCES: `Keine Berechtigung für Port ${env.PORT} / no permission to listen on ${where}`,
        EADDRNOTAVAIL: `Adresse ${env.HOST} gibt es auf diesem Rechner nicht / address not available (${where})`,
      };
      const reason = error.code ? reasons[error.code] : undefined;
      reject(reason ? new StartupError(reason) : error);
    };
    portal.httpServer.once("error", failed);
    portal.httpServer.listen(env.PORT, env.HOST, () => {
      portal.httpServer.off("error", failed);
      resolve();
    });
  });
}

async function main() {
  const env = readEnv();
  const database = await openMigratedDatabase(env);
  setDatabase(database);
  if (env.SEED_DEMO_DATA && !(await hasDemoData())) {
    console.log("Lege Demodaten an …");
    await seedDemoData();
  }

  const portal = await createPortalServer({
    env,
    database,
    build: await servedBuild(env),
    publicDir: path.join(root, "public"),
  });
  try {
    await listen(portal, env);
  } catch (error) {
    await database.close();
    throw error;
  }
  const where = env.DATABASE_URL ? "PostgreSQL" : `PGlite (${env.PGLITE_DATA_DIR})`;
  console.log(`Netzwerke-ABC-Portal läuft auf http://localhost:${env.PORT} – Datenbank: ${where}`);
  if (env.SEED_DEMO_DATA) {
    console.log("\nDemo-Zugänge (Passwort für alle: %s):", demoLogins.password);
    for (const login of demoLogins.accounts)
      console.log(`  ${login.role.padEnd(26)} ${login.email}`);
  }

  const stopJobs = startScheduledJobs((message) => console.log(message));
  const stopSearchWorker = startSearchWorker((message) => console.log(message));
  const stopMailWorker = mailWorker.start((message) => console.log(message));
  if (!env.PUBLIC_URL) {
    console.warn(
      `PUBLIC_URL ist nicht gesetzt: Links in E-Mails zeigen auf ${absoluteUrl("/")} / PUBLIC_URL is unset: links in mails point there`,
    );
  }

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(
      `${signal} empfangen, fahre herunter / shutting down: keine neuen Anfragen, laufende dürfen ${env.SHUTDOWN_GRACE_MS / 1000} s dauern`,
    );
    // Last resort should closing itself hang: exit rather than linger half-stopped.
    setTimeout(
      () => {
        console.error("Herunterfahren hängt, beende hart / shutdown hangs, exiting");
        process.exit(1);
      },
      env.SHUTDOWN_GRACE_MS + DATABASE_CLOSE_LIMIT_MS + 5_000,
    ).unref();
    stopJobs();
    stopSearchWorker();
    stopMailWorker();
    const { inFlight, cut } = await portal.close(env.SHUTDOWN_GRACE_MS);
    await closeRateLimits();
    console.log(
      `${inFlight} laufende Anfragen beim Herunterfahren / requests in flight at shutdown, ${cut} nach Ablauf der Frist abgebrochen / cut after the grace period`,
    );
    // The database closes even when requests had to be cut; a query still running when the
    // limit is over is not waited for.
    const closed = await Promise.race([
      database.close().then(() => true),
      pause(DATABASE_CLOSE_LIMIT_MS).then(() => false),
    ]).catch((error: unknown) => {
      console.warn(`Datenbank: ${describeError(error)}`);
      return false;
    });
    console.log(
      closed
        ? "Datenbank geschlossen / database closed"
        : "Datenbank nicht sauber geschlossen / database not closed cleanly",
    );
    process.exit(closed ? 0 : 1);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
}

main().catch((error: unknown) => {
  // One line an operator can act on; a stack only where the cause is not known in advance.
  console.error(`Start fehlgeschlagen / start-up failed: ${describeError(error)}`);
  if (!(error instanceof StartupError) && error instanceof Error) console.error(error.stack);
  process.exit(1);
});
