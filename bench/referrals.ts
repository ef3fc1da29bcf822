/**
 * Referral list benchmark: `npm run bench:referrals`.
 *
 * Creates a scratch PostgreSQL database, migrates it and seeds 100,000 referrals between 50
 * organisations (bench/referral-seed.ts), starts the production portal against it in a child
 * process, logs in as the staff member of one organisation and requests, one after the other,
 *   /healthz (baseline of the same run), the inbox and outbox first pages and the status and
 *   overdue filters.
 * Target (issue): p95 of the server time of every inbox/outbox page < 50 ms.
 *
 * What is measured:
 *   - Server time: from the moment Node's HTTP server emits "request" (headers parsed) until the
 *     response's "finish" event (last byte handed to the socket). A small preload (passed as a
 *     data: URL to --import, nothing in the app changes) records it for requests carrying the
 *     x-bench-label header. This includes all loaders of the page (session, navigation counts,
 *     list, count, service filter), the React render and gzip.
 *   - Client time: the same requests as seen by the benchmark over a keep-alive localhost
 *     connection (request written → whole body read); server time plus a fraction of a ms.
 *   - DB time: EXPLAIN (ANALYZE, BUFFERS) of the exact SQL the page's referral loaders send,
 *     captured with a Drizzle logger by calling the app's own query functions.
 * Requests are sequential (one connection) unless BENCH_CONCURRENCY says otherwise; req/s is the
 * throughput of that closed loop. The targets take turns in rounds of 50 requests, so that load
 * from other processes on the machine affects all of them, and the baseline, alike. Results go to bench/results/referrals-<timestamp>.json.
 * The database is dropped at the end, also on failure or Ctrl-C.
 *
 * Environment:
 *   BENCH_DATABASE_URL     PostgreSQL admin connection to create the scratch database with
 *                          (also BENCH_PG_ADMIN_URL; default
 *                          postgresql://postgres@127.0.0.1:5432/postgres)
 *   BENCH_DB_NAME          scratch database name (default portal_bench_referrals; a leftover of
 *                          an aborted run with this name is dropped first)
 *   BENCH_REFERRALS        referrals to seed (default 100000)
 *   BENCH_ORGANIZATIONS    organisations to seed (default 50)
 *   BENCH_SEED             seed of the data generator (default 20260301)
 *   BENCH_REQUESTS         measured requests per target (default 500)
 *   BENCH_WARMUP_REQUESTS  discarded requests per target before measuring (default 50)
 *   BENCH_ROUND_REQUESTS   requests per target and round; the targets take turns (default 50)
 *   BENCH_CONCURRENCY      parallel closed-loop clients (default 1 = sequential)
 *   BENCH_BUILD=1          run `npm run build` even if build/index.js exists
 *   BENCH_KEEP_DB=1        keep the database afterwards (prints its URL)
 *   BENCH_EXPLAIN=1        print the query plans even when every target is met
 *   BENCH_STRICT=1         exit with code 2 when a target is missed
 *   BENCH_NODE_OPTIONS     extra node flags for the portal process (e.g. --cpu-prof)
 *   BENCH_VERBOSE=1        echo the server's output
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { drizzle } from "drizzle-orm/node-postgres";
import pg from "pg";
import type { Database, DatabaseHandle } from "~/db/client.server";
import { setDatabase } from "~/db/client.server";
import { runMigrations } from "~/db/migrate.server";
import * as schema from "~/db/schema";
import {
  listReferrals,
  referralNavCounts,
  servicesInBox,
  type Box,
  type ListFilters,
} from "~/referrals/referral-lists.server";
import { berlinDate } from "~/referrals/working-days";
import { seedReferralBenchmark, type SeedResult, type SeededOrganization } from "./referral-seed";
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
  if (!Number.isInteger(value) || value <= 0)
    throw new Error(`${name} muss eine positive ganze Zahl sein, ist "${raw}".`);
  return value;
}

const config = {
  adminUrl:
    process.env.BENCH_DATABASE_URL ||
    process.env.BENCH_PG_ADMIN_URL ||
    "postgresql://postgres@127.0.0.1:5432/postgres",
  databaseName: process.env.BENCH_DB_NAME || "portal_bench_referrals",
  referrals: numberFromEnv("BENCH_REFERRALS", 100_000),
  organizations: numberFromEnv("BENCH_ORGANIZATIONS", 50),
  seed: numberFromEnv("BENCH_SEED", 20_260_301),
  requests: numberFromEnv("BENCH_REQUESTS", 500),
  warmupRequests: numberFromEnv("BENCH_WARMUP_REQUESTS", 50),
  roundRequests: numberFromEnv("BENCH_ROUND_REQUESTS", 50),
  concurrency: numberFromEnv("BENCH_CONCURRENCY", 1),
  historyMonths: 24,
  insertBatchRows: 5_000,
  insertConcurrency: 4,
  target: { maxP95Ms: 50 },
};

const PASSWORD = "Netzwerk-ABC-Bench-2026";
const TIMINGS_PATH = "/__bench/server-timings";

/**
 * Loaded into the portal process with --import before the app: records the server time of
 * every request that carries x-bench-label and hands the records out (and forgets them) at
 * TIMINGS_PATH. Node's HTTP server emits "request" once the headers are parsed.
 */
