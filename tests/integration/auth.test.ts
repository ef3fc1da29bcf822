import { and, eq } from "drizzle-orm";
import * as login from "~/routes/anmelden";
import * as logout from "~/routes/abmelden";
import * as myNetwork from "~/routes/_app.netzwerk";
import { authTexts } from "~/auth/texts";
import { readSessionToken, sessionCookieName } from "~/auth/cookie.server";
import {
  SESSION_IDLE_TIMEOUT_MS,
  SESSION_LIFETIME_MS,
  createSession,
  validateSessionToken,
} from "~/auth/session.server";
import { hashToken } from "~/auth/tokens.server";
import { getDb } from "~/db/client.server";
import { auditLog, sessions, users } from "~/db/schema";
import {
  DEFAULT_TEST_PASSWORD,
  createLoginCookie,
  createOrganization,
  createUser,
} from "~/demo/factories.server";
import { logIn } from "~/auth/login.server";
import { runInRequestScope } from "~/request-context.server";
import { readFlash } from "~/flash.server";
import { flashMessages } from "~/ui/flash-messages";
import { buildRequest, callRoute, feedbackOf, setCookieOf } from "#tests/helpers/routes";

async function member() {
  const organization = await createOrganization();
  return createUser({
    organizationId: organization.id,
    email: `fachkraft-${Math.random().toString(36).slice(2)}@example.org`,
  });
}

function submitLogin(email: string, password: string, extra: Record<string, string> = {}) {
  return callRoute(login.action, "/anmelden", { form: { email, password, ...extra } });
}

/** The same login form, sent from another client address. */
async function submitLoginFrom(ip: string, email: string, password: string) {
  const request = buildRequest("/anmelden", { form: { email, password } });
  return runInRequestScope({ clientIp: ip }, () =>
    login.action({ request, params: {}, context: {} }),
  );
}

async function failedLoginsOf(userId: string) {
  const entries = await getDb()
    .select({ id: auditLog.id })
    .from(auditLog)
    .where(and(eq(auditLog.actorUserId, userId), eq(auditLog.action, "auth.login_failed")));
  return entries.length;
}

async function messageOf(response: Response) {
  return (await feedbackOf(response)) as {
    errors: Record<string, string>;
    values: Record<string, string>;
  };
}

