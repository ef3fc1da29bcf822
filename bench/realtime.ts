/**
 * Real-time benchmark of the Diskussionen: `npm run bench:realtime`.
 *
 * One server process (bench/realtime-server.ts) and BENCH_CLIENTS clients (default 1,000) in
 * this process, all in one thread room. Every message is 1 KB of text written through the
 * discussions domain (database insert, then socket.io emit to the room), and compared with a
 * plain `ws` server that sends the same bytes to the same number of clients, in the same run:
 *   - latency: BENCH_MESSAGES messages one after the other; for every client the time from
 *     handing the message to the server until the client has it (p50, p99);
 *   - saturation: BENCH_BURST messages at once (16 in flight); messages/s and deliveries/s until
 *     every client has every message;
 *   - memory per connected client: the server's RSS after a full GC with all clients connected,
 *     minus before, divided by the clients;
 *   - cross-instance: two socket.io processes sharing Redis (REDIS_URL, default
 *     redis://127.0.0.1:6379), clients on one, messages posted on the other (p50, p99).
 * Targets (issue 5): p99 < 100 ms for the 1,000-client room; fan-out throughput ≥ 30 % of the
 * `ws` baseline; cross-instance p99 ≤ single-instance p99 + 20 ms.
 *
 * Environment: BENCH_DATABASE_URL (admin connection, also BENCH_PG_ADMIN_URL; default
 * postgresql://postgres@127.0.0.1:5432/postgres), BENCH_CLIENTS, BENCH_MESSAGES (default 200),
 * BENCH_BURST (default 200), REDIS_URL, BENCH_KEEP_DB=1, BENCH_STRICT=1 (exit 2 when a target is
 * missed). Results go to bench/results/realtime-<timestamp>.json.
 */
import { randomUUID } from "node:crypto";
import { io as connect, type Socket } from "socket.io-client";
import WebSocket from "ws";
import { openDatabase, setDatabase } from "~/db/client.server";
import { runMigrations } from "~/db/migrate.server";
import { sessionRequestCookie } from "~/auth/cookie.server";
import { createSession } from "~/auth/session.server";
import { users } from "~/db/schema";
import { startChannelThread } from "~/discussions/posts.server";
import { parseRichTextPlainText } from "~/rich-text/schema";
import { createChannelFor } from "~/demo/discussion-factories.server";
import { admitToNetwork, createNetwork, createOrganization } from "~/demo/factories.server";
import { integerFromEnv, machineSummary, onCleanUp, root, runBenchmark, startRun } from "./harness";
import { adminUrlFromEnv, freshScratchDatabase } from "./scratch-database";
import { stats, type Stats } from "./server-timing";
import { freePort, startChild, waitForOk, type Child } from "./support";

const config = {
  adminUrl: adminUrlFromEnv(),
  databaseName: "portal_bench_realtime",
  clients: integerFromEnv("BENCH_CLIENTS", 1_000),
  messages: integerFromEnv("BENCH_MESSAGES", 200),
  burst: integerFromEnv("BENCH_BURST", 200),
  burstInFlight: 16,
  messageBytes: 1_024,
  redisUrl: process.env.REDIS_URL || "redis://127.0.0.1:6379",
  keep: process.env.BENCH_KEEP_DB === "1",
  strict: process.env.BENCH_STRICT === "1",
};

const targets = { p99Ms: 100, throughputShare: 0.3, crossInstanceExtraMs: 20 };

/** A 1 KB message whose first characters say which one it is. */
function messageText(index: number): string {
  const head = `[bench:${index}] `;
  const filler = "Wir suchen Montagehelfer für Solaranlagen, auch ohne Berufsabschluss. ";
  return (head + filler.repeat(20)).slice(0, config.messageBytes);
}
const indexPattern = /\[bench:(\d+)\]/;

interface Fixture {
  databaseUrl: string;
  threadId: string;
  author: { id: string; organizationId: string };
  cookies: string[];
}

