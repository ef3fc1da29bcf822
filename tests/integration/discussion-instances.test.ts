import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import type { Socket } from "socket.io-client";
import { inject } from "vitest";
import { getDb } from "~/db/client.server";
import { listPostViews } from "~/discussions/posts.server";
import { getEnv } from "~/env.server";
import {
  followThread,
  openClient,
  pause,
  waitFor,
  type ThreadPage,
} from "#tests/helpers/discussion-sockets";
import { buildDiscussionWorld, type Member } from "#tests/helpers/discussion-world";
import {
  RedisProcess,
  buildIfStale,
  freePort,
  hasRedisServer,
  startPortalProcess,
  stopProcessGroup,
  tail,
  type PortalProcess,
} from "#tests/helpers/server-processes";
import { databaseUrlFor } from "#tests/setup/template";

/**
 * The multi-instance test: two real server processes on one PostgreSQL database and one
 * Redis. A reply posted through instance A (the page's form action) reaches a client of
 * instance B; then Redis is restarted while replies keep coming, and every one of them ends up
 * on B's page exactly once, in order: live, or through the catch-up after a reconnect.
 *
 * The Redis is a redis-server of this test's own (in memory, like the machine's): restarting the
 * machine's Redis would pull it away from the other test files running at the same time.
 */

const missing = [
  ...(process.env.DATABASE_URL ? [] : ["DATABASE_URL"]),
  ...(process.env.REDIS_URL ? [] : ["REDIS_URL"]),
];
const runnable = missing.length === 0 && hasRedisServer();
if (missing.length > 0) {
  console.info(`Zwei-Instanzen-Test übersprungen: ${missing.join(" und ")} nicht gesetzt.`);
} else if (!runnable) {
  console.info("Zwei-Instanzen-Test übersprungen: redis-server ist nicht installiert.");
}

