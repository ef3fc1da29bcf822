import type { Server } from "socket.io";

/**
 * The socket.io server as seen from loaders and actions, set by server/app.ts. Without a server
 * (unit tests, scripts) emits are dropped: the database stays the source of truth.
 */
let realtime: Server | undefined;

export function setRealtimeServer(io: Server | undefined): void {
  realtime = io;
}

export const rooms = {
  user: (id: string) => `user:${id}`,
  session: (id: string) => `session:${id}`,
  organization: (id: string) => `organization:${id}`,
  /** A network's staff and admins (and its coordinators), employer members not included. */
  networkStaff: (id: string) => `network-staff:${id}`,
  /** A network's employer members: told only of channels opened to employers. */
  networkEmployers: (id: string) => `network-employers:${id}`,
  /** Sockets that joined a discussion thread after the permission check. */
  thread: (id: string) => `thread:${id}`,
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
  /** A post was written, edited, deleted or hidden; only to the thread's room. */
  "discussion:post": (post: PostView) => void;
  "discussion:thread": (thread: { threadId: string; locked: boolean }) => void;
  "discussion:typing": (typing: { threadId: string; userId: string; name: string }) => void;
  "discussion:presence": (presence: {
    threadId: string;
    /** The first few viewers by name; `count` is all of them (distinct people). */
    viewers: { id: string; name: string }[];
    count: number;
  }) => void;
  /** Something new in discussions the receiver may see: pages reload their unread counts. */
  "discussion:activity": (activity: { threadId: string }) => void;
  /** Leave-and-join-again: the page re-joins, and the permission is checked anew. */
  "discussion:rejoin": (event: { threadId: string }) => void;
  "discussion:error": (error: { code: "rate_limited" | "invalid"; message: string }) => void;
  /** Seats, time or place of an event changed: open pages reload through their loaders. */
  "event:changed": (change: { eventId: string }) => void;
  /** Pledges or the state of a course changed; only figures everyone in the network may see. */
  "course:changed": (change: CourseProgress) => void;
}

export interface CourseProgress {
  courseId: string;
  pledgedSeats: number;
  minParticipants: number;
  maxParticipants: number;
  status: "open" | "confirmed" | "cancelled";
}

/** Everyone of a network with a page open: its staff and its employer members. */
export const wholeNetwork = (networkId: string) => [
  rooms.networkStaff(networkId),
  rooms.networkEmployers(networkId),
];

export function emitEventChanged(networkId: string, eventId: string): void {
  realtime?.to(wholeNetwork(networkId)).emit("event:changed", { eventId });
}

export function emitCourseProgress(networkId: string, progress: CourseProgress): void {
  realtime?.to(wholeNetwork(networkId)).emit("course:changed", progress);
}

/** A post as pages and live updates show it: the sanitized HTML only while it is visible. */
export interface PostView {
  id: string;
  threadId: string;
  sequence: number;
  changeSequence: number;
  authorId: string;
  authorName: string;
  organizationName: string;
  createdAt: string;
  editedAt: string | null;
  state: "visible" | "deleted" | "hidden";
  html: string | null;
}

/** Sends a post's new state to everyone who joined its thread, on every instance. */
export function emitPost(post: PostView): void {
  realtime?.to(rooms.thread(post.threadId)).emit("discussion:post", post);
}

export function emitThreadState(threadId: string, locked: boolean): void {
  realtime?.to(rooms.thread(threadId)).emit("discussion:thread", { threadId, locked });
}

/**
 * Empties threads' rooms after who may read them changed (e.g. a channel closed to employers):
 * every page there is asked to join again, which checks the permission anew.
 */
export function revokeThreadRooms(threadIds: string[]): void {
  const io = realtime;
  if (!io) return;
  for (const threadId of threadIds) {
    io.to(rooms.thread(threadId)).emit("discussion:rejoin", { threadId });
    io.in(rooms.thread(threadId)).socketsLeave(rooms.thread(threadId));
  }
}

/** Tells the rooms of those who may see a thread that it has news (ids only, no content). */
export function emitDiscussionActivity(audienceRooms: string[], threadId: string): void {
  if (audienceRooms.length === 0) return;
  const throttle = activityThrottle.get(threadId);
  if (throttle) {
    // A ping went out a moment ago: one more follows at the end of the interval, for all of these.
    throttle.pending = audienceRooms;
    return;
  }
  sendActivity(audienceRooms, threadId);
}

/**
 * Activity pings only make pages reload their unread counts, and they go to a whole network:
 * per thread and process at most one per interval, plus one at its end if more happened, so a
 * busy thread does not make every page of the network reload with every post.
 */
const ACTIVITY_INTERVAL_MS = 1_000;
const activityThrottle = new Map<string, { pending: string[] | null }>();

function sendActivity(audienceRooms: string[], threadId: string): void {
  realtime?.to(audienceRooms).emit("discussion:activity", { threadId });
  const throttle = { pending: null as string[] | null };
  activityThrottle.set(threadId, throttle);
  const timer = setTimeout(() => {
    activityThrottle.delete(threadId);
    if (throttle.pending) sendActivity(throttle.pending, threadId);
  }, ACTIVITY_INTERVAL_MS);
  timer.unref?.();
}

export function emitNotification(room: string, notification: LiveNotification): void {
  realtime?.to(room).emit("notification", notification);
}

/**
 * Whether the user has a page open right now, on any instance (the adapter asks the others).
 * Without a socket.io server (scripts, jobs) nobody counts as online.
 */
export async function isUserOnline(userId: string): Promise<boolean> {
  const io = realtime;
  if (!io) return false;
  try {
    // Other instances get a second to answer; without an answer the person counts as offline
    // (and gets the e-mail digest rather than nothing).
    return (await io.in(rooms.user(userId)).timeout(1_000).fetchSockets()).length > 0;
  } catch {
    return false;
  }
}

/** Ends live connections at once, on every instance (the Redis adapter forwards it). */
export function disconnectRoom(room: string): void {
  realtime?.in(room).disconnectSockets(true);
}

/** Tells open pages of the organisations involved that a referral changed. */
export function emitReferralChanged(organizationIds: string[], referralId: string): void {
  realtime?.to(organizationIds.map(rooms.organization)).emit("referral:changed", { referralId });
}