async function prepareDatabase(): Promise<Fixture> {
  const databaseUrl = await freshScratchDatabase(config.adminUrl, config.databaseName, config.keep);
  const handle = await openDatabase({ databaseUrl });
  setDatabase(handle);
  onCleanUp(() => handle.close());
  await runMigrations(handle);

  const network = await createNetwork({ name: "Benchmark-Netzwerk", region: "Weimarer Land" });
  const organization = await createOrganization({ name: "Jobcenter Benchmark", kind: "jobcenter" });
  await admitToNetwork(network.id, organization.id);
  // Users are inserted directly: hashing 1,000 passwords would take a minute and is not measured.
  const rows = Array.from({ length: config.clients }, (_, index) => ({
    id: randomUUID(),
    organizationId: organization.id,
    email: `fachkraft-${index}@benchmark.example.org`,
    name: `Fachkraft ${index}`,
    passwordHash: "benchmark-no-login",
    role: "staff" as const,
  }));
  for (let start = 0; start < rows.length; start += 500)
    await handle.db.insert(users).values(rows.slice(start, start + 500));
  const cookies: string[] = [];
  for (const row of rows) {
    const session = await createSession(row.id);
    cookies.push(await sessionRequestCookie(session.token));
  }
  const author = { id: rows[0]!.id, organizationId: organization.id, name: rows[0]!.name };
  const channelId = await createChannelFor(author, network.id, { name: "Allgemein" });
  const first = parseRichTextPlainText("Willkommen im Benchmark.");
  if (!first.ok) throw new Error(first.message);
  const threadId = await startChannelThread(
    author,
    { id: channelId, networkId: network.id, employerAccess: "none", archived: false },
    "Benchmark-Thema",
    { document: first.doc },
  );
  return { databaseUrl, threadId, author, cookies };
}

interface Server {
  child: Child;
  url: string;
}

async function startServer(
  name: string,
  mode: "socketio" | "ws",
  fixture: Fixture,
  redisUrl?: string,
): Promise<Server> {
  const port = await freePort();
  const child = startChild(
    name,
    process.execPath,
    ["--expose-gc", "--import", "tsx", "bench/realtime-server.ts"],
    {
      cwd: root,
      env: {
        ...process.env,
        PORT: String(port),
        BENCH_MODE: mode,
        DATABASE_URL: fixture.databaseUrl,
        REDIS_URL: redisUrl ?? "",
        BENCH_THREAD_ID: fixture.threadId,
        BENCH_AUTHOR_ID: fixture.author.id,
        BENCH_AUTHOR_ORGANIZATION_ID: fixture.author.organizationId,
      },
    },
  );
  const url = `http://127.0.0.1:${port}`;
  await waitForOk(`${url}/healthz`, child, 60_000);
  return { child, url };
}

/** Receives messages on N connections and resolves when message i reached all of them. */
class Receivers {
  readonly receivedAt: number[][] = [];
  private readonly counts: number[] = [];
  private readonly waiters = new Map<number, () => void>();

  constructor(private readonly clients: number) {}

  record(text: string) {
    const match = indexPattern.exec(text);
    if (!match) return;
    const index = Number(match[1]);
    const now = performance.now();
    (this.receivedAt[index] ??= []).push(now);
    this.counts[index] = (this.counts[index] ?? 0) + 1;
    if (this.counts[index] === this.clients) this.waiters.get(index)?.();
  }

  all(index: number, timeoutMs = 30_000): Promise<void> {
    if ((this.counts[index] ?? 0) >= this.clients) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new Error(
              `Nachricht ${index}: nur ${this.counts[index] ?? 0} von ${this.clients} Clients erreicht.`,
            ),
          ),
        timeoutMs,
      );
      this.waiters.set(index, () => {
        clearTimeout(timer);
        this.waiters.delete(index);
        resolve();
      });
    });
  }
}

