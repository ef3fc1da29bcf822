import { getSearchEngine, reindexAllIdeas } from "~/search/search-index.server";
import { openConfiguredDatabase } from "./db-connection";

const BAR_WIDTH = 30;

function progressBar(done: number, total: number): string {
  const share = total === 0 ? 1 : done / total;
  const filled = Math.round(share * BAR_WIDTH);
  return `[${"#".repeat(filled)}${"-".repeat(BAR_WIDTH - filled)}] ${done}/${total} Ideen`;
}

// With PGlite, stop the portal first: its data directory serves one process at a time.
const handle = await openConfiguredDatabase();
const engine = await getSearchEngine();
console.log(`Baue den Suchindex neu auf (${engine.name}) …`);
const started = performance.now();
const indexed = await reindexAllIdeas(engine, (done, total) =>
  process.stdout.write(`\r${progressBar(done, total)}`),
);
const seconds = (performance.now() - started) / 1000;
console.log(
  `\nFertig: ${indexed} Ideen in ${seconds.toFixed(1)} s (${Math.round(indexed / Math.max(seconds, 0.001))} Dokumente/s).`,
);
await handle.close();
