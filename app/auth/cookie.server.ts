import { createCookie, type Cookie } from "@remix-run/node";
import { getEnv } from "~/env.server";
import { SESSION_LIFETIME_MS } from "./session.server";

/**
 * Every cookie the portal sets: readable only by the server, sent on same-site navigation.
 * `__Host-` pins a cookie to this host and path "/" and requires Secure, so neither a sibling
 * subdomain nor plain HTTP can set or overwrite it. Local development over HTTP cannot use it.
 *
 * Unsigned, because no value is trusted for having come back from the browser: the session
 * cookie holds a random token that counts only once its hash is found in the database, the flash
 * cookie only a key into a fixed catalogue. Remix's `parse` does not throw on malformed headers
 * ("%", "__proto__=…", names without values, undecodable values give null, "" or `{}`), so
 * callers check the type and shape of what it returns.
 */
export function portalCookie(name: string, maxAgeSeconds: number): Cookie {
  const secure = getEnv().cookieSecure;
  return createCookie(secure ? `__Host-${name}` : name, {
    path: "/",
    httpOnly: true,
    sameSite: "lax",
    secure,
    maxAge: maxAgeSeconds,
  });
}

const sessionCookieOf = () =>
  portalCookie("portal_session", Math.floor(SESSION_LIFETIME_MS / 1000));

export function sessionCookieName(): string {
  return sessionCookieOf().name;
}

/** The shape `generateToken` produces; anything else cannot be a session and is not looked up. */
const SESSION_TOKEN = /^[a-z2-7]{32}$/;

export async function readSessionToken(cookieHeader: string | null): Promise<string | null> {
  const token: unknown = await sessionCookieOf().parse(cookieHeader);
  return typeof token === "string" && SESSION_TOKEN.test(token) ? token : null;
}

/** The Set-Cookie header that logs the browser in. */
export function sessionCookie(token: string): Promise<string> {
  return sessionCookieOf().serialize(token);
}

export function clearedSessionCookie(): Promise<string> {
  return sessionCookieOf().serialize("", { maxAge: 0 });
}

/** The Cookie header a browser sends back after `sessionCookie(token)`: for tests and demos. */
export async function sessionRequestCookie(token: string): Promise<string> {
  return (await sessionCookie(token)).split(";")[0]!;
}
