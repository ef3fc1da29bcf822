/**
 * HTTP benchmark: `npm run bench:http`.
 *
 * Measures requests/s and p50/p99 latency with autocannon (25 connections, no pipelining) of
 *   (a) a bare node:http hello-world,
 *   (b) GET /healthz of the portal,
 *   (c) the logged-in "Mein Netzwerk" page (GET /netzwerk) from PGlite and
 *   (d) the same page from PostgreSQL,
 * and prints the ratios to (a). Every server runs in its own child process; only one is under
 * load at a time. Results are written to bench/results/http-<timestamp>.json.
 *
 * Environment:
 *   BENCH_DURATION     seconds per measured target (default 10)
 *   BENCH_WARMUP       seconds of discarded warm-up per target (default 3)
 *   BENCH_CONNECTIONS  concurrent connections (default 25)
 *   BENCH_PG_ADMIN_URL PostgreSQL to create the scratch database in
 *                      (default postgresql://postgres@127.0.0.1:5432/postgres)
 *   BENCH_NODE_OPTIONS extra node flags for the portal processes (e.g. --cpu-prof)
 *   BENCH_STRICT=1     exit with code 2 when the target is missed
 *   BENCH_VERBOSE=1    echo the servers' output
 */
import autocannon from "autocannon";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import {
  createScratchDatabase,
  freePort,
  startChild,
  stopAllChildren,
  waitForOk,
  type Child,
} from "./support";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

function numberFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0)
    throw new Error(`${name} muss eine positive Zahl sein, ist "${raw}".`);
  return value;
}

const config = {
  duration: numberFromEnv("BENCH_DURATION", 10),
  warmup: numberFromEnv("BENCH_WARMUP", 3),
  connections: Math.round(numberFromEnv("BENCH_CONNECTIONS", 25)),
  pipelining: 1,
  pgAdminUrl: process.env.BENCH_PG_ADMIN_URL || "postgresql://postgres@127.0.0.1:5432/postgres",
  target: { minRatio: 0.03, maxP99Ms: 150 },
};

const demo = { email: "fachkraft.jobcenter@example.org", password: "Netzwerk-ABC-Demo-2026" };
const pageMarker = "Mein Netzwerk";

interface Measurement {
  key: string;
  label: string;
  url: string;
  requestsPerSecond: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number; mean: number };
  totalRequests: number;
  durationSeconds: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodes: Record<string, number>;
  throughputBytesPerSecond: number;
  ratioToBare?: number;
}

interface Skipped {
  key: string;
  label: string;
  skipped: string;
}

type Row = Measurement | Skipped;

const BARE_SERVER = `
const http = require("node:http");
const body = "Hello World";
http
  .createServer((req, res) => {
    res.writeHead(200, { "content-type": "text/plain", "content-length": Buffer.byteLength(body) });
    res.end(body);
  })
  .listen(Number(process.env.PORT), "127.0.0.1", () => console.log("bare http ready"));
`;

async function measure(
  key: string,
  label: string,
  url: string,
  headers: Record<string, string> = {},
): Promise<Measurement> {
  const base = {
    url,
    connections: config.connections,
    pipelining: config.pipelining,
    headers,
    timeout: 10,
  };
  process.stdout.write(`• ${label}: Warm-up ${config.warmup} s … `);
  await autocannon({ ...base, duration: config.warmup });
  process.stdout.write(`Messung ${config.duration} s … `);
  const result = await autocannon({ ...base, duration: config.duration, title: key });
  const statusCodes: Record<string, number> = {};
  for (const [code, stats] of Object.entries(result.statusCodeStats ?? {})) {
    statusCodes[code] = (stats as { count?: number }).count ?? 0;
  }
  const measurement: Measurement = {
    key,
    label,
    url,
    requestsPerSecond: result.requests.average,
    latencyMs: {
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      max: result.latency.max,
      mean: result.latency.average,
    },
    totalRequests: result.requests.total,
    durationSeconds: result.duration,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    statusCodes,
    throughputBytesPerSecond: result.throughput.average,
  };
  console.log(`${Math.round(measurement.requestsPerSecond)} req/s`);
  return measurement;
}

