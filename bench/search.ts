/**
 * Search benchmark of the Ideenbörse: `npm run bench:search`.
 *
 * Creates a scratch PostgreSQL database, migrates it and seeds 3 networks, ~60 organisations and
 * 100,000 ideas with realistic German texts (bench/search-seed.ts, bench/search-corpus.ts),
 * indexes them through each engine's index() and then runs 30 searches (single words, typos,
 * word parts, phrases and word pairs, searches with facet filters; bench/search-queries.ts) as
 * the staff member of an organisation that belongs to two networks.
 * Target (issue): PostgreSQL p95 < 30 ms including facet counts, and ≥ 10× faster than a naive
 * ILIKE '%word%' scan of the same run.
 *
 * What is measured:
 *   - Server time of the search: the time of `engine.search(query)`, called in this process
 *     exactly as the search page's loader calls it (relevance, page 1, 10 hits, facet counts
 *     always computed). That is the search's share of the page's server time; session, render
 *     and HTTP are not part of it.
 *   - Scan baseline: per query the same visibility rule and facet filters, every word (or quoted
 *     phrase) as `title ILIKE '%w%' OR summary ILIKE … OR body_text ILIKE …` over `ideas`,
 *     page 1 newest first and a count, one statement after the other.
 *   - Indexing throughput: all ideas read with ideaSearchDocuments() (as search:reindex does) and
 *     handed to index() in batches; documents/s of index() alone and including the reading.
 * Engine and scan take turns query by query in every round, so that load from other processes
 * on the machine affects both alike. Meilisearch is measured too when MEILI_HOST is set (in a
 * separate index, deleted afterwards). Results go to bench/results/search-<timestamp>.json. The
 * database is dropped at the end, also on failure or Ctrl-C.
 *
 * At 100,000 ideas a run takes about 25 minutes on two cores, most of it the scan baseline (about
 * 1.5 s per scan, 21 × 30 scans); BENCH_ROUNDS=5 shortens it to about 8.
 *
 * Environment:
 *   BENCH_DATABASE_URL       PostgreSQL admin connection to create the scratch database with
 *                            (also BENCH_PG_ADMIN_URL; default
 *                            postgresql://postgres@127.0.0.1:5432/postgres)
 *   BENCH_DB_NAME            scratch database name (default portal_bench_search; a leftover of
 *                            an aborted run with this name is dropped first)
 *   BENCH_IDEAS              ideas to seed (default 100000)
 *   BENCH_ORGANIZATIONS      organisations to seed (default 60)
 *   BENCH_SEED               seed of the data generator (default 20261121)
 *   BENCH_INDEX_BATCH        documents per index() call (default 1000)
 *   BENCH_ROUNDS             measured rounds, one search per query and round (default 20)
 *   BENCH_WARMUP_ROUNDS      discarded engine rounds before measuring (default 5)
 *   BENCH_SCAN_WARMUP_ROUNDS discarded scan rounds (default 1: a scan only warms the cache)
 *   BENCH_EXPLAIN            searches whose plans are printed, slowest first (default 3, printed
 *                            when the target is missed; BENCH_EXPLAIN_ALWAYS=1 prints them anyway)
 *   MEILI_HOST, MEILI_API_KEY  also measure Meilisearch; BENCH_MEILI_INDEX names its index
 *                            (default portal_bench_search)
 *   BENCH_KEEP_DB=1          keep the database (and the Meilisearch index) afterwards
 *   BENCH_STRICT=1           exit with code 2 when the target is missed
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { runMigrations } from "~/db/migrate.server";
import type { SearchEngine, SearchViewer } from "~/search/engine";
import { createPostgresEngine } from "~/search/postgres-engine.server";
import { ideaSearchDocuments } from "~/search/search-index.server";
import { integerFromEnv, machineSummary, onCleanUp, root, runBenchmark, startRun } from "./harness";
import { createBenchDatabase, type BenchDatabase } from "./app-database";
import { adminUrlFromEnv, redactUrl } from "./scratch-database";
import {
  benchQueries,
  describeQuery,
  runScan,
  searchQueryFor,
  type BenchQuery,
} from "./search-queries";
import {
  engineTable,
  explainSearch,
  kindTable,
  printExplain,
  printVerdict,
  verdictFor,
  type EngineMeasurement,
  type ScanMeasurement,
  type SearchExplain,
  type Target,
  type Verdict,
} from "./search-report";
import { seedSearchBenchmark, type SearchSeedResult } from "./search-seed";
import { stats } from "./server-timing";

const config = {
  adminUrl: adminUrlFromEnv(),
  databaseName: process.env.BENCH_DB_NAME || "portal_bench_search",
  ideas: integerFromEnv("BENCH_IDEAS", 100_000),
  organizations: integerFromEnv("BENCH_ORGANIZATIONS", 60),
  seed: integerFromEnv("BENCH_SEED", 20_261_121),
  indexBatch: integerFromEnv("BENCH_INDEX_BATCH", 1_000),
  rounds: integerFromEnv("BENCH_ROUNDS", 20),
  warmupRounds: integerFromEnv("BENCH_WARMUP_ROUNDS", 5),
  scanWarmupRounds: integerFromEnv("BENCH_SCAN_WARMUP_ROUNDS", 1),
  explain: integerFromEnv("BENCH_EXPLAIN", 3),
  explainAlways: process.env.BENCH_EXPLAIN_ALWAYS === "1",
  keep: process.env.BENCH_KEEP_DB === "1",
  insertBatchRows: 2_000,
  insertConcurrency: 2,
  target: { maxP95Ms: 30, minSpeedUp: 10 } satisfies Target,
};

interface EngineUnderTest {
  engine: SearchEngine;
  label: string;
}

interface IndexingResult {
  engine: string;
  documents: number;
  batchSize: number;
  /** Reading the documents from `ideas` (ideaSearchDocuments). */
  readMs: number;
  /** The engine's index() calls alone. */
  indexMs: number;
  documentsPerSecond: number;
  documentsPerSecondWithRead: number;
}

