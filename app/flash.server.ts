import { redirect, replace } from "@remix-run/node";
import { portalCookie } from "~/auth/cookie.server";
import { flashMessages, isFlashKey, type FlashKey } from "~/ui/flash-messages";

/**
 * A one-time confirmation after a redirect. The cookie carries only a key into a fixed
 * catalogue, so nobody can make the portal display text of their choosing.
 *
 * A plain cookie rather than `createCookieSessionStorage` with `session.flash`: the key is its
 * only value and the root loader reads and clears it in one step, so a session would add a
 * value map, a commit step and Remix's warning about unsigned session cookies for nothing.
 */
const flashCookie = () => portalCookie("portal_flash", 60);

interface FlashRedirectInit extends ResponseInit {
  /** Replace the current history entry (Remix `replace()`): the target is the page just used. */
  replace?: boolean;
}

/** Every post-redirect confirmation goes through here. */
export async function redirectWithFlash(
  url: string,
  key: FlashKey,
  { replace: replaceEntry = false, ...init }: FlashRedirectInit = {},
): Promise<Response> {
  const response = replaceEntry ? replace(url, init) : redirect(url, init);
  response.headers.append("Set-Cookie", await flashCookie().serialize(key));
  return response;
}

/** An unknown key (an old message, "__proto__", a forged value) shows nothing but is cleared. */
export async function readFlash(request: Request): Promise<{
  message: string | null;
  clearCookie: string | null;
}> {
  const cookie = flashCookie();
  const key: unknown = await cookie.parse(request.headers.get("cookie"));
  if (!key) return { message: null, clearCookie: null };
  return {
    message: typeof key === "string" && isFlashKey(key) ? flashMessages[key] : null,
    clearCookie: await cookie.serialize("", { maxAge: 0 }),
  };
}
