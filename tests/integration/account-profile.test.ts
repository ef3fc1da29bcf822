import { eq } from "drizzle-orm";
import * as account from "~/routes/_app.konto._index";
import * as confirmation from "~/routes/e-mail-bestaetigen.$token";
import { accountTexts } from "~/account/account-texts";
import { logIn } from "~/auth/login.server";
import { hashToken } from "~/auth/tokens.server";
import { getDb } from "~/db/client.server";
import { emailChangeRequests, passwordResetTokens, sessions, users } from "~/db/schema";
import {
  createLoginCookie,
  createOrganization,
  createUser,
  DEFAULT_TEST_PASSWORD,
} from "~/demo/factories.server";
import { absoluteUrl } from "~/mail/mail.server";
import { flashMessages } from "~/ui/flash-messages";
import { callRoute, expectRejected, flashOf, TEST_IP } from "#tests/helpers/routes";
import { auditEntries, linkTokenMailedTo, mailsTo } from "./account-steps";

let counter = 0;
const uniqueAddress = (name: string) => `${name}-${++counter}-${Date.now()}@example.org`;
const newGoodPassword = "Fahrradkeller-Sonnenblume-Laterne";

async function signedInPerson() {
  const organization = await createOrganization({
    name: `Jobcenter ${++counter}`,
    kind: "jobcenter",
  });
  const user = await createUser({
    organizationId: organization.id,
    email: uniqueAddress("jana.kern"),
    name: "Jana Kern",
  });
  const { cookie, sessionId } = await createLoginCookie(user.id);
  return { user, cookie, sessionId };
}

const post = (cookie: string, form: Record<string, string>) =>
  callRoute(account.action, "/konto", { cookie, form });

async function accountPage(cookie: string) {
  const response = await callRoute(account.loader, "/konto", { cookie });
  expect(response.status).toBe(200);
  return (await response.json()).account;
}

const confirmLink = (token: string, cookie?: string) =>
  callRoute(confirmation.action, `/e-mail-bestaetigen/${token}`, {
    params: { token },
    form: {},
    cookie,
  });
const openConfirmation = (token: string) =>
  callRoute(confirmation.loader, `/e-mail-bestaetigen/${token}`, { params: { token } });

async function requestNewAddress(cookie: string, email: string) {
  const response = await post(cookie, {
    intent: "email",
    email,
    currentPassword: DEFAULT_TEST_PASSWORD,
  });
  expect(response.status).toBe(302);
  expect(await flashOf(response)).toBe(flashMessages.emailChangeRequested);
  return linkTokenMailedTo(email, "/e-mail-bestaetigen/");
}

async function emailOf(userId: string) {
  const [row] = await getDb()
    .select({ email: users.email })
    .from(users)
    .where(eq(users.id, userId));
  return row!.email;
}

describe("Mein Konto: Profil", () => {
  it("shows the person's own account", async () => {
    const { user, cookie } = await signedInPerson();
    expect(await accountPage(cookie)).toEqual({
      name: "Jana Kern",
      email: user.email,
      jobTitle: "",
      phone: "",
      signsInWithPassword: true,
      pendingEmail: null,
    });
  });

  it("saves name, Funktion and phone, and audits which fields changed", async () => {
    const { user, cookie } = await signedInPerson();
    const other = await createUser({ organizationId: user.organizationId, name: "Bleibt Gleich" });
    const response = await post(cookie, {
      intent: "profile",
      name: "Jana Kern-Albers",
      jobTitle: "Integrationsfachkraft",
      phone: "0431 123456-7",
      // A crafted field names nothing: the form changes only the session's own person.
      userId: other.id,
    });
    expect(response.status).toBe(302);
    expect(await flashOf(response)).toBe(flashMessages.accountProfileSaved);
    expect(await accountPage(cookie)).toMatchObject({
      name: "Jana Kern-Albers",
      jobTitle: "Integrationsfachkraft",
      phone: "0431 123456-7",
    });
    const [unchanged] = await getDb().select().from(users).where(eq(users.id, other.id));
    expect(unchanged).toMatchObject({ name: "Bleibt Gleich", jobTitle: "", phone: "" });
    expect(await auditEntries("account.profile_updated", user.id)).toMatchObject([
      { actorUserId: user.id, details: { fields: "name,jobTitle,phone" } },
    ]);
  });

  it("refuses a missing name and a phone with letters, keeping what was typed", async () => {
    const { cookie } = await signedInPerson();
    await expectRejected(
      await post(cookie, { intent: "profile", name: " ", jobTitle: "Beratung", phone: "0431 abc" }),
      {
        intent: "profile",
        errors: { name: "Bitte geben Sie Ihren Namen ein.", phone: accountTexts.phoneInvalid },
        values: { name: " ", jobTitle: "Beratung", phone: "0431 abc" },
      },
    );
  });

  it("refuses an unknown intent", async () => {
    const { cookie } = await signedInPerson();
    expect((await post(cookie, { intent: "delete" })).status).toBe(400);
  });
});