const seconds = (milliseconds: number) => `${(milliseconds / 1000).toFixed(1)} s`;

/** Reads all ideas in batches and hands them to the engine, timing both parts. */
async function indexAll(
  { engine, label }: EngineUnderTest,
  ideaIds: string[],
  batchSize: number,
): Promise<IndexingResult> {
  await engine.clear();
  let readMs = 0;
  let indexMs = 0;
  let lastLog = performance.now();
  for (let start = 0; start < ideaIds.length; start += batchSize) {
    const readStarted = performance.now();
    const documents = await ideaSearchDocuments(ideaIds.slice(start, start + batchSize));
    const indexStarted = performance.now();
    await engine.index(documents);
    const done = performance.now();
    readMs += indexStarted - readStarted;
    indexMs += done - indexStarted;
    if (done - lastLog > 10_000) {
      lastLog = done;
      console.log(`  ${label}: ${Math.min(ideaIds.length, start + batchSize)} Dokumente …`);
    }
  }
  return {
    engine: engine.name,
    documents: ideaIds.length,
    batchSize,
    readMs,
    indexMs,
    documentsPerSecond: ideaIds.length / (indexMs / 1000),
    documentsPerSecondWithRead: ideaIds.length / ((indexMs + readMs) / 1000),
  };
}