async function connectSocketIo(
  url: string,
  fixture: Fixture,
  receivers: Receivers,
): Promise<Socket[]> {
  const sockets: Socket[] = [];
  const batch = 50;
  for (let start = 0; start < fixture.cookies.length; start += batch) {
    await Promise.all(
      fixture.cookies.slice(start, start + batch).map(async (cookie) => {
        const socket = connect(url, {
          transports: ["websocket"],
          extraHeaders: { cookie },
          reconnection: false,
        });
        sockets.push(socket);
        socket.on("discussion:post", (post: { html: string | null }) =>
          receivers.record(post.html ?? ""),
        );
        await new Promise<void>((resolve, reject) => {
          socket.once("connect", () => resolve());
          socket.once("connect_error", reject);
        });
        const answer = (await socket.timeout(10_000).emitWithAck("thread:join", {
          threadId: fixture.threadId,
        })) as { ok: boolean };
        if (!answer.ok) throw new Error("thread:join abgelehnt");
      }),
    );
  }
  return sockets;
}

async function connectWs(url: string, receivers: Receivers): Promise<WebSocket[]> {
  const sockets: WebSocket[] = [];
  const batch = 50;
  for (let start = 0; start < config.clients; start += batch) {
    await Promise.all(
      Array.from({ length: Math.min(batch, config.clients - start) }, async () => {
        const socket = new WebSocket(url.replace("http", "ws"));
        sockets.push(socket);
        socket.on("message", (data) => receivers.record(data.toString()));
        await new Promise<void>((resolve, reject) => {
          socket.once("open", () => resolve());
          socket.once("error", reject);
        });
      }),
    );
  }
  return sockets;
}

async function post(url: string, index: number): Promise<void> {
  const response = await fetch(`${url}/bench/post`, { method: "POST", body: messageText(index) });
  if (response.status !== 204)
    throw new Error(`POST /bench/post: ${response.status} ${await response.text()}`);
}

async function rss(url: string): Promise<number> {
  const response = await fetch(`${url}/bench/rss`);
  return ((await response.json()) as { rss: number }).rss;
}

/** One message after the other; every client's delay from hand-over to receipt. */
async function measureLatency(
  postUrl: string,
  receivers: Receivers,
  offset: number,
): Promise<Stats> {
  const latencies: number[] = [];
  for (let i = 0; i < config.messages; i++) {
    const index = offset + i;
    const sentAt = performance.now();
    const arrived = receivers.all(index);
    await post(postUrl, index);
    await arrived;
    for (const at of receivers.receivedAt[index]!) latencies.push(at - sentAt);
  }
  return stats(latencies);
}

/** All messages as fast as the server takes them; until every client has every one. */
async function measureSaturation(postUrl: string, receivers: Receivers, offset: number) {
  const started = performance.now();
  const arrived = Promise.all(
    Array.from({ length: config.burst }, (_, i) => receivers.all(offset + i, 120_000)),
  );
  let next = 0;
  await Promise.all(
    Array.from({ length: config.burstInFlight }, async () => {
      while (next < config.burst) {
        const index = offset + next;
        next += 1;
        await post(postUrl, index);
      }
    }),
  );
  await arrived;
  const seconds = (performance.now() - started) / 1000;
  return {
    seconds,
    messagesPerSecond: config.burst / seconds,
    deliveriesPerSecond: (config.burst * config.clients) / seconds,
  };
}

interface TransportResult {
  latency: Stats;
  saturation: Awaited<ReturnType<typeof measureSaturation>>;
  bytesPerClient: number;
}

/** How the clients of one transport connect and leave again. */
interface Transport<Socket> {
  name: string;
  mode: "socketio" | "ws";
  connect: (url: string, receivers: Receivers) => Promise<Socket[]>;
  disconnect: (socket: Socket) => void;
}

/** One server of the transport with all clients connected: memory per client, latency, saturation. */
async function benchTransport<Socket>(
  transport: Transport<Socket>,
  fixture: Fixture,
): Promise<TransportResult> {
  const server = await startServer(transport.name, transport.mode, fixture);
  const before = await rss(server.url);
  const receivers = new Receivers(config.clients);
  const sockets = await transport.connect(server.url, receivers);
  const after = await rss(server.url);
  await measureLatency(server.url, receivers, 1_000_000); // warm-up, discarded
  const latency = await measureLatency(server.url, receivers, 0);
  const saturation = await measureSaturation(server.url, receivers, 2_000_000);
  for (const socket of sockets) transport.disconnect(socket);
  await server.child.stop();
  return { latency, saturation, bytesPerClient: (after - before) / config.clients };
}

