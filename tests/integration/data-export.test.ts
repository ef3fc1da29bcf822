import { and, eq } from "drizzle-orm";
import { Window } from "happy-dom";
import * as jsonExport from "~/routes/konto.daten[.]json";
import * as htmlExport from "~/routes/konto.daten[.]html";
import * as page from "~/routes/_app.konto.daten";
import { auditDetailsForExport, EXPORT_BATCH_SIZE } from "~/account/data-export.server";
import { dataExportSections } from "~/account/data-export-texts";
import { recordAudit } from "~/audit/audit.server";
import { attachedThreadId } from "~/discussions/access.server";
import { getDb } from "~/db/client.server";
import {
  auditLog,
  coursePledges,
  digestSettings,
  discussionPostRevisions,
  discussionPosts,
  discussionThreads,
  notificationPreferences,
  notifications,
  sessions,
  users,
} from "~/db/schema";
import { createBildungstraeger, createCourseFor } from "~/demo/course-factories.server";
import { createEventFor, reserveFor } from "~/demo/event-factories.server";
import { createLoginCookie, createUser } from "~/demo/factories.server";
import { createIdeaFor } from "~/demo/idea-factories.server";
import { advanceReferral, createReferral, createService } from "~/demo/referral-factories.server";
import { rateLimiter } from "~/rate-limits.server";
import { documentFromPlainText } from "~/rich-text/schema";
import { callRoute } from "#tests/helpers/routes";
import { buildWorld, type World } from "#tests/helpers/world";

/**
 * "Meine Daten": everything about the person in both formats, nothing of anyone else, and no
 * client data of referrals even where the person wrote it. Every planted client detail carries a
 * made-up word that appears nowhere else, so its absence from the whole file is the check.
 */

const client = {
  pseudonym: "Kundin-Zitronenfalter-Q7",
  reason: "Anlass-Mondscheintarif-X9",
  acceptNote: "Notiz-Kirschbluete-Z3",
  withdrawNote: "Notiz-Rueckzug-W8",
  purpose: "Zweck-Abendrot-K5",
  referralPost: "Beitrag-Sonnentau-P1",
  reservation: "Reservierung-Gluehwuermchen-R2",
  auditDetail: "Protokoll-Nebelhorn-A4",
};

const person = {
  name: "Petra <Sommer> & Co",
  jobTitle: '<script>alert("x")</script>Integrationsfachkraft',
  phone: "03644 123456-7",
};

const firefox = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";

function docOf(text: string) {
  return documentFromPlainText(text);
}

async function insertPost(
  threadId: string,
  author: { id: string; organizationId: string },
  text: string,
) {
  const [post] = await getDb()
    .insert(discussionPosts)
    .values({
      threadId,
      authorUserId: author.id,
      authorOrganizationId: author.organizationId,
      body: docOf(text),
      bodyHtml: `<p>${text}</p>`,
    })
    .returning({ id: discussionPosts.id });
  return post!.id;
}

async function channelThread(title: string) {
  const [thread] = await getDb()
    .insert(discussionThreads)
    .values({ subject: "channel", title })
    .returning({ id: discussionThreads.id });
  return thread!.id;
}

let world: World;
let staff: World["users"]["staff"];
let cookie: string;
let sessionId: string;
const ids: Record<string, string> = {};