describe("Anmeldung", () => {
  it("sets an HttpOnly, SameSite=Lax, Secure session cookie and redirects to the target", async () => {
    const user = await member();
    const response = await submitLogin(user.email.toUpperCase(), DEFAULT_TEST_PASSWORD, {
      weiter: "/organisation",
    });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/organisation");
    const cookie = setCookieOf(response);
    expect(cookie.startsWith(`${sessionCookieName()}=`)).toBe(true);
    expect(await readSessionToken(cookie.split(";")[0]!)).toMatch(/^[a-z2-7]{32}$/);
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Lax");
    expect(cookie).toContain("Secure");
    expect(sessionCookieName()).toBe("__Host-portal_session");
  });

  it("stores only the SHA-256 of the token and gives every login a new session id", async () => {
    const user = await member();
    const tokens = [];
    for (let i = 0; i < 2; i++) {
      const cookie = setCookieOf(await submitLogin(user.email, DEFAULT_TEST_PASSWORD));
      tokens.push((await readSessionToken(cookie.split(";")[0]!))!);
    }
    expect(tokens[0]).not.toBe(tokens[1]);
    const stored = await getDb()
      .select({ id: sessions.id })
      .from(sessions)
      .where(eq(sessions.userId, user.id));
    expect(stored.map((s) => s.id).sort()).toEqual(tokens.map((t) => hashToken(t)).sort());
  });

  it("answers a wrong password and an unknown e-mail with the same German message and keeps the e-mail", async () => {
    const user = await member();
    const wrong = await submitLogin(user.email, "falsches-passwort-123");
    const unknown = await submitLogin("niemand@example.org", "falsches-passwort-123");
    expect(wrong.status).toBe(400);
    const wrongBody = await messageOf(wrong);
    const unknownBody = await messageOf(unknown);
    expect(wrongBody.errors.form).toBe(authTexts.invalidCredentials);
    expect(unknownBody.errors.form).toBe(authTexts.invalidCredentials);
    expect(wrongBody.values.email).toBe(user.email);
    expect(wrongBody.values).not.toHaveProperty("password");
  });

  it("explains missing fields in German", async () => {
    const body = await messageOf(await submitLogin("", ""));
    expect(body.errors.email).toBe(authTexts.emailRequired);
    expect(body.errors.password).toBe(authTexts.passwordRequired);
  });

  it("stops guessing from one address after five failures, even with the right password", async () => {
    const user = await member();
    for (let i = 0; i < 5; i++) await submitLogin(user.email, "falsches-passwort-123");
    const blocked = await submitLogin(user.email, DEFAULT_TEST_PASSWORD);
    expect(blocked.status).toBe(400);
    expect((await messageOf(blocked)).errors.form).toMatch(
      /Zu viele fehlgeschlagene Anmeldeversuche/,
    );
  });

  it("checks at most five of twenty parallel wrong passwords from one address", async () => {
    const user = await member();
    const responses = await Promise.all(
      Array.from({ length: 20 }, () =>
        submitLoginFrom("198.51.100.20", user.email, "falsches-passwort-123"),
      ),
    );
    expect(responses.every((response) => response.status === 400)).toBe(true);
    expect(await failedLoginsOf(user.id)).toBeLessThanOrEqual(5);
  });

  it("lets the real person in from her own address while her account is attacked", async () => {
    const user = await member();
    await Promise.all(
      Array.from({ length: 20 }, () =>
        submitLoginFrom("198.51.100.66", user.email, "falsches-passwort-123"),
      ),
    );
    const attacker = await submitLoginFrom("198.51.100.66", user.email, DEFAULT_TEST_PASSWORD);
    expect(attacker.status).toBe(400);
    const colleague = await submitLoginFrom("192.0.2.10", user.email, DEFAULT_TEST_PASSWORD);
    expect(colleague.status).toBe(302);
    expect(colleague.headers.get("location")).toBe("/netzwerk");
  });

  it("only delays, never refuses, the right password when many addresses attack one account", async () => {
    const user = await member();
    for (let bot = 1; bot <= 15; bot++) {
      await logIn(user.email, "falsches-passwort-123", `198.51.100.${bot}`, {
        pause: () => Promise.resolve(),
      });
    }
    const pauses: number[] = [];
    const result = await logIn(user.email, DEFAULT_TEST_PASSWORD, "192.0.2.10", {
      pause: async (ms) => void pauses.push(ms),
    });
    expect(result.ok).toBe(true);
    expect(pauses).toHaveLength(1);
    expect(pauses[0]).toBeGreaterThan(0);
    expect(pauses[0]).toBeLessThanOrEqual(5_000);
  });

  it("throttles an address that tries many accounts", async () => {
    const organization = await createOrganization();
    const accounts = await Promise.all(
      Array.from({ length: 25 }, () => createUser({ organizationId: organization.id })),
    );
    const ip = "198.51.100.200";
    const checked = [];
    for (const account of accounts) {
      const response = await submitLoginFrom(ip, account.email, "falsches-passwort-123");
      checked.push((await messageOf(response)).errors.form === authTexts.invalidCredentials);
    }
    expect(checked.filter(Boolean).length).toBeLessThanOrEqual(20);
    const own = await submitLoginFrom(ip, accounts[0]!.email, DEFAULT_TEST_PASSWORD);
    expect((await messageOf(own)).errors.form).toMatch(/Zu viele fehlgeschlagene Anmeldeversuche/);
    const elsewhere = await submitLoginFrom(
      "192.0.2.10",
      accounts[0]!.email,
      DEFAULT_TEST_PASSWORD,
    );
    expect(elsewhere.status).toBe(302);
  });

  it("refuses deactivated accounts with the same message", async () => {
    const user = await member();
    await getDb().update(users).set({ deactivatedAt: new Date() }).where(eq(users.id, user.id));
    const body = await messageOf(await submitLogin(user.email, DEFAULT_TEST_PASSWORD));
    expect(body.errors.form).toBe(authTexts.invalidCredentials);
  });

  it.each([
    "/..//evil.example",
    "/\\evil",
    "%2F%2Fevil",
    "/\t/evil.example",
    "javascript:alert(1)",
    "//evil.example.com/",
    "/\\evil.example.com",
    "/\\/evil.example.com",
    "https://evil.example.com",
    "/%5Cevil.example.com",
  ])("never redirects to another site after login (weiter=%s)", async (target) => {
    const user = await member();
    const response = await submitLogin(user.email, DEFAULT_TEST_PASSWORD, { weiter: target });
    const location = response.headers.get("location")!;
    expect(new URL(location, "http://localhost").origin).toBe("http://localhost");
    expect(location).not.toMatch(/^\/[\\/]/);
  });

  it("sends a logged-in person only to paths on this site (weiter=/..//evil.example)", async () => {
    const user = await member();
    const { cookie } = await createLoginCookie(user.id);
    const response = await callRoute(
      login.loader,
      `/anmelden?weiter=${encodeURIComponent("/..//evil.example")}`,
      {
        cookie,
      },
    );
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/evil.example");
  });

  it("logs logins, failed logins and logouts with a hashed IP", async () => {
    const user = await member();
    await submitLogin(user.email, "falsches-passwort-123");
    const cookie = setCookieOf(await submitLogin(user.email, DEFAULT_TEST_PASSWORD)).split(";")[0]!;
    await callRoute(logout.action, "/abmelden", { cookie, form: {} });
    const entries = await getDb()
      .select({ action: auditLog.action, ipHash: auditLog.ipHash })
      .from(auditLog)
      .where(eq(auditLog.actorUserId, user.id));
    expect(entries.map((e) => e.action)).toEqual([
      "auth.login_failed",
      "auth.login",
      "auth.logout",
    ]);
    for (const entry of entries) {
      expect(entry.ipHash).toMatch(/^[0-9a-f]{32}$/);
      expect(entry.ipHash).not.toContain("203.0.113.7");
    }
  });
});

