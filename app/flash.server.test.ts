import { createCookie } from "@remix-run/node";
import { readFlash, redirectWithFlash } from "./flash.server";
import { flashMessages } from "./ui/flash-messages";

/** The request a browser sends after the redirect, carrying the cookie it was given. */
function nextRequest(setCookie: string): Request {
  return new Request("http://localhost/", { headers: { cookie: setCookie.split(";")[0]! } });
}

describe("redirectWithFlash", () => {
  it("redirects and sets a __Host- cookie with the key for one minute", async () => {
    const response = await redirectWithFlash("/netzwerk", "profileSaved");
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/netzwerk");
    expect(response.headers.has("x-remix-replace")).toBe(false);
    const [cookie] = response.headers.getSetCookie();
    expect(cookie).toMatch(/^__Host-portal_flash=[^;]+;/);
    expect(cookie!.split("; ")).toEqual(
      expect.arrayContaining(["Max-Age=60", "Path=/", "HttpOnly", "SameSite=Lax", "Secure"]),
    );
  });

  it("replaces the history entry with the status asked for and keeps the caller's headers", async () => {
    const response = await redirectWithFlash("/seite#anker", "postDeleted", {
      status: 303,
      replace: true,
      headers: { "Set-Cookie": "andere=1" },
    });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/seite#anker");
    expect(response.headers.get("x-remix-replace")).toBe("true");
    const cookies = response.headers.getSetCookie();
    expect(cookies[0]).toBe("andere=1");
    expect(cookies[1]).toMatch(/^__Host-portal_flash=/);
  });
});

describe("readFlash", () => {
  it("shows the message once: the answer clears the cookie", async () => {
    const response = await redirectWithFlash("/", "postReported");
    const flash = await readFlash(nextRequest(response.headers.get("set-cookie")!));
    expect(flash.message).toBe(flashMessages.postReported);
    expect(flash.clearCookie).toMatch(/^__Host-portal_flash=;/);
    expect(flash.clearCookie!.split("; ")).toContain("Max-Age=0");
    expect(await readFlash(nextRequest(flash.clearCookie!))).toEqual({
      message: null,
      clearCookie: null,
    });
  });

  it("shows nothing without the cookie", async () => {
    expect(await readFlash(new Request("http://localhost/"))).toEqual({
      message: null,
      clearCookie: null,
    });
  });

  it.each(["__proto__", "constructor", "eineAlteMeldung", 7, { key: "loggedOut" }])(
    "shows nothing for a key outside the catalogue but clears it (%s)",
    async (value) => {
      const forged = await createCookie("__Host-portal_flash").serialize(value);
      const flash = await readFlash(nextRequest(forged));
      expect(flash.message).toBeNull();
      expect(flash.clearCookie).toMatch(/^__Host-portal_flash=;.*Max-Age=0/);
    },
  );
});
