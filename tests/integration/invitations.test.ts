import { desc, eq } from "drizzle-orm";
import * as members from "~/routes/_app.organisation_.mitglieder";
import * as invitation from "~/routes/einladung.$token";
import * as myNetwork from "~/routes/_app.netzwerk";
import { authTexts } from "~/auth/texts";
import { getDb } from "~/db/client.server";
import { invitations, mailOutbox, sessions, users } from "~/db/schema";
import { invitationTexts, organizationTexts } from "~/organizations/texts";
import { absoluteUrl } from "~/mail/mail.server";
import { INVITATION_VALIDITY_MS } from "~/organizations/invitations.server";
import { hashToken } from "~/auth/tokens.server";
import { createLoginCookie, createOrganization, createUser } from "~/demo/factories.server";
import {
  buildRequest,
  callRoute,
  setCookieOf,
  TEST_ORIGIN,
  feedbackOf,
} from "#tests/helpers/routes";

async function adminOfNewOrganization() {
  const organization = await createOrganization({
    name: "Diakonie Schuldnerberatung Teststadt",
    kind: "schuldnerberatung",
  });
  const admin = await createUser({
    organizationId: organization.id,
    role: "org_admin",
    name: "Claudia Test",
  });
  return { organization, admin, cookie: (await createLoginCookie(admin.id)).cookie };
}

async function invite(cookie: string, email: string, role = "staff") {
  return callRoute(members.action, "/organisation/mitglieder", {
    cookie,
    form: { intent: "invite", email, role },
  });
}

async function tokenFromOutbox(email: string) {
  const [mail] = await getDb()
    .select({ body: mailOutbox.body, subject: mailOutbox.subject })
    .from(mailOutbox)
    .where(eq(mailOutbox.recipient, email))
    .orderBy(desc(mailOutbox.createdAt));
  const token = mail?.body.match(/\/einladung\/([a-z2-7]+)/)?.[1];
  if (!token) throw new Error(`no invitation mail for ${email}`);
  return { token, mail: mail! };
}

function accept(token: string, form: Record<string, string>) {
  return callRoute(invitation.action, `/einladung/${token}`, { params: { token }, form });
}

const goodPassword = "Beratung-im-Netzwerk-2026";

