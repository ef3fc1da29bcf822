import { asc, inArray, lte, eq, sql } from "drizzle-orm";
import { getDb } from "~/db/client.server";
import type { UnitOfWork } from "~/db/unit-of-work.server";
import { ideas, searchOutbox } from "~/db/schema";
import { getEnv } from "~/env.server";
import { createDrainer } from "~/jobs/drainer.server";
import type { SearchDocument, SearchEngine } from "./engine";
import { createPostgresEngine } from "./postgres-engine.server";

/**
 * Records that an idea must be (re)indexed or removed, in the unit of work that changes the idea,
 * so the change and its indexing order commit together or not at all; the worker is woken once
 * they did.
 */
export async function enqueueSearchUpdate(
  unit: UnitOfWork,
  ideaId: string,
  operation: "upsert" | "remove" = "upsert",
): Promise<void> {
  await unit.tx.insert(searchOutbox).values({ entityId: ideaId, operation });
  unit.afterCommit(searchWorker.wake);
}

/** What the engines get to know about ideas: texts, facets and what visibility needs. */
export async function ideaSearchDocuments(ids: string[]): Promise<SearchDocument[]> {
  if (ids.length === 0) return [];
  const rows = await getDb()
    .select({
      id: ideas.id,
      networkId: ideas.networkId,
      organizationId: ideas.organizationId,
      status: ideas.status,
      visibility: ideas.visibility,
      title: ideas.title,
      summary: ideas.summary,
      bodyText: ideas.bodyText,
      results: ideas.results,
      targetGroups: ideas.targetGroups,
      fieldsOfAction: ideas.fieldsOfAction,
      region: ideas.region,
      partnerKinds: ideas.partnerKinds,
      funding: ideas.funding,
      adoptionCount: ideas.adoptionCount,
      publishedAt: ideas.publishedAt,
      updatedAt: ideas.updatedAt,
    })
    .from(ideas)
    .where(inArray(ideas.id, ids));
  return rows.map(({ results, ...row }) => ({
    ...row,
    resultsText: results.map((result) => `${result.label}: ${result.value}`).join("\n"),
  }));
}

let engine: SearchEngine | undefined;

/** The configured engine: Meilisearch when MEILI_HOST is set, PostgreSQL otherwise. */
export async function getSearchEngine(): Promise<SearchEngine> {
  if (engine) return engine;
  const env = getEnv();
  let configured: SearchEngine;
  if (env.MEILI_HOST) {
    const { createMeilisearchEngine } = await import("./meilisearch-engine.server");
    configured = createMeilisearchEngine({
      host: env.MEILI_HOST,
      apiKey: env.MEILI_API_KEY,
      indexName: env.MEILI_INDEX,
    });
  } else {
    configured = createPostgresEngine();
  }
  engine = configured;
  return configured;
}

/** For tests: use this engine instead of the configured one. */
export function setSearchEngine(replacement: SearchEngine | undefined): void {
  engine = replacement;
}

const MAX_DELAY_MS = 5 * 60 * 1000;

/** Waits longer after every failed attempt: 2 s, 4 s, 8 s … up to five minutes. */
export function retryDelayMs(attempts: number): number {
  return Math.min(MAX_DELAY_MS, 1000 * 2 ** attempts);
}

/**
 * Applies due outbox entries to the engine, oldest first. On failure the entries stay and are
 * retried later with a growing delay, so an edit made while the engine is down is indexed when
 * it returns. Returns how many entries were applied.
 */
export async function drainSearchOutbox(
  target?: SearchEngine,
  options: { batchSize?: number; now?: Date } = {},
): Promise<number> {
  const searchEngine = target ?? (await getSearchEngine());
  const now = options.now ?? new Date();
  const due = await getDb()
    .select({
      id: searchOutbox.id,
      entityId: searchOutbox.entityId,
      attempts: searchOutbox.attempts,
    })
    .from(searchOutbox)
    .where(lte(searchOutbox.availableAt, now))
    .orderBy(asc(searchOutbox.createdAt))
    .limit(options.batchSize ?? 200);
  if (due.length === 0) return 0;

  const ids = [...new Set(due.map((entry) => entry.entityId))];
  try {
    // The idea's current state decides: indexed if it exists, removed if it is gone.
    const documents = await ideaSearchDocuments(ids);
    const present = new Set(documents.map((document) => document.id));
    const missing = ids.filter((id) => !present.has(id));
    if (documents.length > 0) await searchEngine.index(documents);
    if (missing.length > 0) await searchEngine.remove(missing);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    for (const entry of due) {
      await getDb()
        .update(searchOutbox)
        .set({
          attempts: entry.attempts + 1,
          availableAt: new Date(now.getTime() + retryDelayMs(entry.attempts + 1)),
          lastError: message.slice(0, 500),
        })
        .where(eq(searchOutbox.id, entry.id));
    }
    throw error;
  }
  await getDb()
    .delete(searchOutbox)
    .where(
      inArray(
        searchOutbox.id,
        due.map((entry) => entry.id),
      ),
    );
  return due.length;
}

export async function pendingSearchUpdates(): Promise<number> {
  const [row] = await getDb()
    .select({ value: sql<number>`cast(count(*) as int)` })
    .from(searchOutbox);
  return row?.value ?? 0;
}

/** The in-process worker: drains after every change and every few seconds for retries. */
const searchWorker = createDrainer("Suchindex-Aktualisierung", drainSearchOutbox);

export const startSearchWorker = searchWorker.start;

/** Rebuilds the engine's index from the database, reporting progress after every batch. */
export async function reindexAllIdeas(
  target: SearchEngine,
  onProgress: (done: number, total: number) => void,
  batchSize = 500,
): Promise<number> {
  const all = await getDb().select({ id: ideas.id }).from(ideas).orderBy(asc(ideas.id));
  await target.clear();
  let done = 0;
  for (let start = 0; start < all.length; start += batchSize) {
    const batch = all.slice(start, start + batchSize).map((row) => row.id);
    await target.index(await ideaSearchDocuments(batch));
    done += batch.length;
    onProgress(done, all.length);
  }
  return done;
}