/** The Meilisearch engine in its own index when MEILI_HOST is set; deleted again by cleanUp(). */
async function meilisearchEngine(): Promise<EngineUnderTest | undefined> {
  const host = process.env.MEILI_HOST;
  if (!host) {
    console.log(
      "Meilisearch: übersprungen – MEILI_HOST ist nicht gesetzt (z. B. MEILI_HOST=http://127.0.0.1:7700).",
    );
    return undefined;
  }
  const indexName = process.env.BENCH_MEILI_INDEX || "portal_bench_search";
  const apiKey = process.env.MEILI_API_KEY || undefined;
  const { createMeilisearchEngine } = await import("~/search/meilisearch-engine.server");
  const { Meilisearch } = await import("meilisearch");
  const client = new Meilisearch({ host, apiKey, timeout: 5_000 });
  try {
    await client.health();
  } catch (error) {
    console.log(
      `Meilisearch: übersprungen – ${redactUrl(host)} ist nicht erreichbar ` +
        `(${error instanceof Error ? error.message : String(error)}).`,
    );
    return undefined;
  }
  const engine = createMeilisearchEngine({ host, apiKey, indexName, taskTimeoutMs: 300_000 });
  if (config.keep) {
    onCleanUp(() =>
      console.log(`Meilisearch-Index bleibt erhalten (BENCH_KEEP_DB=1): ${indexName}`),
    );
  } else {
    onCleanUp(async () => {
      await client.deleteIndex(indexName).waitTask({ timeout: 60_000 });
      console.log(`Meilisearch-Index „${indexName}“ gelöscht.`);
    });
  }
  console.log(`Meilisearch: ${redactUrl(host)}, Index ${indexName}`);
  return { engine, label: "Meilisearch" };
}

/** Which version of the search code ran: the files may be uncommitted, so the commit is not enough. */
function sourceFingerprints(): Record<string, string> {
  const files = [
    "app/search/postgres-engine.server.ts",
    "app/search/query-terms.ts",
    "app/search/synonyms.ts",
    "app/search/meilisearch-engine.server.ts",
  ];
  return Object.fromEntries(
    files.map((file) => {
      try {
        const content = readFileSync(path.join(root, file));
        return [file, createHash("sha256").update(content).digest("hex").slice(0, 16)];
      } catch {
        return [file, "fehlt"];
      }
    }),
  );
}

/** Rows and sizes: the whole relation (with TOAST and indexes) and the table's own heap. */
async function tableSizes(database: BenchDatabase) {
  const { rows } = await database.pool.query<{
    name: string;
    bytes: string;
    heap: string;
    rows: string;
  }>(
    `SELECT c.relname AS name, pg_total_relation_size(c.oid)::text AS bytes,
       pg_relation_size(c.oid)::text AS heap, c.reltuples::bigint::text AS rows
     FROM pg_class c
     WHERE c.relname IN ('ideas', 'search_documents', 'search_terms', 'search_facet_values')`,
  );
  return Object.fromEntries(
    rows.map((row) => [
      row.name,
      {
        megabytes: Number(row.bytes) / 1_048_576,
        heapMegabytes: Number(row.heap) / 1_048_576,
        rows: Number(row.rows),
      },
    ]),
  );
}

/** One updating line on a terminal; otherwise every fifth round and the last. */
function progress(message: string, round: number, last: boolean) {
  if (process.stdout.isTTY) process.stdout.write(`\r${message}${last ? "\n" : ""}`);
  else if (last || round % 5 === 4) console.log(message);
}

