import { parse, serialize } from "cookie";
import { getEnv } from "~/env.server";
import { SESSION_LIFETIME_MS } from "./session.server";

/**
 * `__Host-` pins a cookie to this host and path "/" and requires Secure, so neither a sibling
 * subdomain nor plain HTTP can set or overwrite it. Local development over HTTP cannot use it.
 */
export function hostCookieName(name: string): string {
  return getEnv().cookieSecure ? `__Host-${name}` : name;
}

export function sessionCookieName(): string {
  return hostCookieName("portal_session");
}

/**
 * A cookie's value, or null. Clients send malformed headers ("%", "__proto__=…", names without
 * values); the `cookie` package parses them without throwing on bad escapes into an object
 * without a prototype, and only an own key counts. What a value means is for the caller to check.
 */
export function readCookie(header: string | null | undefined, name: string): string | null {
  if (!header) return null;
  const cookies = parse(header);
  return Object.hasOwn(cookies, name) ? (cookies[name] ?? null) : null;
}

/** The shape `generateToken` produces; anything else cannot be a session and is not looked up. */
const SESSION_TOKEN = /^[a-z2-7]{32}$/;

export function readSessionToken(cookieHeader: string | null | undefined): string | null {
  const token = readCookie(cookieHeader, sessionCookieName());
  return token && SESSION_TOKEN.test(token) ? token : null;
}

/** Every cookie the portal sets: readable only by the server, sent on same-site navigation. */
export function serializeCookie(name: string, value: string, maxAgeSeconds: number): string {
  return serialize(name, value, {
    path: "/",
    httpOnly: true,
    sameSite: "lax",
    maxAge: maxAgeSeconds,
    secure: getEnv().cookieSecure,
  });
}

export function sessionCookie(token: string): string {
  return serializeCookie(sessionCookieName(), token, Math.floor(SESSION_LIFETIME_MS / 1000));
}

export function clearedSessionCookie(): string {
  return serializeCookie(sessionCookieName(), "", 0);
}
