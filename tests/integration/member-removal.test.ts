import { and, desc, eq } from "drizzle-orm";
import * as members from "~/routes/_app.organisation_.mitglieder";
import * as ideaPage from "~/routes/_app.ideen.$ideaId";
import { memberLeavingTexts } from "~/routes/_app.organisation_.mitglieder";
import {
  anonymizedEmailOf,
  FORMER_MEMBER_NAME,
  secondFactorResetMail,
} from "~/organizations/members.server";
import { validateSessionToken } from "~/auth/session.server";
import { hashToken } from "~/auth/tokens.server";
import { getDb } from "~/db/client.server";
import {
  auditLog,
  digestSettings,
  discussionMentions,
  discussionPosts,
  discussionThreads,
  emailChangeRequests,
  identityProviders,
  ideas,
  mailOutbox,
  notificationPreferences,
  organizations,
  passwordResetTokens,
  recoveryCodes,
  secondFactors,
  sessions,
  userIdentities,
  users,
} from "~/db/schema";
import { listPostViews } from "~/discussions/posts.server";
import {
  admitToNetwork,
  createLoginCookie,
  createNetwork,
  createOrganization,
  createUser,
} from "~/demo/factories.server";
import { createIdeaFor } from "~/demo/idea-factories.server";
import { renderRichText } from "~/rich-text/render.server";
import { documentFromPlainText, type RichTextDocument } from "~/rich-text/schema";
import { callRoute, expectRejected } from "#tests/helpers/routes";

/** Leaving (deleting a former member) and the admin's reset of a member's second factor. */

const here = "/organisation/mitglieder";
const inAnHour = () => new Date(Date.now() + 60 * 60 * 1000);

async function organisationWithAdmin() {
  const network = await createNetwork();
  const organization = await createOrganization({ name: "Jobcenter Teststadt", kind: "jobcenter" });
  await admitToNetwork(network.id, organization.id);
  const admin = await createUser({
    organizationId: organization.id,
    role: "org_admin",
    name: "Claudia Admin",
  });
  return { network, organization, admin, cookie: (await createLoginCookie(admin.id)).cookie };
}

function post(cookie: string, form: Record<string, string>) {
  return callRoute(members.action, here, { cookie, form });
}

/** A second factor as set up and confirmed, with its recovery codes. */
async function confirmSecondFactor(userId: string) {
  await getDb()
    .insert(secondFactors)
    .values({ userId, secret: "JBSWY3DPEHPK3PXP", confirmedAt: new Date() });
  await getDb()
    .insert(recoveryCodes)
    .values([1, 2, 3].map((index) => ({ userId, codeHash: hashToken(`code-${userId}-${index}`) })));
}

