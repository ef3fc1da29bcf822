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
 *   BENCH_DATABASE_URL PostgreSQL to create the scratch database in (also BENCH_PG_ADMIN_URL;
 *                      default postgresql://postgres@127.0.0.1:5432/postgres)
 *   BENCH_NODE_OPTIONS extra node flags for the portal processes (e.g. --cpu-prof)
 *   BENCH_STRICT=1     exit with code 2 when the target is missed
 *   BENCH_VERBOSE=1    echo the servers' output
 */
import autocannon from "autocannon";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  cleanUp,
  machineSummary,
  numberFromEnv,
  onCleanUp,
  runBenchmark,
  stampOf,
  startRun,
} from "./harness";
import { ensureBuild, login, startPortal, verifyPage, type PortalDatabase } from "./portal";
import { adminUrlFromEnv, createScratchDatabase } from "./scratch-database";
import { freePort, startChild, waitForOk } from "./support";

const config = {
  duration: numberFromEnv("BENCH_DURATION", 10),
  warmup: numberFromEnv("BENCH_WARMUP", 3),
  connections: Math.round(numberFromEnv("BENCH_CONNECTIONS", 25)),
  pipelining: 1,
  pgAdminUrl: adminUrlFromEnv(),
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

async function benchPortal(
  backend: "PGlite" | "PostgreSQL",
  database: PortalDatabase,
): Promise<Measurement[]> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  console.log(`\nStarte Portal (${backend}) auf Port ${port} …`);
  const started = Date.now();
  const portal = await startPortal({
    name: `portal-${backend}`,
    port,
    database,
    seedDemoData: true,
    // The first start migrates and seeds (argon2 hashes), which takes a while.
    readyTimeoutMs: 180_000,
  });
  console.log(`  bereit nach ${((Date.now() - started) / 1000).toFixed(1)} s`);
  try {
    const cookie = await login(base, demo.email, demo.password);
    const pageUrl = `${base}/netzwerk`;
    await verifyPage(pageUrl, cookie, [pageMarker]);
    const suffix = backend === "PGlite" ? "pglite" : "postgres";
    const results = [
      await measure(`healthz-${suffix}`, `/healthz (${backend})`, `${base}/healthz`),
      await measure(`netzwerk-${suffix}`, `/netzwerk (${backend})`, pageUrl, { cookie }),
    ];
    // The session must still be valid after the run, else the numbers could be of redirects.
    await verifyPage(pageUrl, cookie, [pageMarker]);
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

async function main() {
  const run = startRun(
    `HTTP-Benchmark: ${config.connections} Verbindungen, Pipelining ${config.pipelining}, ` +
      `${config.warmup} s Warm-up + ${config.duration} s Messung je Ziel, ${machineSummary()}`,
  );
  const stamp = stampOf(run.startedAt);
  ensureBuild();

  const rows: Row[] = [];
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
    onCleanUp(() => rmSync(pgliteDir, { recursive: true, force: true }));
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
      onCleanUp(() => scratch.drop());
      rows.push(...(await benchPortal("PostgreSQL", { url: scratch.url })));
    }
  } finally {
    await cleanUp();
  }

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

  const file = run.save("http", {
    config,
    target: { ...config.target, met: targetMet },
    results: rows,
  });
  console.log(`Ergebnisse: ${file}`);
  if (flagged.length > 0) process.exitCode = 1;
  if (targetMet === false && process.env.BENCH_STRICT === "1") process.exitCode = 2;
}

runBenchmark(main);