describe("Mein Konto: E-Mail-Adresse", () => {
  it("changes the address only through the link to the new one, and tells the old one", async () => {
    const { user, cookie } = await signedInPerson();
    const newAddress = uniqueAddress("jana.kern.neu");
    const resetBefore = await getDb()
      .insert(passwordResetTokens)
      .values({
        userId: user.id,
        tokenHash: hashToken("alt"),
        expiresAt: new Date(Date.now() + 60_000),
      })
      .returning();

    const token = await requestNewAddress(cookie, newAddress.toUpperCase());
    const [linkMail] = await mailsTo(newAddress);
    expect(linkMail!.triggeredByUserId).toBe(user.id);
    expect(linkMail!.body).toContain(absoluteUrl("/e-mail-bestaetigen/"));
    const [stored] = await getDb()
      .select()
      .from(emailChangeRequests)
      .where(eq(emailChangeRequests.userId, user.id));
    expect(stored!.tokenHash).toBe(hashToken(token));
    expect(stored!.newEmail).toBe(newAddress);
    expect(await emailOf(user.id)).toBe(user.email);
    expect((await accountPage(cookie)).pendingEmail).toMatchObject({ newEmail: newAddress });

    const page = await openConfirmation(token);
    expect(await page.json()).toEqual({ change: { name: "Jana Kern", newEmail: newAddress } });
    const confirmed = await confirmLink(token, cookie);
    expect(confirmed.status).toBe(302);
    expect(confirmed.headers.get("location")).toBe("/konto");
    expect(await flashOf(confirmed)).toBe(flashMessages.emailChanged);

    expect(await emailOf(user.id)).toBe(newAddress);
    const [notice] = await mailsTo(user.email);
    expect(notice!.subject).toBe(accountTexts.emailChangedMail.subject);
    expect(notice!.body).toContain(newAddress);
    // A "Passwort vergessen" link that went to the old address no longer works.
    const [reset] = await getDb()
      .select({ usedAt: passwordResetTokens.usedAt })
      .from(passwordResetTokens)
      .where(eq(passwordResetTokens.id, resetBefore[0]!.id));
    expect(reset!.usedAt).not.toBeNull();
    expect((await logIn(newAddress, DEFAULT_TEST_PASSWORD, TEST_IP)).ok).toBe(true);
    expect(await auditEntries("account.email_changed", user.id)).toHaveLength(1);

    // Used once.
    expect((await openConfirmation(token)).status).toBe(404);
    await expectRejected(await confirmLink(token), {
      errors: { form: accountTexts.emailLinkInvalid },
    });
  });

  it("sends a visitor who confirms on another device to the login page", async () => {
    const { cookie } = await signedInPerson();
    const token = await requestNewAddress(cookie, uniqueAddress("anderes.geraet"));
    const confirmed = await confirmLink(token);
    expect(confirmed.headers.get("location")).toBe("/anmelden");
  });

  it("keeps only the newest request open", async () => {
    const { cookie } = await signedInPerson();
    const first = await requestNewAddress(cookie, uniqueAddress("erste"));
    await requestNewAddress(cookie, uniqueAddress("zweite"));
    expect((await openConfirmation(first)).status).toBe(404);
  });

  it("refuses the own address and one another account has, in any case", async () => {
    const { user, cookie } = await signedInPerson();
    const other = await createUser({ organizationId: user.organizationId });
    const change = (email: string) =>
      post(cookie, { intent: "email", email, currentPassword: DEFAULT_TEST_PASSWORD });
    await expectRejected(await change(user.email.toUpperCase()), {
      intent: "email",
      errors: { email: accountTexts.emailUnchanged },
    });
    await expectRejected(await change(other.email.toUpperCase()), {
      intent: "email",
      errors: { email: accountTexts.emailTaken },
      values: { email: other.email.toUpperCase() },
    });
  });

  it("asks a person with a password for it, and sends nothing without it", async () => {
    const { cookie } = await signedInPerson();
    const newAddress = uniqueAddress("ohne.passwort");
    await expectRejected(await post(cookie, { intent: "email", email: newAddress }), {
      intent: "email",
      errors: { currentPassword: accountTexts.currentPasswordRequired },
      values: { email: newAddress },
    });
    await expectRejected(
      await post(cookie, { intent: "email", email: newAddress, currentPassword: "geraten-2026" }),
      { errors: { currentPassword: accountTexts.currentPasswordWrong } },
    );
    expect(await mailsTo(newAddress)).toEqual([]);
  });

  it("asks nothing of a person who signs in through an identity provider", async () => {
    const { user, cookie } = await signedInPerson();
    await getDb().update(users).set({ passwordHash: null }).where(eq(users.id, user.id));
    const newAddress = uniqueAddress("sso");
    expect((await post(cookie, { intent: "email", email: newAddress })).status).toBe(302);
    expect(await mailsTo(newAddress)).toHaveLength(1);
  });

  it("refuses a link whose address another account took meanwhile", async () => {
    const first = await signedInPerson();
    const second = await signedInPerson();
    const wanted = uniqueAddress("begehrt");
    const firstToken = await requestNewAddress(first.cookie, wanted);
    const secondToken = await requestNewAddress(second.cookie, wanted);
    expect((await confirmLink(firstToken)).status).toBe(302);
    const refused = await confirmLink(secondToken);
    expect(refused.status).toBe(409);
    expect((await refused.json()).error[""][0]).toBe(accountTexts.emailTaken);
    expect(await emailOf(second.user.id)).toBe(second.user.email);
  });

  it("expires after 24 hours", async () => {
    const { cookie } = await signedInPerson();
    const token = await requestNewAddress(cookie, uniqueAddress("spaet"));
    await getDb()
      .update(emailChangeRequests)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(emailChangeRequests.tokenHash, hashToken(token)));
    expect((await openConfirmation(token)).status).toBe(404);
    expect((await confirmLink(token)).status).toBe(400);
  });
});