const SERVER_TIMING_PRELOAD = `
import http from "node:http";
const records = [];
const emit = http.Server.prototype.emit;
http.Server.prototype.emit = function (event, ...args) {
  if (event === "request") {
    const [req, res] = args;
    if (req.url === ${JSON.stringify(TIMINGS_PATH)}) {
      const body = JSON.stringify(records.splice(0));
      res.writeHead(200, { "content-type": "application/json", "cache-control": "no-store" });
      res.end(body);
      return true;
    }
    const label = req.headers["x-bench-label"];
    if (typeof label === "string") {
      const start = process.hrtime.bigint();
      res.once("finish", () => {
        records.push([label, res.statusCode, Number(process.hrtime.bigint() - start) / 1e6]);
      });
    }
  }
  return emit.call(this, event, ...args);
};
`;

interface Target {
  key: string;
  label: string;
  path: string;
  /** Inbox/outbox pages are held to the target; /healthz is the baseline. */
  list?: { box: Box; filters: ListFilters; heading: string };
}

const targets: Target[] = [
  { key: "healthz", label: "/healthz (Grundlinie)", path: "/healthz" },
  {
    key: "inbox",
    label: "Eingang, Seite 1",
    path: "/uebergaben/eingang",
    list: { box: "inbox", filters: {}, heading: "Eingang" },
  },
  {
    key: "inbox-sent",
    label: "Eingang, status=sent",
    path: "/uebergaben/eingang?status=sent",
    list: { box: "inbox", filters: { status: "sent" }, heading: "Eingang" },
  },
  {
    key: "inbox-overdue",
    label: "Eingang, overdue=1",
    path: "/uebergaben/eingang?overdue=1",
    list: { box: "inbox", filters: { overdue: true }, heading: "Eingang" },
  },
  {
    key: "outbox",
    label: "Gesendet, Seite 1",
    path: "/uebergaben/gesendet",
    list: { box: "outbox", filters: {}, heading: "Gesendet" },
  },
  {
    key: "outbox-accepted",
    label: "Gesendet, status=accepted",
    path: "/uebergaben/gesendet?status=accepted",
    list: { box: "outbox", filters: { status: "accepted" }, heading: "Gesendet" },
  },
];

interface Stats {
  count: number;
  min: number;
  mean: number;
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  max: number;
}

interface QueryExplain {
  name: string;
  sql: string;
  params: unknown[];
  executionMs: number;
  planningMs: number;
  plan: string;
}

interface Measurement {
  key: string;
  label: string;
  path: string;
  requests: number;
  warmupRequests: number;
  concurrency: number;
  durationSeconds: number;
  requestsPerSecond: number;
  statusCodes: Record<string, number>;
  meanResponseBytes: number;
  /** Server time (preload); undefined if the records did not match the requests. */
  serverMs?: Stats;
  clientMs: Stats;
  expectedTotal?: number;
  db?: { totalExecutionMs: number; queries: QueryExplain[] };
  pass?: boolean;
}

