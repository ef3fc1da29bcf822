import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, openSync, readFileSync, readdirSync, statSync } from "node:fs";
import { connect, createServer } from "node:net";
import path from "node:path";

/**
 * Real processes for multi-instance tests: the portal server (`tsx server/index.ts`, as
 * tests/e2e/global-setup.ts starts it) and a private redis-server that a test may restart
 * without disturbing other test files that use the machine's Redis at the same time.
 */

const root = process.cwd();

/** A port nobody listens on right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("port")),
      );
    });
  });
}

function newestChange(directory: string): number {
  let newest = 0;
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const full = path.join(directory, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestChange(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** `npm run build` unless build/index.js is newer than everything in app/ (about 3 s). */
export function buildIfStale(): void {
  const buildFile = path.join(root, "build", "index.js");
  const sources = Math.max(
    newestChange(path.join(root, "app")),
    statSync(path.join(root, "remix.config.js")).mtimeMs,
    statSync(path.join(root, "package-lock.json")).mtimeMs,
  );
  if (existsSync(buildFile) && statSync(buildFile).mtimeMs > sources) return;
  const result = spawnSync("npm", ["run", "build"], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, NODE_ENV: "production" },
  });
  if (result.status !== 0)
    throw new Error(`npm run build ist fehlgeschlagen:\n${result.stdout}\n${result.stderr}`);
}

export function tail(file: string, lines = 40): string {
  try {
    return readFileSync(file, "utf8").split("\n").slice(-lines).join("\n");
  } catch {
    return "(kein Log)";
  }
}

const exited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

/** Ends a process group started with `detached: true` (tsx runs node as its child). */
export async function stopProcessGroup(child: ChildProcess | undefined): Promise<void> {
  if (!child?.pid || exited(child)) return;
  const gone = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, name);
    } catch {
      // Already gone.
    }
  };
  signal("SIGTERM");
  const timer = setTimeout(() => signal("SIGKILL"), 8_000);
  await gone;
  clearTimeout(timer);
}

export interface PortalProcess {
  url: string;
  child: ChildProcess;
  logFile: string;
}

/** One portal server in production mode; resolves once /healthz answers. */
export async function startPortalProcess(options: {
  port: number;
  logFile: string;
  env: Record<string, string>;
}): Promise<PortalProcess> {
  const log = openSync(options.logFile, "a");
  const child = spawn(path.join(root, "node_modules", ".bin", "tsx"), ["server/index.ts"], {
    cwd: root,
    detached: true,
    stdio: ["ignore", log, log],
    env: {
      ...process.env,
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      PORT: String(options.port),
      SEED_DEMO_DATA: "false",
      SMTP_URL: "",
      PUBLIC_URL: "",
      MEILI_HOST: "",
      ...options.env,
    },
  });
  const url = `http://127.0.0.1:${options.port}`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (exited(child)) throw new Error(`Der Server hat sich beendet:\n${tail(options.logFile)}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) return { url, child, logFile: options.logFile };
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await stopProcessGroup(child);
  throw new Error(`Der Server war nach 60 s nicht bereit:\n${tail(options.logFile)}`);
}

/** Whether a Redis server answers PING on the port. */
export function redisAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port });
    const done = (answer: boolean) => {
      socket.destroy();
      resolve(answer);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.once("error", () => done(false));
    socket.once("connect", () => socket.write("PING\r\n"));
    socket.once("data", (data) => done(data.toString().startsWith("+PONG")));
  });
}

export function hasRedisServer(): boolean {
  return spawnSync("redis-server", ["--version"], { encoding: "utf8" }).status === 0;
}

/**
 * A redis-server of the test's own, kept in memory only like the machine's (`--save ""
 * --appendonly no`): a restart loses everything in it, streams and sessions included.
 */
export class RedisProcess {
  private child: ChildProcess | undefined;

  constructor(
    readonly port: number,
    private readonly directory: string,
    private readonly logFile: string,
  ) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const log = openSync(this.logFile, "a");
    this.child = spawn(
      "redis-server",
      [
        "--port",
        String(this.port),
        "--bind",
        "127.0.0.1",
        "--save",
        "",
        "--appendonly",
        "no",
        "--dir",
        this.directory,
      ],
      { stdio: ["ignore", log, log] },
    );
    const deadline = Date.now() + 10_000;
    while (!(await redisAnswers(this.port))) {
      if (exited(this.child) || Date.now() > deadline)
        throw new Error(`redis-server startet nicht:\n${tail(this.logFile)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Shuts the server down as `redis-cli shutdown nosave` would (SIGTERM, no snapshot). */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || exited(child)) return;
    const gone = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
    await gone;
    clearTimeout(timer);
  }
}