beforeAll(async () => {
  world = await buildWorld();
  staff = world.users.staff;
  await getDb().update(users).set(person).where(eq(users.id, staff.id));
  const login = await createLoginCookie(staff.id);
  cookie = login.cookie;
  sessionId = login.sessionId;
  await getDb().update(sessions).set({ userAgent: firefox }).where(eq(sessions.id, sessionId));

  await getDb()
    .insert(notificationPreferences)
    .values({ userId: staff.id, kind: "mention", delivery: "digest" });
  await getDb().insert(digestSettings).values({ userId: staff.id, frequency: "weekly", hour: 9 });

  // Posts: one in a channel thread, edited once; one in a referral's thread.
  const thread = await channelThread("Austausch Ausbildungsmesse");
  ids.post = await insertPost(thread, staff, "Wer kommt zur Ausbildungsmesse am Freitag?");
  await getDb()
    .insert(discussionPostRevisions)
    .values({
      postId: ids.post,
      body: docOf("Erste Fassung Messe"),
      bodyHtml: "<p>Erste Fassung Messe</p>",
    });

  const service = await createService({
    organizationId: world.organizations.orgB.id,
    name: "Schuldnerberatung Nord",
    category: "schuldnerberatung",
  });
  const sender = { id: staff.id, organizationId: staff.organizationId };
  ids.referral = await createReferral({
    sender,
    serviceId: service.id,
    receiverOrganizationId: world.organizations.orgB.id,
    fields: { pseudonym: client.pseudonym, reason: client.reason },
    consent: { consentPurpose: client.purpose },
  });
  await advanceReferral(ids.referral, [
    {
      actor: { id: world.users.otherOrgAdmin.id, organizationId: world.organizations.orgB.id },
      name: "accept",
      input: { note: client.acceptNote },
    },
  ]);
  const withdrawn = await createReferral({
    sender,
    serviceId: service.id,
    receiverOrganizationId: world.organizations.orgB.id,
    fields: { pseudonym: client.pseudonym, reason: client.reason },
  });
  await advanceReferral(withdrawn, [
    { actor: sender, name: "withdraw", input: { note: client.withdrawNote } },
  ]);
  const referralThread = await attachedThreadId({ kind: "referral", referralId: ids.referral });
  ids.referralPost = await insertPost(referralThread, staff, client.referralPost);
  // Should an entry about a referral ever store client data, the export still leaves it out.
  await recordAudit(getDb(), {
    action: "referral.viewed",
    actor: staff,
    targetType: "referral",
    targetId: ids.referral,
    details: { pseudonym: client.auditDetail, via: "page" },
  });

  ids.idea = await createIdeaFor(staff, {
    networkId: world.networks.north.id,
    title: "Jobcafé im Stadtteilzentrum",
  });

  const eventId = await createEventFor(world.users.employer, {
    networkId: world.networks.north.id,
    title: "Speed-Dating Pflege",
  });
  await reserveFor(staff, eventId, [client.reservation]);

  const { staff: offerer } = await createBildungstraeger(world.networks.north.id);
  const courseId = await createCourseFor(offerer, {
    networkId: world.networks.north.id,
    title: "Berufssprachkurs Pflege B2",
  });
  await getDb().insert(coursePledges).values({
    courseId,
    organizationId: staff.organizationId,
    seats: 3,
    pledgedByUserId: staff.id,
  });

  // More notifications than one batch, all at the same instant: paging must not lose ties.
  const at = new Date("2026-11-02T08:00:00Z");
  await getDb()
    .insert(notifications)
    .values(
      Array.from({ length: EXPORT_BATCH_SIZE + 7 }, (_, index) => ({
        userId: staff.id,
        message: `Mitteilung ${index + 1}`,
        kind: "network_change" as const,
        createdAt: at,
      })),
    );

  // Someone else's data, which must not appear.
  const other = world.users.otherNetworkStaff;
  await getDb().update(users).set({ name: "Olaf Fremdperson" }).where(eq(users.id, other.id));
  await insertPost(await channelThread("Südthema"), other, "Fremder-Beitrag-Suedwind");
  await getDb()
    .insert(notifications)
    .values({ userId: other.id, message: "Fremde-Mitteilung-Suedwind", kind: "mention" });
});

async function download(route: typeof jsonExport | typeof htmlExport, path: string) {
  const response = await callRoute(route.loader, path, { cookie });
  expect(response.status).toBe(200);
  return { response, body: await response.text() };
}

