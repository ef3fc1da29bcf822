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
