import { useCallback, useEffect, useRef, useState } from "react";
import type { Socket } from "socket.io-client";
import type { PostView, ServerToClientEvents } from "~/realtime/hub.server";
import { useLiveEvent, useLiveSocket } from "~/ui/live-connection";
import type { JoinAnswer } from "./socket.server";
import { threadPageTexts } from "./page-texts";

/**
 * The live side of a thread page (see docs/decisions/008): joins the thread's room after every
 * (re)connect with the highest change number seen, so a reconnect (also after a server restart)
 * catches up on exactly what was missed; keeps the posts in a map keyed by id, so a post that
 * arrives live and through a reload or catch-up is shown once, in order of creation.
 */

/** What the page sends; the server validates every message again (socket.server.ts). */
interface ThreadClientEvents {
  "thread:join": (
    payload: { threadId: string; afterChange?: number },
    ack: (answer: JoinAnswer) => void,
  ) => void;
  "thread:leave": (payload: { threadId: string }) => void;
  "thread:typing": (payload: { threadId: string }) => void;
  "thread:read": (payload: { threadId: string; sequence: number }) => void;
}
type ThreadSocket = Socket<ServerToClientEvents, ThreadClientEvents>;

/** At most one "schreibt gerade" per 3 seconds while typing. */
const TYPING_THROTTLE_MS = 3_000;
/** Read marks of a visible page are sent at most this often. */
const READ_MARK_INTERVAL_MS = 2_000;
/** After a refused join for a passing reason (rate limit), the page tries again this much later. */
const REJOIN_DELAY_MS = 5_000;
/** A typing hint disappears when nothing more was heard for this long. */
const TYPING_SHOWN_MS = 6_000;

/** "idle": no socket (yet), e.g. without JavaScript: nothing is said about live updates. */
export type LiveStatus = "idle" | "connecting" | "live" | "offline" | "unavailable";

interface Typist {
  name: string;
  until: number;
}

function sortedPosts(posts: Map<string, PostView>): PostView[] {
  return [...posts.values()].sort((a, b) => a.sequence - b.sequence);
}

