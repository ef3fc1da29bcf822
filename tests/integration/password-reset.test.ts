import { and, eq, isNull } from "drizzle-orm";
import * as forgotten from "~/routes/passwort-vergessen";
import * as newPassword from "~/routes/passwort-neu.$token";
import { accountTexts } from "~/account/account-texts";
import { PASSWORD_RESET_VALIDITY_MS } from "~/account/password-reset.server";
import { logIn } from "~/auth/login.server";
import { hashToken } from "~/auth/tokens.server";
import { getDb } from "~/db/client.server";
import {
  auditLog,
  organizations,
  passwordResetTokens,
  secondFactors,
  sessions,
  users,
} from "~/db/schema";
import {
  createLoginCookie,
  createOrganization,
  createUser,
  DEFAULT_TEST_PASSWORD,
} from "~/demo/factories.server";
import { absoluteUrl } from "~/mail/mail.server";
import { hashIp } from "~/audit/audit.server";
import { rateLimiter } from "~/rate-limits.server";
import * as hub from "~/realtime/hub.server";
import { flashMessages } from "~/ui/flash-messages";
import { callRoute, expectRejected, flashOf, TEST_IP } from "#tests/helpers/routes";
import { auditEntries, linkTokenMailedTo, mailsTo } from "./account-steps";

const newGoodPassword = "Fahrradkeller-Sonnenblume-Laterne";
let counter = 0;
const uniqueAddress = (name: string) => `${name}-${++counter}-${Date.now()}@example.org`;

async function personWith(options: { requireSso?: boolean; password?: boolean } = {}) {
  const organization = await createOrganization({
    name: `Jobcenter ${++counter}`,
    kind: "jobcenter",
  });
  if (options.requireSso) {
    await getDb()
      .update(organizations)
      .set({ requireSso: true })
      .where(eq(organizations.id, organization.id));
  }
  const user = await createUser({
    organizationId: organization.id,
    email: uniqueAddress("petra.berg"),
    name: "Petra Berg",
  });
  if (options.password === false) {
    await getDb().update(users).set({ passwordHash: null }).where(eq(users.id, user.id));
  }
  return user;
}

const ask = (email: string) =>
  callRoute(forgotten.action, "/passwort-vergessen", { form: { email } });

const openLink = (token: string) =>
  callRoute(newPassword.loader, `/passwort-neu/${token}`, { params: { token } });

const setPassword = (token: string, password: string, passwordConfirmation = password) =>
  callRoute(newPassword.action, `/passwort-neu/${token}`, {
    params: { token },
    form: { password, passwordConfirmation },
  });

async function expectTheOneAnswer(response: Response) {
  expect(response.status).toBe(302);
  expect(response.headers.get("location")).toBe("/anmelden");
  expect(await flashOf(response)).toBe(flashMessages.passwordResetRequested);
}

async function resetLinkFor(email: string) {
  await expectTheOneAnswer(await ask(email));
  return linkTokenMailedTo(email, "/passwort-neu/");
}

