/**
 * Output of bench/search.ts: percentiles, the Markdown table per engine next to the scan
 * baseline, the summary with the verdict, the query plans of the slowest searches and the
 * results file.
 */
import type { BenchDatabase, CapturedQuery } from "./app-database";
import { explainStatements, type QueryExplain } from "./explain";
import { describeQuery, queryKinds, type BenchQuery, type QueryKind } from "./search-queries";
import { stats, type Stats } from "./server-timing";

export interface QueryMeasurement {
  query: BenchQuery;
  /** Total of the engine's result (hits across all pages). */
  hits: number;
  /** Titles of the first three hits, to see that the results make sense. */
  topTitles: string[];
  samplesMs: number[];
  ms: Stats;
}

export interface EngineMeasurement {
  engine: string;
  label: string;
  queries: QueryMeasurement[];
  overall: Stats;
}

export interface ScanMeasurement {
  query: BenchQuery;
  hits: number;
  samplesMs: number[];
  ms: Stats;
}

export interface Target {
  maxP95Ms: number;
  minSpeedUp: number;
}

export interface Verdict {
  engine: string;
  p50Ms: number;
  p95Ms: number;
  scanP50Ms: number;
  scanP95Ms: number;
  /** Scan p95 / engine p95 over all samples. */
  speedUpP95: number;
  /** Per query scan median / engine median: smallest and median. */
  speedUpMedianMin: number;
  speedUpMedianMedian: number;
  queryCount: number;
  /** Slowest first. */
  queriesOverTarget: string[];
  p95Met: boolean;
  speedUpMet: boolean;
  met: boolean;
}

const ms = (value: number) => (Number.isNaN(value) ? "–" : value.toFixed(1));
const factor = (value: number) =>
  Number.isFinite(value) ? `${value >= 100 ? value.toFixed(0) : value.toFixed(1)}×` : "–";

function median(values: number[]): number {
  return stats(values).p50;
}

function render(header: string[], rows: string[][], leftColumns: number): string {
  const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
  const align = header.map((_, column) => (column < leftColumns ? ":--" : "--:"));
  return [line(header), line(align), ...rows.map(line)].join("\n");
}

/** Markdown: query | kind | hits | p50 | p95, the scan of the same query beside it. */
export function engineTable(engine: EngineMeasurement, scans: ScanMeasurement[]): string {
  const header = [
    "#",
    "Suche",
    "Art",
    "Treffer",
    "p50 ms",
    "p95 ms",
    "Scan-Treffer",
    "Scan p50 ms",
    "Scan p95 ms",
    "Faktor (Median)",
  ];
  const rows = engine.queries.map((row) => {
    const scan = scans.find((candidate) => candidate.query.key === row.query.key)!;
    return [
      row.query.key,
      `\`${describeQuery(row.query).replaceAll("|", "\\|")}\``,
      queryKinds[row.query.kind],
      String(row.hits),
      ms(row.ms.p50),
      ms(row.ms.p95),
      String(scan.hits),
      ms(scan.ms.p50),
      ms(scan.ms.p95),
      factor(scan.ms.p50 / row.ms.p50),
    ];
  });
  return render(header, rows, 3);
}

/** Markdown: per kind of query, engine and scan p50/p95 over that kind's samples. */
export function kindTable(engine: EngineMeasurement, scans: ScanMeasurement[]): string {
  const kinds = Object.keys(queryKinds) as QueryKind[];
  const rows = kinds.map((kind) => {
    const engineSamples = engine.queries
      .filter((row) => row.query.kind === kind)
      .flatMap((row) => row.samplesMs);
    const scanSamples = scans
      .filter((row) => row.query.kind === kind)
      .flatMap((row) => row.samplesMs);
    const engineStats = stats(engineSamples);
    const scanStats = stats(scanSamples);
    return [
      queryKinds[kind],
      String(engine.queries.filter((row) => row.query.kind === kind).length),
      ms(engineStats.p50),
      ms(engineStats.p95),
      ms(scanStats.p50),
      ms(scanStats.p95),
      factor(scanStats.p95 / engineStats.p95),
    ];
  });
  return render(
    ["Art", "Suchen", "p50 ms", "p95 ms", "Scan p50 ms", "Scan p95 ms", "Faktor p95"],
    rows,
    1,
  );
}