function portalEnv(
  port: number,
  database: { pgliteDir: string } | { url: string },
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(port),
    HOST: "127.0.0.1",
    COOKIE_SECURE: "false",
    SEED_DEMO_DATA: "true",
  };
  delete env.DATABASE_URL;
  delete env.PGLITE_DATA_DIR;
  delete env.REDIS_URL;
  delete env.NODE_OPTIONS;
  if ("url" in database) env.DATABASE_URL = database.url;
  else env.PGLITE_DATA_DIR = database.pgliteDir;
  return env;
}

/** Starts the portal (one process: node with the tsx loader) and waits for /healthz. */
async function startPortal(name: string, env: NodeJS.ProcessEnv, port: number): Promise<Child> {
  const nodeFlags = (process.env.BENCH_NODE_OPTIONS ?? "").split(/\s+/).filter(Boolean);
  const child = startChild(
    name,
    process.execPath,
    [...nodeFlags, "--import", "tsx", "server/index.ts"],
    {
      cwd: root,
      env,
    },
  );
  // The first start migrates and seeds (argon2 hashes), which takes a while.
  await waitForOk(`http://127.0.0.1:${port}/healthz`, child, 180_000);
  return child;
}

/** Logs in once and returns the Cookie header; verifies that /netzwerk renders the page. */
async function login(base: string): Promise<string> {
  const response = await fetch(`${base}/anmelden`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: base },
    body: new URLSearchParams({ email: demo.email, password: demo.password }).toString(),
  });
  await response.arrayBuffer();
  const session = response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0] ?? "")
    .find((cookie) => cookie.startsWith("portal_session="));
  if (response.status !== 302 || !session) {
    throw new Error(
      `Anmeldung fehlgeschlagen: POST /anmelden → ${response.status}, Set-Cookie: ${JSON.stringify(
        response.headers.getSetCookie(),
      )} (erwartet: 302 mit portal_session).`,
    );
  }
  return session;
}

async function verifyPage(url: string, cookie: string): Promise<void> {
  const response = await fetch(url, { headers: { cookie }, redirect: "manual" });
  const body = await response.text();
  if (response.status !== 200 || !body.includes(pageMarker)) {
    throw new Error(
      `${url} liefert nicht die Seite „${pageMarker}“ (Status ${response.status}, Location ${
        response.headers.get("location") ?? "–"
      }). Ein Benchmark einer Umleitung wäre wertlos.`,
    );
  }
}

async function benchPortal(
  backend: "PGlite" | "PostgreSQL",
  database: { pgliteDir: string } | { url: string },
): Promise<Measurement[]> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  console.log(`\nStarte Portal (${backend}) auf Port ${port} …`);
  const started = Date.now();
  const portal = await startPortal(`portal-${backend}`, portalEnv(port, database), port);
  console.log(`  bereit nach ${((Date.now() - started) / 1000).toFixed(1)} s`);
  try {
    const cookie = await login(base);
    const pageUrl = `${base}/netzwerk`;
    await verifyPage(pageUrl, cookie);
    const suffix = backend === "PGlite" ? "pglite" : "postgres";
    const results = [
      await measure(`healthz-${suffix}`, `/healthz (${backend})`, `${base}/healthz`),
      await measure(`netzwerk-${suffix}`, `/netzwerk (${backend})`, pageUrl, { cookie }),
    ];
    // The session must still be valid after the run, else the numbers could be of redirects.
    await verifyPage(pageUrl, cookie);
    return results;
  } finally {
    await portal.stop();
  }
}