/** A member with everything an account can carry, and a post and an idea of theirs. */
async function memberWithHistory(setting: Awaited<ReturnType<typeof organisationWithAdmin>>) {
  const member = await createUser({
    organizationId: setting.organization.id,
    name: "Bernd Weggang",
  });
  await getDb()
    .update(users)
    .set({ jobTitle: "Integrationsfachkraft", phone: "03644 55555" })
    .where(eq(users.id, member.id));
  await confirmSecondFactor(member.id);
  const [provider] = await getDb()
    .insert(identityProviders)
    .values({
      displayName: "Landkreis-Keycloak",
      issuer: `https://sso.example.org/${member.id}`,
      clientId: "portal",
      clientSecret: "geheim",
      organizationId: setting.organization.id,
    })
    .returning({ id: identityProviders.id });
  await getDb()
    .insert(userIdentities)
    .values({ identityProviderId: provider!.id, subject: `sub-${member.id}`, userId: member.id });
  await getDb()
    .insert(notificationPreferences)
    .values({ userId: member.id, kind: "mention", delivery: "email" });
  await getDb().insert(digestSettings).values({ userId: member.id });
  await getDb()
    .insert(passwordResetTokens)
    .values({
      userId: member.id,
      tokenHash: hashToken(`reset-${member.id}`),
      expiresAt: inAnHour(),
    });
  await getDb()
    .insert(emailChangeRequests)
    .values({
      userId: member.id,
      newEmail: `neu-${member.id}@example.org`,
      tokenHash: hashToken(`mail-${member.id}`),
      expiresAt: inAnHour(),
    });
  const [thread] = await getDb()
    .insert(discussionThreads)
    .values({ subject: "channel", title: "Übergabe an die Kollegin" })
    .returning({ id: discussionThreads.id });
  await getDb()
    .insert(discussionPosts)
    .values({
      threadId: thread!.id,
      authorUserId: member.id,
      authorOrganizationId: setting.organization.id,
      body: documentFromPlainText("Meine Fälle übernimmt ab Montag Frau Adler."),
      bodyHtml: "<p>Meine Fälle übernimmt ab Montag Frau Adler.</p>",
    });
  // A colleague thanks them by @mention: the label is stored in the post and its HTML.
  const thanks: RichTextDocument = {
    type: "doc",
    content: [
      {
        type: "paragraph",
        content: [
          { type: "text", text: "Danke, " },
          { type: "mention", attrs: { id: member.id, label: "Bernd Weggang" } },
          { type: "text", text: "!" },
        ],
      },
    ],
  };
  const [mentioning] = await getDb()
    .insert(discussionPosts)
    .values({
      threadId: thread!.id,
      authorUserId: setting.admin.id,
      authorOrganizationId: setting.organization.id,
      body: thanks,
      bodyHtml: renderRichText(thanks),
    })
    .returning({ id: discussionPosts.id });
  await getDb().insert(discussionMentions).values({ postId: mentioning!.id, userId: member.id });
  const ideaId = await createIdeaFor(member, {
    networkId: setting.network.id,
    title: "Sprechstunde im Familienzentrum",
    contactName: "Bernd Weggang",
    contactEmail: member.email.toUpperCase(),
    contactPhone: "03644 55555",
  });
  const colleagueContactIdeaId = await createIdeaFor(member, {
    networkId: setting.network.id,
    title: "Bewerbungsfotos im Jobcenter",
    contactName: "Anna Adler",
    contactEmail: "anna.adler@example.org",
  });
  return { member, threadId: thread!.id, ideaId, colleagueContactIdeaId };
}

async function deactivate(cookie: string, userId: string) {
  expect((await post(cookie, { intent: "deactivate", userId })).headers.get("location")).toBe(here);
}

async function rowsOf(userId: string) {
  const db = getDb();
  const count = async (
    table:
      | typeof secondFactors
      | typeof recoveryCodes
      | typeof userIdentities
      | typeof notificationPreferences
      | typeof digestSettings
      | typeof passwordResetTokens
      | typeof emailChangeRequests
      | typeof sessions,
  ) => (await db.select().from(table).where(eq(table.userId, userId))).length;
  return {
    secondFactors: await count(secondFactors),
    recoveryCodes: await count(recoveryCodes),
    identities: await count(userIdentities),
    preferences: await count(notificationPreferences),
    digest: await count(digestSettings),
    resetTokens: await count(passwordResetTokens),
    emailChanges: await count(emailChangeRequests),
    sessions: await count(sessions),
  };
}

async function auditEntries(action: string, targetId: string) {
  return getDb()
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, action), eq(auditLog.targetId, targetId)));
}