const benchSocketIo = (fixture: Fixture) =>
  benchTransport(
    {
      name: "socket.io",
      mode: "socketio",
      connect: (url, receivers) => connectSocketIo(url, fixture, receivers),
      disconnect: (socket) => socket.disconnect(),
    },
    fixture,
  );

const benchWs = (fixture: Fixture) =>
  benchTransport<WebSocket>(
    { name: "ws", mode: "ws", connect: connectWs, disconnect: (socket) => socket.close() },
    fixture,
  );

async function benchCrossInstance(fixture: Fixture): Promise<Stats> {
  const posting = await startServer("socket.io A", "socketio", fixture, config.redisUrl);
  const receiving = await startServer("socket.io B", "socketio", fixture, config.redisUrl);
  const receivers = new Receivers(config.clients);
  const sockets = await connectSocketIo(receiving.url, fixture, receivers);
  await measureLatency(posting.url, receivers, 1_000_000);
  const latency = await measureLatency(posting.url, receivers, 0);
  for (const socket of sockets) socket.disconnect();
  await posting.child.stop();
  await receiving.child.stop();
  return latency;
}

const ms = (value: number) => `${value.toFixed(1)} ms`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

async function main() {
  const run = startRun(
    `bench:realtime – ${machineSummary()}, ${config.clients} Clients, Nachrichten je 1 KB`,
  );
  const fixture = await prepareDatabase();
  console.log("socket.io (Portal) …");
  const socketIo = await benchSocketIo(fixture);
  console.log("ws (Vergleich) …");
  const ws = await benchWs(fixture);
  console.log("socket.io über zwei Prozesse mit Redis …");
  const cross = await benchCrossInstance(fixture);
  await run.finish();

  const share = socketIo.saturation.deliveriesPerSecond / ws.saturation.deliveriesPerSecond;
  const verdicts = {
    p99: socketIo.latency.p99 < targets.p99Ms,
    throughput: share >= targets.throughputShare,
    crossInstance: cross.p99 <= socketIo.latency.p99 + targets.crossInstanceExtraMs,
  };
  console.log(`
| | p50 | p99 | Nachrichten/s | Zustellungen/s | Speicher je Client |
|---|---|---|---|---|---|
| socket.io (Portal, ein Prozess) | ${ms(socketIo.latency.p50)} | ${ms(socketIo.latency.p99)} | ${socketIo.saturation.messagesPerSecond.toFixed(0)} | ${socketIo.saturation.deliveriesPerSecond.toFixed(0)} | ${kb(socketIo.bytesPerClient)} |
| ws (Vergleich) | ${ms(ws.latency.p50)} | ${ms(ws.latency.p99)} | ${ws.saturation.messagesPerSecond.toFixed(0)} | ${ws.saturation.deliveriesPerSecond.toFixed(0)} | ${kb(ws.bytesPerClient)} |
| socket.io, zwei Prozesse + Redis | ${ms(cross.p50)} | ${ms(cross.p99)} | – | – | – |

Ziele: p99 < ${targets.p99Ms} ms: ${verdicts.p99 ? "PASS" : "FAIL"}; Durchsatz ${(share * 100).toFixed(0)} % von ws (≥ ${targets.throughputShare * 100} %): ${verdicts.throughput ? "PASS" : "FAIL"}; über Instanzen p99 ${ms(cross.p99)} ≤ ${ms(socketIo.latency.p99 + targets.crossInstanceExtraMs)}: ${verdicts.crossInstance ? "PASS" : "FAIL"}`);
  const file = run.save("realtime", {
    config,
    targets,
    socketIo,
    ws,
    crossInstance: cross,
    throughputShare: share,
    verdicts,
  });
  console.log(`Ergebnisse: ${file}`);
  if (config.strict && !Object.values(verdicts).every(Boolean)) process.exit(2);
  process.exit(0);
}

runBenchmark(main);