export function useLiveThread(options: {
  threadId: string;
  viewerId: string;
  /** Posts from the loader; merged again whenever the loader data changes. */
  posts: PostView[];
  locked: boolean;
}) {
  const { threadId, viewerId } = options;
  // The socket's own generic only knows server events; the page also sends thread events.
  const socket = useLiveSocket() as unknown as ThreadSocket | null;

  const store = useRef<Map<string, PostView> | null>(null);
  if (store.current === null) store.current = new Map(options.posts.map((post) => [post.id, post]));
  const [posts, setPosts] = useState<PostView[]>(() => sortedPosts(store.current!));
  const latestChange = useRef(Math.max(0, ...options.posts.map((post) => post.changeSequence)));

  const [locked, setLocked] = useState(options.locked);
  const [status, setStatus] = useState<LiveStatus>("idle");
  const [viewers, setViewers] = useState<{ id: string; name: string }[]>([]);
  const [moreViewers, setMoreViewers] = useState(0);
  const [typists, setTypists] = useState<Record<string, Typist>>({});
  const [announcements, setAnnouncements] = useState<{ key: string; text: string }[]>([]);
  const unreadWhileHidden = useRef(false);

  /** Upserts posts, newer change wins; returns the ones not seen before. */
  const apply = useCallback(
    (incoming: PostView[]): PostView[] => {
      const map = store.current!;
      const fresh: PostView[] = [];
      let changed = false;
      for (const post of incoming) {
        if (post.threadId !== threadId) continue;
        latestChange.current = Math.max(latestChange.current, post.changeSequence);
        const known = map.get(post.id);
        if (known && known.changeSequence >= post.changeSequence) continue;
        if (!known) fresh.push(post);
        map.set(post.id, post);
        changed = true;
      }
      if (changed) setPosts(sortedPosts(map));
      return fresh;
    },
    [threadId],
  );

  // Read marks go out at most every READ_MARK_INTERVAL_MS (the last one wins), so a busy
  // thread does not spend the user's socket rate limit on them.
  const readMarkTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(readMarkTimer.current), []);
  const markRead = useCallback(() => {
    if (readMarkTimer.current) return;
    readMarkTimer.current = setTimeout(() => {
      readMarkTimer.current = undefined;
      const map = store.current!;
      const sequence = Math.max(0, ...[...map.values()].map((post) => post.sequence));
      if (socket?.connected && sequence > 0) socket.emit("thread:read", { threadId, sequence });
    }, READ_MARK_INTERVAL_MS);
  }, [socket, threadId]);

  /** Announces posts of others and marks them read while the page is in view. */
  const receive = useCallback(
    (incoming: PostView[]) => {
      const fresh = apply(incoming).filter((post) => post.authorId !== viewerId);
      if (fresh.length === 0) return;
      setTypists((current) => {
        const next = { ...current };
        for (const post of fresh) delete next[post.authorId];
        return next;
      });
      setAnnouncements((current) => [
        ...current.slice(-2),
        ...fresh.map((post) => ({
          key: `${post.id}-${post.changeSequence}`,
          text: threadPageTexts.newPostBy(post.authorName),
        })),
      ]);
      if (document.visibilityState === "visible") markRead();
      else unreadWhileHidden.current = true;
    },
    [apply, markRead, viewerId],
  );

  // A reload (after an action, or a navigation back) brings the loader's posts: merge them.
  useEffect(() => {
    apply(options.posts);
  }, [apply, options.posts]);
  useEffect(() => setLocked(options.locked), [options.locked]);

  // Join on every connect, with the highest change seen: the answer carries what was missed.
  const receiveLatest = useRef(receive);
  receiveLatest.current = receive;
  useEffect(() => {
    if (!socket) return;
    const join = () => {
      setStatus("connecting");
      socket.emit("thread:join", { threadId, afterChange: latestChange.current }, (answer) => {
        if (!answer.ok) {
          setStatus("unavailable");
          if (answer.error === "rate_limited") setTimeout(join, REJOIN_DELAY_MS);
          return;
        }
        setStatus("live");
        setLocked(answer.locked);
        receiveLatest.current(answer.changes);
      });
    };
    const disconnected = () => {
      setStatus("offline");
      setViewers([]);
      setMoreViewers(0);
      setTypists({});
    };
    // The server took the page out of the thread's room because who may read it changed.
    const rejoin = (event: { threadId: string }) => {
      if (event.threadId === threadId) join();
    };
    socket.on("connect", join);
    socket.on("disconnect", disconnected);
    socket.on("discussion:rejoin", rejoin);
    // Emits while disconnected would be buffered and sent on connect, next to the join above.
    if (socket.connected) join();
    else setStatus("connecting");
    return () => {
      socket.off("connect", join);
      socket.off("disconnect", disconnected);
      socket.off("discussion:rejoin", rejoin);
      if (socket.connected) socket.emit("thread:leave", { threadId });
    };
  }, [socket, threadId]);

  // Posts read in a background tab count as read once the tab is looked at again.
  useEffect(() => {
    const visible = () => {
      if (document.visibilityState !== "visible" || !unreadWhileHidden.current) return;
      unreadWhileHidden.current = false;
      markRead();
    };
    document.addEventListener("visibilitychange", visible);
    return () => document.removeEventListener("visibilitychange", visible);
  }, [markRead]);

  useLiveEvent("discussion:post", (post) => receive([post]));
  useLiveEvent("discussion:thread", (change) => {
    if (change.threadId === threadId) setLocked(change.locked);
  });
  useLiveEvent("discussion:presence", (presence) => {
    if (presence.threadId !== threadId) return;
    const others = presence.viewers.filter((viewer) => viewer.id !== viewerId);
    setViewers(others);
    // The count includes this viewer, who always is in the room that hears it.
    setMoreViewers(Math.max(0, presence.count - 1 - others.length));
  });
  useLiveEvent("discussion:typing", (typing) => {
    if (typing.threadId !== threadId || typing.userId === viewerId) return;
    setTypists((current) => ({
      ...current,
      [typing.userId]: { name: typing.name, until: Date.now() + TYPING_SHOWN_MS },
    }));
  });

  // Typing hints fade when no further "schreibt" arrives.
  const typing = Object.keys(typists).length > 0;
  useEffect(() => {
    if (!typing) return;
    const timer = window.setInterval(() => {
      const now = Date.now();
      setTypists((current) => {
        const kept = Object.entries(current).filter(([, typist]) => typist.until > now);
        return kept.length === Object.keys(current).length ? current : Object.fromEntries(kept);
      });
    }, 1_000);
    return () => window.clearInterval(timer);
  }, [typing]);

  const lastTyping = useRef(0);
  /** Call on every keystroke in the editor; tells the others at most every 3 seconds. */
  const notifyTyping = useCallback(() => {
    const now = Date.now();
    if (!socket?.connected || now - lastTyping.current < TYPING_THROTTLE_MS) return;
    lastTyping.current = now;
    socket.emit("thread:typing", { threadId });
  }, [socket, threadId]);

  return {
    posts,
    locked,
    status,
    viewers,
    moreViewers,
    typists: Object.values(typists).map((typist) => typist.name),
    announcements,
    notifyTyping,
  };
}