describe("Ehemalige Mitglieder löschen", () => {
  it("anonymises a former member and keeps their posts and ideas under the label", async () => {
    const setting = await organisationWithAdmin();
    const { member, threadId, ideaId, colleagueContactIdeaId } = await memberWithHistory(setting);
    const colleague = await createUser({ organizationId: setting.organization.id });
    const memberSession = await createLoginCookie(member.id);
    await deactivate(setting.cookie, member.id);

    const response = await post(setting.cookie, {
      intent: "remove",
      userId: member.id,
      confirmName: "Bernd Weggang",
    });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe(here);

    const [row] = await getDb().select().from(users).where(eq(users.id, member.id));
    expect(row).toMatchObject({
      name: FORMER_MEMBER_NAME,
      email: anonymizedEmailOf(member.id),
      passwordHash: null,
      jobTitle: "",
      phone: "",
      organizationId: setting.organization.id,
    });
    expect(row!.email).toMatch(/@anonymisiert\.invalid$/);
    expect(row!.anonymizedAt).toBeInstanceOf(Date);
    expect(await rowsOf(member.id)).toEqual({
      secondFactors: 0,
      recoveryCodes: 0,
      identities: 0,
      preferences: 0,
      digest: 0,
      resetTokens: 0,
      emailChanges: 0,
      sessions: 0,
    });
    expect(await validateSessionToken(memberSession.token)).toBeNull();

    const [view, mention] = await listPostViews(threadId);
    expect(view).toMatchObject({
      authorName: FORMER_MEMBER_NAME,
      html: "<p>Meine Fälle übernimmt ab Montag Frau Adler.</p>",
    });
    expect(mention!.html).toContain(`@${FORMER_MEMBER_NAME}`);
    expect(mention!.html).not.toContain("Bernd Weggang");
    const ideaRow = async (id: string) =>
      (
        await getDb()
          .select({
            organizationId: ideas.organizationId,
            authorUserId: ideas.authorUserId,
            contactName: ideas.contactName,
            contactEmail: ideas.contactEmail,
            contactPhone: ideas.contactPhone,
          })
          .from(ideas)
          .where(eq(ideas.id, id))
      )[0];
    // The idea stays with the organisation; the person's own contact details go with them.
    expect(await ideaRow(ideaId)).toEqual({
      organizationId: setting.organization.id,
      authorUserId: member.id,
      contactName: "",
      contactEmail: "",
      contactPhone: "",
    });
    expect(await ideaRow(colleagueContactIdeaId)).toMatchObject({
      contactName: "Anna Adler",
      contactEmail: "anna.adler@example.org",
    });
    const { cookie: colleagueCookie } = await createLoginCookie(colleague.id);
    const page = await callRoute(ideaPage.loader, `/ideen/${ideaId}`, {
      cookie: colleagueCookie,
      params: { ideaId },
    });
    expect((await page.json()).idea.authorName).toBe(FORMER_MEMBER_NAME);

    // The log names the person by id only.
    const [entry] = await auditEntries("member.anonymized", member.id);
    expect(entry).toMatchObject({
      actorUserId: setting.admin.id,
      targetType: "user",
      targetId: member.id,
      details: null,
    });
    const list = await callRoute(members.loader, here, { cookie: setting.cookie });
    const listed = (await list.json()).members.map((entry: { id: string }) => entry.id);
    expect(listed).not.toContain(member.id);
  });

  it("asks for the member's name exactly and keeps what was typed", async () => {
    const setting = await organisationWithAdmin();
    const member = await createUser({
      organizationId: setting.organization.id,
      name: "Bernd Weggang",
    });
    await deactivate(setting.cookie, member.id);

    const wrong = await post(setting.cookie, {
      intent: "remove",
      userId: member.id,
      confirmName: "bernd weggang",
    });
    await expectRejected(wrong, {
      intent: "remove",
      errors: { confirmName: memberLeavingTexts.nameMismatch },
      values: expect.objectContaining({ confirmName: "bernd weggang", userId: member.id }),
    });

    await expectRejected(
      await post(setting.cookie, { intent: "remove", userId: member.id, confirmName: "  " }),
      { errors: { confirmName: memberLeavingTexts.confirmNameRequired } },
    );
    const [row] = await getDb().select().from(users).where(eq(users.id, member.id));
    expect(row).toMatchObject({ name: "Bernd Weggang", anonymizedAt: null });
  });

  it("deletes only former members", async () => {
    const setting = await organisationWithAdmin();
    const member = await createUser({
      organizationId: setting.organization.id,
      name: "Aktiv Bleibt",
    });
    await expectRejected(
      await post(setting.cookie, {
        intent: "remove",
        userId: member.id,
        confirmName: "Aktiv Bleibt",
      }),
      { errors: { form: memberLeavingTexts.stillActive } },
    );
    const [row] = await getDb().select().from(users).where(eq(users.id, member.id));
    expect(row!.anonymizedAt).toBeNull();
  });

  it("answers 404 for another organisation's member, an unknown id and a deleted member", async () => {
    const setting = await organisationWithAdmin();
    const elsewhere = await organisationWithAdmin();
    const foreign = await createUser({
      organizationId: elsewhere.organization.id,
      name: "Fremd Person",
    });
    await deactivate(elsewhere.cookie, foreign.id);
    const foreignAttempt = await post(setting.cookie, {
      intent: "remove",
      userId: foreign.id,
      confirmName: "Fremd Person",
    });
    expect(foreignAttempt.status).toBe(404);
    const [row] = await getDb().select().from(users).where(eq(users.id, foreign.id));
    expect(row!.anonymizedAt).toBeNull();

    const unknown = await post(setting.cookie, {
      intent: "remove",
      userId: crypto.randomUUID(),
      confirmName: "Niemand",
    });
    expect(unknown.status).toBe(404);

    const removed = await post(elsewhere.cookie, {
      intent: "remove",
      userId: foreign.id,
      confirmName: "Fremd Person",
    });
    expect(removed.headers.get("location")).toBe(here);
    const again = await post(elsewhere.cookie, {
      intent: "remove",
      userId: foreign.id,
      confirmName: FORMER_MEMBER_NAME,
    });
    expect(again.status).toBe(404);
  });
});

