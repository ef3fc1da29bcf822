import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import helmet from "helmet";
import { randomBytes } from "node:crypto";
import { createServer, type Server as HttpServer } from "node:http";
import { sql } from "drizzle-orm";
import type { Server as SocketServer } from "socket.io";
import type { DatabaseHandle } from "~/db/client.server";
import type { Env } from "~/env.server";
import { bodyLimit } from "./body-limit";
import { runtimeOf } from "./build";
import { RETRY_AFTER_SECONDS, unavailableText, withDatabaseOutagePages } from "./database-outage";
import { createRealtimeServer } from "./realtime-server";

export interface PortalServer {
  httpServer: HttpServer;
  io: SocketServer;
  /**
   * Graceful stop: accept nothing new (late requests on open connections get 503), end the
   * sockets, let accepted requests finish for up to `graceMs`, then cut what is left.
   */
  close(graceMs: number): Promise<{ inFlight: number; cut: number }>;
}

export interface PortalServerOptions {
  env: Env;
  database: DatabaseHandle;
  /** The Remix server build, or a function returning it (dev: reloaded on change). */
  build: ServerBuild | (() => Promise<ServerBuild>);
  publicDir: string;
}

export async function createPortalServer(options: PortalServerOptions): Promise<PortalServer> {
  const { env, database, build } = options;
  const currentBuild = typeof build === "function" ? build : async () => build;
  const started = await currentBuild();
  // What the server itself needs of the application (texts, origin check, socket handshake)
  // comes from the build it started with.
  const runtime = runtimeOf(started);
  const unavailable = unavailableText(runtime);
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", env.TRUST_PROXY);

  // Requests being answered, so that a shutdown can wait for them and tell them to close.
  const inFlight = new Set<express.Response>();
  let stopping = false;
  app.use((_req, res, next) => {
    if (stopping) {
      sendUnavailable(res.set("Connection", "close"), unavailable);
      return;
    }
    inFlight.add(res);
    res.once("close", () => {
      inFlight.delete(res);
      // A keep-alive connection that has just become idle would otherwise hold the shutdown
      // until its timeout.
      if (stopping) setImmediate(() => httpServer.closeIdleConnections());
    });
    next();
  });
  app.use((_req, res, next) => {
    res.locals.cspNonce = randomBytes(16).toString("base64");
    next();
  });
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: [
            "'self'",
            (_req, res) => `'nonce-${(res as express.Response).locals.cspNonce}'`,
          ],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", "data:"],
          connectSrc: ["'self'", ...(env.NODE_ENV === "development" ? ["ws:"] : [])],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          upgradeInsecureRequests: env.cookieSecure && env.NODE_ENV === "production" ? [] : null,
        },
      },
      strictTransportSecurity: env.NODE_ENV === "production",
      // Not helmet's "no-referrer": with it, browsers send "Origin: null" on plain form posts,
      // and the origin check below would refuse every form sent without JavaScript.
      referrerPolicy: { policy: "same-origin" },
    }),
  );
  app.use(compression());
  app.use(bodyLimit(env.MAX_BODY_BYTES, runtime.formTexts));

  // Defence in depth next to SameSite cookies: state changes only from our own pages. Identity
  // providers post back-channel logouts server to server, and mail programs post one-click
  // unsubscribes (RFC 8058), both without Origin: a signed token in the request is their proof,
  // and neither route uses a cookie.
  const serverToServer =
    /^\/(sso\/[^/]+\/backchannel-logout|benachrichtigungen\/abbestellen\/[^/]+)$/;
  app.use((req, res, next) => {
    if (["GET", "HEAD", "OPTIONS"].includes(req.method) || serverToServer.test(req.path)) {
      return next();
    }
    if (runtime.isForeignOrigin(req.headers, { requireSource: true })) {
      res.status(403).type("text/plain").send("Anfrage von fremder Herkunft abgelehnt.");
      return;
    }
    next();
  });

  app.get("/healthz", async (_req, res) => {
    res.set("Cache-Control", "no-store");
    // A stopping instance reports itself unhealthy so that a load balancer stops sending to it.
    const healthy =
      !stopping &&
      (await database.db.execute(sql`select 1`).then(
        () => true,
        () => false,
      ));
    res
      .status(healthy ? 200 : 503)
      .json({ status: healthy ? "ok" : "error", database: database.kind });
  });

  // Fingerprinted build output never changes; everything else in public/ may.
  app.use(
    "/build",
    express.static(`${options.publicDir}/build`, { immutable: true, maxAge: "1y", index: false }),
  );
  app.use(express.static(options.publicDir, { maxAge: "1h", index: false }));

  // Each build served (development re-imports a rebuilt one) gets the process's database and
  // socket.io server, and runs every request in a request scope of its own modules, which
  // carries the client's address to loaders and actions.
  const handlers = new Map<ServerBuild, express.RequestHandler>();
  const prepare = (served: ServerBuild): express.RequestHandler => {
    const known = handlers.get(served);
    if (known) return known;
    const { runInRequestScope, setDatabase, setRealtimeServer } = runtimeOf(served);
    setDatabase(database);
    setRealtimeServer(io);
    const remix = createRequestHandler({
      build: withDatabaseOutagePages(served),
      mode: env.NODE_ENV,
      getLoadContext: (_req, res) => ({ cspNonce: res.locals.cspNonce as string }),
    });
    const handler: express.RequestHandler = (req, res, next) =>
      runInRequestScope({ clientIp: req.ip ?? null }, () => remix(req, res, next));
    handlers.set(served, handler);
    return handler;
  };
  app.use(async (req, res, next) => prepare(await currentBuild())(req, res, next));

  const httpServer = createServer(app);
  const realtime = await createRealtimeServer(httpServer, { redisUrl: env.REDIS_URL });
  const io = realtime.io;
  runtime.registerRealtime(io, { validateSessionToken: runtime.validateSessionToken });
  // Now, not at the first request: scheduled jobs emit through socket.io too.
  prepare(started);

  return {
    httpServer,
    io,
    async close(graceMs) {
      stopping = true;
      const accepted = inFlight.size;
      for (const response of inFlight)
        if (!response.headersSent) response.setHeader("Connection", "close");
      for (const served of handlers.keys()) runtimeOf(served).setRealtimeServer(undefined);
      const closed = realtime.close(); // resolves once every connection has ended
      let timer: NodeJS.Timeout | undefined;
      const graceOver = new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), graceMs);
      });
      const drained = await Promise.race([closed.then(() => true as const), graceOver]);
      clearTimeout(timer);
      const cut = drained ? 0 : inFlight.size;
      if (!drained) httpServer.closeAllConnections();
      await closed;
      return { inFlight: accepted, cut };
    },
  };
}

function sendUnavailable(res: express.Response, text: string): void {
  res
    .status(503)
    .set({ "Retry-After": RETRY_AFTER_SECONDS, "Cache-Control": "no-store" })
    .type("text/plain")
    .send(text);
}