describe("Mein Konto: Passwort", () => {
  it("changes the password with the current one and ends only the other sessions", async () => {
    const { user, cookie, sessionId } = await signedInPerson();
    const other = await createLoginCookie(user.id);
    const response = await post(cookie, {
      intent: "password",
      currentPassword: DEFAULT_TEST_PASSWORD,
      newPassword: newGoodPassword,
      passwordConfirmation: newGoodPassword,
    });
    expect(response.status).toBe(302);
    expect(await flashOf(response)).toBe(flashMessages.passwordChanged);
    const left = await getDb()
      .select({ id: sessions.id })
      .from(sessions)
      .where(eq(sessions.userId, user.id));
    expect(left).toEqual([{ id: sessionId }]);
    expect(left).not.toContainEqual({ id: other.sessionId });
    expect((await logIn(user.email, newGoodPassword, TEST_IP)).ok).toBe(true);
    expect(await auditEntries("account.password_changed", user.id)).toMatchObject([
      { actorUserId: user.id, details: { endedSessions: 1 } },
    ]);
  });

  it("refuses a wrong current password, a mismatch and a weak one, and never sends them back", async () => {
    const { user, cookie } = await signedInPerson();
    const attempt = (currentPassword: string, newPassword: string, confirmation = newPassword) =>
      post(cookie, {
        intent: "password",
        currentPassword,
        newPassword,
        passwordConfirmation: confirmation,
      });
    await expectRejected(await attempt("falsch-geraten-2026", newGoodPassword), {
      intent: "password",
      errors: { currentPassword: accountTexts.currentPasswordWrong },
      values: { intent: "password" },
    });
    await expectRejected(await attempt(DEFAULT_TEST_PASSWORD, newGoodPassword, "anders"), {
      errors: { passwordConfirmation: "Die beiden Passwörter stimmen nicht überein." },
    });
    const weak = await attempt(DEFAULT_TEST_PASSWORD, "passwortpasswort");
    expect(weak.status).toBe(400);
    expect((await weak.json()).error.newPassword[0]).toContain("zu leicht zu erraten");
    expect((await logIn(user.email, DEFAULT_TEST_PASSWORD, TEST_IP)).ok).toBe(true);
  });

  it("limits checks of the current password to ten an hour", async () => {
    const { cookie } = await signedInPerson();
    const guess = () =>
      post(cookie, {
        intent: "password",
        currentPassword: "falsch-geraten-2026",
        newPassword: newGoodPassword,
        passwordConfirmation: newGoodPassword,
      });
    for (let attempt = 0; attempt < 10; attempt++) expect((await guess()).status).toBe(400);
    const refused = await guess();
    expect(refused.status).toBe(429);
    expect((await refused.json()).error[""][0]).toContain("zu oft falsch");
  });

  it("explains sign-in through the provider to a person without a password", async () => {
    const { user, cookie } = await signedInPerson();
    await getDb().update(users).set({ passwordHash: null }).where(eq(users.id, user.id));
    expect((await accountPage(cookie)).signsInWithPassword).toBe(false);
    await expectRejected(
      await post(cookie, {
        intent: "password",
        currentPassword: "irgendwas",
        newPassword: newGoodPassword,
        passwordConfirmation: newGoodPassword,
      }),
      { errors: { form: accountTexts.noPassword } },
    );
  });
});
