/**
 * The portal under test: its production build, started in a child process against a given
 * database, and a logged-in session whose pages are checked before they are measured.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { root } from "./harness";
import { startChild, waitForOk, type Child } from "./support";

export type PortalDatabase = { pgliteDir: string } | { url: string };

/** Runs `npm run build` if build/index.js is missing, or always with `force`. */
export function ensureBuild(force = false): void {
  const missing = !existsSync(path.join(root, "build", "index.js"));
  if (!missing && !force) return;
  console.log(
    force ? "Baue mit `npm run build` …" : "build/index.js fehlt – baue mit `npm run build` …",
  );
  execFileSync("npm", ["run", "build"], { cwd: root, stdio: "inherit" });
}

/**
 * The portal's environment: production, on 127.0.0.1:port, plain-HTTP cookies, one process
 * (no Redis) and exactly one database, whatever this shell has set.
 */
function portalEnv(port: number, database: PortalDatabase, seedDemoData: boolean) {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(port),
    HOST: "127.0.0.1",
    COOKIE_SECURE: "false",
    SEED_DEMO_DATA: String(seedDemoData),
  };
  delete env.DATABASE_URL;
  delete env.PGLITE_DATA_DIR;
  delete env.REDIS_URL;
  delete env.NODE_OPTIONS;
  if ("url" in database) env.DATABASE_URL = database.url;
  else env.PGLITE_DATA_DIR = database.pgliteDir;
  return env;
}

/**
 * Starts the portal (one process: node with the tsx loader, BENCH_NODE_OPTIONS added) and waits
 * for /healthz. `preload` modules are imported before the app.
 */
export async function startPortal(options: {
  name: string;
  port: number;
  database: PortalDatabase;
  seedDemoData: boolean;
  preload?: string[];
  readyTimeoutMs: number;
}): Promise<Child> {
  const nodeFlags = (process.env.BENCH_NODE_OPTIONS ?? "").split(/\s+/).filter(Boolean);
  const imports = (options.preload ?? []).flatMap((module) => ["--import", module]);
  const child = startChild(
    options.name,
    process.execPath,
    [...nodeFlags, ...imports, "--import", "tsx", "server/index.ts"],
    { cwd: root, env: portalEnv(options.port, options.database, options.seedDemoData) },
  );
  await waitForOk(`http://127.0.0.1:${options.port}/healthz`, child, options.readyTimeoutMs);
  return child;
}

/** Logs in through the form and returns the session cookie ("portal_session=…"). */
export async function login(base: string, email: string, password: string): Promise<string> {
  const response = await fetch(`${base}/anmelden`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: base },
    body: new URLSearchParams({ email, password }).toString(),
  });
  await response.arrayBuffer();
  const session = response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0] ?? "")
    .find((cookie) => cookie.startsWith("portal_session="));
  if (response.status !== 302 || !session) {
    throw new Error(
      `Anmeldung als ${email} fehlgeschlagen: POST /anmelden → ${response.status}, Set-Cookie: ${JSON.stringify(
        response.headers.getSetCookie(),
      )} (erwartet: 302 mit portal_session).`,
    );
  }
  return session;
}

/**
 * The page must answer 200 and contain every one of `expected`: a benchmark of a redirect to the
 * login or of an error page would be worthless.
 */
export async function verifyPage(url: string, cookie: string, expected: string[]): Promise<void> {
  const response = await fetch(url, { headers: { cookie }, redirect: "manual" });
  const body = await response.text();
  if (response.status !== 200 || !expected.every((text) => body.includes(text))) {
    throw new Error(
      `${url} liefert nicht die erwartete Seite (Status ${response.status}, Location ${
        response.headers.get("location") ?? "–"
      }; erwartet ${expected.map((text) => `„${text}“`).join(" und ")}). Ein Benchmark davon wäre wertlos.`,
    );
  }
}