function formatTable(rows: Row[]): string {
  const header = [
    "Ziel",
    "req/s",
    "% von bare",
    "p50 ms",
    "p99 ms",
    "max ms",
    "Anfragen",
    "Fehler",
    "Timeouts",
    "non-2xx",
  ];
  const measured = rows.filter((row): row is Measurement => !("skipped" in row));
  const cellsOf = (row: Measurement) => [
    row.label,
    row.requestsPerSecond.toFixed(0),
    row.ratioToBare === undefined ? "100 %" : `${(row.ratioToBare * 100).toFixed(2)} %`,
    row.latencyMs.p50.toFixed(0),
    row.latencyMs.p99.toFixed(0),
    row.latencyMs.max.toFixed(0),
    String(row.totalRequests),
    String(row.errors),
    String(row.timeouts),
    row.non2xx > 0 ? `${row.non2xx} ⚠` : "0",
  ];
  const widths = header.map((title, column) =>
    Math.max(
      title.length,
      ...rows.map((row) => (column === 0 ? row.label.length : 0)),
      ...measured.map((row) => (cellsOf(row)[column] ?? "").length),
    ),
  );
  const render = (cells: string[]) =>
    cells
      .map((cell, column) =>
        column === 0 ? cell.padEnd(widths[0] ?? 0) : cell.padStart(widths[column] ?? 0),
      )
      .join("  ");
  const separator = widths.map((width) => "─".repeat(width)).join("  ");
  const lines = rows.map((row) =>
    "skipped" in row
      ? `${row.label.padEnd(widths[0] ?? 0)}  übersprungen: ${row.skipped}`
      : render(cellsOf(row)),
  );
  return [render(header), separator, ...lines].join("\n");
}

function gitCommit(): string | undefined {
  try {
    return execFileSync("git", ["rev-parse", "--short", "HEAD"], {
      cwd: root,
      encoding: "utf8",
    }).trim();
  } catch {
    return undefined;
  }
}

