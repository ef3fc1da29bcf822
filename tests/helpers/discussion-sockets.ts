import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Server } from "socket.io";
import { io as connect, type Socket } from "socket.io-client";
import { validateSessionToken } from "~/auth/session.server";
import type { EventAnswer, JoinAnswer } from "~/discussions/socket.server";
import type { PostView } from "~/realtime/hub.server";
import { registerRealtime } from "~/realtime/connections.server";

/**
 * socket.io servers and clients for the discussion tests, and the client-side model of a thread
 * page: posts in a map keyed by id, a change applied only if it is newer than what is shown,
 * listed by creation sequence, and a re-join with the last seen change after every connect.
 */

export interface SocketInstance {
  io: Server;
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * A socket.io server wired as server/app.ts wires it: connection state recovery with the
 * middlewares run again, and with REDIS_URL the Redis streams adapter (on a stream of its own,
 * so test files running side by side do not share one).
 */
export async function startSocketInstance(
  options: { streamName?: string; port?: number } = {},
): Promise<SocketInstance> {
  const http: HttpServer = createServer();
  const io = new Server(http, {
    serveClient: false,
    connectionStateRecovery: { maxDisconnectionDuration: 2 * 60 * 1000, skipMiddlewares: false },
  });
  let closeRedis: (() => Promise<void>) | undefined;
  if (process.env.REDIS_URL) {
    const { createClient } = await import("redis");
    const { createAdapter } = await import("@socket.io/redis-streams-adapter");
    const redis = createClient({ url: process.env.REDIS_URL });
    redis.on("error", () => undefined);
    await redis.connect();
    io.adapter(
      createAdapter(redis, { streamName: options.streamName ?? `discussion-test-${process.pid}` }),
    );
    closeRedis = async () => {
      await redis.quit();
    };
  }
  registerRealtime(io, { validateSessionToken });
  await new Promise<void>((resolve) => http.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = http.address() as AddressInfo;
  return {
    io,
    port,
    url: `http://127.0.0.1:${port}`,
    async close() {
      await io.close();
      await closeRedis?.();
    },
  };
}

/** A browser's socket: the session cookie and a same-origin Origin header, WebSocket only. */
export function openClient(url: string, cookie: string, options: { reconnect?: boolean } = {}) {
  return connect(url, {
    transports: ["websocket"],
    forceNew: true,
    reconnection: options.reconnect ?? false,
    reconnectionDelay: 100,
    reconnectionDelayMax: 500,
    randomizationFactor: 0,
    extraHeaders: { cookie, origin: `http://${new URL(url).host}` },
  });
}

export function connected(socket: Socket): Promise<void> {
  if (socket.connected) return Promise.resolve();
  return new Promise((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", reject);
  });
}

export function ask<Answer = EventAnswer>(
  socket: Socket,
  event: string,
  ...payload: unknown[]
): Promise<Answer> {
  return socket.timeout(5_000).emitWithAck(event, ...payload) as Promise<Answer>;
}

export function join(socket: Socket, threadId: string, afterChange?: number) {
  return ask<JoinAnswer>(
    socket,
    "thread:join",
    afterChange === undefined ? { threadId } : { threadId, afterChange },
  );
}

/** Every event a socket received, in order, for assertions about what it did not get. */
export function recordEvents(socket: Socket): { name: string; payload: unknown }[] {
  const events: { name: string; payload: unknown }[] = [];
  socket.onAny((name: string, payload: unknown) => events.push({ name, payload }));
  return events;
}

export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Zeitüberschreitung beim Warten auf: ${what}`);
    await pause(20);
  }
}

export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The thread page's state: what it shows and which changes it applied. */
export class ThreadPage {
  readonly posts = new Map<string, PostView>();
  /** Every change the page applied: a post created once and changed n times appears n + 1 times. */
  readonly applied: { id: string; changeSequence: number }[] = [];
  /** Every `discussion:post` that reached the socket, duplicates included. */
  delivered = 0;
  lastChange = 0;
  connects = 0;
  recoveredConnects = 0;
  joinAnswers: JoinAnswer[] = [];

  constructor(readonly threadId: string) {}

  apply(post: PostView): void {
    if (post.threadId !== this.threadId) return;
    this.lastChange = Math.max(this.lastChange, post.changeSequence);
    const shown = this.posts.get(post.id);
    if (shown && shown.changeSequence >= post.changeSequence) return;
    this.posts.set(post.id, post);
    this.applied.push({ id: post.id, changeSequence: post.changeSequence });
  }

  /** What the page lists, in creation order. */
  ordered(): PostView[] {
    return [...this.posts.values()].sort((a, b) => a.sequence - b.sequence);
  }

  texts(): string[] {
    return this.ordered().map((post) => post.html ?? `(${post.state})`);
  }
}

/**
 * Opens the thread page on a socket as the page's script does: live posts go into the page, and
 * on every connect (the first, a recovered one, or one after a server restart) the page joins
 * with the last change it has seen and applies what the answer brings.
 */
export function followThread(socket: Socket, threadId: string): ThreadPage {
  const page = new ThreadPage(threadId);
  socket.on("discussion:post", (post: PostView) => {
    if (post.threadId === threadId) page.delivered += 1;
    page.apply(post);
  });
  const joinNow = async () => {
    page.connects += 1;
    if (socket.recovered) page.recoveredConnects += 1;
    const answer = await join(socket, threadId, page.lastChange);
    page.joinAnswers.push(answer);
    if (answer.ok) for (const post of answer.changes) page.apply(post);
  };
  socket.on("connect", () => void joinNow().catch(() => undefined));
  if (socket.connected) void joinNow().catch(() => undefined);
  return page;
}
