import { getEnv } from "~/env.server";
import { SESSION_LIFETIME_MS } from "./session.server";

/** `__Host-` pins the cookie to this host and path "/" and requires Secure. */
export function sessionCookieName(): string {
  return getEnv().cookieSecure ? "__Host-portal_session" : "portal_session";
}

export function readCookie(header: string | null, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(";")) {
    const separator = part.indexOf("=");
    if (separator === -1) continue;
    if (part.slice(0, separator).trim() === name) {
      return decodeURIComponent(part.slice(separator + 1).trim());
    }
  }
  return null;
}

export function readSessionToken(cookieHeader: string | null): string | null {
  return readCookie(cookieHeader, sessionCookieName());
}

function serialize(value: string, maxAgeSeconds: number): string {
  const attributes = [
    `${sessionCookieName()}=${value}`,
    "Path=/",
    "HttpOnly",
    "SameSite=Lax",
    `Max-Age=${maxAgeSeconds}`,
  ];
  if (getEnv().cookieSecure) attributes.push("Secure");
  return attributes.join("; ");
}

export function sessionCookie(token: string): string {
  return serialize(token, Math.floor(SESSION_LIFETIME_MS / 1000));
}

export function clearedSessionCookie(): string {
  return serialize("", 0);
}
