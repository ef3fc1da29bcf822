import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { chownSync, existsSync, openSync, readFileSync, readdirSync, statSync } from "node:fs";
import { connect, createServer } from "node:net";
import path from "node:path";

/**
 * Real processes for multi-instance and resilience tests: the portal server (`node --import tsx
 * server/index.ts`, as `npm run serve` starts it), and a private redis-server and
 * PostgreSQL cluster that a test may stop and restart without disturbing other test files that
 * use the machine's Redis and PostgreSQL at the same time.
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

export const exited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

/** Resolves with the exit code (or signal) once the process has ended. */
export function exitOf(child: ChildProcess): Promise<number | NodeJS.Signals | null> {
  if (exited(child)) return Promise.resolve(child.exitCode ?? child.signalCode);
  return new Promise((resolve) => child.once("exit", (code, signal) => resolve(code ?? signal)));
}

/** Ends a process group started with `detached: true` (with everything it started). */
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

/** A portal server in production mode, started without waiting for it to be ready. */
export function spawnPortalProcess(options: {
  port: number;
  logFile: string;
  env: Record<string, string>;
  /** Run as this user (the caller is root), e.g. to meet a directory root could write to. */
  user?: { uid: number; gid: number };
  /** Modules imported after tsx and before the server, e.g. tests/helpers/loaded-modules.mjs. */
  preload?: string[];
}): PortalProcess {
  const log = openSync(options.logFile, "a");
  // node with tsx's loader, not the tsx command: tsx kills its child (SIGKILL) when the child
  // does not confirm a SIGTERM within 60 ms, which a busy server cannot; shutdown would be lost.
  const preload = (options.preload ?? []).flatMap((module) => ["--import", module]);
  const child = spawn(process.execPath, ["--import", "tsx", ...preload, "server/index.ts"], {
    cwd: root,
    detached: true,
    stdio: ["ignore", log, log],
    ...options.user,
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
  return { url: `http://127.0.0.1:${options.port}`, child, logFile: options.logFile };
}

/** Waits until /healthz of the process answers 200. */
export async function waitUntilHealthy(portal: PortalProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exited(portal.child))
      throw new Error(`Der Server hat sich beendet:\n${tail(portal.logFile)}`);
    try {
      if ((await fetch(`${portal.url}/healthz`)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(
    `Der Server war nach ${timeoutMs / 1000} s nicht bereit:\n${tail(portal.logFile)}`,
  );
}

/** One portal server in production mode; resolves once /healthz answers. */
export async function startPortalProcess(options: {
  port: number;
  logFile: string;
  env: Record<string, string>;
}): Promise<PortalProcess> {
  const portal = spawnPortalProcess(options);
  try {
    await waitUntilHealthy(portal);
  } catch (error) {
    await stopProcessGroup(portal.child);
    throw error;
  }
  return portal;
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

/** The newest PostgreSQL installed the Debian way (/usr/lib/postgresql/<version>/bin). */
const postgresBin = (() => {
  const base = "/usr/lib/postgresql";
  const versions = existsSync(base) ? readdirSync(base).filter((name) => /^\d+$/.test(name)) : [];
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  return path.join(base, newest ?? "15", "bin");
})();

/** The `postgres` OS user: PostgreSQL refuses to run as root. */
export function postgresUser(): { uid: number; gid: number } | undefined {
  const uid = spawnSync("id", ["-u", "postgres"], { encoding: "utf8" });
  const gid = spawnSync("id", ["-g", "postgres"], { encoding: "utf8" });
  if (uid.status !== 0 || gid.status !== 0) return undefined;
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

const asRoot = () => process.getuid?.() === 0;

/** Why a private PostgreSQL cluster cannot be started here, or undefined when it can. */
export function postgresClusterUnavailable(): string | undefined {
  if (!existsSync(path.join(postgresBin, "initdb"))) return "initdb ist nicht installiert";
  if (asRoot() && !postgresUser()) return "es gibt keinen Benutzer postgres";
  return undefined;
}

/**
 * A PostgreSQL cluster of the test's own (initdb into a temporary directory, trust auth, a free
 * port, its socket in that directory), run as the `postgres` user when the test runs as root.
 */
export class PostgresCluster {
  private readonly dataDir: string;

  constructor(
    readonly port: number,
    private readonly directory: string,
  ) {
    this.dataDir = path.join(directory, "cluster");
  }

  /** The cluster's own database `postgres`. */
  get url(): string {
    return `postgresql://postgres@127.0.0.1:${this.port}/postgres`;
  }

  private run(command: string, args: string[]): void {
    const result = spawnSync(path.join(postgresBin, command), args, {
      cwd: this.directory,
      encoding: "utf8",
      ...(asRoot() ? postgresUser() : undefined),
    });
    if (result.status !== 0)
      throw new Error(`${command} ist fehlgeschlagen:\n${result.stdout}\n${result.stderr}`);
  }

  init(): void {
    const user = asRoot() ? postgresUser() : undefined;
    if (user) chownSync(this.directory, user.uid, user.gid);
    this.run("initdb", ["-D", this.dataDir, "-U", "postgres", "--auth=trust", "-E", "UTF8"]);
  }

  start(): void {
    const options = `-p ${this.port} -k ${this.directory} -c listen_addresses=127.0.0.1 -c fsync=off`;
    const log = path.join(this.directory, "postgres.log");
    this.run("pg_ctl", ["start", "-w", "-D", this.dataDir, "-l", log, "-o", options]);
  }

  /** `pg_ctl stop -m fast`, as a restart of the database does it to its connections. */
  stop(): void {
    this.run("pg_ctl", ["stop", "-w", "-m", "fast", "-D", this.dataDir]);
  }

  /** Stops the cluster if it runs; for afterAll. */
  stopIfRunning(): void {
    if (existsSync(path.join(this.dataDir, "postmaster.pid"))) this.stop();
  }
}
