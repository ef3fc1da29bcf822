/**
 * Processes of the benchmarks (bench/http.ts, bench/referrals.ts): free ports, child processes
 * that are always cleaned up, and readiness polling.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";

export const PORT_RANGE = { first: 3200, last: 3299 } as const;

const takenPorts = new Set<number>();

function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once("error", () => resolve(false));
    probe.listen({ port, host: "127.0.0.1", exclusive: true }, () => {
      probe.close(() => resolve(true));
    });
  });
}

/** A port in 3200–3299 that is free now and was not handed out before in this run. */
export async function freePort(): Promise<number> {
  for (let port = PORT_RANGE.first; port <= PORT_RANGE.last; port++) {
    if (takenPorts.has(port)) continue;
    if (await isPortFree(port)) {
      takenPorts.add(port);
      return port;
    }
  }
  throw new Error(`Kein freier Port zwischen ${PORT_RANGE.first} und ${PORT_RANGE.last}.`);
}

export interface Child {
  name: string;
  process: ChildProcess;
  /** Last lines of stdout/stderr, for error messages. */
  output(): string;
  /** Rejects as soon as the process exits (used to abort waiting for readiness). */
  exited: Promise<never>;
  stop(): Promise<void>;
}

const children = new Set<Child>();

/**
 * Spawns a child in its own process group so that stop() also ends its descendants
 * (e.g. the tsx loader's worker), and so that a crash of this script leaves nothing behind.
 */
export function startChild(
  name: string,
  command: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string } = {},
): Child {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  const lines: string[] = [];
  const collect = (chunk: Buffer) => {
    for (const line of chunk.toString("utf8").split("\n")) {
      if (line.trim() === "") continue;
      lines.push(line);
      if (lines.length > 60) lines.shift();
    }
    if (process.env.BENCH_VERBOSE) process.stderr.write(`[${name}] ${chunk.toString("utf8")}`);
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);

  let exitedFlag = false;
  const exitPromise = new Promise<void>((resolve) => {
    child.once("exit", () => {
      exitedFlag = true;
      resolve();
    });
  });
  const exited = exitPromise.then(() => {
    throw new Error(
      `${name} hat sich unerwartet beendet (exit ${child.exitCode ?? child.signalCode}).\n${lines.join("\n")}`,
    );
  });
  exited.catch(() => undefined); // only awaited in races

  const handle: Child = {
    name,
    process: child,
    output: () => lines.join("\n"),
    exited,
    async stop() {
      children.delete(handle);
      if (exitedFlag || child.pid === undefined) return;
      killGroup(child.pid, "SIGTERM");
      const timeout = new Promise<"timeout">((resolve) =>
        setTimeout(() => resolve("timeout"), 8_000).unref(),
      );
      if ((await Promise.race([exitPromise, timeout])) === "timeout") {
        killGroup(child.pid, "SIGKILL");
        await exitPromise;
      }
      // The group may still hold descendants that ignored SIGTERM.
      killGroup(child.pid, "SIGKILL");
    },
  };
  children.add(handle);
  return handle;
}

function killGroup(pid: number, signal: NodeJS.Signals) {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

export async function stopAllChildren(): Promise<void> {
  await Promise.all([...children].map((child) => child.stop()));
}

// Last resort when the script dies: synchronous kill of every process group we started.
process.on("exit", () => {
  for (const child of children)
    if (child.process.pid !== undefined) killGroup(child.process.pid, "SIGKILL");
});

/** Polls `url` until it answers 200; fails if `child` exits first or after `timeoutMs`. */
export async function waitForOk(url: string, child: Child, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const poll = async () => {
    while (Date.now() < deadline) {
      try {
        const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
        await response.arrayBuffer();
        if (response.status === 200) return;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error(
      `${child.name}: ${url} antwortet nach ${timeoutMs / 1000} s nicht mit 200.\n${child.output()}`,
    );
  };
  await Promise.race([poll(), child.exited]);
}
