/**
 * Output of bench/referrals.ts: the Markdown table, the notes on what was measured, DB time per
 * query, the verdict, the plans of slow queries and the results file.
 */
import type { DbTime } from "./explain";
import type { BenchRun } from "./harness";
import { config } from "./referral-config";
import type { SeededOrganization, SeedResult } from "./referral-seed";
import { redactUrl } from "./scratch-database";
import type { LoadMeasurement } from "./server-timing";

export interface Measurement extends LoadMeasurement {
  expectedTotal?: number;
  db?: DbTime;
  pass?: boolean;
}

const ms = (value: number | undefined) =>
  value === undefined || Number.isNaN(value) ? "–" : value.toFixed(1);

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

/**
 * Prints the table and the verdict. Returns the rows with unexpected status codes or without
 * server times (problems) and the list pages that missed the target (failed).
 */
export function printReport(
  results: Measurement[],
  seed: SeedResult,
): { problems: Measurement[]; failed: Measurement[] } {
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

  // The plan of the slowest query explains a miss; BENCH_EXPLAIN=1 shows them all.
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
  return { problems, failed };
}

/** Writes bench/results/referrals-<stamp>.json and returns its path. */
export function saveResults(
  run: BenchRun,
  report: {
    seed: SeedResult;
    migrateMs: number;
    organization: SeededOrganization;
    results: Measurement[];
    met: boolean;
  },
): string {
  const { seed } = report;
  return run.save("referrals", {
    config: { ...config, adminUrl: redactUrl(config.adminUrl) },
    measured:
      "serverMs: request event → response finish inside the portal process; clientMs: " +
      "request written → body read over keep-alive localhost; db: EXPLAIN ANALYZE execution " +
      "time (median of 3) of the referral queries of the page's loaders",
    seed: {
      rowCounts: seed.rowCounts,
      statusCounts: seed.statusCounts,
      timingsMs: { migrate: report.migrateMs, ...seed.timingsMs },
      organization: { name: report.organization.name, email: report.organization.userEmail },
    },
    target: { ...config.target, met: report.met },
    results: report.results,
  });
}
