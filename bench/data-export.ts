/**
 * "Meine Daten" benchmark: `npm run bench:data-export` (or `npx tsx bench/data-export.ts`).
 *
 * Creates a scratch PostgreSQL database, migrates it and writes one network with a jobcenter
 * whose case worker has written BENCH_POSTS posts (every tenth edited once, so with a revision),
 * with as many audit entries and notifications as a year of such work leaves, among the posts,
 * audit entries and notifications of BENCH_OTHERS colleagues. Then it downloads that person's
 * data as JSON and as HTML through the same function the download routes use
 * (dataExportResponse: audit entry, batched reading, streamed body), reads each body to the end
 * and reports the time to the first byte, the total time and the size, median of BENCH_RUNS.
 *
 * Baseline in the same run: the same downloads for a colleague with 10 posts. The difference is
 * what 10,000 posts cost. The target is "within seconds"; the run exits with code 1 when the
 * large export takes longer than BENCH_LIMIT_S (default 10 s) or when its counts are wrong.
 * Results go to bench/results/data-export-<timestamp>.json; the database is dropped at the end.
 *
 * Environment:
 *   BENCH_DATABASE_URL   PostgreSQL admin connection that may create databases (also
 *                        BENCH_PG_ADMIN_URL; default postgresql://postgres@127.0.0.1:5432/postgres)
 *   BENCH_POSTS          posts of the measured person (default 10000)
 *   BENCH_OTHERS         colleagues with the same amount of data each (default 4)
 *   BENCH_RUNS           downloads per format and person (default 5)
 *   BENCH_LIMIT_S        allowed seconds for the large export (default 10)
 *   BENCH_KEEP_DB=1      keep the database afterwards (prints its URL)
 */
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { dataExportResponse, type DataExportFormat } from "~/account/data-export.server";
import { getDb } from "~/db/client.server";
import { runMigrations } from "~/db/migrate.server";
import {
  auditLog,
  discussionPostRevisions,
  discussionPosts,
  discussionThreads,
  notifications,
  users,
} from "~/db/schema";
import { admitToNetwork, createNetwork, createOrganization } from "~/demo/factories.server";
import { documentFromPlainText } from "~/rich-text/schema";
import { insertUnnest } from "./bulk-insert";
import { createBenchDatabase } from "./app-database";
import { integerFromEnv, machineSummary, numberFromEnv, runBenchmark, startRun } from "./harness";
import { adminUrlFromEnv, redactUrl } from "./scratch-database";
import { stats } from "./server-timing";

const config = {
  adminUrl: adminUrlFromEnv(),
  databaseName: "portal_bench_data_export",
  posts: integerFromEnv("BENCH_POSTS", 10_000),
  baselinePosts: 10,
  others: integerFromEnv("BENCH_OTHERS", 4),
  runs: integerFromEnv("BENCH_RUNS", 5),
  limitSeconds: numberFromEnv("BENCH_LIMIT_S", 10),
  postsPerThread: 50,
  keep: process.env.BENCH_KEEP_DB === "1",
};

const sentences = [
  "Wer hat Erfahrung mit dem Coaching nach § 16k SGB II für junge Erwachsene?",
  "Die Schuldnerberatung hat ab nächster Woche wieder freie Termine am Dienstag.",
  "Beim Speed-Dating Pflege waren 14 Betriebe da, drei Einstellungen stehen schon fest.",
  "Bitte denkt an die Anmeldung für die Ausbildungsmesse bis Freitag.",
  "Das Jugendamt bietet eine offene Sprechstunde im Familienzentrum an.",
];

const textOf = (index: number) =>
  `${sentences[index % sentences.length]} ${sentences[(index * 7 + 3) % sentences.length]} (Beitrag ${index + 1})`;

