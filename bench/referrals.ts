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
 * This file is the run from start to end; the parts are
 *   referral-config.ts    settings, the pages measured and what each list must show
 *   referral-seed.ts      the synthetic network, organisations and referrals
 *   referral-report.ts    table, verdict and results file
 * and, shared with the other benchmarks, app-database.ts (the scratch database: create,
 * capture SQL, drop), explain.ts (EXPLAIN ANALYZE of the queries of each list page),
 * server-timing.ts (the server-time preload and the interleaved measurement loop), random.ts,
 * seed-organizations.ts, harness.ts, portal.ts, scratch-database.ts and support.ts.
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
import { runMigrations } from "~/db/migrate.server";
import { explainTarget, type DbTime } from "./explain";
import { machineSummary, runBenchmark, startRun } from "./harness";
import { ensureBuild, login, startPortal, verifyPage } from "./portal";
import {
  config,
  expectedTotal,
  listPageMarkers,
  listTargets,
  PASSWORD,
  targets,
} from "./referral-config";
import { createBenchDatabase } from "./app-database";
import { printReport, saveResults, type Measurement } from "./referral-report";
import { seedReferralBenchmark, type SeededOrganization } from "./referral-seed";
import { measureAll, serverTimingPreload } from "./server-timing";
import { freePort } from "./support";

async function main() {
  const run = startRun(
    `Übergaben-Benchmark: ${config.referrals} Übergaben, ${config.organizations} Organisationen, ` +
      `${config.warmupRequests} + ${config.requests} Anfragen je Ziel, ${config.concurrency} Verbindung(en); ` +
      machineSummary(),
  );
  ensureBuild(process.env.BENCH_BUILD === "1");

  // --- database ---
  const database = await createBenchDatabase(config.adminUrl, config.databaseName, {
    keep: process.env.BENCH_KEEP_DB === "1",
  });
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
    now: run.startedAt,
    log: (message) => console.log(`  ${message}`),
  });
  console.log(
    `  Befüllung fertig nach ${(seed.timingsMs.total / 1000).toFixed(1)} s ` +
      `(Erzeugen ${(seed.timingsMs.generate / 1000).toFixed(1)} s, Einfügen ${(seed.timingsMs.insert / 1000).toFixed(1)} s, ` +
      `VACUUM ANALYZE ${(seed.timingsMs.analyze / 1000).toFixed(1)} s; Migration ${(migrateMs / 1000).toFixed(1)} s)`,
  );

  // The staff member of the first organisation (a Jobcenter) is the one who looks at the lists.
  const organization: SeededOrganization = seed.organizations[0]!;
  const expected = new Map(
    listTargets.map((target) => [target.key, expectedTotal(seed, organization.id, target)]),
  );
  console.log(
    `  Benchmark-Organisation: ${organization.name} (${organization.userEmail}); ` +
      listTargets.map((target) => `${target.key} ${expected.get(target.key)}`).join(", "),
  );

  console.log("\nEXPLAIN ANALYZE der Abfragen der Listen …");
  const explains = new Map<string, DbTime>();
  for (const target of listTargets) {
    explains.set(target.key, await explainTarget(database, target, organization.id));
  }

  // --- server ---
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  console.log(`\nStarte Portal (PostgreSQL, production) auf Port ${port} …`);
  const serverStarted = Date.now();
  await startPortal({
    name: "portal",
    port,
    database: { url: database.url },
    seedDemoData: false,
    preload: [serverTimingPreload],
    readyTimeoutMs: 120_000,
  });
  console.log(`  bereit nach ${((Date.now() - serverStarted) / 1000).toFixed(1)} s`);
  const cookie = await login(base, organization.userEmail, PASSWORD);
  const verifyLists = async () => {
    for (const target of listTargets)
      await verifyPage(
        `${base}${target.path}`,
        cookie,
        listPageMarkers(target, expected.get(target.key)!),
      );
  };
  await verifyLists();
  // The scheduled jobs first run 5 s after start; the seeded data leaves them nothing to do,
  // but their queries should not overlap the measurement either.
  const settle = serverStarted + 7_000 - Date.now();
  if (settle > 0) await new Promise((resolve) => setTimeout(resolve, settle));

  // --- measurement ---
  const results: Measurement[] = await measureAll(
    port,
    targets.map(({ key, label, path, list }) => ({
      key,
      label,
      path,
      headers: list ? { cookie } : undefined,
    })),
    config,
  );
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
  await verifyLists();
  await run.finish();

  // --- report ---
  const { problems, failed } = printReport(results, seed);
  const file = saveResults(run, {
    seed,
    migrateMs,
    organization,
    results,
    met: failed.length === 0,
  });
  console.log(`\nErgebnisse: ${file}`);
  if (problems.length > 0) process.exitCode = 1;
  if (failed.length > 0 && process.env.BENCH_STRICT === "1") process.exitCode = 2;
}

runBenchmark(main);
