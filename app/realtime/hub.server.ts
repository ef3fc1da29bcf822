import type { Server } from "socket.io";

/**
 * The socket.io server as seen from loaders and actions. It lives on globalThis because the
 * Remix build and server/index.ts load app modules separately. Without a server (unit tests,
 * scripts) emits are dropped: the database stays the source of truth.
 */
const holder = globalThis as typeof globalThis & { __portalRealtime?: Server };

export function setRealtimeServer(io: Server | undefined): void {
  holder.__portalRealtime = io;
}

export const rooms = {
  user: (id: string) => `user:${id}`,
  session: (id: string) => `session:${id}`,
  organization: (id: string) => `organization:${id}`,
  network: (id: string) => `network:${id}`,
};

export interface LiveNotification {
  id: string;
  message: string;
  link: string | null;
}

export interface ServerToClientEvents {
  notification: (notification: LiveNotification) => void;
  /** Only the id: the page reloads its data through its loader, which checks permissions. */
  "referral:changed": (change: { referralId: string }) => void;
}

export function emitNotification(room: string, notification: LiveNotification): void {
  holder.__portalRealtime?.to(room).emit("notification", notification);
}

/** Ends live connections at once, on every instance (the Redis adapter forwards it). */
export function disconnectRoom(room: string): void {
  holder.__portalRealtime?.in(room).disconnectSockets(true);
}

/** Tells open pages of the organisations involved that a referral changed. */
export function emitReferralChanged(organizationIds: string[], referralId: string): void {
  holder.__portalRealtime
    ?.to(organizationIds.map(rooms.organization))
    .emit("referral:changed", { referralId });
}