describe.skipIf(!runnable)("Diskussionen auf zwei Server-Instanzen", () => {
  let workDir: string;
  let redis: RedisProcess;
  let instanceA: PortalProcess;
  let instanceB: PortalProcess;
  let threadId: string;
  let poster: Member;
  let reader: Member;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    workDir = mkdtempSync(path.join(tmpdir(), "portal-instances-"));
    buildIfStale();
    redis = new RedisProcess(await freePort(), workDir, path.join(workDir, "redis.log"));
    await redis.start();

    const world = await buildDiscussionWorld();
    threadId = await world.freshThread("Zwei Instanzen");
    poster = world.author;
    reader = await world.persona("otherOrgStaff");

    // Both processes use this test file's own database, the one the factories just wrote to.
    const template = inject("databaseTemplate");
    if (template.kind !== "postgres") throw new Error("PostgreSQL erwartet");
    const { rows } = (await getDb().execute(sql`select current_database() as name`)) as unknown as {
      rows: { name: string }[];
    };
    const env = {
      DATABASE_URL: databaseUrlFor(template.adminUrl, rows[0]!.name),
      REDIS_URL: redis.url,
      // The session cookies come from this process: the servers must call them the same.
      COOKIE_SECURE: getEnv().cookieSecure ? "true" : "false",
      PGLITE_DATA_DIR: path.join(workDir, "pglite"),
    };
    const portA = await freePort();
    let portB = await freePort();
    while (portB === portA) portB = await freePort();
    const started = await Promise.all(
      [portA, portB].map((port, index) =>
        startPortalProcess({ port, env, logFile: path.join(workDir, `server-${index}.log`) }),
      ),
    );
    instanceA = started[0]!;
    instanceB = started[1]!;
  }, 120_000);

  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await Promise.all([instanceA, instanceB].map((instance) => stopProcessGroup(instance?.child)));
    await redis?.stop();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  }, 30_000);

  afterEach((context) => {
    if (context.task.result?.state !== "fail") return;
    for (const instance of [instanceA, instanceB])
      if (instance) console.info(`Log ${instance.url}:\n${tail(instance.logFile)}`);
  });

  /** The thread page of the reader, open in a browser connected to the instance. */
  async function openPage(instance: PortalProcess): Promise<{ socket: Socket; page: ThreadPage }> {
    const socket = openClient(instance.url, reader.cookie, { reconnect: true });
    sockets.push(socket);
    const page = followThread(socket, threadId);
    await waitFor(() => page.joinAnswers.some((answer) => answer.ok), `Join bei ${instance.url}`);
    return { socket, page };
  }

  /** The reply form of the thread page, sent as the browser sends it. */
  async function reply(instance: PortalProcess, text: string): Promise<void> {
    const response = await fetch(`${instance.url}/diskussionen/thema/${threadId}`, {
      method: "POST",
      redirect: "manual",
      headers: {
        cookie: poster.cookie,
        origin: instance.url,
        "content-type": "application/x-www-form-urlencoded",
      },
      body: new URLSearchParams({ intent: "reply", bodyText: text }),
    });
    expect(response.status, `Antwort auf „${text}“`).toBe(303);
  }

  const shows = (page: ThreadPage, text: string) => page.texts().includes(`<p>${text}</p>`);

  /** Each post once, each change applied once, the same list as stored, in creation order. */
  async function expectExactlyTheThread(page: ThreadPage) {
    expect(page.ordered()).toEqual(await listPostViews(threadId));
    const changes = page.applied.map((change) => `${change.id}@${change.changeSequence}`);
    expect(new Set(changes).size).toBe(changes.length);
  }

  it("delivers a reply posted through instance A to a client of instance B", async () => {
    const onA = await openPage(instanceA);
    const onB = await openPage(instanceB);
    await reply(instanceA, "Hallo aus Instanz A");
    await waitFor(() => shows(onB.page, "Hallo aus Instanz A"), "Antwort auf Instanz B");
    await waitFor(() => shows(onA.page, "Hallo aus Instanz A"), "Antwort auf Instanz A");
    await expectExactlyTheThread(onB.page);
  });

  it("delivers every reply exactly once while Redis restarts", async () => {
    const awake = await openPage(instanceB);
    // A second browser on B loses its connection during the outage and comes back by itself.
    const sleeper = await openPage(instanceB);

    // Replies follow each other closely from before the shutdown until after the restart, so
    // some are on their way through Redis at the moment it goes away.
    const texts: string[] = [];
    const outage = { endedAt: 0 };
    const posting = (async () => {
      while (outage.endedAt === 0 || Date.now() - outage.endedAt < 500) {
        const text = `Während des Redis-Neustarts ${texts.length + 1}`;
        texts.push(text);
        await reply(instanceA, text);
        await pause(30);
      }
    })();
    await pause(400);
    await redis.stop();
    sleeper.socket.io.engine.close();
    await pause(2_500);
    await redis.start();
    outage.endedAt = Date.now();
    await posting;

    for (const { page } of [awake, sleeper]) {
      await waitFor(
        () => texts.every((text) => shows(page, text)),
        `alle ${texts.length} Antworten auf Instanz B`,
        20_000,
      );
    }
    await pause(300);
    // Both pages reconnected (the servers close their transports when Redis goes away) and
    // caught up from the last change they had seen before the outage.
    expect(awake.page.connects).toBeGreaterThanOrEqual(2);
    expect(sleeper.page.connects).toBeGreaterThanOrEqual(2);
    for (const { page } of [awake, sleeper]) {
      await expectExactlyTheThread(page);
      const shown = page.texts();
      for (const text of texts)
        expect(shown.filter((html) => html === `<p>${text}</p>`)).toHaveLength(1);
    }
    // Both servers lived through it.
    for (const instance of [instanceA, instanceB])
      expect((await fetch(`${instance.url}/healthz`)).status).toBe(200);
  });
});