describe("Meine Daten als JSON", () => {
  it("is a JSON attachment with every section", async () => {
    const { response, body } = await download(jsonExport, "/konto/daten.json");
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(response.headers.get("content-disposition")).toMatch(
      /^attachment; filename="netzwerke-abc-meine-daten-\d{4}-\d{2}-\d{2}\.json"$/,
    );
    expect(response.headers.get("cache-control")).toBe("no-store");
    const data = JSON.parse(body);
    for (const section of dataExportSections) expect(data).toHaveProperty(section.key);

    expect(data.profile).toMatchObject({
      ...person,
      email: staff.email,
      organization: world.organizations.orgA.name,
      role: "staff",
      secondFactor: null,
    });
    expect(data.sessions).toContainEqual(
      expect.objectContaining({ browser: "Firefox 133", system: "Windows 10" }),
    );
    for (const session of data.sessions) expect(Object.keys(session)).not.toContain("id");
    expect(data.notificationPreferences).toEqual([{ kind: "mention", delivery: "digest" }]);
    expect(data.digestSettings).toMatchObject({ frequency: "weekly", hour: 9 });

    const post = data.posts.find((entry: { id: string }) => entry.id === ids.post);
    expect(post).toMatchObject({
      threadTitle: "Austausch Ausbildungsmesse",
      text: "Wer kommt zur Ausbildungsmesse am Freitag?",
      textWithheld: false,
    });
    expect(post.revisions).toEqual([expect.objectContaining({ text: "Erste Fassung Messe" })]);
    const referralPost = data.posts.find((entry: { id: string }) => entry.id === ids.referralPost);
    expect(referralPost).toMatchObject({
      threadSubject: "referral",
      textWithheld: true,
      text: null,
      body: null,
    });

    expect(data.ideas).toContainEqual(
      expect.objectContaining({ id: ids.idea, title: "Jobcafé im Stadtteilzentrum" }),
    );
    expect(data.referrals).toContainEqual(
      expect.objectContaining({
        id: ids.referral,
        service: "Schuldnerberatung Nord",
        status: "accepted",
      }),
    );
    expect(data.reservations).toEqual([
      expect.objectContaining({ event: "Speed-Dating Pflege", status: "confirmed" }),
    ]);
    expect(data.pledges).toEqual([
      expect.objectContaining({ course: "Berufssprachkurs Pflege B2", seats: 3 }),
    ]);
    // Besides the planted ones, the notice that the referral was accepted.
    const messages = data.notifications
      .map((entry: { message: string }) => entry.message)
      .filter((message: string) => message.startsWith("Mitteilung "));
    expect(messages).toHaveLength(EXPORT_BATCH_SIZE + 7);
    expect(new Set(messages).size).toBe(EXPORT_BATCH_SIZE + 7);

    const actions = data.auditEntries.map((entry: { action: string }) => entry.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        "referral.created",
        "referral.transitioned",
        "idea.published",
        "event.reservation_created",
        "account.data_exported",
      ]),
    );
  });

  it("leaves out client data of referrals, secrets and other people", async () => {
    const { body } = await download(jsonExport, "/konto/daten.json");
    for (const planted of Object.values(client)) expect(body).not.toContain(planted);
    expect(body).not.toContain(sessionId);
    expect(body).not.toContain("passwordHash");
    expect(body).not.toContain("Olaf Fremdperson");
    expect(body).not.toContain("Suedwind");
    const data = JSON.parse(body);
    const viewed = data.auditEntries.find(
      (entry: { action: string }) => entry.action === "referral.viewed",
    );
    expect(viewed.details).toEqual({ via: "page" });
  });
});

describe("Meine Daten als lesbare Seite", () => {
  it("is a standalone German HTML attachment with headings and tables", async () => {
    const { response, body } = await download(htmlExport, "/konto/daten.html");
    expect(response.headers.get("content-type")).toMatch(/^text\/html/);
    expect(response.headers.get("content-disposition")).toMatch(
      /^attachment; filename=".+\.html"$/,
    );
    expect(body.startsWith("<!DOCTYPE html>")).toBe(true);

    const window = new Window();
    const document = window.document;
    document.write(body);
    expect(document.documentElement.getAttribute("lang")).toBe("de");
    expect(document.title).toContain("Meine Daten");
    expect(document.querySelectorAll("h1")).toHaveLength(1);
    const headings = [...document.querySelectorAll("h2")].map((heading) => heading.textContent);
    for (const section of dataExportSections) expect(headings).toContain(section.title);
    // No scripts, no outside resources: the file works offline and runs nothing.
    expect(document.querySelectorAll("script, link, img, iframe")).toHaveLength(0);
    for (const table of document.querySelectorAll("table")) {
      expect(table.querySelector("caption")?.textContent).toBeTruthy();
      expect(table.querySelectorAll("thead th[scope=col]").length).toBeGreaterThan(0);
    }
    expect(body.match(/<section/g)?.length).toBe(body.match(/<\/section>/g)?.length);
    expect(body.match(/<table>/g)?.length).toBe(body.match(/<\/table>/g)?.length);
    // Values are text, never markup.
    expect(body).toContain(
      "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;Integrationsfachkraft",
    );
    expect(body).toContain("Petra &lt;Sommer&gt; &amp; Co");
    expect(document.body.textContent).toContain("Wer kommt zur Ausbildungsmesse am Freitag?");
    expect(document.body.textContent).toContain("Erste Fassung Messe");
    expect(document.body.textContent).toContain("Speed-Dating Pflege");
    expect(document.body.textContent).toContain("Firefox 133");
    window.close();
  });

  it("leaves out client data of referrals and other people", async () => {
    const { body } = await download(htmlExport, "/konto/daten.html");
    for (const planted of Object.values(client)) expect(body).not.toContain(planted);
    expect(body).not.toContain(sessionId);
    expect(body).not.toContain("Olaf Fremdperson");
    expect(body).not.toContain("Suedwind");
  });
});