describe("Einladungen", () => {
  it("lets an invited person set name and password, log in and see Mein Netzwerk", async () => {
    const { cookie, organization } = await adminOfNewOrganization();
    const response = await invite(cookie, "Neue.Kollegin@example.org");
    expect(response.status).toBe(302);

    const { token, mail } = await tokenFromOutbox("neue.kollegin@example.org");
    expect(mail.subject).toContain(organization.name);
    expect(mail.body).toContain(absoluteUrl("/einladung/"));

    const page = await callRoute(invitation.loader, `/einladung/${token}`, { params: { token } });
    expect(await page.json()).toMatchObject({
      invitation: { email: "neue.kollegin@example.org", roleLabel: "Fachkraft" },
    });

    const accepted = await accept(token, {
      name: "Maria Neu",
      password: goodPassword,
      passwordConfirmation: goodPassword,
    });
    expect(accepted.status).toBe(302);
    expect(accepted.headers.get("location")).toBe("/netzwerk");
    const sessionCookie = setCookieOf(accepted)
      .split(/,\s*(?=[^;]+=)/)
      .find((c) => c.includes("portal_session"))!
      .split(";")[0]!;
    const home = await callRoute(myNetwork.loader, "/netzwerk", { cookie: sessionCookie });
    expect(home.status).toBe(200);
    expect(await home.json()).toMatchObject({ firstName: "Maria" });

    const [user] = await getDb()
      .select()
      .from(users)
      .where(eq(users.email, "neue.kollegin@example.org"));
    expect(user).toMatchObject({
      name: "Maria Neu",
      role: "staff",
      organizationId: organization.id,
    });
    expect(user!.passwordHash).toMatch(/^\$argon2id\$/);
  });

  it("stores the link token only hashed", async () => {
    const { cookie } = await adminOfNewOrganization();
    await invite(cookie, "gehasht@example.org");
    const { token } = await tokenFromOutbox("gehasht@example.org");
    const [stored] = await getDb()
      .select({ tokenHash: invitations.tokenHash })
      .from(invitations)
      .where(eq(invitations.email, "gehasht@example.org"));
    expect(stored!.tokenHash).toBe(hashToken(token));
    expect(stored!.tokenHash).not.toContain(token);
  });

  it("can be used only once", async () => {
    const { cookie } = await adminOfNewOrganization();
    await invite(cookie, "einmal@example.org");
    const { token } = await tokenFromOutbox("einmal@example.org");
    const form = {
      name: "Erika Einmal",
      password: goodPassword,
      passwordConfirmation: goodPassword,
    };
    expect((await accept(token, form)).status).toBe(302);
    const again = await accept(token, form);
    expect(again.status).toBe(400);
    expect((await feedbackOf(again)).errors.form).toBe(authTexts.invitationInvalid);
    const page = await callRoute(invitation.loader, `/einladung/${token}`, { params: { token } });
    expect(page.status).toBe(404);
  });

  it("expires after 7 days", async () => {
    const { cookie } = await adminOfNewOrganization();
    await invite(cookie, "spaet@example.org");
    const { token } = await tokenFromOutbox("spaet@example.org");
    const [row] = await getDb()
      .select({ expiresAt: invitations.expiresAt, createdAt: invitations.createdAt })
      .from(invitations)
      .where(eq(invitations.email, "spaet@example.org"));
    expect(row!.expiresAt.getTime() - row!.createdAt.getTime()).toBeGreaterThan(
      INVITATION_VALIDITY_MS - 60_000,
    );
    await getDb()
      .update(invitations)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(invitations.email, "spaet@example.org"));
    expect(
      (await callRoute(invitation.loader, `/einladung/${token}`, { params: { token } })).status,
    ).toBe(404);
  });

  it("rejects short, common and mismatched passwords in German and keeps the name", async () => {
    const { cookie } = await adminOfNewOrganization();
    await invite(cookie, "passwort@example.org");
    const { token } = await tokenFromOutbox("passwort@example.org");
    const cases: [Record<string, string>, string, string][] = [
      [{ password: "kurz", passwordConfirmation: "kurz" }, "password", authTexts.passwordTooShort],
      [
        { password: "passwordpassword", passwordConfirmation: "passwordpassword" },
        "password",
        expect.stringMatching(new RegExp(`^${authTexts.passwordWeak} \\S`)),
      ],
      [
        { password: goodPassword, passwordConfirmation: "etwas-anderes-2026" },
        "passwordConfirmation",
        authTexts.passwordMismatch,
      ],
      [
        { password: "passwort@example.org!", passwordConfirmation: "passwort@example.org!" },
        "password",
        authTexts.passwordContainsEmail,
      ],
    ];
    for (const [passwords, field, message] of cases) {
      const response = await accept(token, { name: "Paul Passwort", ...passwords });
      expect(response.status).toBe(400);
      const body = (await feedbackOf(response)) as {
        errors: Record<string, string>;
        values: Record<string, string>;
      };
      expect(body.errors[field]).toEqual(message);
      expect(body.values.name).toBe("Paul Passwort");
      expect(body.values).not.toHaveProperty("password");
    }
  });

  it("answers an address with an account like any other and tells that person by mail", async () => {
    const { cookie, organization } = await adminOfNewOrganization();
    // Someone of another organisation (in another network, perhaps): the form must not tell.
    const other = await createOrganization({ name: "Jobcenter Anderswo", kind: "jobcenter" });
    const existing = await createUser({ organizationId: other.id });
    const known = await invite(cookie, existing.email);
    const unknown = await invite(cookie, "noch-kein-konto@example.org");
    expect(known.status).toBe(unknown.status);
    expect(known.headers.get("location")).toBe(unknown.headers.get("location"));
    expect(setCookieOf(known)).toBe(setCookieOf(unknown));

    const stored = await getDb()
      .select({ id: invitations.id })
      .from(invitations)
      .where(eq(invitations.email, existing.email.toLowerCase()));
    expect(stored).toEqual([]);
    const [notice] = await getDb()
      .select({
        subject: mailOutbox.subject,
        body: mailOutbox.body,
        triggeredByUserId: mailOutbox.triggeredByUserId,
      })
      .from(mailOutbox)
      .where(eq(mailOutbox.recipient, existing.email.toLowerCase()));
    expect(notice?.subject).toBe(invitationTexts.existingAccountSubject);
    expect(notice?.body).toContain(organization.name);
    expect(notice?.body).not.toMatch(/\/einladung\//);
    // The inviter's Postausgang lists their own mails: this one must not be among them.
    expect(notice?.triggeredByUserId).toBeNull();
  });

  it("links invitations to the configured address, not to the Host the request named", async () => {
    const { cookie } = await adminOfNewOrganization();
    const request = buildRequest("/organisation/mitglieder", {
      cookie,
      form: { intent: "invite", email: "host-header@example.org", role: "staff" },
    });
    // The request as it arrives with another Host: Remix builds its URL from that header.
    const forged = new Request(request.url.replace(TEST_ORIGIN, "http://evil.example"), request);
    const response = await members.action({ request: forged, params: {}, context: {} });
    expect((response as Response).status).toBe(302);
    const { mail } = await tokenFromOutbox("host-header@example.org");
    expect(mail.body).toContain(absoluteUrl("/einladung/"));
    expect(mail.body).not.toContain("evil.example");
  });

  it("explains an invalid e-mail address in German", async () => {
    const { cookie } = await adminOfNewOrganization();
    const body = await feedbackOf(await invite(cookie, "keine-adresse"));
    expect(body.errors.email).toBe(organizationTexts.emailInvalid);
  });
});

