import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { request as httpRequest, type RequestOptions } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { createClient } from "redis";
import {
  RedisProcess,
  buildIfStale,
  exitOf,
  freePort,
  hasRedisServer,
  postgresUser,
  spawnPortalProcess,
  stopProcessGroup,
  tail,
  waitUntilHealthy,
  type PortalProcess,
} from "#tests/helpers/server-processes";
import { preparePortalDatabase, type Person } from "#tests/helpers/portal-database";

/**
 * The real server process at its edges: refused start-ups say why in one line, a shutdown
 * answers what it accepted, Redis may come after the server, and state changes need a source.
 * Runs on PGlite and, with DATABASE_URL, on this file's PostgreSQL database.
 */

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Starting a server takes a few seconds, much longer on a busy machine. */
const SERVER_TEST_TIMEOUT = 90_000;
const started: PortalProcess[] = [];
let workDir: string;

beforeAll(() => {
  workDir = mkdtempSync(path.join(tmpdir(), "portal-lifecycle-"));
  buildIfStale();
}, 120_000);

afterAll(async () => {
  await Promise.all(started.map((portal) => stopProcessGroup(portal.child)));
  if (workDir) rmSync(workDir, { recursive: true, force: true });
}, 30_000);

afterEach((context) => {
  if (context.task.result?.state !== "fail") return;
  for (const portal of started) console.info(`Log ${portal.url}:\n${tail(portal.logFile)}`);
});

async function spawnPortal(
  name: string,
  env: Record<string, string>,
  options: { port?: number; user?: { uid: number; gid: number }; preload?: string[] } = {},
): Promise<PortalProcess> {
  const portal = spawnPortalProcess({
    port: options.port ?? (await freePort()),
    logFile: path.join(workDir, `${name}.log`),
    env,
    user: options.user,
    preload: options.preload,
  });
  started.push(portal);
  return portal;
}

const logOf = (portal: PortalProcess) => readFileSync(portal.logFile, "utf8");
/** A stack trace line as Node prints it. */
const stackLine = /^\s+at /m;

async function waitForLog(portal: PortalProcess, pattern: RegExp, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!pattern.test(logOf(portal))) {
    if (Date.now() > deadline)
      throw new Error(`${pattern} nicht im Log nach ${timeoutMs} ms:\n${tail(portal.logFile)}`);
    await pause(50);
  }
}

/** The process ends with exit code 1 after one readable line and no stack. */
async function expectReadableFailure(portal: PortalProcess, reason: RegExp) {
  expect(await exitOf(portal.child)).toBe(1);
  const log = logOf(portal);
  expect(log).toMatch(/^Start fehlgeschlagen \/ start-up failed: /m);
  expect(log).toMatch(reason);
  expect(log).not.toMatch(stackLine);
}

