/** Watching a page that follows the portal's live events (socket.io) instead of reloading. */
import type { Page } from "@playwright/test";

/** Resolves once socket.io has completed its handshake on this page (connect packet "40"). */
export function liveConnectionEstablished(page: Page): Promise<void> {
  return new Promise((resolve) => {
    page.on("websocket", (socket) => {
      socket.on("framereceived", (frame) => {
        if (typeof frame.payload === "string" && frame.payload.startsWith("40")) resolve();
      });
    });
  });
}

/**
 * Records every navigation of the page's main frame, including client-side ones; a list that
 * stays empty proves that a change arrived live and not through a reload or a link.
 */
export function recordNavigations(page: Page): string[] {
  const navigations: string[] = [];
  page.on("framenavigated", (frame) => {
    if (frame === page.mainFrame()) navigations.push(frame.url());
  });
  return navigations;
}