export function verdictFor(
  engine: EngineMeasurement,
  scans: ScanMeasurement[],
  target: Target,
): Verdict {
  const scanOverall = stats(scans.flatMap((scan) => scan.samplesMs));
  const perQuery = engine.queries.map((row) => {
    const scan = scans.find((candidate) => candidate.query.key === row.query.key)!;
    return scan.ms.p50 / row.ms.p50;
  });
  const speedUpP95 = scanOverall.p95 / engine.overall.p95;
  const p95Met = engine.overall.p95 < target.maxP95Ms;
  const speedUpMet = speedUpP95 >= target.minSpeedUp;
  return {
    engine: engine.engine,
    p50Ms: engine.overall.p50,
    p95Ms: engine.overall.p95,
    scanP50Ms: scanOverall.p50,
    scanP95Ms: scanOverall.p95,
    speedUpP95,
    speedUpMedianMin: Math.min(...perQuery),
    speedUpMedianMedian: median(perQuery),
    queryCount: engine.queries.length,
    queriesOverTarget: [...engine.queries]
      .sort((a, b) => b.ms.p95 - a.ms.p95)
      .filter((row) => row.ms.p95 >= target.maxP95Ms)
      .map((row) => `${row.query.key} ${describeQuery(row.query)} (p95 ${ms(row.ms.p95)} ms)`),
    p95Met,
    speedUpMet,
    met: p95Met && speedUpMet,
  };
}

export function printVerdict(verdict: Verdict, label: string, target: Target, binding: boolean) {
  console.log(
    `${label}: p50 ${ms(verdict.p50Ms)} ms, p95 ${ms(verdict.p95Ms)} ms über alle Suchen – ` +
      `Scan p50 ${ms(verdict.scanP50Ms)} ms, p95 ${ms(verdict.scanP95Ms)} ms → ` +
      `${factor(verdict.speedUpP95)} schneller (p95/p95); je Suche Median-Faktor ` +
      `mindestens ${factor(verdict.speedUpMedianMin)}, im Median ${factor(verdict.speedUpMedianMedian)}.`,
  );
  const p95 = `p95 < ${target.maxP95Ms} ms: ${verdict.p95Met ? "PASS" : "FAIL"}`;
  const speedUp = `≥ ${target.minSpeedUp}× schneller als der Scan: ${verdict.speedUpMet ? "PASS" : "FAIL"}`;
  console.log(
    `  Ziel${binding ? "" : " (gilt für PostgreSQL, hier nur zum Vergleich)"}: ${p95}; ${speedUp} ` +
      `→ ${verdict.met ? "PASS" : "FAIL"}`,
  );
  if (verdict.queriesOverTarget.length > 0)
    console.log(
      `  ${verdict.queriesOverTarget.length} von ${verdict.queryCount} Suchen mit p95 ≥ ${target.maxP95Ms} ms; ` +
        `die langsamsten: ${verdict.queriesOverTarget.slice(0, 5).join("; ")}`,
    );
}

// --- EXPLAIN -------------------------------------------------------------------------------------

export interface SearchExplain {
  key: string;
  query: string;
  /** Every statement sent, in order (including BEGIN, SET LOCAL, COMMIT). */
  sent: string[];
  statements: QueryExplain[];
}

/**
 * EXPLAIN ANALYZE of every statement `run` sends through Drizzle (captured with the bench
 * database's logger, so it is the engine's own SQL, not a copy).
 */
export async function explainSearch(
  database: BenchDatabase,
  query: BenchQuery,
  run: () => Promise<unknown>,
  names: (statement: CapturedQuery, index: number) => string,
): Promise<SearchExplain> {
  const captured = await database.capture(run);
  return {
    key: query.key,
    query: describeQuery(query),
    sent: captured.map((statement) => statement.sql.replace(/\s+/g, " ").slice(0, 120)),
    statements: await explainStatements(database.pool, captured, names),
  };
}

/** Prints the plans, with the SQL cut short and the parameters beside it. */
export function printExplain(explained: SearchExplain): void {
  console.log(`\n#### ${explained.key} \`${explained.query}\``);
  console.log(`Gesendet: ${explained.sent.map((statement) => statement.slice(0, 60)).join(" → ")}`);
  for (const statement of explained.statements) {
    console.log(
      `\n${statement.name}: Execution ${statement.executionMs.toFixed(2)} ms, ` +
        `Planning ${statement.planningMs.toFixed(2)} ms; Parameter ${JSON.stringify(statement.params)}`,
    );
    console.log("```\n" + statement.plan + "\n```");
  }
}
