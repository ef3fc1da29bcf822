import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from "react";
import type { Socket } from "socket.io-client";
import type { ServerToClientEvents } from "~/realtime/hub.server";

export type LiveSocket = Socket<ServerToClientEvents>;
const LiveContext = createContext<LiveSocket | null>(null);

/**
 * One socket.io connection per page, shared by everything that listens for live events.
 * Loaded lazily: the page works without it, and the first paint does not wait for it.
 */
export function LiveConnectionProvider({ children }: { children: ReactNode }) {
  const [socket, setSocket] = useState<LiveSocket | null>(null);
  useEffect(() => {
    let cancelled = false;
    let connection: LiveSocket | undefined;
    void import("socket.io-client").then(({ io }) => {
      if (cancelled) return;
      connection = io({ transports: ["websocket"], withCredentials: true });
      setSocket(connection);
    });
    return () => {
      cancelled = true;
      connection?.close();
    };
  }, []);
  return <LiveContext.Provider value={socket}>{children}</LiveContext.Provider>;
}

/**
 * The shared socket itself, for components that also send events (e.g. joining a discussion
 * thread). Null before the lazy connection was created, and always without JavaScript.
 */
export function useLiveSocket(): LiveSocket | null {
  return useContext(LiveContext);
}

/** Calls the handler for every live event of this name while the component is mounted. */
export function useLiveEvent<Event extends keyof ServerToClientEvents>(
  event: Event,
  handler: ServerToClientEvents[Event],
): void {
  const socket = useContext(LiveContext);
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => {
    if (!socket) return;
    const listener = ((...args: Parameters<ServerToClientEvents[Event]>) =>
      (latest.current as (...a: typeof args) => void)(...args)) as never;
    socket.on(event, listener);
    return () => {
      socket.off(event, listener);
    };
  }, [socket, event]);
}
