import type { Server, Socket } from "socket.io";
import { z } from "zod";
import { authorize, notFound } from "~/auth/permissions.server";
import type { CurrentUser } from "~/auth/session.server";
import { consume } from "~/rate-limits.server";
import { rooms, type PostView } from "~/realtime/hub.server";
import { getThreadRecord, type ThreadRecord } from "./access.server";
import { listPostViews, markRead } from "./posts.server";
import { recordReferralThreadRead } from "./referral-thread-reads.server";
import { discussionTexts } from "./texts";

/**
 * The socket events of discussions. Joining a thread's room is decided by the same permission
 * module as the thread page; every message is validated and size-limited, and a user's events
 * are rate-limited (a flood gets an error event and is ignored, it never crashes anything).
 * Posts are written through the page's form action (which works without JavaScript, too); the
 * socket only delivers them and catches a page up after a reconnect.
 */

/** Larger messages are dropped before parsing (socket.io's own limit is 1 MB). */
const MAX_MESSAGE_BYTES = 2_000;
/** How many change numbers before the page's last seen one a catch-up repeats. */
const CATCH_UP_LOOKBACK = 50;

const threadId = z.string().uuid();
const schemas = {
  "thread:join": z.object({ threadId, afterChange: z.number().int().min(0).optional() }).strict(),
  "thread:leave": z.object({ threadId }).strict(),
  "thread:typing": z.object({ threadId }).strict(),
  "thread:read": z.object({ threadId, sequence: z.number().int().min(0) }).strict(),
};
type EventName = keyof typeof schemas;

type Refusal = { ok: false; error: "not_found" | "invalid" | "rate_limited" };
export type JoinAnswer = { ok: true; locked: boolean; changes: PostView[] } | Refusal;
/** The answer to `thread:leave`, `thread:typing` and `thread:read`. */
export type EventAnswer = { ok: true } | Refusal;
const notJoined = { ok: false, error: "not_found" } as const satisfies Refusal;

function byteLength(payload: unknown): number {
  try {
    return Buffer.byteLength(JSON.stringify(payload) ?? "");
  } catch {
    return Infinity;
  }
}

/**
 * Presence is announced at most once per this interval per thread and process: with hundreds of
 * viewers, announcing every join would send the list to everyone for every join.
 */
const PRESENCE_INTERVAL_MS = 250;
/** Names sent with an announcement; beyond them only the number of viewers. */
const PRESENCE_NAMES = 12;
const pendingPresence = new Map<string, ReturnType<typeof setTimeout>>();

/** Who is looking at a thread, over all server processes (the adapter asks the others). */
async function announcePresence(io: Server, id: string): Promise<void> {
  const sockets = await io.in(rooms.thread(id)).fetchSockets();
  const viewers = new Map<string, string>();
  for (const socket of sockets) {
    const user = (socket.data as { user?: CurrentUser }).user;
    if (user) viewers.set(user.id, user.name);
  }
  io.to(rooms.thread(id)).emit("discussion:presence", {
    threadId: id,
    viewers: [...viewers].slice(0, PRESENCE_NAMES).map(([userId, name]) => ({ id: userId, name })),
    count: viewers.size,
  });
}

function schedulePresence(io: Server, id: string): void {
  if (pendingPresence.has(id)) return;
  const timer = setTimeout(() => {
    pendingPresence.delete(id);
    // A failed look-up (e.g. Redis briefly away) only skips this announcement.
    void announcePresence(io, id).catch(() => undefined);
  }, PRESENCE_INTERVAL_MS);
  timer.unref?.();
  pendingPresence.set(id, timer);
}

