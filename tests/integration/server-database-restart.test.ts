import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { openDatabase } from "~/db/client.server";
import { loggedInPerson, withDatabase } from "#tests/helpers/portal-database";
import {
  PostgresCluster,
  buildIfStale,
  exited,
  freePort,
  postgresClusterUnavailable,
  spawnPortalProcess,
  stopProcessGroup,
  tail,
  waitUntilHealthy,
  type PortalProcess,
} from "#tests/helpers/server-processes";

/**
 * The restart test: a PostgreSQL cluster of this test's own (never the machine's) goes
 * away for 10 s while pages are requested; the server lives through it, answers 503 with a German
 * page meanwhile, and serves normally within a second after the database is back. The same
 * cluster is not running yet when the server starts: the server waits for it.
 */

const skipReason = !process.env.DATABASE_URL
  ? "DATABASE_URL ist nicht gesetzt"
  : postgresClusterUnavailable();
if (skipReason) console.info(`PostgreSQL-Neustart-Test übersprungen: ${skipReason}.`);

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const OUTAGE_MS = 10_000;

interface Sample {
  at: number;
  what: "page" | "data" | "healthz";
  status: number;
  body: string;
}

describe.skipIf(skipReason)("Ein Neustart von PostgreSQL", () => {
  let workDir: string;
  let cluster: PostgresCluster;
  let portal: PortalProcess;
  let cookie: string;

  beforeAll(async () => {
    workDir = mkdtempSync(path.join(tmpdir(), "portal-pg-restart-"));
    buildIfStale();
    cluster = new PostgresCluster(await freePort(), workDir);
    cluster.init();
    portal = spawnPortalProcess({
      port: await freePort(),
      logFile: path.join(workDir, "server.log"),
      env: { DATABASE_URL: cluster.url, DATABASE_WAIT_MS: "0", COOKIE_SECURE: "true" },
    });
    // Database down at start: the server says so and keeps trying instead of exiting.
    const deadline = Date.now() + 30_000;
    while (!/^Datenbank nicht erreichbar .*neuer Versuch/m.test(log())) {
      if (exited(portal.child) || Date.now() > deadline)
        throw new Error(`Kein Wiederholungsversuch im Log:\n${tail(portal.logFile)}`);
      await pause(100);
    }
    cluster.start();
    await waitUntilHealthy(portal);
    const handle = await openDatabase({ databaseUrl: cluster.url, poolSize: 1 });
    try {
      cookie = (await withDatabase(handle, loggedInPerson)).cookie;
    } finally {
      await handle.close();
    }
  }, 120_000);

  afterAll(async () => {
    await stopProcessGroup(portal?.child);
    cluster?.stopIfRunning();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  }, 30_000);

  afterEach((context) => {
    if (context.task.result?.state === "fail") console.info(`Server-Log:\n${tail(portal.logFile)}`);
  });

  const log = () => readFileSync(portal.logFile, "utf8");

  async function sample(what: Sample["what"]): Promise<Sample> {
    const at = Date.now();
    const url = {
      page: "/netzwerk",
      data: "/netzwerk?_data=routes%2F_app.netzwerk",
      healthz: "/healthz",
    }[what];
    const response = await fetch(`${portal.url}${url}`, {
      headers: { cookie },
      redirect: "manual",
    });
    return { at, what, status: response.status, body: await response.text() };
  }

  it("answers 503 while the database is away and serves again within a second", async () => {
    const samples: Sample[] = [];
    let trickling = true;
    const trickle = (async () => {
      while (trickling) {
        samples.push(...(await Promise.all([sample("page"), sample("data"), sample("healthz")])));
        await pause(100);
      }
    })();

    await pause(1_000);
    const down = Date.now();
    cluster.stop();
    await pause(OUTAGE_MS);
    cluster.start(); // returns once the cluster accepts connections
    const up = Date.now();
    await pause(3_000);
    trickling = false;
    await trickle;

    expect(exited(portal.child), "Der Server lebt noch").toBe(false);
    const before = samples.filter((s) => s.at < down - 200);
    const during = samples.filter((s) => s.at > down + 200 && s.at < up - 200);
    const after = samples.filter((s) => s.at > up + 1_000);
    expect(before.length).toBeGreaterThan(0);
    expect(during.length).toBeGreaterThan(20);
    expect(after.length).toBeGreaterThan(0);

    for (const s of before) expect(s.status, `${s.what} vor dem Ausfall`).toBe(200);
    for (const s of after)
      expect(s.status, `${s.what} ${s.at - up} ms nach dem Neustart`).toBe(200);
    for (const s of during) {
      expect(s.status, `${s.what} während des Ausfalls`).toBe(503);
      if (s.what !== "healthz") expect(s.body).toMatch(/vorübergehend nicht erreichbar/i);
    }
    // The document is the portal's own page (layout and German error text), not a bare message.
    expect(during.find((s) => s.what === "page")!.body).toContain('<html lang="de"');
    // Whatever was asked at the edges of the outage got 200 or 503, never an error page.
    for (const s of samples) expect([200, 503]).toContain(s.status);
    expect(log()).not.toMatch(/^\s+at /m);
  }, 60_000);
});