async function main() {
  const startedAt = new Date();
  const stamp = startedAt.toISOString().replace(/[:.]/g, "-");
  console.log(
    `HTTP-Benchmark: ${config.connections} Verbindungen, Pipelining ${config.pipelining}, ` +
      `${config.warmup} s Warm-up + ${config.duration} s Messung je Ziel, ${os.cpus().length} CPU-Kerne, Node ${process.version}`,
  );

  const loadBefore = os.loadavg();
  if ((loadBefore[0] ?? 0) > 0.5 * os.cpus().length) {
    console.log(
      `⚠ Die Maschine ist bereits ausgelastet (loadavg ${loadBefore.map((load) => load.toFixed(2)).join(" ")}) – ` +
        "die Zahlen werden ungenau.",
    );
  }

  if (!existsSync(path.join(root, "build", "index.js"))) {
    console.log("build/index.js fehlt – baue mit `npm run build` …");
    execFileSync("npm", ["run", "build"], { cwd: root, stdio: "inherit" });
  }

  const rows: Row[] = [];
  const cleanups: Array<() => Promise<void> | void> = [];
  let failure: unknown;
  try {
    // (a) bare node:http
    const barePort = await freePort();
    const bare = startChild("bare-http", process.execPath, ["-e", BARE_SERVER], {
      env: { ...process.env, PORT: String(barePort), NODE_OPTIONS: "" },
    });
    await waitForOk(`http://127.0.0.1:${barePort}/`, bare, 15_000);
    rows.push(await measure("bare", "bare node:http", `http://127.0.0.1:${barePort}/`));
    await bare.stop();

    // (b) + (c) PGlite
    const pgliteDir = mkdtempSync(path.join(os.tmpdir(), "bench-pglite-"));
    cleanups.push(() => rmSync(pgliteDir, { recursive: true, force: true }));
    rows.push(...(await benchPortal("PGlite", { pgliteDir })));

    // (b) + (d) PostgreSQL
    const dbName = `bench_${stamp
      .replace(/-/g, "_")
      .replace(/[^0-9a-zA-Z_]/g, "")
      .toLowerCase()}`;
    const scratch = await createScratchDatabase(config.pgAdminUrl, dbName);
    if ("unreachable" in scratch) {
      console.log(
        `\n⚠ PostgreSQL nicht erreichbar (${config.pgAdminUrl}): ${scratch.unreachable} – überspringe (d).`,
      );
      rows.push({
        key: "healthz-postgres",
        label: "/healthz (PostgreSQL)",
        skipped: "PostgreSQL nicht erreichbar",
      });
      rows.push({
        key: "netzwerk-postgres",
        label: "/netzwerk (PostgreSQL)",
        skipped: "PostgreSQL nicht erreichbar",
      });
    } else {
      cleanups.push(() => scratch.drop());
      rows.push(...(await benchPortal("PostgreSQL", { url: scratch.url })));
    }
  } catch (error) {
    failure = error;
  } finally {
    await stopAllChildren();
    for (const cleanup of cleanups.reverse()) {
      try {
        await cleanup();
      } catch (error) {
        console.error("Aufräumen fehlgeschlagen:", error);
      }
    }
  }
  if (failure) throw failure;

  const bare = rows.find((row): row is Measurement => row.key === "bare" && !("skipped" in row));
  for (const row of rows) {
    if (!("skipped" in row) && bare && row !== bare)
      row.ratioToBare = row.requestsPerSecond / bare.requestsPerSecond;
  }

  console.log(`\n${formatTable(rows)}\n`);

  const flagged = rows.filter(
    (row): row is Measurement => !("skipped" in row) && (row.non2xx > 0 || row.errors > 0),
  );
  for (const row of flagged) {
    console.log(
      `⚠ ${row.label}: ${row.non2xx} non-2xx, ${row.errors} Fehler, Statuscodes ${JSON.stringify(row.statusCodes)}`,
    );
  }

  const pgPage = rows.find((row) => row.key === "netzwerk-postgres");
  let targetMet: boolean | null = null;
  if (pgPage && !("skipped" in pgPage)) {
    const ratio = pgPage.ratioToBare ?? 0;
    targetMet =
      ratio >= config.target.minRatio &&
      pgPage.latencyMs.p99 < config.target.maxP99Ms &&
      pgPage.non2xx === 0 &&
      pgPage.errors === 0;
    console.log(
      `Ziel (/netzwerk aus PostgreSQL ≥ ${config.target.minRatio * 100} % von bare, p99 < ${config.target.maxP99Ms} ms, ` +
        `keine Fehler, bei ${config.connections} Verbindungen): ` +
        `${(ratio * 100).toFixed(2)} %, p99 ${pgPage.latencyMs.p99} ms → ${targetMet ? "ERREICHT ✓" : "VERFEHLT ✗"}`,
    );
  } else {
    console.log("Ziel nicht prüfbar: PostgreSQL wurde übersprungen.");
  }

  const resultsDir = path.join(root, "bench", "results");
  mkdirSync(resultsDir, { recursive: true });
  const file = path.join(resultsDir, `http-${stamp}.json`);
  writeFileSync(
    file,
    JSON.stringify(
      {
        startedAt: startedAt.toISOString(),
        finishedAt: new Date().toISOString(),
        commit: gitCommit(),
        loadavg: { before: loadBefore, after: os.loadavg() },
        machine: {
          cpus: os.cpus().length,
          cpuModel: os.cpus()[0]?.model,
          node: process.version,
          platform: process.platform,
        },
        config,
        target: { ...config.target, met: targetMet },
        results: rows,
      },
      null,
      2,
    ) + "\n",
  );
  console.log(`Ergebnisse: ${path.relative(root, file)}`);
  if (flagged.length > 0) process.exitCode = 1;
  if (targetMet === false && process.env.BENCH_STRICT === "1") process.exitCode = 2;
}

main().catch(async (error: unknown) => {
  await stopAllChildren();
  console.error("\nBenchmark abgebrochen:", error instanceof Error ? error.message : error);
  process.exit(1);
});

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void stopAllChildren().finally(() => process.exit(130));
  });
}