/** One person's posts (in threads of 50), revisions, audit entries and notifications. */
async function seedPerson(
  person: { id: string; organizationId: string },
  posts: number,
): Promise<void> {
  const db = getDb();
  const threads = Array.from({ length: Math.ceil(posts / config.postsPerThread) }, (_, index) => ({
    id: randomUUID(),
    subject: "channel" as const,
    title: `Austausch ${index + 1}`,
    createdByUserId: person.id,
  }));
  for (let start = 0; start < threads.length; start += 1000) {
    await insertUnnest(db, discussionThreads, threads.slice(start, start + 1000));
  }
  const postRows = Array.from({ length: posts }, (_, index) => {
    const text = textOf(index);
    return {
      id: randomUUID(),
      threadId: threads[Math.floor(index / config.postsPerThread)]!.id,
      authorUserId: person.id,
      authorOrganizationId: person.organizationId,
      body: documentFromPlainText(text),
      bodyHtml: `<p>${text}</p>`,
      createdAt: new Date(Date.UTC(2026, 0, 1) + index * 60_000),
      editedAt: index % 10 === 0 ? new Date(Date.UTC(2026, 0, 1) + index * 60_000 + 30_000) : null,
    };
  });
  for (let start = 0; start < postRows.length; start += 2000) {
    await insertUnnest(db, discussionPosts, postRows.slice(start, start + 2000));
  }
  const revisions = postRows
    .filter((post) => post.editedAt)
    .map((post) => ({
      postId: post.id,
      body: documentFromPlainText(`Erste Fassung: ${textOf(postRows.indexOf(post))}`),
      bodyHtml: "<p>Erste Fassung</p>",
      replacedAt: post.editedAt!,
    }));
  for (let start = 0; start < revisions.length; start += 2000) {
    await insertUnnest(db, discussionPostRevisions, revisions.slice(start, start + 2000));
  }
  // About what a year of such work leaves in the log and the bell.
  const audits = Array.from({ length: posts }, (_, index) => ({
    action: "referral.viewed",
    actorUserId: person.id,
    actorOrganizationId: person.organizationId,
    targetType: "referral",
    targetId: randomUUID(),
    occurredAt: new Date(Date.UTC(2026, 0, 1) + index * 60_000),
    details: { threadId: randomUUID() },
  }));
  for (let start = 0; start < audits.length; start += 2000) {
    await insertUnnest(db, auditLog, audits.slice(start, start + 2000));
  }
  const notices = Array.from({ length: Math.ceil(posts / 5) }, (_, index) => ({
    userId: person.id,
    message: `Neue Antwort in „Austausch ${index + 1}“`,
    link: `/diskussionen/thema/${threads[index % threads.length]!.id}`,
    kind: "thread_reply" as const,
    createdAt: new Date(Date.UTC(2026, 0, 1) + index * 300_000),
  }));
  for (let start = 0; start < notices.length; start += 2000) {
    await insertUnnest(db, notifications, notices.slice(start, start + 2000));
  }
}

async function prepare() {
  const database = await createBenchDatabase(config.adminUrl, config.databaseName, {
    keep: config.keep,
    connections: 4,
  });
  await runMigrations(database.handle);
  const network = await createNetwork({ name: "Netzwerk Weimarer Land", region: "Apolda" });
  const jobcenter = await createOrganization({
    name: "Jobcenter Weimarer Land",
    kind: "jobcenter",
  });
  await admitToNetwork(network.id, jobcenter.id);
  // Users are inserted directly: their passwords are never used, hashing them is not measured.
  const people = Array.from({ length: config.others + 2 }, (_, index) => ({
    id: randomUUID(),
    organizationId: jobcenter.id,
    role: "staff" as const,
    email: `fachkraft-${index}@example.org`,
    name: `Fachkraft ${index}`,
    passwordHash: "unbenutzt",
  }));
  await getDb().insert(users).values(people);
  const [measured, baseline, ...others] = people;
  await seedPerson(measured!, config.posts);
  await seedPerson(baseline!, config.baselinePosts);
  for (const other of others) await seedPerson(other, config.posts);
  await getDb().execute(sql`vacuum analyze`);
  const organizationName = jobcenter.name;
  return {
    measured: { ...measured!, organizationName },
    baseline: { ...baseline!, organizationName },
  };
}

