import { redirect } from "@remix-run/node";
import { readCookie } from "~/auth/cookie.server";
import { flashMessages, type FlashKey } from "~/ui/flash-messages";

/**
 * A one-time confirmation after a redirect. The cookie carries only a key into a fixed
 * catalogue, so nobody can make the portal display text of their choosing.
 */
const FLASH_COOKIE = "portal_flash";

export function redirectWithFlash(url: string, key: FlashKey, headers?: HeadersInit): Response {
  const response = redirect(url, { headers });
  response.headers.append(
    "Set-Cookie",
    `${FLASH_COOKIE}=${key}; Path=/; HttpOnly; SameSite=Lax; Max-Age=60`,
  );
  return response;
}

export function readFlash(request: Request): {
  message: string | null;
  clearCookie: string | null;
} {
  const key = readCookie(request.headers.get("cookie"), FLASH_COOKIE);
  if (!key) return { message: null, clearCookie: null };
  const message = key in flashMessages ? flashMessages[key as FlashKey] : null;
  return { message, clearCookie: `${FLASH_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0` };
}
