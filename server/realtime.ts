import type { Server, Socket } from "socket.io";
import { readSessionToken } from "~/auth/cookie.server";
import { authorize } from "~/auth/permissions.server";
import type { CurrentUser } from "~/auth/session.server";
import { registerDiscussionEvents } from "~/discussions/socket.server";
import { rooms } from "~/realtime/hub.server";

export interface RealtimeDeps {
  validateSessionToken(token: string): Promise<CurrentUser | null>;
}

/** A browser always sends Origin on WebSocket upgrades; a foreign one is refused. */
export function isForeignOrigin(headers: Record<string, string | string[] | undefined>): boolean {
  const origin = headers.origin;
  if (headers["sec-fetch-site"] === "cross-site") return true;
  if (typeof origin !== "string") return false;
  try {
    return new URL(origin).host !== headers.host;
  } catch {
    return true;
  }
}

/**
 * Authenticates every socket from the session cookie of its handshake and puts it in the rooms
 * of its user, session, organisation and networks. Exported for tests.
 */
export function registerRealtime(io: Server, deps: RealtimeDeps): void {
  io.use(async (socket, next) => {
    try {
      if (isForeignOrigin(socket.handshake.headers)) return next(new Error("origin_rejected"));
      const token = readSessionToken(socket.handshake.headers.cookie ?? null);
      const user = token ? await deps.validateSessionToken(token) : null;
      if (!user) return next(new Error("unauthorized"));
      await authorize(user, { action: "realtime.connect" }, socket.handshake.address);
      socket.data.user = user;
      next();
    } catch {
      next(new Error("unauthorized"));
    }
  });

  io.on("connection", (socket: Socket) => {
    const user = (socket.data as { user: CurrentUser }).user;
    const audienceRoom =
      user.role === "employer_member" ? rooms.networkEmployers : rooms.networkStaff;
    void socket.join([
      rooms.user(user.id),
      rooms.session(user.sessionId),
      rooms.organization(user.organizationId),
      ...user.networkIds.map(audienceRoom),
      ...user.coordinatedNetworkIds.map(rooms.networkStaff),
    ]);
    // Thread rooms are never restored with a recovered connection (they are left before the
    // session is saved, see socket.server.ts): only `thread:join` enters them, after its check.
    registerDiscussionEvents(io, socket);
  });
}
