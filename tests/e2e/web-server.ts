/**
 * The portal as the journeys meet it, started by Playwright's `webServer` (playwright.config.ts):
 * a production build and a server with the demo data on a scratch database, which is removed
 * once the server has stopped. PGlite in a temporary directory, or a database of its own on the
 * PostgreSQL server of DATABASE_URL. E2E_SKIP_BUILD=1 serves the existing build; E2E_KEEP_DATA=1
 * keeps the data and the server log.
 */
import { spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { databaseUrlFor } from "../setup/template";

const root = process.cwd();
const port = process.env.E2E_PORT;
if (!port) throw new Error("E2E_PORT fehlt: den Server startet `npm run test:e2e`.");
const adminUrl = process.env.DATABASE_URL || undefined;

function build() {
  if (process.env.E2E_SKIP_BUILD === "1") return;
  const result = spawnSync("npm", ["run", "build"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production" },
  });
  if (result.status !== 0)
    throw new Error(`npm run build ist fehlgeschlagen (Exit-Code ${result.status}).`);
}

function tail(file: string, lines = 40) {
  try {
    return readFileSync(file, "utf8").split("\n").slice(-lines).join("\n");
  } catch {
    return "(kein Server-Log)";
  }
}

async function onAdminDatabase(statement: string) {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(statement);
  } finally {
    await admin.end();
  }
}

build();

const workDir = mkdtempSync(path.join(tmpdir(), "netzwerke-abc-e2e-"));
const logFile = path.join(workDir, "server.log");
const scratchDatabase = adminUrl ? `portal_e2e_${process.pid}` : undefined;
if (scratchDatabase) await onAdminDatabase(`CREATE DATABASE "${scratchDatabase}"`);

// As `npm start` does: node itself with tsx as a loader. The tsx command would pass SIGTERM on
// and kill the server outright when it does not confirm within milliseconds.
const server = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], {
  cwd: root,
  stdio: ["ignore", openSync(logFile, "a"), openSync(logFile, "a")],
  env: {
    ...process.env,
    NODE_ENV: "production",
    PORT: port,
    HOST: "127.0.0.1",
    PGLITE_DATA_DIR: path.join(workDir, "pglite"),
    DATABASE_URL: scratchDatabase ? databaseUrlFor(adminUrl!, scratchDatabase) : "",
    // localhost, with the cookie defaults of `npm start`: browsers accept Secure cookies there.
    COOKIE_SECURE: "",
    SEED_DEMO_DATA: "true",
    REDIS_URL: "",
    SMTP_URL: "",
    PUBLIC_URL: "",
    // The journeys' OpenID provider runs on http://localhost (tests/e2e/sso.e2e.ts).
    OIDC_ALLOW_INSECURE_ISSUER: "true",
  },
});

// Playwright stops the whole process group; the scratch data goes once the server is down.
let stopping = false;
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.on(signal, () => {
    stopping = true;
    server.kill(signal);
  });
}

const [code, signal] = (await once(server, "exit")) as [number | null, NodeJS.Signals | null];
if (!stopping) console.error(`Der Server hat sich beendet (${code ?? signal}):\n${tail(logFile)}`);
if (process.env.E2E_KEEP_DATA === "1") {
  console.log(
    `E2E-Daten und Server-Log: ${workDir}${scratchDatabase ? `, ${scratchDatabase}` : ""}`,
  );
} else {
  rmSync(workDir, { recursive: true, force: true });
  if (scratchDatabase)
    await onAdminDatabase(`DROP DATABASE IF EXISTS "${scratchDatabase}" WITH (FORCE)`);
}
process.exit(stopping ? 0 : 1);
