/**
 * What every benchmark run does around its measurement: settings from the environment, clean-up
 * on failure and on Ctrl-C, a warning when the machine is already busy, and the results file in
 * bench/results/.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { stopAllChildren } from "./support";

/** The repository root: the portal is started and built from here. */
export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

function positiveFromEnv(name: string, fallback: number, integer: boolean): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (integer ? !Number.isInteger(value) || value <= 0 : !Number.isFinite(value) || value <= 0)
    throw new Error(
      `${name} muss eine positive ${integer ? "ganze " : ""}Zahl sein, ist "${raw}".`,
    );
  return value;
}

/** A positive number (e.g. seconds, fractions allowed) from the environment. */
export function numberFromEnv(name: string, fallback: number): number {
  return positiveFromEnv(name, fallback, false);
}

/** A positive whole number (e.g. a count) from the environment. */
export function integerFromEnv(name: string, fallback: number): number {
  return positiveFromEnv(name, fallback, true);
}

// --- clean-up ----------------------------------------------------------------------------------

const cleanups: Array<() => Promise<void> | void> = [];

/** Registers work for cleanUp(), e.g. dropping a scratch database; the newest runs first. */
export function onCleanUp(cleanup: () => Promise<void> | void): void {
  cleanups.push(cleanup);
}

/** Stops every child process, then runs the registered clean-ups; a failing one does not stop the rest. */
export async function cleanUp(): Promise<void> {
  await stopAllChildren();
  for (const cleanup of cleanups.splice(0).reverse()) {
    try {
      await cleanup();
    } catch (error) {
      console.error("Aufräumen fehlgeschlagen:", error instanceof Error ? error.message : error);
    }
  }
}

/**
 * Runs a benchmark's main function. On failure, and on Ctrl-C or SIGTERM, it cleans up first, so
 * that no server keeps running and no scratch database is left behind.
 */
export function runBenchmark(main: () => Promise<void>): void {
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
}

// --- machine -----------------------------------------------------------------------------------

/** "2 CPU-Kerne, Node v20…", for the first line of a run. */
export function machineSummary(): string {
  return `${os.cpus().length} CPU-Kerne, Node ${process.version}`;
}

/** Returns the load average before the run and warns if the machine is already busy. */
function warnIfBusy(): number[] {
  const loadBefore = os.loadavg();
  if ((loadBefore[0] ?? 0) > 0.5 * os.cpus().length) {
    console.log(
      `⚠ Die Maschine ist bereits ausgelastet (loadavg ${loadBefore.map((load) => load.toFixed(2)).join(" ")}) – ` +
        "die Zahlen werden ungenau.",
    );
  }
  return loadBefore;
}

// --- results -----------------------------------------------------------------------------------

/** The start of a run as it appears in file and database names: 2026-11-21T19-45-15-614Z. */
export function stampOf(startedAt: Date): string {
  return startedAt.toISOString().replace(/[:.]/g, "-");
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

/**
 * Writes bench/results/<name>-<stamp>.json: when, which commit, how loaded and which machine,
 * followed by the benchmark's own fields. Returns the path relative to the repository.
 */
function writeResults(
  name: string,
  run: { startedAt: Date; loadavg: { before: number[]; after: number[] } },
  fields: Record<string, unknown>,
): string {
  const resultsDir = path.join(root, "bench", "results");
  mkdirSync(resultsDir, { recursive: true });
  const file = path.join(resultsDir, `${name}-${stampOf(run.startedAt)}.json`);
  writeFileSync(
    file,
    JSON.stringify(
      {
        startedAt: run.startedAt.toISOString(),
        finishedAt: new Date().toISOString(),
        commit: gitCommit(),
        loadavg: run.loadavg,
        machine: {
          cpus: os.cpus().length,
          cpuModel: os.cpus()[0]?.model,
          node: process.version,
          platform: process.platform,
        },
        ...fields,
      },
      null,
      2,
    ) + "\n",
  );
  return path.relative(root, file);
}

// --- run ---------------------------------------------------------------------------------------

/** One measured run of a benchmark, from startRun(). */
export interface BenchRun {
  startedAt: Date;
  /** Ends the measurement: takes the load average after it, then cleanUp(). */
  finish(): Promise<void>;
  /**
   * Writes bench/results/<name>-<stamp>.json with the benchmark's fields (see writeResults) and
   * returns its path. The load average after is the one finish() took, else the current one.
   */
  save(name: string, fields: Record<string, unknown>): string;
}

/** Starts a measured run: prints its headline and warns if the machine is already busy. */
export function startRun(headline: string): BenchRun {
  const startedAt = new Date();
  console.log(headline);
  const before = warnIfBusy();
  let after: number[] | undefined;
  return {
    startedAt,
    async finish() {
      after = os.loadavg();
      await cleanUp();
    },
    save: (name, fields) =>
      writeResults(name, { startedAt, loadavg: { before, after: after ?? os.loadavg() } }, fields),
  };
}