describe("Mitglieder verwalten", () => {
  it("deactivating a member ends all their sessions at once", async () => {
    const { cookie, organization } = await adminOfNewOrganization();
    const member = await createUser({ organizationId: organization.id });
    const memberSession = await createLoginCookie(member.id);
    await createLoginCookie(member.id);
    const response = await callRoute(members.action, "/organisation/mitglieder", {
      cookie,
      form: { intent: "deactivate", userId: member.id },
    });
    expect(response.status).toBe(302);
    expect(
      await getDb().select().from(sessions).where(eq(sessions.userId, member.id)),
    ).toHaveLength(0);
    const after = await callRoute(myNetwork.loader, "/netzwerk", { cookie: memberSession.cookie });
    expect(after.headers.get("location")).toMatch(/^\/anmelden/);
  });

  it("keeps at least one organisation admin", async () => {
    const { cookie, organization } = await adminOfNewOrganization();
    const secondAdmin = await createUser({ organizationId: organization.id, role: "org_admin" });
    const demote = await callRoute(members.action, "/organisation/mitglieder", {
      cookie,
      form: { intent: "changeRole", userId: secondAdmin.id, role: "staff" },
    });
    expect(demote.status).toBe(302);
    const [row] = await getDb()
      .select({ role: users.role })
      .from(users)
      .where(eq(users.id, secondAdmin.id));
    expect(row!.role).toBe("staff");
  });

  it("does not let an admin change their own role", async () => {
    const { cookie, admin } = await adminOfNewOrganization();
    const response = await callRoute(members.action, "/organisation/mitglieder", {
      cookie,
      form: { intent: "changeRole", userId: admin.id, role: "staff" },
    });
    expect(response.status).toBe(400);
    expect((await feedbackOf(response)).errors.role).toBe(organizationTexts.cannotChangeOwnRole);
  });
});

describe("Postausgang", () => {
  it("shows a member only the mails their own actions caused, and the platform admin all", async () => {
    const { loader } = await import("~/routes/_app.postausgang");
    const first = await adminOfNewOrganization();
    const second = await adminOfNewOrganization();
    await invite(first.cookie, "erste-einladung@example.org");
    await invite(second.cookie, "zweite-einladung@example.org");
    const operator = await createOrganization();
    const platformAdmin = await createUser({
      organizationId: operator.id,
      isPlatformAdmin: true,
      role: "org_admin",
    });

    const recipients = async (cookie: string) => {
      const data = (await (await callRoute(loader, "/postausgang", { cookie })).json()) as {
        mails: { recipient: string }[];
      };
      return data.mails.map((mail) => mail.recipient);
    };
    expect(await recipients(first.cookie)).toEqual(["erste-einladung@example.org"]);
    expect(await recipients(second.cookie)).toEqual(["zweite-einladung@example.org"]);
    const all = await recipients((await createLoginCookie(platformAdmin.id)).cookie);
    expect(all).toEqual(
      expect.arrayContaining(["erste-einladung@example.org", "zweite-einladung@example.org"]),
    );
  });
});
