/**
 * The server side of `npm run bench:realtime`, started as a child process by bench/realtime.ts.
 *
 * BENCH_MODE=socketio: the portal's real-time path: socket.io with the production options
 * (server/realtime-server.ts: connection state recovery, Redis streams adapter when REDIS_URL is
 * set), sockets authenticated from session cookies, thread rooms joined through the permission
 * check, and every message written by the discussions domain (createPost: database insert, then
 * the emit to the thread's room).
 * BENCH_MODE=ws: the baseline: a plain `ws` server that sends the same bytes to every client.
 *
 * Both answer POST /bench/post (body: the message text) once the message is handed to the
 * transport, and GET /bench/rss with the resident set size after a full garbage collection
 * (run with --expose-gc).
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { WebSocketServer, type WebSocket } from "ws";
import { validateSessionToken } from "~/auth/session.server";
import { getThreadRecord } from "~/discussions/access.server";
import { createPost } from "~/discussions/posts.server";
import { renderRichText } from "~/rich-text/render.server";
import { parseRichTextPlainText } from "~/rich-text/schema";
import { setRealtimeServer } from "~/realtime/hub.server";
import { openConfiguredDatabase } from "../scripts/db-connection";
import { createRealtimeServer } from "../server/realtime-server";
import { registerRealtime } from "~/realtime/connections.server";

const mode = process.env.BENCH_MODE === "ws" ? "ws" : "socketio";
const port = Number(process.env.PORT);

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}

function rssAfterGc(): number {
  (globalThis as { gc?: () => void }).gc?.();
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().rss;
}

async function control(
  request: IncomingMessage,
  response: ServerResponse,
  post: (text: string) => Promise<void>,
): Promise<boolean> {
  if (request.method === "POST" && request.url === "/bench/post") {
    await post(await readBody(request));
    response.writeHead(204).end();
    return true;
  }
  if (request.method === "GET" && request.url === "/bench/rss") {
    response.writeHead(200, { "content-type": "application/json" });
    response.end(JSON.stringify({ rss: rssAfterGc() }));
    return true;
  }
  if (request.url === "/healthz") {
    response.writeHead(200).end("ok");
    return true;
  }
  return false;
}

/** The HTTP server of both modes: the control routes, 404 for anything else. */
function createControlServer(post: (text: string) => Promise<void>) {
  return createServer((request, response) => {
    control(request, response, post)
      .then((handled) => {
        if (!handled) response.writeHead(404).end();
      })
      .catch((error: unknown) => {
        response.writeHead(500).end(String(error));
      });
  });
}

async function startSocketIo(): Promise<void> {
  await openConfiguredDatabase();
  const threadId = process.env.BENCH_THREAD_ID!;
  const author = {
    id: process.env.BENCH_AUTHOR_ID!,
    organizationId: process.env.BENCH_AUTHOR_ORGANIZATION_ID!,
    name: "Benchmark",
  };
  const thread = await getThreadRecord(threadId);
  if (!thread) throw new Error(`thread ${threadId} missing`);
  const post = async (text: string) => {
    const parsed = parseRichTextPlainText(text);
    if (!parsed.ok) throw new Error(parsed.message);
    await createPost(author, thread, { document: parsed.doc });
  };
  const httpServer = createControlServer(post);
  const realtime = await createRealtimeServer(httpServer, { redisUrl: process.env.REDIS_URL });
  registerRealtime(realtime.io, { validateSessionToken });
  setRealtimeServer(realtime.io);
  httpServer.listen(port, "127.0.0.1");
  // Keeps the renderer warm so the first measured message costs what later ones do.
  renderRichText({ type: "doc", content: [{ type: "paragraph" }] });
}

function startWs(): void {
  const clients = new Set<WebSocket>();
  let sequence = 0;
  const post = async (text: string) => {
    sequence += 1;
    // The same shape and size as the socket.io path's PostView.
    const payload = JSON.stringify({
      id: String(sequence),
      threadId: "bench",
      sequence,
      changeSequence: sequence,
      authorId: "bench",
      authorName: "Benchmark",
      organizationName: "Benchmark",
      createdAt: new Date().toISOString(),
      editedAt: null,
      state: "visible",
      html: `<p>${text}</p>`,
    });
    for (const client of clients) client.send(payload);
  };
  const httpServer = createControlServer(post);
  const wss = new WebSocketServer({ server: httpServer });
  wss.on("connection", (socket) => {
    clients.add(socket);
    socket.on("close", () => clients.delete(socket));
  });
  httpServer.listen(port, "127.0.0.1");
}

if (mode === "ws") startWs();
else await startSocketIo();
