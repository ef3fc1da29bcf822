/**
 * The JavaScript each page loads, gzip-compressed, read from the last `npm run build`: the
 * client entry, the manifest, and the module and imports of every route from the root down to
 * the page's own. Prints one line per leaf route and the largest, smallest and median page.
 *
 * Run: npm run build && npm run bench:page-js
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

interface RouteEntry {
  id: string;
  parentId?: string;
  module: string;
  imports?: string[];
}
interface Manifest {
  entry: { module: string; imports: string[] };
  routes: Record<string, RouteEntry>;
}

const publicDir = "public";
const buildDir = join(publicDir, "build");
const manifestFile = readdirSync(buildDir).find((name) => /^manifest-.*\.js$/.test(name));
if (!manifestFile) throw new Error("Kein Build gefunden: erst `npm run build` ausführen.");
const manifestSource = readFileSync(join(buildDir, manifestFile), "utf8");
const manifest = JSON.parse(
  manifestSource.replace(/^window\.__remixManifest=/, "").replace(/;$/, ""),
) as Manifest;

const gzipSizes = new Map<string, number>();
function gzipSize(url: string): number {
  let size = gzipSizes.get(url);
  if (size === undefined) {
    size = gzipSync(readFileSync(join(publicDir, url))).byteLength;
    gzipSizes.set(url, size);
  }
  return size;
}

function chain(route: RouteEntry): RouteEntry[] {
  const parent = route.parentId ? manifest.routes[route.parentId] : undefined;
  return parent ? [...chain(parent), route] : [route];
}

const parentIds = new Set(Object.values(manifest.routes).map((route) => route.parentId));
const pages = Object.values(manifest.routes)
  .filter((route) => !parentIds.has(route.id))
  .map((route) => {
    const files = new Set<string>([
      `/build/${manifestFile}`,
      manifest.entry.module,
      ...manifest.entry.imports,
    ]);
    for (const step of chain(route)) {
      files.add(step.module);
      for (const file of step.imports ?? []) files.add(file);
    }
    const bytes = [...files].reduce((sum, file) => sum + gzipSize(file), 0);
    return { id: route.id, kib: bytes / 1024 };
  })
  .sort((a, b) => b.kib - a.kib);

for (const page of pages) console.log(`${page.kib.toFixed(1).padStart(7)} KiB  ${page.id}`);
const sizes = pages.map((page) => page.kib);
const median = sizes[Math.floor(sizes.length / 2)] ?? 0;
console.log(
  `\n${pages.length} Seiten · größte ${sizes[0]?.toFixed(1)} KiB · Median ${median.toFixed(1)} KiB · kleinste ${sizes.at(-1)?.toFixed(1)} KiB (gzip)`,
);
