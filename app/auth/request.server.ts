import { redirect } from "@remix-run/node";
import { readSessionToken } from "./cookie.server";
import { oncePerRequest } from "~/request-context.server";
import { validateSessionToken, type CurrentUser } from "./session.server";

/** Set by server/index.ts from Express's req.ip; any client-sent value is overwritten there. */
export const CLIENT_IP_HEADER = "x-portal-client-ip";

export function clientIp(request: Request): string | null {
  return request.headers.get(CLIENT_IP_HEADER);
}

/** The logged-in user of this request; the session is validated once per request. */
export function getUser(request: Request): Promise<CurrentUser | null> {
  const token = readSessionToken(request.headers.get("cookie"));
  if (!token) return Promise.resolve(null);
  return oncePerRequest(`session:${token}`, () => validateSessionToken(token));
}

/** First line of every protected loader and action. Sends a visitor to the login page. */
export async function requireUser(request: Request): Promise<CurrentUser> {
  const user = await getUser(request);
  if (!user) {
    const url = new URL(request.url);
    const target = `${url.pathname}${url.search}`;
    throw redirect(`/anmelden?weiter=${encodeURIComponent(target)}`);
  }
  return user;
}

/**
 * Only paths on this site may be redirect targets after login. Browsers read "/\\host" and
 * "//host" as other sites, so the target must resolve to the same origin.
 */
export function safeRedirectTarget(
  target: FormDataEntryValue | string | null,
  fallback = "/netzwerk",
) {
  if (typeof target !== "string" || !target.startsWith("/")) return fallback;
  const base = "http://portal.invalid";
  const resolved = new URL(target, base);
  if (resolved.origin !== base || target.includes("\\")) return fallback;
  return `${resolved.pathname}${resolved.search}${resolved.hash}`;
}