export function registerDiscussionEvents(io: Server, socket: Socket): void {
  const user = (socket.data as { user: CurrentUser }).user;
  const ip = socket.handshake.address ?? null;

  /** Validates and rate-limits, then runs the handler; bad input answers, never throws. */
  function on<E extends EventName>(
    event: E,
    handler: (
      payload: z.infer<(typeof schemas)[E]>,
      ack?: (answer: unknown) => void,
    ) => Promise<void>,
  ) {
    socket.on(event as string, async (payload: unknown, ack?: unknown) => {
      const reply = typeof ack === "function" ? (ack as (answer: unknown) => void) : undefined;
      // Per user over all instances (~/rate-limits.server.ts: discussionSocketEvents).
      if ((await consume("discussionSocketEvents", user.id)) !== null) {
        socket.emit("discussion:error", {
          code: "rate_limited",
          message: discussionTexts.rateLimited,
        });
        reply?.({ ok: false, error: "rate_limited" });
        return;
      }
      const parsed =
        byteLength(payload) <= MAX_MESSAGE_BYTES ? schemas[event].safeParse(payload) : null;
      if (!parsed?.success) {
        socket.emit("discussion:error", {
          code: "invalid",
          message: discussionTexts.invalidMessage,
        });
        reply?.({ ok: false, error: "invalid" });
        return;
      }
      try {
        await handler(parsed.data as z.infer<(typeof schemas)[E]>, reply);
      } catch {
        reply?.({ ok: false, error: "not_found" });
      }
    });
  }

  const joined = () =>
    [...socket.rooms].filter((room) => room.startsWith("thread:")).map((room) => room.slice(7));

  /**
   * Every event about a thread is decided by the permission module, as the page would be: a
   * refusal is audited by authorize(), which throws, and the catch in `on` answers not_found.
   */
  async function permittedThread(
    id: string,
    action: "thread.view" | "thread.reply",
  ): Promise<ThreadRecord> {
    const thread = await getThreadRecord(id);
    if (!thread) throw notFound();
    await authorize(user, { action, thread: thread.access }, ip);
    return thread;
  }

  const inRoom = (id: string) => socket.rooms.has(rooms.thread(id));

  on("thread:join", async ({ threadId: id, afterChange }, reply) => {
    const thread = await permittedThread(id, "thread.view");
    if (thread.access.subject === "referral") {
      // Reading a referral's thread is audited like opening the referral, also live.
      await recordReferralThreadRead(
        user,
        { referralId: thread.access.referral.id, threadId: id, via: "live" },
        ip,
      );
    }
    await socket.join(rooms.thread(id));
    // Change numbers are drawn before commit, so two writes may become visible out of order;
    // looking back a little further than asked closes that gap (the page ignores repeats).
    const changes =
      afterChange === undefined
        ? []
        : await listPostViews(id, { afterChange: Math.max(0, afterChange - CATCH_UP_LOOKBACK) });
    reply?.({ ok: true, locked: thread.access.locked, changes } satisfies JoinAnswer);
    schedulePresence(io, id);
  });

  on("thread:leave", async ({ threadId: id }, reply) => {
    if (!inRoom(id)) {
      // Leaving reveals nothing, but a socket that never joined has no business with the room.
      await permittedThread(id, "thread.view");
      reply?.(notJoined satisfies EventAnswer);
      return;
    }
    await socket.leave(rooms.thread(id));
    reply?.({ ok: true } satisfies EventAnswer);
    schedulePresence(io, id);
  });

  on("thread:typing", async ({ threadId: id }, reply) => {
    await permittedThread(id, "thread.reply");
    if (!inRoom(id)) {
      reply?.(notJoined satisfies EventAnswer);
      return;
    }
    socket
      .to(rooms.thread(id))
      .emit("discussion:typing", { threadId: id, userId: user.id, name: user.name });
    reply?.({ ok: true } satisfies EventAnswer);
  });

  on("thread:read", async ({ threadId: id, sequence }, reply) => {
    await permittedThread(id, "thread.view");
    if (!inRoom(id)) {
      reply?.(notJoined satisfies EventAnswer);
      return;
    }
    await markRead(user.id, id, sequence);
    reply?.({ ok: true } satisfies EventAnswer);
  });

  socket.on("disconnecting", (reason: string) => {
    const threads = joined();
    // Connection state recovery saves the socket's rooms right after this event and, on
    // recovery, restores them and replays what they missed before any check runs. Thread rooms
    // must only ever be entered through `thread:join`, so they are left here, synchronously;
    // the page joins again after reconnecting and catches up from the database.
    for (const id of threads) void socket.leave(rooms.thread(id));
    // A server that shuts down closes its adapter right after this: it can no longer ask the
    // other instances who is there, and with Redis the attempt ends in an unhandled rejection.
    if (reason === "server shutting down") return;
    // The socket leaves its rooms after this event; announce once it is gone.
    setImmediate(() => {
      for (const id of threads) schedulePresence(io, id);
    });
  });
}