describe("Der Portal-Server als Prozess", () => {
  let portal: PortalProcess;
  let cookie: string;
  let person: Person;
  let databaseEnv: Record<string, string>;

  beforeAll(async () => {
    const prepared = await preparePortalDatabase(workDir);
    person = prepared.person;
    cookie = person.cookie;
    databaseEnv = prepared.env;
    portal = await spawnPortal(
      "main",
      { ...databaseEnv, SHUTDOWN_GRACE_MS: "10000" },
      { preload: ["./tests/helpers/loaded-modules.mjs"] },
    );
    await waitUntilHealthy(portal);
  }, 90_000);

  it("runs one copy of the application: the build's, with no module from app/ beside it", async () => {
    // A page that needs the database, the session and the request scope answers from that copy.
    expect((await fetch(`${portal.url}/netzwerk`, { headers: { cookie } })).status).toBe(200);
    const loaded = [
      ...new Set([...logOf(portal).matchAll(/^Modul geladen: (.+)$/gm)].map((line) => line[1])),
    ];
    expect(loaded).toContain("server/index.ts");
    expect(loaded).toContain("build/index.js");
    expect(loaded.filter((file) => file?.startsWith("app/"))).toEqual([]);
  });

  it("refuses state changes that name no source, and takes those from its own pages", async () => {
    const post = (headers: Record<string, string>) =>
      fetch(`${portal.url}/anmelden`, {
        method: "POST",
        redirect: "manual",
        headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
        body: "email=niemand%40example.org&password=falsch",
      }).then((response) => response.status);
    expect(await post({})).toBe(403);
    expect(await post({ referer: "https://evil.example.com/formular" })).toBe(403);
    expect(await post({ "sec-fetch-site": "same-site" })).toBe(403);
    expect(await post({ referer: `${portal.url}/anmelden` })).not.toBe(403);
    expect(await post({ "sec-fetch-site": "same-origin" })).not.toBe(403);
    expect(await post({ origin: portal.url })).not.toBe(403);
  });

  it(
    "says in one line that its port is taken, and exits with 1",
    async () => {
      const second = await spawnPortal(
        "port-taken",
        (await preparePortalDatabase(path.join(workDir, "port-taken"))).env,
        { port: Number(new URL(portal.url).port) },
      );
      await expectReadableFailure(second, /Port \d+ ist bereits belegt \/ port already in use/);
    },
    SERVER_TEST_TIMEOUT,
  );

  // Last in this block: it ends the server.
  it(
    "answers every accepted request on SIGTERM, 503 to late ones, and closes the database",
    async () => {
      /** A request on its own connection: its status, or the code of its failure. */
      const send = (
        options: RequestOptions,
        body?: { now: string; later: Promise<string> },
      ): Promise<number | string> =>
        new Promise((resolve) => {
          const request = httpRequest(portal.url, { ...options, agent: false }, (response) => {
            response.on("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? "?"));
            response.resume().on("end", () => resolve(response.statusCode!));
          });
          request.on("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? "?"));
          if (!body) return void request.end();
          request.write(body.now);
          void body.later.then((rest) => request.end(rest));
        });
      const page = () => send({ path: "/netzwerk", headers: { cookie } });
      // Logins whose form arrives in two parts, the second after the SIGTERM: surely accepted
      // and surely still running when the server is told to stop.
      let sigtermSeen: () => void;
      const afterSigterm = new Promise<void>((resolve) => (sigtermSeen = resolve));
      const form = new URLSearchParams({ email: person.email, password: person.password });
      const half = Math.floor(form.toString().length / 2);
      const slowLogin = () =>
        send(
          {
            method: "POST",
            path: "/anmelden",
            headers: {
              origin: portal.url,
              "content-type": "application/x-www-form-urlencoded",
              "content-length": String(form.toString().length),
            },
          },
          {
            now: form.toString().slice(0, half),
            later: afterSigterm.then(() => form.toString().slice(half)),
          },
        );
      const logins = Array.from({ length: 5 }, slowLogin);
      const burst = Array.from({ length: 30 }, page);
      await pause(500);

      process.kill(-portal.child.pid!, "SIGTERM");
      await waitForLog(portal, /SIGTERM empfangen/, 5_000);
      sigtermSeen!();
      const late = await Promise.all(Array.from({ length: 5 }, page));

      // The logins complete as logins do (a redirect into the portal).
      expect(await Promise.all(logins)).toEqual(Array(5).fill(302));
      // Page requests still in the kernel's queue when the server stopped listening were never
      // accepted: the kernel refuses or resets them. Nothing is cut or fails.
      const answers = await Promise.all(burst);
      for (const outcome of answers)
        expect([200, 503, "ECONNREFUSED", "ECONNRESET"]).toContain(outcome);
      for (const outcome of late) expect([503, "ECONNREFUSED"]).toContain(outcome);
      expect(await exitOf(portal.child)).toBe(0);
      const log = logOf(portal);
      const inFlight = Number(log.match(/(\d+) laufende Anfragen beim Herunterfahren/)?.[1]);
      expect(inFlight).toBeGreaterThanOrEqual(logins.length);
      // Every request the server had accepted was answered in full.
      const answered = answers.filter((outcome) => outcome === 200).length + logins.length;
      expect(answered).toBeGreaterThanOrEqual(inFlight);
      expect(log).toMatch(/0 nach Ablauf der Frist abgebrochen/);
      expect(log).toMatch(/Datenbank geschlossen \/ database closed/);
      expect(log).not.toMatch(stackLine);
    },
    SERVER_TEST_TIMEOUT,
  );
});

// Independent processes: these run side by side.
describe.concurrent("Der Start, wenn etwas fehlt", () => {
  it(
    "retries an unreachable PostgreSQL with a line per attempt, then gives up in one line",
    async () => {
      const portal = await spawnPortal("no-database", {
        DATABASE_URL: `postgresql://postgres@127.0.0.1:${await freePort()}/portal`,
        DATABASE_WAIT_MS: "2500",
      });
      await expectReadableFailure(portal, /Datenbank nach 2\.5 s nicht erreichbar/);
      const retries = logOf(portal).match(
        /^Datenbank nicht erreichbar .*ECONNREFUSED.*neuer Versuch/gm,
      );
      expect(retries?.length).toBeGreaterThanOrEqual(2);
    },
    SERVER_TEST_TIMEOUT,
  );

  it(
    "names a data directory it cannot create",
    async () => {
      const file = path.join(workDir, "eine-datei");
      writeFileSync(file, "");
      const portal = await spawnPortal("data-dir-missing", {
        DATABASE_URL: "",
        PGLITE_DATA_DIR: path.join(file, "pglite"),
      });
      await expectReadableFailure(portal, /Datenverzeichnis .* kann nicht angelegt werden/);
    },
    SERVER_TEST_TIMEOUT,
  );

  it(
    "names a read-only data directory",
    async () => {
      // root may write anywhere: the server then runs as an ordinary user.
      const user = process.getuid?.() === 0 ? postgresUser() : undefined;
      chmodSync(workDir, 0o755);
      const dataDir = path.join(workDir, "read-only");
      mkdirSync(dataDir);
      chmodSync(dataDir, 0o555);
      const portal = await spawnPortal(
        "data-dir-read-only",
        { DATABASE_URL: "", PGLITE_DATA_DIR: dataDir },
        { user },
      );
      await expectReadableFailure(portal, /Datenverzeichnis .* ist nicht beschreibbar/);
    },
    SERVER_TEST_TIMEOUT,
  );

  it.skipIf(!hasRedisServer())(
    "opens its port while Redis is down, and connects once Redis is there",
    async ({ expect }) => {
      const redis = new RedisProcess(await freePort(), workDir, path.join(workDir, "redis.log"));
      const { env } = await preparePortalDatabase(path.join(workDir, "redis-later"));
      const portal = await spawnPortal("redis-later", { ...env, REDIS_URL: redis.url });
      try {
        await waitUntilHealthy(portal);
        await waitForLog(portal, /Redis nicht erreichbar \/ Redis unreachable/);
        await redis.start();
        await waitForLog(portal, /Redis verbunden \/ Redis connected/);
        // The socket.io adapter reads its stream on this Redis (a blocking XREAD).
        const client = createClient({ url: redis.url });
        await client.connect();
        try {
          await expect
            .poll(() => client.clientList(), { timeout: 10_000 })
            .toContainEqual(expect.objectContaining({ cmd: "xread" }));
        } finally {
          await client.quit();
        }
      } finally {
        await stopProcessGroup(portal.child);
        await redis.stop();
      }
    },
    SERVER_TEST_TIMEOUT,
  );
});
