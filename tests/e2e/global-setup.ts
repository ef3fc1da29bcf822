import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

/** Other helpers and servers use other ports; the e2e server stays inside this range. */
const PORT_RANGE = { first: 3300, last: 3399 };
const READY_TIMEOUT_MS = 90_000;
const root = process.cwd();

function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, "0.0.0.0", () => probe.close(() => resolve(true)));
  });
}

async function findFreePort(): Promise<number> {
  // Start at a random offset so two runs started together are unlikely to race for one port.
  const size = PORT_RANGE.last - PORT_RANGE.first + 1;
  const offset = Math.floor(Math.random() * size);
  for (let i = 0; i < size; i++) {
    const port = PORT_RANGE.first + ((offset + i) % size);
    if (await isPortFree(port)) return port;
  }
  throw new Error(`Kein freier Port zwischen ${PORT_RANGE.first} und ${PORT_RANGE.last}.`);
}

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

async function waitUntilHealthy(baseUrl: string, server: ChildProcess, logFile: string) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (server.exitCode !== null || server.signalCode !== null) {
      throw new Error(
        `Der Server hat sich beendet (${server.exitCode ?? server.signalCode}):\n${tail(logFile)}`,
      );
    }
    try {
      const response = await fetch(`${baseUrl}/healthz`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(
    `Der Server war nach ${READY_TIMEOUT_MS / 1000} s nicht bereit:\n${tail(logFile)}`,
  );
}

function tail(file: string, lines = 40) {
  try {
    return readFileSync(file, "utf8").split("\n").slice(-lines).join("\n");
  } catch {
    return "(kein Server-Log)";
  }
}

/** Stops the server's whole process group. */
async function stop(server: ChildProcess) {
  if (server.pid === undefined || server.exitCode !== null || server.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => server.once("exit", () => resolve()));
  try {
    process.kill(-server.pid, "SIGTERM");
  } catch {
    return;
  }
  const timer = setTimeout(() => {
    try {
      process.kill(-server.pid!, "SIGKILL");
    } catch {
      // Already gone.
    }
  }, 12_000);
  await exited;
  clearTimeout(timer);
}

export default async function setup(project: TestProject) {
  build();

  const workDir = mkdtempSync(path.join(tmpdir(), "netzwerke-abc-e2e-"));
  const logFile = path.join(workDir, "server.log");
  const log = openSync(logFile, "a");
  const port = await findFreePort();
  // localhost, with the cookie defaults of `npm start`: browsers accept Secure cookies there.
  const baseUrl = `http://localhost:${port}`;

  // As `npm start` does: node itself with tsx as a loader. The tsx command would pass SIGTERM on
  // and kill the server outright when it does not confirm within milliseconds.
  const server = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], {
    cwd: root,
    detached: true, // own process group: teardown reaches everything it started
    stdio: ["ignore", log, log],
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      PGLITE_DATA_DIR: path.join(workDir, "pglite"),
      COOKIE_SECURE: "",
      SEED_DEMO_DATA: "true",
      DATABASE_URL: "",
      REDIS_URL: "",
      SMTP_URL: "",
      PUBLIC_URL: "",
    },
  });

  try {
    await waitUntilHealthy(baseUrl, server, logFile);
  } catch (error) {
    await stop(server);
    throw error;
  }
  project.provide("baseUrl", baseUrl);

  return async () => {
    await stop(server);
    if (process.env.E2E_KEEP_DATA === "1") console.log(`E2E-Daten und Server-Log: ${workDir}`);
    else rmSync(workDir, { recursive: true, force: true });
  };
}