function stats(values: number[]): Stats {
  const sorted = [...values].sort((a, b) => a - b);
  // Nearest-rank percentile.
  const at = (p: number) => sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
  return {
    count: sorted.length,
    min: sorted[0] ?? NaN,
    mean: sorted.reduce((sum, value) => sum + value, 0) / Math.max(1, sorted.length),
    p50: at(50),
    p90: at(90),
    p95: at(95),
    p99: at(99),
    max: sorted[sorted.length - 1] ?? NaN,
  };
}

const ms = (value: number | undefined) =>
  value === undefined || Number.isNaN(value) ? "–" : value.toFixed(1);

function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return url;
  }
}

// --- database ------------------------------------------------------------------------------

interface CapturedQuery {
  sql: string;
  params: unknown[];
}

interface BenchDatabase {
  handle: DatabaseHandle;
  pool: pg.Pool;
  /** Runs fn and returns the SQL statements it sent through Drizzle. */
  capture(fn: () => Promise<unknown>): Promise<CapturedQuery[]>;
}

function openBenchDatabase(url: string): BenchDatabase {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // A connection dropped by the server (DROP DATABASE … WITH (FORCE)) must not crash the run.
  pool.on("error", () => undefined);
  let captured: CapturedQuery[] | null = null;
  const db = drizzle(pool, {
    schema,
    logger: {
      logQuery(sql, params) {
        captured?.push({ sql, params });
      },
    },
  }) as unknown as Database;
  const handle: DatabaseHandle = { db, kind: "postgres", close: () => pool.end() };
  return {
    handle,
    pool,
    async capture(fn) {
      captured = [];
      try {
        await fn();
        return captured;
      } finally {
        captured = null;
      }
    },
  };
}

async function dropLeftover(adminUrl: string, name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3_000 });
  await admin.connect();
  try {
    const { rowCount } = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (rowCount) {
      console.log(`Datenbank „${name}“ eines abgebrochenen Laufs gefunden – lösche sie.`);
      await admin.query(`DROP DATABASE "${name}" WITH (FORCE)`);
    }
  } finally {
    await admin.end();
  }
}

async function explain(
  pool: pg.Pool,
  name: string,
  query: CapturedQuery,
  runs = 3,
): Promise<QueryExplain> {
  await pool.query(query.sql, query.params); // warm the cache and the plan
  const results: { executionMs: number; planningMs: number; plan: string }[] = [];
  for (let run = 0; run < runs; run++) {
    const { rows } = await pool.query<{ "QUERY PLAN": string }>(
      `EXPLAIN (ANALYZE, BUFFERS) ${query.sql}`,
      query.params,
    );
    const plan = rows.map((row) => row["QUERY PLAN"]).join("\n");
    const number = (label: string) =>
      Number(new RegExp(`${label} Time: ([0-9.]+) ms`).exec(plan)?.[1] ?? NaN);
    results.push({ executionMs: number("Execution"), planningMs: number("Planning"), plan });
  }
  results.sort((a, b) => a.executionMs - b.executionMs);
  const median = results[Math.floor(results.length / 2)]!;
  return { name, sql: query.sql, params: query.params, ...median };
}

