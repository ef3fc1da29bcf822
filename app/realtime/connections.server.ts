import type { Server, Socket } from "socket.io";
import { readSessionToken } from "~/auth/cookie.server";
import { actsAsEmployer, authorize } from "~/auth/permissions.server";
import type { CurrentUser } from "~/auth/session.server";
import { registerDiscussionEvents } from "~/discussions/socket.server";
import { rooms } from "./hub.server";

export interface RealtimeDeps {
  validateSessionToken(token: string): Promise<CurrentUser | null>;
}

/**
 * Whether a request comes from another site. Browsers send Origin on WebSocket upgrades and on
 * form posts from our pages (the Referrer-Policy in server/app.ts keeps it); some clients send
 * only Sec-Fetch-Site or Referer instead. `requireSource` (state-changing requests) refuses a
 * request that shows none of the three.
 */
export function isForeignOrigin(
  headers: Record<string, string | string[] | undefined>,
  { requireSource = false }: { requireSource?: boolean } = {},
): boolean {
  const site = headers["sec-fetch-site"];
  if (site === "cross-site") return true;
  const source = headers.origin ?? headers.referer;
  if (typeof source !== "string") {
    // "none": the person started it (address bar, bookmark); "same-site" is another origin.
    if (site === "same-origin" || site === "none") return false;
    return requireSource || site === "same-site";
  }
  try {
    return new URL(source).host !== headers.host;
  } catch {
    return true;
  }
}

/**
 * Authenticates every socket from the session cookie of its handshake and puts it in the rooms
 * of its user, session, organisation and networks. server/app.ts calls it through the build's
 * entry; tests call it on servers of their own.
 */
export function registerRealtime(io: Server, deps: RealtimeDeps): void {
  io.use(async (socket, next) => {
    try {
      if (isForeignOrigin(socket.handshake.headers)) return next(new Error("origin_rejected"));
      const token = await readSessionToken(socket.handshake.headers.cookie ?? null);
      const user = token ? await deps.validateSessionToken(token) : null;
      // A login still waiting for its second factor opens no live connection either.
      if (!user || user.pendingStep) return next(new Error("unauthorized"));
      await authorize(user, { action: "realtime.connect" }, socket.handshake.address);
      socket.data.user = user;
      next();
    } catch {
      next(new Error("unauthorized"));
    }
  });

  io.on("connection", (socket: Socket) => {
    const user = (socket.data as { user: CurrentUser }).user;
    // A recovered connection gets back the rooms it had when it dropped, from before any
    // change of rights in between (e.g. the organisation left a network): it keeps only what
    // the middleware's fresh session gives it now.
    if (socket.recovered) {
      for (const room of [...socket.rooms]) if (room !== socket.id) void socket.leave(room);
    }
    void socket.join(roomsOf(user));
    // Thread rooms are never restored with a recovered connection (they are left before the
    // session is saved, see ~/discussions/socket.server.ts): only `thread:join` enters them,
    // after its check.
    registerDiscussionEvents(io, socket);
  });
}

/** The rooms a user's sockets belong to, from the user's rights now. */
function roomsOf(user: CurrentUser): string[] {
  const audienceRoom = actsAsEmployer(user) ? rooms.networkEmployers : rooms.networkStaff;
  return [
    rooms.user(user.id),
    rooms.session(user.sessionId),
    rooms.organization(user.organizationId),
    ...user.networkIds.map(audienceRoom),
    ...user.coordinatedNetworkIds.map(rooms.networkStaff),
  ];
}