interface Download {
  firstByteMs: number;
  totalMs: number;
  bytes: number;
}

/** One download read to its end, as a browser would. */
async function download(
  person: { id: string; organizationId: string; name: string; organizationName: string },
  format: DataExportFormat,
): Promise<Download> {
  const began = performance.now();
  const response = await dataExportResponse(person, format, null);
  const reader = response.body!.getReader();
  let firstByteMs = NaN;
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (Number.isNaN(firstByteMs)) firstByteMs = performance.now() - began;
    bytes += value.byteLength;
  }
  return { firstByteMs, totalMs: performance.now() - began, bytes };
}

async function measure(
  person: Parameters<typeof download>[0],
  format: DataExportFormat,
): Promise<{
  firstByte: ReturnType<typeof stats>;
  total: ReturnType<typeof stats>;
  bytes: number;
}> {
  await download(person, format); // warm-up: prepared plans, JIT
  const runs: Download[] = [];
  for (let run = 0; run < config.runs; run += 1) runs.push(await download(person, format));
  return {
    firstByte: stats(runs.map((run) => run.firstByteMs)),
    total: stats(runs.map((run) => run.totalMs)),
    bytes: runs[0]!.bytes,
  };
}

/** The large JSON export must hold every post: counts it from the file itself. */
async function postsInJson(person: Parameters<typeof download>[0]): Promise<number> {
  const response = await dataExportResponse(person, "json", null);
  return (JSON.parse(await response.text()) as { posts: unknown[] }).posts.length;
}

const ms = (value: number) => `${value.toFixed(0)} ms`;
const size = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

async function main() {
  const run = startRun(
    `Meine-Daten-Benchmark: Export einer Person mit ${config.posts} Beiträgen ` +
      `(Vergleich: ${config.baselinePosts} Beiträge), ${config.others} Kolleginnen mit ebenso vielen; ${machineSummary()}`,
  );
  const { measured, baseline } = await prepare();
  const results = {
    json: await measure(measured, "json"),
    html: await measure(measured, "html"),
    baselineJson: await measure(baseline, "json"),
    baselineHtml: await measure(baseline, "html"),
  };
  const exportedPosts = await postsInJson(measured);
  const heapMb = process.memoryUsage().heapUsed / 1024 / 1024;
  const correct =
    exportedPosts === config.posts &&
    Math.max(results.json.total.p50, results.html.total.p50) <= config.limitSeconds * 1000;

  for (const [label, result] of [
    [`JSON, ${config.posts} Beiträge`, results.json],
    [`HTML, ${config.posts} Beiträge`, results.html],
    [`JSON, ${config.baselinePosts} Beiträge (Vergleich)`, results.baselineJson],
    [`HTML, ${config.baselinePosts} Beiträge (Vergleich)`, results.baselineHtml],
  ] as const) {
    console.log(
      `${label.padEnd(32)} erstes Byte p50 ${ms(result.firstByte.p50)}, ` +
        `vollständig p50 ${ms(result.total.p50)} (max ${ms(result.total.max)}), ${size(result.bytes)}`,
    );
  }
  console.log(`Beiträge in der JSON-Datei: ${exportedPosts} (erwartet ${config.posts})`);
  console.log(`Heap nach dem Lauf: ${heapMb.toFixed(0)} MB`);
  console.log(
    correct
      ? `✓ vollständig und unter ${config.limitSeconds} s`
      : `✗ FALSCHES ERGEBNIS oder länger als ${config.limitSeconds} s`,
  );

  await run.finish();
  const file = run.save("data-export", {
    config: { ...config, adminUrl: redactUrl(config.adminUrl) },
    ...results,
    exportedPosts,
    heapMb,
    correct,
  });
  console.log(`\nErgebnisse: ${file}`);
  if (!correct) process.exitCode = 1;
}

runBenchmark(main);