/** EXPLAIN ANALYZE of every referral query the page's loaders send (session query aside). */
async function explainTarget(
  database: BenchDatabase,
  target: Target,
  organizationId: string,
): Promise<{ totalExecutionMs: number; queries: QueryExplain[] }> {
  const list = target.list!;
  const named: { name: string; query: CapturedQuery }[] = [];
  const listQueries = await database.capture(() =>
    listReferrals(list.box, organizationId, list.filters, 1),
  );
  for (const query of listQueries)
    named.push({
      name: /\blimit\b/i.test(query.sql) ? "Liste (Seite 1)" : "Gesamtzahl",
      query,
    });
  const [servicesQuery] = await database.capture(() => servicesInBox(list.box, organizationId));
  if (servicesQuery) named.push({ name: "Angebote im Filter", query: servicesQuery });
  const navQueries = await database.capture(() => referralNavCounts(organizationId));
  navQueries.forEach((query, index) =>
    named.push({
      name: index === 0 ? "Navigation: unbeantwortet" : "Navigation: überfällig gesendet",
      query,
    }),
  );
  const queries: QueryExplain[] = [];
  for (const { name, query } of named) queries.push(await explain(database.pool, name, query));
  return {
    totalExecutionMs: queries.reduce((sum, query) => sum + query.executionMs, 0),
    queries,
  };
}

function expectedTotal(seed: SeedResult, organizationId: string, target: Target): number {
  const list = target.list!;
  const today = berlinDate(new Date());
  return seed.referrals.filter((referral) => {
    if (list.box === "inbox") {
      if (referral.receiverOrganizationId !== organizationId || !referral.sent) return false;
    } else if (referral.senderOrganizationId !== organizationId) return false;
    if (list.filters.status && referral.status !== list.filters.status) return false;
    if (
      list.filters.overdue &&
      !(referral.status === "sent" && referral.dueOn !== null && referral.dueOn < today)
    )
      return false;
    return true;
  }).length;
}

// --- server and HTTP -----------------------------------------------------------------------

function portalEnv(port: number, databaseUrl: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(port),
    HOST: "127.0.0.1",
    COOKIE_SECURE: "false",
    SEED_DEMO_DATA: "false",
    DATABASE_URL: databaseUrl,
  };
  delete env.PGLITE_DATA_DIR;
  delete env.REDIS_URL;
  delete env.NODE_OPTIONS;
  return env;
}

async function startPortal(port: number, databaseUrl: string): Promise<Child> {
  const nodeFlags = (process.env.BENCH_NODE_OPTIONS ?? "").split(/\s+/).filter(Boolean);
  const preload = `data:text/javascript,${encodeURIComponent(SERVER_TIMING_PRELOAD)}`;
  const child = startChild(
    "portal",
    process.execPath,
    [...nodeFlags, "--import", preload, "--import", "tsx", "server/index.ts"],
    { cwd: root, env: portalEnv(port, databaseUrl) },
  );
  await waitForOk(`http://127.0.0.1:${port}/healthz`, child, 120_000);
  return child;
}

interface Response {
  status: number;
  body: Buffer;
  ms: number;
}

function get(
  agent: http.Agent,
  port: number,
  requestPath: string,
  headers: Record<string, string>,
): Promise<Response> {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const request = http.get(
      { host: "127.0.0.1", port, path: requestPath, agent, headers },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          resolve({
            status: response.statusCode ?? 0,
            body: Buffer.concat(chunks),
            ms: Number(process.hrtime.bigint() - start) / 1e6,
          }),
        );
        response.on("error", reject);
      },
    );
    request.setTimeout(30_000, () => request.destroy(new Error(`Timeout: ${requestPath}`)));
    request.on("error", reject);
  });
}

async function login(port: number, email: string): Promise<string> {
  const base = `http://127.0.0.1:${port}`;
  const response = await fetch(`${base}/anmelden`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: base },
    body: new URLSearchParams({ email, password: PASSWORD }).toString(),
  });
  await response.arrayBuffer();
  const session = response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0] ?? "")
    .find((cookie) => cookie.startsWith("portal_session="));
  if (response.status !== 302 || !session)
    throw new Error(
      `Anmeldung als ${email} fehlgeschlagen: POST /anmelden → ${response.status} (erwartet: 302 mit portal_session).`,
    );
  return session;
}

