import type { Server as HttpServer } from "node:http";
import { Server as SocketServer } from "socket.io";

/**
 * The socket.io server with the portal's options: connection state recovery, and with a Redis
 * URL the Redis streams adapter so that several processes deliver to each other's clients.
 * Shared by the portal (server/app.ts) and the real-time benchmark (bench/realtime-server.ts).
 */
export async function createRealtimeServer(
  httpServer: HttpServer,
  options: { redisUrl?: string },
): Promise<{ io: SocketServer; close(): Promise<void> }> {
  const io = new SocketServer(httpServer, {
    serveClient: false,
    connectionStateRecovery: { maxDisconnectionDuration: 2 * 60 * 1000, skipMiddlewares: false },
  });
  let closeRedis: (() => Promise<void>) | undefined;
  if (options.redisUrl) {
    const { createClient } = await import("redis");
    const { createAdapter } = await import("@socket.io/redis-streams-adapter");
    const redis = createClient({ url: options.redisUrl });
    // Without a listener an unreachable Redis would end the process; the client reconnects
    // by itself, and the adapter resumes its stream where it stopped. One line per outage:
    // the client retries every half second.
    let outageReported = false;
    redis.on("error", (error: Error) => {
      if (outageReported) return;
      outageReported = true;
      console.warn(
        `Redis nicht erreichbar / Redis unreachable (${error.message || error.name}): neuer Versuch läuft / retrying`,
      );
    });
    // An outage swallows what is on its way: the adapter drops a broadcast it could not publish,
    // and a restarted Redis has forgotten its stream. Pages catch up from the last change they
    // saw after every reconnect (docs/decisions/008), which is only safe if nothing newer
    // reached them after the lost one. So as soon as Redis is lost, this instance's sockets
    // lose their transport: browsers reconnect by themselves ("transport close"), and once
    // Redis answers again they catch up from what they saw before the outage.
    let redisReady = false;
    redis.on("ready", () => {
      redisReady = true;
      outageReported = false;
      console.log("Redis verbunden / Redis connected: socket.io-Redis-Streams-Adapter aktiv");
    });
    redis.on("reconnecting", () => {
      if (!redisReady) return;
      redisReady = false;
      for (const socket of io.of("/").sockets.values()) socket.conn.close();
    });
    // Not awaited: with Redis down at start the portal still opens its port. The adapter's
    // commands wait in the client's offline queue until the connection stands.
    redis.connect().catch((error: unknown) => {
      console.warn(`Redis: ${error instanceof Error ? error.message : String(error)}`);
    });
    io.adapter(createAdapter(redis));
    closeRedis = async () => {
      if (redis.isReady) await redis.quit();
      else if (redis.isOpen) await redis.disconnect();
    };
  }
  return {
    io,
    /** Ends every socket and stops the http server; resolves once all its connections ended. */
    async close() {
      await io.close();
      await closeRedis?.();
    },
  };
}
