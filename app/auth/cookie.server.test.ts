import { createCookie } from "@remix-run/node";
import {
  clearedSessionCookie,
  readSessionToken,
  sessionCookie,
  sessionCookieName,
  sessionRequestCookie,
} from "./cookie.server";

const token = "abcdefghijklmnopqrstuvwxyz234567";
const thirtyDays = 30 * 24 * 60 * 60;

/** The Cookie header of a cookie under the session's name holding any value, encoded as Remix does. */
const forged = async (value: unknown) =>
  (await createCookie(sessionCookieName()).serialize(value)).split(";")[0]!;

describe("session cookie", () => {
  it("is a __Host- cookie only the server reads, sent on same-site navigation for 30 days", async () => {
    const header = await sessionCookie(token);
    expect(sessionCookieName()).toBe("__Host-portal_session");
    expect(header.startsWith("__Host-portal_session=")).toBe(true);
    for (const attribute of [
      `Max-Age=${thirtyDays}`,
      "Path=/",
      "HttpOnly",
      "SameSite=Lax",
      "Secure",
    ]) {
      expect(header.split("; ")).toContain(attribute);
    }
  });

  it("gives back the token the browser returns", async () => {
    expect(await readSessionToken(await sessionRequestCookie(token))).toBe(token);
    expect(await readSessionToken(`andere=1; ${await sessionRequestCookie(token)}`)).toBe(token);
  });

  it("is cleared with an empty value that expires at once", async () => {
    const header = await clearedSessionCookie();
    expect(header).toMatch(/^__Host-portal_session=;/);
    expect(header.split("; ")).toEqual(
      expect.arrayContaining(["Max-Age=0", "Path=/", "HttpOnly", "SameSite=Lax", "Secure"]),
    );
  });

  it.each<[string, () => Promise<string | null>]>([
    ["no header", async () => null],
    ["another cookie only", async () => "portal_session=abc"],
    ["a raw value Remix cannot decode", async () => `${sessionCookieName()}=${token}`],
    ["a token of the wrong shape", () => forged("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")],
    ["a token one character too long", () => forged(`${token}a`)],
    ["a number", () => forged(42)],
    ["an object", () => forged({ token })],
  ])("does not take %s for a session", async (_, header) => {
    expect(await readSessionToken(await header())).toBeNull();
  });
});