/** The page must be the list with the seeded total, not a redirect or an error page. */
async function verifyPage(
  port: number,
  target: Target,
  cookie: string,
  total: number,
): Promise<void> {
  const response = await fetch(`http://127.0.0.1:${port}${target.path}`, {
    headers: { cookie },
    redirect: "manual",
  });
  const body = await response.text();
  const heading = `<h1>${target.list!.heading}</h1>`;
  const count = total === 1 ? "1 Übergabe" : `${total} Übergaben`;
  if (response.status !== 200 || !body.includes(heading) || !body.includes(count)) {
    throw new Error(
      `${target.path} liefert nicht die erwartete Seite (Status ${response.status}, Location ${
        response.headers.get("location") ?? "–"
      }; erwartet ${heading} und „${count}“). Ein Benchmark davon wäre wertlos.`,
    );
  }
}

async function takeServerTimings(port: number): Promise<[string, number, number][]> {
  const response = await fetch(`http://127.0.0.1:${port}${TIMINGS_PATH}`);
  if (!response.ok) throw new Error(`${TIMINGS_PATH} → ${response.status}`);
  return (await response.json()) as [string, number, number][];
}

/**
 * Measures all targets in interleaved rounds (BENCH_ROUND_REQUESTS per target and round), so
 * that load changes on the machine hit every target, and the baseline, alike.
 */
async function measureAll(port: number, cookie: string): Promise<Measurement[]> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: config.concurrency });
  const headersOf = (target: Target): Record<string, string> => ({
    accept: "text/html,application/xhtml+xml",
    "accept-encoding": "gzip, deflate, br",
    "x-bench-label": target.key,
    ...(target.list ? { cookie } : {}),
  });
  const run = async (target: Target, count: number) => {
    const headers = headersOf(target);
    const responses: Response[] = [];
    let next = 0;
    const loop = async () => {
      while (next < count) {
        next++;
        responses.push(await get(agent, port, target.path, headers));
      }
    };
    const started = performance.now();
    await Promise.all(Array.from({ length: config.concurrency }, loop));
    return { responses, seconds: (performance.now() - started) / 1000 };
  };
  try {
    process.stdout.write(`Aufwärmen: ${config.warmupRequests} Anfragen je Ziel … `);
    for (const target of targets) await run(target, config.warmupRequests);
    await takeServerTimings(port);
    console.log("fertig");

    const collected = new Map(
      targets.map((target) => [target.key, { responses: [] as Response[], seconds: 0 }]),
    );
    const rounds = Math.ceil(config.requests / config.roundRequests);
    for (let round = 0; round < rounds; round++) {
      const count = Math.min(config.roundRequests, config.requests - round * config.roundRequests);
      for (const target of targets) {
        const { responses, seconds } = await run(target, count);
        const entry = collected.get(target.key)!;
        entry.responses.push(...responses);
        entry.seconds += seconds;
      }
      if (process.stdout.isTTY) process.stdout.write(`\rMessung: Runde ${round + 1}/${rounds}`);
    }
    console.log(process.stdout.isTTY ? "" : `Messung: ${rounds} Runden fertig`);
    const records = await takeServerTimings(port);

    return targets.map((target) => {
      const { responses, seconds } = collected.get(target.key)!;
      const durations = records
        .filter(([label]) => label === target.key)
        .map(([, , duration]) => duration);
      const statusCodes: Record<string, number> = {};
      for (const response of responses)
        statusCodes[response.status] = (statusCodes[response.status] ?? 0) + 1;
      return {
        key: target.key,
        label: target.label,
        path: target.path,
        requests: responses.length,
        warmupRequests: config.warmupRequests,
        concurrency: config.concurrency,
        durationSeconds: seconds,
        requestsPerSecond: responses.length / seconds,
        statusCodes,
        meanResponseBytes:
          responses.reduce((sum, response) => sum + response.body.length, 0) / responses.length,
        serverMs: durations.length === responses.length ? stats(durations) : undefined,
        clientMs: stats(responses.map((response) => response.ms)),
      };
    });
  } finally {
    agent.destroy();
  }
}

// --- output ------------------------------------------------------------------------------------