describe("Sitzungen", () => {
  it("ends the session on logout and clears the cookie", async () => {
    const user = await member();
    const cookie = setCookieOf(await submitLogin(user.email, DEFAULT_TEST_PASSWORD)).split(";")[0]!;
    expect((await callRoute(myNetwork.loader, "/netzwerk", { cookie })).status).toBe(200);
    const response = await callRoute(logout.action, "/abmelden", { cookie, form: {} });
    expect(response.headers.get("location")).toBe("/anmelden");
    const [sessionCleared, flash] = response.headers.getSetCookie();
    expect(sessionCleared).toMatch(/^__Host-portal_session=;.*Max-Age=0/);
    expect(flash).toMatch(/^__Host-portal_flash=[^;]+;/);
    const shown = await readFlash(buildRequest("/anmelden", { cookie: flash!.split(";")[0]! }));
    expect(shown.message).toBe(flashMessages.loggedOut);
    expect(flash).toContain("Secure");
    expect(flash).toContain("HttpOnly");
    const after = await callRoute(myNetwork.loader, "/netzwerk", { cookie });
    expect(after.headers.get("location")).toMatch(/^\/anmelden/);
  });

  it("expires after 12 hours without activity", async () => {
    const user = await member();
    const start = new Date("2026-03-02T08:00:00Z");
    const { token } = await createSession(user.id, start);
    expect(
      await validateSessionToken(token, new Date(start.getTime() + SESSION_IDLE_TIMEOUT_MS - 1000)),
    ).not.toBeNull();
    const idleSince = new Date(start.getTime() + SESSION_IDLE_TIMEOUT_MS - 1000);
    expect(
      await validateSessionToken(
        token,
        new Date(idleSince.getTime() + SESSION_IDLE_TIMEOUT_MS + 1000),
      ),
    ).toBeNull();
    expect(
      await getDb()
        .select()
        .from(sessions)
        .where(eq(sessions.id, hashToken(token))),
    ).toHaveLength(0);
  });

  it("slides the 30-day expiry while the user is active", async () => {
    const user = await member();
    const start = new Date("2026-03-02T08:00:00Z");
    const { token } = await createSession(user.id, start);
    // Use every 11 hours (inside the idle timeout) for 40 days keeps it alive past 30 days.
    const step = 11 * 60 * 60 * 1000;
    for (
      let at = start.getTime() + step;
      at <= start.getTime() + 40 * 24 * 60 * 60 * 1000;
      at += step
    ) {
      expect(await validateSessionToken(token, new Date(at))).not.toBeNull();
    }
    const [row] = await getDb()
      .select({ expiresAt: sessions.expiresAt })
      .from(sessions)
      .where(eq(sessions.id, hashToken(token)));
    expect(row!.expiresAt.getTime()).toBeGreaterThan(start.getTime() + SESSION_LIFETIME_MS);
  });

  it("ends at the absolute expiry even with activity inside the idle window", async () => {
    const user = await member();
    const start = new Date("2026-03-02T08:00:00Z");
    const { token, id } = await createSession(user.id, start);
    const late = new Date(start.getTime() + SESSION_LIFETIME_MS + 1000);
    await getDb()
      .update(sessions)
      .set({ lastSeenAt: new Date(late.getTime() - 1000) })
      .where(eq(sessions.id, id));
    expect(await validateSessionToken(token, late)).toBeNull();
  });
});
