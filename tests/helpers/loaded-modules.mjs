import { register } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { isMainThread } from "node:worker_threads";

/**
 * Preloaded into a portal process (`--import` after tsx): writes one line "Modul geladen: <path>"
 * for every module of the project (not node_modules) that the process loads, so that a test can
 * see which copies of the application code run. This file is loaded twice: in the main thread it
 * registers itself as module hooks, and Node then loads it again in its hooks thread.
 */
if (isMainThread) register(import.meta.url);

const root = `${pathToFileURL(process.cwd()).href}/`;

export async function resolve(specifier, context, nextResolve) {
  const resolved = await nextResolve(specifier, context);
  const { url } = resolved;
  if (url.startsWith(root) && !url.includes("/node_modules/")) {
    const file = path.relative(process.cwd(), fileURLToPath(url.split("?")[0]));
    process.stderr.write(`Modul geladen: ${file}\n`);
  }
  return resolved;
}