describe("Zweiten Faktor eines Mitglieds zurücksetzen", () => {
  it("removes the factor, ends the sessions, tells the member and records it", async () => {
    const setting = await organisationWithAdmin();
    const member = await createUser({
      organizationId: setting.organization.id,
      name: "Tina Telefonlos",
    });
    await confirmSecondFactor(member.id);
    const memberSession = await createLoginCookie(member.id);

    const page = await callRoute(members.loader, here, { cookie: setting.cookie });
    const listed = (await page.json()).members.find(
      (entry: { id: string }) => entry.id === member.id,
    );
    expect(listed.hasSecondFactor).toBe(true);

    const response = await post(setting.cookie, { intent: "resetSecondFactor", userId: member.id });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe(here);

    const rows = await rowsOf(member.id);
    expect(rows).toMatchObject({ secondFactors: 0, recoveryCodes: 0, sessions: 0 });
    expect(await validateSessionToken(memberSession.token)).toBeNull();
    const [mail] = await getDb()
      .select()
      .from(mailOutbox)
      .where(eq(mailOutbox.recipient, member.email))
      .orderBy(desc(mailOutbox.createdAt));
    expect(mail).toMatchObject({
      subject: secondFactorResetMail.subject,
      triggeredByUserId: setting.admin.id,
    });
    expect(mail!.body).toContain("Claudia Admin");
    expect(mail!.body).toContain("/konto/zweiter-faktor");
    expect(await auditEntries("member.second_factor_reset", member.id)).toEqual([
      expect.objectContaining({ actorUserId: setting.admin.id, targetType: "user" }),
    ]);
  });

  it("leads a member who must have a factor through setting up a new one at the next login", async () => {
    const setting = await organisationWithAdmin();
    // The admin must have one too, or their own requests would lead to the set-up first.
    await confirmSecondFactor(setting.admin.id);
    await getDb()
      .update(organizations)
      .set({ requireSecondFactor: true })
      .where(eq(organizations.id, setting.organization.id));
    const member = await createUser({ organizationId: setting.organization.id });
    await confirmSecondFactor(member.id);
    const response = await post(setting.cookie, { intent: "resetSecondFactor", userId: member.id });
    expect(response.headers.get("location")).toBe(here);

    const next = await createLoginCookie(member.id);
    expect((await validateSessionToken(next.token))?.pendingStep).toBe("second_factor_setup");
  });

  it("refuses a member without a factor, the admin's own factor and other organisations", async () => {
    const setting = await organisationWithAdmin();
    const without = await createUser({ organizationId: setting.organization.id });
    await expectRejected(
      await post(setting.cookie, { intent: "resetSecondFactor", userId: without.id }),
      { errors: { form: memberLeavingTexts.noSecondFactor } },
    );
    await confirmSecondFactor(setting.admin.id);
    await expectRejected(
      await post(setting.cookie, { intent: "resetSecondFactor", userId: setting.admin.id }),
      { errors: { form: memberLeavingTexts.self } },
    );
    expect((await rowsOf(setting.admin.id)).secondFactors).toBe(1);

    const elsewhere = await organisationWithAdmin();
    const foreign = await createUser({ organizationId: elsewhere.organization.id });
    await confirmSecondFactor(foreign.id);
    const attempt = await post(setting.cookie, { intent: "resetSecondFactor", userId: foreign.id });
    expect(attempt.status).toBe(404);
    expect((await rowsOf(foreign.id)).secondFactors).toBe(1);
  });
});