function markdownTable(rows: Measurement[]): string {
  const header = [
    "Ziel",
    "Anfragen",
    "p50 ms",
    "p95 ms",
    "p99 ms",
    "req/s",
    "Client-p95 ms",
    "DB ms (EXPLAIN)",
    `p95 < ${config.target.maxP95Ms} ms`,
  ];
  const lines = rows.map((row) => {
    const server = row.serverMs;
    return [
      `${row.label} \`${row.path}\``,
      String(row.requests),
      ms(server?.p50),
      ms(server?.p95),
      ms(server?.p99),
      row.requestsPerSecond.toFixed(0),
      ms(row.clientMs.p95),
      row.db ? row.db.totalExecutionMs.toFixed(1) : "–",
      row.pass === undefined ? "Grundlinie" : row.pass ? "PASS" : "FAIL",
    ];
  });
  const render = (cells: string[]) => `| ${cells.join(" | ")} |`;
  const align = header.map((_, column) => (column === 0 ? ":--" : "--:"));
  return [render(header), render(align), ...lines.map(render)].join("\n");
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

// --- main --------------------------------------------------------------------------------------

const cleanups: Array<() => Promise<void>> = [];

async function cleanUp(): Promise<void> {
  await stopAllChildren();
  for (const cleanup of cleanups.splice(0).reverse()) {
    try {
      await cleanup();
    } catch (error) {
      console.error("Aufräumen fehlgeschlagen:", error instanceof Error ? error.message : error);
    }
  }
}

async function main() {
  const startedAt = new Date();
  const stamp = startedAt.toISOString().replace(/[:.]/g, "-");
  const loadBefore = os.loadavg();
  console.log(
    `Übergaben-Benchmark: ${config.referrals} Übergaben, ${config.organizations} Organisationen, ` +
      `${config.warmupRequests} + ${config.requests} Anfragen je Ziel, ${config.concurrency} Verbindung(en); ` +
      `${os.cpus().length} CPU-Kerne, Node ${process.version}`,
  );
  if ((loadBefore[0] ?? 0) > 0.5 * os.cpus().length) {
    console.log(
      `⚠ Die Maschine ist bereits ausgelastet (loadavg ${loadBefore.map((load) => load.toFixed(2)).join(" ")}) – ` +
        "die Zahlen werden ungenau.",
    );
  }

  if (process.env.BENCH_BUILD === "1" || !existsSync(path.join(root, "build", "index.js"))) {
    console.log("Baue mit `npm run build` …");
    execFileSync("npm", ["run", "build"], { cwd: root, stdio: "inherit" });
  }

  // --- database ---
  if (!/^[a-z_][a-z0-9_]*$/.test(config.databaseName))
    throw new Error(`BENCH_DB_NAME "${config.databaseName}": nur a–z, 0–9 und _ erlaubt.`);
  try {
    await dropLeftover(config.adminUrl, config.databaseName);
  } catch (error) {
    throw new Error(
      `PostgreSQL unter ${redactUrl(config.adminUrl)} nicht erreichbar oder ohne Rechte: ${
        error instanceof Error ? error.message : String(error)
      }\nStarten Sie PostgreSQL oder setzen Sie BENCH_DATABASE_URL auf ein Konto, das Datenbanken ` +
        "anlegen darf (z. B. postgresql://postgres@127.0.0.1:5432/postgres).",
    );
  }
  const scratch = await createScratchDatabase(config.adminUrl, config.databaseName);
  if ("unreachable" in scratch)
    throw new Error(
      `PostgreSQL unter ${redactUrl(config.adminUrl)} nicht erreichbar: ${scratch.unreachable}`,
    );
  if (process.env.BENCH_KEEP_DB === "1") {
    cleanups.push(async () =>
      console.log(`Datenbank bleibt erhalten (BENCH_KEEP_DB=1): ${redactUrl(scratch.url)}`),
    );
  } else {
    cleanups.push(async () => {
      await scratch.drop();
      console.log(`Datenbank „${config.databaseName}“ gelöscht.`);
    });
  }
  const database = openBenchDatabase(scratch.url);
  cleanups.push(() => database.pool.end());
  setDatabase(database.handle);
  cleanups.push(async () => setDatabase(undefined));

  console.log(`\nMigriere und befülle ${config.databaseName} …`);
  const migrateStarted = performance.now();
  await runMigrations(database.handle);
  const migrateMs = performance.now() - migrateStarted;
  const seed = await seedReferralBenchmark(database.handle.db, {
    organizations: config.organizations,
    referrals: config.referrals,
    seed: config.seed,
    historyMonths: config.historyMonths,
    password: PASSWORD,
    batchRows: config.insertBatchRows,
    concurrency: config.insertConcurrency,
    now: startedAt,
    log: (message) => console.log(`  ${message}`),
  });
  console.log(
    `  Befüllung fertig nach ${(seed.timingsMs.total / 1000).toFixed(1)} s ` +
      `(Erzeugen ${(seed.timingsMs.generate / 1000).toFixed(1)} s, Einfügen ${(seed.timingsMs.insert / 1000).toFixed(1)} s, ` +
      `VACUUM ANALYZE ${(seed.timingsMs.analyze / 1000).toFixed(1)} s; Migration ${(migrateMs / 1000).toFixed(1)} s)`,
  );

  // The staff member of the first organisation (a Jobcenter) is the one who looks at the lists.
  const organization: SeededOrganization = seed.organizations[0]!;
  const listTargets = targets.filter((target) => target.list);
  const expected = new Map(
    listTargets.map((target) => [target.key, expectedTotal(seed, organization.id, target)]),
  );
  console.log(
    `  Benchmark-Organisation: ${organization.name} (${organization.userEmail}); ` +
      listTargets.map((target) => `${target.key} ${expected.get(target.key)}`).join(", "),
  );

  console.log("\nEXPLAIN ANALYZE der Abfragen der Listen …");
  const explains = new Map<string, Awaited<ReturnType<typeof explainTarget>>>();
  for (const target of listTargets) {
    explains.set(target.key, await explainTarget(database, target, organization.id));
  }

  // --- server ---
  const port = await freePort();
  console.log(`\nStarte Portal (PostgreSQL, production) auf Port ${port} …`);
  const serverStarted = Date.now();
  await startPortal(port, scratch.url);
  console.log(`  bereit nach ${((Date.now() - serverStarted) / 1000).toFixed(1)} s`);
  const cookie = await login(port, organization.userEmail);
  for (const target of listTargets)
    await verifyPage(port, target, cookie, expected.get(target.key)!);
  // The scheduled jobs first run 5 s after start; the seeded data leaves them nothing to do,
  // but their queries should not overlap the measurement either.
  const settle = serverStarted + 7_000 - Date.now();
  if (settle > 0) await new Promise((resolve) => setTimeout(resolve, settle));

  const results = await measureAll(port, cookie);
  for (const measurement of results) {
    const target = targets.find((candidate) => candidate.key === measurement.key)!;
    if (target.list) {
      measurement.expectedTotal = expected.get(target.key);
      measurement.db = explains.get(target.key);
      const p95 = measurement.serverMs?.p95 ?? measurement.clientMs.p95;
      measurement.pass =
        p95 < config.target.maxP95Ms &&
        (measurement.statusCodes["200"] ?? 0) === measurement.requests;
    }
  }
  // The session must still be valid: else the numbers could be of redirects.
  for (const target of listTargets)
    await verifyPage(port, target, cookie, expected.get(target.key)!);
  const loadAfter = os.loadavg();

  await cleanUp();

  // --- report ---
  console.log(`\n${markdownTable(results)}\n`);
  const healthz = results.find((row) => row.key === "healthz");
  console.log(
    `Server-Zeit: vom Eintreffen der Anfrage (Header gelesen) bis zum letzten gesendeten Byte, ` +
      `gemessen im Portal-Prozess; ${config.concurrency === 1 ? "Anfragen nacheinander" : `${config.concurrency} parallele Schleifen`} ` +
      `über localhost mit Keep-alive und gzip. Grundlinie /healthz p95 ${ms(healthz?.serverMs?.p95)} ms. ` +
      `DB ms: Summe der Execution Time der Übergaben-Abfragen der Seite (Liste, Anzahl, Angebote, Navigation).`,
  );
  console.log(
    `Daten: ${seed.rowCounts.referrals} Übergaben, ${seed.rowCounts.transitions} Statuswechsel, ` +
      `${config.organizations} Organisationen; Befüllung ${(seed.timingsMs.total / 1000).toFixed(1)} s.`,
  );

  console.log("\nDB-Zeit je Abfrage (EXPLAIN ANALYZE, Median aus 3, ms):");
  for (const row of results) {
    if (!row.db) continue;
    console.log(
      `  ${row.label}: ${row.db.queries
        .map((query) => `${query.name} ${query.executionMs.toFixed(2)}`)
        .join(" · ")}`,
    );
  }

  const problems = results.filter(
    (row) => (row.statusCodes["200"] ?? 0) !== row.requests || row.serverMs === undefined,
  );
  for (const row of problems)
    console.log(
      `⚠ ${row.label}: Statuscodes ${JSON.stringify(row.statusCodes)}` +
        (row.serverMs ? "" : ", Server-Zeiten fehlen (Client-Zeit verwendet)"),
    );

  const failed = results.filter((row) => row.pass === false);
  const verdict = failed.length === 0 ? "ERREICHT ✓" : `VERFEHLT ✗ (${failed.length})`;
  console.log(
    `Ziel (p95 der Server-Zeit < ${config.target.maxP95Ms} ms für alle Eingangs- und Gesendet-Seiten): ${verdict}`,
  );

  const slowest = (row: Measurement) =>
    [...(row.db?.queries ?? [])].sort((a, b) => b.executionMs - a.executionMs)[0];
  const toExplain = process.env.BENCH_EXPLAIN === "1" ? results.filter((row) => row.db) : failed;
  for (const row of toExplain) {
    const query = slowest(row);
    if (!query) continue;
    console.log(
      `\nLangsamste Abfrage für ${row.label} (${query.name}, ${query.executionMs.toFixed(2)} ms):\n` +
        `${query.sql}\n-- Parameter: ${JSON.stringify(query.params)}\n${query.plan}`,
    );
  }

  const resultsDir = path.join(root, "bench", "results");
  mkdirSync(resultsDir, { recursive: true });
  const file = path.join(resultsDir, `referrals-${stamp}.json`);
  writeFileSync(
    file,
    JSON.stringify(
      {
        startedAt: startedAt.toISOString(),
        finishedAt: new Date().toISOString(),
        commit: gitCommit(),
        loadavg: { before: loadBefore, after: loadAfter },
        machine: {
          cpus: os.cpus().length,
          cpuModel: os.cpus()[0]?.model,
          node: process.version,
          platform: process.platform,
        },
        config: { ...config, adminUrl: redactUrl(config.adminUrl) },
        measured:
          "serverMs: request event → response finish inside the portal process; clientMs: " +
          "request written → body read over keep-alive localhost; db: EXPLAIN ANALYZE execution " +
          "time (median of 3) of the referral queries of the page's loaders",
        seed: {
          rowCounts: seed.rowCounts,
          statusCounts: seed.statusCounts,
          timingsMs: { migrate: migrateMs, ...seed.timingsMs },
          organization: { name: organization.name, email: organization.userEmail },
        },
        target: { ...config.target, met: failed.length === 0 },
        results,
      },
      null,
      2,
    ) + "\n",
  );
  console.log(`\nErgebnisse: ${path.relative(root, file)}`);
  if (problems.length > 0) process.exitCode = 1;
  if (failed.length > 0 && process.env.BENCH_STRICT === "1") process.exitCode = 2;
}

let interrupted = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    console.error(`\n${signal}: räume auf …`);
    if (interrupted) return; // cleaning up already
    interrupted = true;
    void cleanUp().finally(() => process.exit(130));
  });
}

main().catch(async (error: unknown) => {
  if (interrupted) return;
  await cleanUp();
  console.error("\nBenchmark abgebrochen:", error instanceof Error ? error.message : error);
  process.exit(1);
});