async function main() {
  const run = startRun(
    `Such-Benchmark: ${config.ideas} Ideen, ${benchQueries.length} Suchen, ` +
      `${config.warmupRounds} + ${config.rounds} Runden (Scan ${config.scanWarmupRounds} + ${config.rounds}); ` +
      machineSummary(),
  );
  const sources = sourceFingerprints(); // before anything runs: the files may change meanwhile

  // --- database ---
  const database = await createBenchDatabase(config.adminUrl, config.databaseName, {
    keep: config.keep,
  });
  console.log(`\nMigriere und befülle ${config.databaseName} …`);
  const migrateStarted = performance.now();
  await runMigrations(database.handle);
  const migrateMs = performance.now() - migrateStarted;
  const seed: SearchSeedResult = await seedSearchBenchmark(database.handle.db, {
    ideas: config.ideas,
    organizations: config.organizations,
    seed: config.seed,
    batchRows: config.insertBatchRows,
    concurrency: config.insertConcurrency,
    now: run.startedAt,
    log: (message) => console.log(`  ${message}`),
  });
  console.log(
    `  ${seed.ideaIds.length} Ideen (${Object.entries(seed.statusCounts)
      .map(([status, count]) => `${count} ${status}`)
      .join(", ")}; ${seed.visibilityCounts.nationwide} bundesweit), ` +
      `${seed.organizations.length} Organisationen, ${seed.networks.length} Netzwerke; ` +
      `Ø ${Math.round(seed.meanTextLength)} Zeichen Text je Idee`,
  );
  console.log(
    `  Befüllung fertig nach ${seconds(seed.timingsMs.total)} (Erzeugen ${seconds(seed.timingsMs.generate)}, ` +
      `Einfügen ${seconds(seed.timingsMs.insert)}; Migration ${seconds(migrateMs)})`,
  );

  // The staff member of the first organisation, a jobcenter in two of the three networks.
  const organization = seed.organizations[0]!;
  const viewer: SearchViewer = {
    organizationId: organization.id,
    networkIds: organization.networkIds,
  };
  console.log(
    `  Suchende: Fachkraft von ${organization.name} (Netzwerke: ${organization.networkIds
      .map((id) => seed.networks.find((network) => network.id === id)!.name)
      .join(", ")})`,
  );

  // --- engines and indexing ---
  const engines: EngineUnderTest[] = [{ engine: createPostgresEngine(), label: "PostgreSQL" }];
  const meilisearch = await meilisearchEngine();
  if (meilisearch) engines.push(meilisearch);

  const indexing: IndexingResult[] = [];
  for (const entry of engines) {
    console.log(
      `\nIndexiere ${seed.ideaIds.length} Ideen mit ${entry.label} (je ${config.indexBatch}) …`,
    );
    const result = await indexAll(entry, seed.ideaIds, config.indexBatch);
    indexing.push(result);
    console.log(
      `  ${entry.label}: index() ${seconds(result.indexMs)} → ${Math.round(result.documentsPerSecond)} Dokumente/s; ` +
        `mit Lesen aus ideas (${seconds(result.readMs)}) ${Math.round(result.documentsPerSecondWithRead)} Dokumente/s`,
    );
  }
  // VACUUM as well: it sets the visibility map, as in a database autovacuum looks after.
  const analyzeStarted = performance.now();
  await database.handle.db.execute(sql`VACUUM (ANALYZE)`);
  const analyzeMs = performance.now() - analyzeStarted;
  const sizes = await tableSizes(database);
  console.log(
    `  VACUUM ANALYZE ${seconds(analyzeMs)}; ` +
      Object.entries(sizes)
        .map(
          ([name, size]) =>
            `${name} ${size.rows} Zeilen, ${size.megabytes.toFixed(0)} MB (Tabelle selbst ${size.heapMegabytes.toFixed(0)} MB)`,
        )
        .join("; "),
  );

  // --- measurement ---
  const queries = benchQueries.map((query) => ({ query, search: searchQueryFor(query, viewer) }));
  const samples = new Map<string, number[]>(); // `${engine}:${key}` and `scan:${key}`
  const lastResults = new Map<string, { total: number; titles: string[] }>();
  const record = (key: string, value: number) => {
    const list = samples.get(key) ?? [];
    list.push(value);
    samples.set(key, list);
  };
  const totalRounds = config.warmupRounds + config.rounds;
  const scanFrom = config.warmupRounds - Math.min(config.warmupRounds, config.scanWarmupRounds);
  console.log(
    `\nMessung: ${config.warmupRounds} Aufwärm- und ${config.rounds} Messrunden, je Runde jede Suche ` +
      `einmal je Engine und einmal als Scan …`,
  );
  const measureStarted = performance.now();
  for (let round = 0; round < totalRounds; round++) {
    const measured = round >= config.warmupRounds;
    for (const { query, search } of queries) {
      for (const { engine } of engines) {
        const started = performance.now();
        const result = await engine.search(search);
        const elapsed = performance.now() - started;
        if (measured) record(`${engine.name}:${query.key}`, elapsed);
        lastResults.set(`${engine.name}:${query.key}`, {
          total: result.total,
          titles: result.hits.slice(0, 3).map((hit) => hit.title),
        });
      }
      if (round >= scanFrom) {
        const started = performance.now();
        const result = await runScan(database.handle.db, query, viewer);
        const elapsed = performance.now() - started;
        if (measured) record(`scan:${query.key}`, elapsed);
        lastResults.set(`scan:${query.key}`, result);
      }
    }
    progress(
      `  Runde ${round + 1}/${totalRounds}${measured ? "" : " (Aufwärmen)"}, ` +
        `${seconds(performance.now() - measureStarted)}`,
      round,
      round === totalRounds - 1,
    );
  }

  const scans: ScanMeasurement[] = benchQueries.map((query) => {
    const values = samples.get(`scan:${query.key}`) ?? [];
    return {
      query,
      hits: lastResults.get(`scan:${query.key}`)?.total ?? 0,
      samplesMs: values,
      ms: stats(values),
    };
  });
  const measurements: EngineMeasurement[] = engines.map(({ engine, label }) => {
    const rows = benchQueries.map((query) => {
      const values = samples.get(`${engine.name}:${query.key}`) ?? [];
      const last = lastResults.get(`${engine.name}:${query.key}`);
      return {
        query,
        hits: last?.total ?? 0,
        topTitles: last?.titles ?? [],
        samplesMs: values,
        ms: stats(values),
      };
    });
    return {
      engine: engine.name,
      label,
      queries: rows,
      overall: stats(rows.flatMap((row) => row.samplesMs)),
    };
  });
  const verdicts: Verdict[] = measurements.map((measurement) =>
    verdictFor(measurement, scans, config.target),
  );
  const postgres = verdicts.find((verdict) => verdict.engine === "postgres")!;

  // --- query plans of the slowest PostgreSQL searches ---
  const explains: SearchExplain[] = [];
  const postgresEngine = engines.find(({ engine }) => engine.name === "postgres")!.engine;
  const slowest = [...measurements.find((m) => m.engine === "postgres")!.queries]
    .sort((a, b) => b.ms.p95 - a.ms.p95)
    .slice(0, config.explain);
  console.log(
    `\nEXPLAIN ANALYZE der ${slowest.length} langsamsten PostgreSQL-Suchen und eines Scans …`,
  );
  for (const row of slowest) {
    explains.push(
      await explainSearch(
        database,
        row.query,
        () => postgresEngine.search(searchQueryFor(row.query, viewer)),
        (statement, index) =>
          /set_config|^\s*set\b/i.test(statement.sql)
            ? "Einstellung (set_config)"
            : /search_facet_values/.test(statement.sql)
              ? "Facettenwerte (einmal je Prozess, dann im Speicher)"
              : /search_terms/.test(statement.sql) && !/search_documents/.test(statement.sql)
                ? "Lexikon (Tippfehler, Wortteile, Stoppwörter)"
                : /search_documents/.test(statement.sql)
                  ? "Treffer, Gesamtzahl und Facetten"
                  : `Abfrage ${index + 1}`,
      ),
    );
  }
  const scanQuery: BenchQuery = benchQueries[0]!;
  const scanExplain = await explainSearch(
    database,
    scanQuery,
    () => runScan(database.handle.db, scanQuery, viewer),
    (_, index) => (index === 0 ? "Scan: Seite 1" : "Scan: Anzahl"),
  );
  await run.finish();

  // --- report ---
  for (const measurement of measurements) {
    console.log(`\n### ${measurement.label} (${seed.ideaIds.length} Ideen)\n`);
    console.log(engineTable(measurement, scans));
    console.log("");
    console.log(kindTable(measurement, scans));
  }
  console.log(
    `\nZeit = Server-Zeit der Suche: engine.search() im Prozess aufgerufen, wie es der Loader der ` +
      `Suchseite tut (Relevanz, Seite 1, 10 Treffer, Facettenzahlen immer mit), ohne Sitzung, Rendern ` +
      `und HTTP. ${config.rounds} Messungen je Suche nach ${config.warmupRounds} Aufwärmrunden, ` +
      `Suchen abwechselnd mit dem Scan. Scan = naive Suche ohne Index: je Wort bzw. Phrase ` +
      `title/summary/body_text ILIKE '%…%' über ideas mit derselben Sichtbarkeit und denselben ` +
      `Filtern, Seite 1 (neueste zuerst) und Anzahl nacheinander. Treffer = Gesamtzahl der Suche.`,
  );
  console.log(
    `Daten: ${seed.ideaIds.length} Ideen, Lexikon ${sizes.search_terms?.rows ?? "?"} Wörter; ` +
      `Befüllung ${seconds(seed.timingsMs.total)}, VACUUM ANALYZE ${seconds(analyzeMs)}.`,
  );
  console.log("\n### Indexierung\n");
  for (const result of indexing) {
    const label = engines.find(({ engine }) => engine.name === result.engine)!.label;
    console.log(
      `${label}: ${result.documents} Dokumente in Stapeln zu ${result.batchSize}: index() ` +
        `${seconds(result.indexMs)} = ${Math.round(result.documentsPerSecond)} Dokumente/s; ` +
        `mit Lesen aus ideas ${seconds(result.indexMs + result.readMs)} = ` +
        `${Math.round(result.documentsPerSecondWithRead)} Dokumente/s.`,
    );
  }
  console.log("\n### Ergebnis\n");
  for (const [index, verdict] of verdicts.entries()) {
    printVerdict(verdict, measurements[index]!.label, config.target, verdict.engine === "postgres");
  }
  if (!postgres.met || config.explainAlways) {
    console.log("\n### Abfragepläne der langsamsten PostgreSQL-Suchen (EXPLAIN ANALYZE, BUFFERS)");
    for (const explained of explains) printExplain(explained);
    printExplain(scanExplain);
  }
  const zeroHits = measurements.flatMap((measurement) =>
    measurement.queries
      .filter((row) => row.hits === 0)
      .map((row) => `${measurement.label} ${row.query.key} ${describeQuery(row.query)}`),
  );
  if (zeroHits.length > 0) console.log(`\n⚠ Suchen ohne Treffer: ${zeroHits.join("; ")}`);

  const file = run.save("search", {
    database: { url: redactUrl(config.adminUrl), name: config.databaseName },
    sources,
    config: {
      ideas: config.ideas,
      organizations: config.organizations,
      seed: config.seed,
      indexBatch: config.indexBatch,
      rounds: config.rounds,
      warmupRounds: config.warmupRounds,
      scanWarmupRounds: config.scanWarmupRounds,
      target: config.target,
    },
    data: {
      statusCounts: seed.statusCounts,
      visibilityCounts: seed.visibilityCounts,
      meanTextLength: seed.meanTextLength,
      networks: seed.networks.map(({ name, regions }) => ({ name, regions })),
      organizations: seed.organizations.length,
      viewer: { organization: organization.name, networks: organization.networkIds.length },
      tables: sizes,
    },
    timingsMs: {
      migrate: migrateMs,
      seed: seed.timingsMs,
      analyze: analyzeMs,
      measure: performance.now() - measureStarted,
    },
    indexing,
    engines: measurements.map((measurement) => ({
      engine: measurement.engine,
      overall: measurement.overall,
      queries: measurement.queries.map((row) => ({
        key: row.query.key,
        kind: row.query.kind,
        text: row.query.text,
        filters: row.query.filters,
        hits: row.hits,
        topTitles: row.topTitles,
        ms: row.ms,
      })),
    })),
    scan: {
      overall: stats(scans.flatMap((scan) => scan.samplesMs)),
      queries: scans.map((scan) => ({ key: scan.query.key, hits: scan.hits, ms: scan.ms })),
      // The SQL is in `explains` (the last entry).
    },
    verdicts,
    met: postgres.met,
    explains: [...explains, scanExplain],
  });
  console.log(`\nErgebnisse: ${file}`);
  if (!postgres.met && process.env.BENCH_STRICT === "1") process.exitCode = 2;
}

runBenchmark(main);