describe("Passwort vergessen", () => {
  it("mails a link valid one hour, stored only hashed, and names no cause", async () => {
    const person = await personWith();
    const before = Date.now();
    await expectTheOneAnswer(await ask(person.email.toUpperCase()));
    const after = Date.now();

    const [mail] = await mailsTo(person.email);
    expect(mail!.triggeredByUserId).toBeNull();
    expect(mail!.body).toContain(absoluteUrl("/passwort-neu/"));
    const token = await linkTokenMailedTo(person.email, "/passwort-neu/");
    const [stored] = await getDb()
      .select()
      .from(passwordResetTokens)
      .where(eq(passwordResetTokens.userId, person.id));
    expect(stored!.tokenHash).toBe(hashToken(token));
    expect(stored!.tokenHash).not.toContain(token);
    const expiresAt = stored!.expiresAt.getTime();
    expect(expiresAt).toBeGreaterThanOrEqual(before + PASSWORD_RESET_VALIDITY_MS);
    expect(expiresAt).toBeLessThanOrEqual(after + PASSWORD_RESET_VALIDITY_MS);

    const page = await openLink(token);
    expect(page.status).toBe(200);
    expect(await page.json()).toEqual({ email: person.email });
    expect(await auditEntries("auth.password_reset_requested", person.id)).toMatchObject([
      { actorUserId: person.id, details: { outcome: "link", knownAccount: true } },
    ]);
  });

  it("gives an unknown address the same answer, and sends nothing", async () => {
    const unknown = uniqueAddress("niemand");
    await expectTheOneAnswer(await ask(unknown));
    expect(await mailsTo(unknown)).toEqual([]);
    const [entry] = await getDb()
      .select({ actorUserId: auditLog.actorUserId, details: auditLog.details })
      .from(auditLog)
      .where(
        and(eq(auditLog.action, "auth.password_reset_requested"), isNull(auditLog.actorUserId)),
      );
    expect(entry).toMatchObject({ details: { outcome: "no_mail", knownAccount: false } });
  });

  it("sends nothing to deactivated and anonymised accounts", async () => {
    for (const column of ["deactivatedAt", "anonymizedAt"] as const) {
      const person = await personWith();
      await getDb()
        .update(users)
        .set({ [column]: new Date() })
        .where(eq(users.id, person.id));
      await expectTheOneAnswer(await ask(person.email));
      expect(await mailsTo(person.email)).toEqual([]);
    }
  });

  it.each([
    ["whose organisation requires single sign-on", { requireSso: true }],
    ["who has no password", { password: false }],
  ])("tells a person %s to sign in through the provider, with no link", async (_, options) => {
    const person = await personWith(options);
    await expectTheOneAnswer(await ask(person.email));
    const mails = await mailsTo(person.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe(accountTexts.resetBySingleSignOnMail.subject);
    expect(mails[0]!.body).not.toContain("/passwort-neu/");
    expect(
      await getDb()
        .select()
        .from(passwordResetTokens)
        .where(eq(passwordResetTokens.userId, person.id)),
    ).toEqual([]);
  });

  it("throttles one client address after thirty requests an hour", async () => {
    // The file's other requests come from the same address: this test counts from zero.
    const limiter = rateLimiter("passwordResetsFromAddress");
    const address = (await hashIp(TEST_IP))!;
    await limiter.delete(address);
    for (let request = 0; request < 30; request++) {
      await expectTheOneAnswer(await ask(uniqueAddress("buero")));
    }
    expect((await ask(uniqueAddress("buero"))).status).toBe(429);
    await limiter.delete(address);
  });

  it("refuses a malformed address with what was typed", async () => {
    await expectRejected(await ask("petra.berg"), {
      errors: { email: "Bitte geben Sie eine gültige E-Mail-Adresse ein, z. B. name@example.org." },
      values: { email: "petra.berg" },
    });
  });

  it("throttles one address, known or not, after five requests an hour", async () => {
    const person = await personWith();
    const unknown = uniqueAddress("unbekannt");
    for (const email of [person.email, unknown]) {
      for (let request = 0; request < 5; request++) await expectTheOneAnswer(await ask(email));
      const refused = await ask(email);
      expect(refused.status).toBe(429);
      expect((await refused.json()).error[""][0]).toContain("zu viele Links");
    }
    expect(await mailsTo(person.email)).toHaveLength(5);
  });
});

describe("Neues Passwort über den Link", () => {
  it("sets the password, ends every session and every other link, and keeps the second factor", async () => {
    const person = await personWith();
    const phone = await createLoginCookie(person.id);
    const office = await createLoginCookie(person.id);
    const disconnect = vi.spyOn(hub, "disconnectRoom");
    await getDb()
      .insert(secondFactors)
      .values({ userId: person.id, secret: "JBSWY3DPEHPK3PXP", confirmedAt: new Date() });
    const older = await resetLinkFor(person.email);
    const token = await resetLinkFor(person.email);

    const response = await setPassword(token, newGoodPassword);
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/anmelden");
    expect(await flashOf(response)).toBe(flashMessages.passwordResetDone);

    expect(await getDb().select().from(sessions).where(eq(sessions.userId, person.id))).toEqual([]);
    // Their live connections close at once, not only at their next request.
    expect(disconnect).toHaveBeenCalledWith(hub.rooms.session(phone.sessionId));
    expect(disconnect).toHaveBeenCalledWith(hub.rooms.session(office.sessionId));
    disconnect.mockRestore();
    expect((await openLink(older)).status).toBe(404);
    expect(
      await getDb().select().from(secondFactors).where(eq(secondFactors.userId, person.id)),
    ).toHaveLength(1);
    expect((await logIn(person.email, DEFAULT_TEST_PASSWORD, TEST_IP)).ok).toBe(false);
    expect((await logIn(person.email, newGoodPassword, TEST_IP)).ok).toBe(true);
    expect(await auditEntries("auth.password_reset", person.id)).toMatchObject([
      { actorUserId: person.id, details: { endedSessions: 2 } },
    ]);
  });

  it("is used once", async () => {
    const person = await personWith();
    const token = await resetLinkFor(person.email);
    expect((await setPassword(token, newGoodPassword)).status).toBe(302);
    expect((await openLink(token)).status).toBe(404);
    await expectRejected(await setPassword(token, "Ganz-anderes-Passwort-fuer-heute"), {
      errors: { form: accountTexts.resetLinkInvalid },
    });
  });

  it("expires after an hour", async () => {
    const person = await personWith();
    const token = await resetLinkFor(person.email);
    await getDb()
      .update(passwordResetTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(passwordResetTokens.tokenHash, hashToken(token)));
    expect((await openLink(token)).status).toBe(404);
    await expectRejected(await setPassword(token, newGoodPassword), {
      errors: { form: accountTexts.resetLinkInvalid },
    });
  });

  it("no longer works once the organisation requires single sign-on", async () => {
    const person = await personWith();
    const token = await resetLinkFor(person.email);
    await getDb()
      .update(organizations)
      .set({ requireSso: true })
      .where(eq(organizations.id, person.organizationId));
    expect((await openLink(token)).status).toBe(404);
  });

  it("answers an unknown token with 404", async () => {
    expect((await openLink("abcdefghijklmnopqrstuvwxyz234567")).status).toBe(404);
  });

  it("keeps the old password while the new one is refused", async () => {
    const person = await personWith();
    const token = await resetLinkFor(person.email);
    await expectRejected(await setPassword(token, newGoodPassword, "Fahrradkeller"), {
      errors: { passwordConfirmation: "Die beiden Passwörter stimmen nicht überein." },
      values: {},
    });
    await expectRejected(await setPassword(token, "kurz"), {
      errors: { password: "Das Passwort muss mindestens 12 Zeichen lang sein." },
    });
    const weak = await setPassword(token, "passwortpasswort");
    expect(weak.status).toBe(400);
    expect((await weak.json()).error.password[0]).toContain("zu leicht zu erraten");
    // The link still works after refusals: only a saved password uses it.
    expect((await openLink(token)).status).toBe(200);
    expect((await logIn(person.email, DEFAULT_TEST_PASSWORD, TEST_IP)).ok).toBe(true);
  });
});