describe("Meine Daten: Zugang und Protokoll", () => {
  it("records every download with its format", async () => {
    const before = await exportsOf(staff.id);
    await download(htmlExport, "/konto/daten.html");
    await download(jsonExport, "/konto/daten.json");
    const after = await exportsOf(staff.id);
    expect(after.slice(before.length).map((entry) => entry.details)).toEqual([
      { format: "html" },
      { format: "json" },
    ]);
  });

  it("refuses the 21st download within an hour in German, without recording it", async () => {
    const limiter = rateLimiter("dataExportsByUser");
    await limiter.set(staff.id, 20, 3600);
    const before = await exportsOf(staff.id);
    const refused = await callRoute(jsonExport.loader, "/konto/daten.json", { cookie });
    expect(refused.status).toBe(429);
    expect(await refused.text()).toMatch(/^Sie haben Ihre Daten in der letzten Stunde/);
    expect(await exportsOf(staff.id)).toHaveLength(before.length);
    await limiter.delete(staff.id);
  });

  it("sends a visitor to the login page and back", async () => {
    for (const [route, path] of [
      [jsonExport, "/konto/daten.json"],
      [htmlExport, "/konto/daten.html"],
      [page, "/konto/daten"],
    ] as const) {
      const response = await callRoute(route.loader, path);
      expect(response.status).toBe(302);
      expect(response.headers.get("location")).toBe(`/anmelden?weiter=${encodeURIComponent(path)}`);
    }
  });

  it("gives a person with nothing stored a complete file with empty sections", async () => {
    const newcomer = await createUser({ organizationId: world.organizations.orgC.id });
    const { cookie: newcomerCookie } = await createLoginCookie(newcomer.id);
    const response = await callRoute(jsonExport.loader, "/konto/daten.json", {
      cookie: newcomerCookie,
    });
    const data = await response.json();
    expect(data.profile.email).toBe(newcomer.email);
    expect(data.posts).toEqual([]);
    expect(data.digestSettings).toBeNull();
    expect(data.auditEntries).toEqual([
      expect.objectContaining({ action: "account.data_exported" }),
    ]);
  });
});

describe("auditDetailsForExport", () => {
  it("keeps only the step of a referral's entry and drops client fields elsewhere", () => {
    expect(
      auditDetailsForExport({
        action: "referral.transitioned",
        targetType: "referral",
        details: { transition: "accept", to: "accepted", note: "x", reason: "y" },
      }),
    ).toEqual({ transition: "accept", to: "accepted" });
    expect(
      auditDetailsForExport({
        action: "event.reservation_created",
        targetType: "event",
        details: { confirmed: 1, waitlisted: 0, pseudonyms: "M. K." },
      }),
    ).toEqual({ confirmed: 1, waitlisted: 0 });
    expect(
      auditDetailsForExport({ action: "referral.viewed", targetType: "referral", details: null }),
    ).toBeNull();
  });
});

async function exportsOf(userId: string) {
  return getDb()
    .select({ details: auditLog.details })
    .from(auditLog)
    .where(and(eq(auditLog.actorUserId, userId), eq(auditLog.action, "account.data_exported")))
    .orderBy(auditLog.id);
}
