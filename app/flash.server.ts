import { redirect } from "@remix-run/node";
import { hostCookieName, readCookie, serializeCookie } from "~/auth/cookie.server";
import { flashMessages, isFlashKey, type FlashKey } from "~/ui/flash-messages";

/**
 * A one-time confirmation after a redirect. The cookie carries only a key into a fixed
 * catalogue, so nobody can make the portal display text of their choosing.
 */
const FLASH_MAX_AGE_SECONDS = 60;

function flashCookieName(): string {
  return hostCookieName("portal_flash");
}

export function redirectWithFlash(url: string, key: FlashKey, headers?: HeadersInit): Response {
  const response = redirect(url, { headers });
  response.headers.append(
    "Set-Cookie",
    serializeCookie(flashCookieName(), key, FLASH_MAX_AGE_SECONDS),
  );
  return response;
}

/** An unknown key (an old message, "__proto__") shows nothing but is still cleared. */
export function readFlash(request: Request): {
  message: string | null;
  clearCookie: string | null;
} {
  const key = readCookie(request.headers.get("cookie"), flashCookieName());
  if (!key) return { message: null, clearCookie: null };
  return {
    message: isFlashKey(key) ? flashMessages[key] : null,
    clearCookie: serializeCookie(flashCookieName(), "", 0),
  };
}
