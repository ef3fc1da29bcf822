import { redirect } from "@remix-run/node";
import { readSessionToken } from "./cookie.server";
import { oncePerRequest } from "~/request-context.server";
import { validateSessionToken, type CurrentUser } from "./session.server";

/** The logged-in user of this request; the session is validated once per request. */
export async function getUser(request: Request): Promise<CurrentUser | null> {
  const token = await readSessionToken(request.headers.get("cookie"));
  if (!token) return null;
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
