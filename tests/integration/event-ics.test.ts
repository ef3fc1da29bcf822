import ICAL from "ical.js";
import { and, eq } from "drizzle-orm";
import { getDb } from "~/db/client.server";
import { auditLog, calendarFeedTokens, networkMemberships, users } from "~/db/schema";
import { absoluteUrl } from "~/mail/mail.server";
import { createFeedToken, feedTokenOf, revokeFeedToken } from "~/events/feed-tokens.server";
import { hashToken } from "~/auth/tokens.server";
import { cancelEvent } from "~/events/events.server";
import * as subscription from "~/routes/_app.veranstaltungen.kalender-abo";
import * as feed from "~/routes/kalender.$feedFile";
import * as download from "~/routes/veranstaltungen.$eventId.ics";
import { berlin, insertEvent, insertReservation } from "#tests/fixtures/calendar-fixtures";
import { createEventFor } from "~/demo/event-factories.server";
import { admitToNetwork, createOrganization, createUser } from "~/demo/factories.server";
import { callRoute } from "#tests/helpers/routes";
import { buildWorld } from "#tests/helpers/world";
import { builtBeforeAll } from "#tests/integration/world-steps";

/** Calendar files are written with ical-generator and read back with ical.js, an independent parser. */

const world = builtBeforeAll(buildWorld);

function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return {
    calendar,
    events: calendar.getAllSubcomponents("vevent").map((vevent) => new ICAL.Event(vevent)),
  };
}

async function downloadIcs(eventId: string, cookie = world.cookies.staff) {
  return callRoute(download.loader, `/veranstaltungen/${eventId}/ics`, {
    cookie,
    params: { eventId },
  });
}

async function fetchFeed(token: string) {
  return callRoute(feed.loader, `/kalender/${token}.ics`, { params: { feedFile: `${token}.ics` } });
}

async function feedUids(token: string): Promise<string[]> {
  const response = await fetchFeed(token);
  expect(response.status).toBe(200);
  return parse(await response.text())
    .events.map((event) => event.uid)
    .sort();
}

const uid = (eventId: string) => `${eventId}@netzwerke-abc`;

describe(".ics download of one event", () => {
  const title = "Praktikumsbörse „Grün & Blau“: Äpfel, Birnen; Öl\nzweite Zeile";
  const place = "Große Straße 1, 12345 Nordstadt; Hinterhof\nEingang B";
  const longText =
    "Über zwanzig Betriebe aus Handwerk, Pflege und Logistik stellen sich vor; Bewerberinnen und " +
    "Bewerber können direkt ins Gespräch kommen, Unterlagen abgeben, und sich für Praktika " +
    "eintragen. Dolmetscherinnen für Arabisch, Ukrainisch und Türkisch sind vor Ort.";

  it("round-trips title, place, times, sequence and a folded description through ical.js", async () => {
    const eventId = await insertEvent({
      networkId: world.networks.north.id,
      organizationId: world.organizations.employerOrg.id,
      title,
      kind: "praktikumsboerse",
      place,
      description: {
        type: "doc",
        content: [{ type: "paragraph", content: [{ type: "text", text: longText }] }],
      },
      jobs: [
        { title: "Montagehelfer Solar", positions: 25 },
        { title: "Pflegehilfskraft", positions: 1 },
      ],
      // The day clocks go forward: 10:00–12:00 Berlin is 08:00–10:00 UTC.
      startsAt: berlin("2026-03-29", "10:00"),
      endsAt: berlin("2026-03-29", "12:00"),
      revision: 3,
    });
    await insertReservation({
      eventId,
      organizationId: world.organizations.orgA.id,
      reservedByUserId: world.users.staff.id,
      pseudonym: "Geheimes Kürzel X. Y.",
    });

    const response = await downloadIcs(eventId);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe(
      `attachment; filename="veranstaltung-${eventId.slice(0, 8)}.ics"`,
    );
    const text = await response.text();

    // RFC 5545: CRLF line endings, lines folded at 75 octets (the long description needs it).
    const lines = text.split("\r\n");
    expect(lines.every((line) => Buffer.byteLength(line, "utf8") <= 75)).toBe(true);
    expect(lines.some((line) => line.startsWith(" "))).toBe(true);
    expect(text).toContain("METHOD:PUBLISH");
    expect(text).not.toContain("Geheimes Kürzel");
    expect(text).not.toContain(world.users.staff.name);

    const { calendar, events } = parse(text);
    expect(calendar.getFirstPropertyValue("prodid")).toBe("-//Netzwerke ABC//Portal//DE");
    expect(calendar.getFirstPropertyValue("x-wr-calname")).toBe("Netzwerke ABC – Veranstaltungen");
    expect(events).toHaveLength(1);
    const [event] = events;
    expect(event!.uid).toBe(uid(eventId));
    expect(event!.sequence).toBe(3);
    expect(event!.summary).toBe(title);
    expect(event!.location).toBe(place);
    expect(event!.startDate.toJSDate().toISOString()).toBe("2026-03-29T08:00:00.000Z");
    expect(event!.endDate.toJSDate().toISOString()).toBe("2026-03-29T10:00:00.000Z");
    expect(event!.component.getFirstPropertyValue("status")).toBe("CONFIRMED");
    // Links come from configuration (PUBLIC_URL, else localhost:PORT), never from the request.
    expect(event!.component.getFirstPropertyValue("url")).toBe(
      absoluteUrl(`/veranstaltungen/${eventId}`),
    );
    expect(event!.description.split("\n")).toEqual([
      "Praktikumsbörse",
      "Veranstalter: Montage Nord GmbH",
      "",
      longText,
      "",
      "Angebotene Stellen:",
      "Montagehelfer Solar – 25 Stellen",
      "Pflegehilfskraft – 1 Stelle",
      "",
      `Details und Plätze im Portal: ${absoluteUrl(`/veranstaltungen/${eventId}`)}`,
    ]);
  });

  it("marks a cancelled event as CANCELLED, keeping its UID", async () => {
    const eventId = await insertEvent({
      networkId: world.networks.north.id,
      organizationId: world.organizations.orgA.id,
      title: "Speed-Dating Logistik",
      startsAt: berlin("2026-10-25", "10:00"),
      endsAt: berlin("2026-10-25", "12:00"),
      revision: 1,
      cancelledAt: new Date("2026-10-01T08:00:00Z"),
    });
    const response = await downloadIcs(eventId, world.cookies.employer);
    const [event] = parse(await response.text()).events;
    expect(event!.uid).toBe(uid(eventId));
    expect(event!.sequence).toBe(1);
    expect(event!.summary).toBe("Abgesagt: Speed-Dating Logistik");
    expect(event!.component.getFirstPropertyValue("status")).toBe("CANCELLED");
    expect(event!.description.split("\n")[0]).toBe("Diese Veranstaltung wurde abgesagt.");
    // The day clocks go back: 10:00 Berlin is 09:00 UTC.
    expect(event!.startDate.toJSDate().toISOString()).toBe("2026-10-25T09:00:00.000Z");
    expect(event!.endDate.toJSDate().toISOString()).toBe("2026-10-25T11:00:00.000Z");
  });

  it("raises SEQUENCE when the organiser cancels, so calendar clients replace the entry", async () => {
    // Organised by organisation B, so the feeds of A's people tested below stay as they are.
    const organiser = world.users.otherOrgAdmin;
    const eventId = await createEventFor(organiser, { networkId: world.networks.north.id });
    const before = parse(await (await downloadIcs(eventId)).text()).events[0]!;
    expect(await cancelEvent(organiser, eventId)).toBe("cancelled");
    const after = parse(await (await downloadIcs(eventId)).text()).events[0]!;
    expect(after.uid).toBe(before.uid);
    expect(after.sequence).toBe(before.sequence + 1);
    expect(after.component.getFirstPropertyValue("status")).toBe("CANCELLED");
  });

  it("gives an online event its link as location", async () => {
    const eventId = await insertEvent({
      networkId: world.networks.north.id,
      organizationId: world.organizations.orgA.id,
      title: "Online-Inforunde",
      place: "",
      onlineUrl: "https://meet.example.org/inforunde?raum=1;2",
      startsAt: berlin("2026-06-10", "14:00"),
    });
    const [event] = parse(await (await downloadIcs(eventId)).text()).events;
    expect(event!.location).toBe("https://meet.example.org/inforunde?raum=1;2");
  });

  it("answers 404 to members of another network and for unknown events", async () => {
    const eventId = await insertEvent({
      networkId: world.networks.north.id,
      organizationId: world.organizations.orgA.id,
      startsAt: berlin("2026-06-11", "14:00"),
    });
    expect((await downloadIcs(eventId, world.cookies.otherNetworkStaff)).status).toBe(404);
    expect((await downloadIcs("00000000-0000-4000-8000-000000000000")).status).toBe(404);
    expect((await downloadIcs("kein-termin")).status).toBe(404);
  });
});

describe("personal calendar feed", () => {
  it("holds the events the user reserved seats for or posted, from 90 days back, in their networks only", async () => {
    const now = new Date();
    const daysFromNow = (days: number) => new Date(now.getTime() + days * 24 * 60 * 60 * 1000);
    const north = {
      networkId: world.networks.north.id,
      organizationId: world.organizations.orgA.id,
    };
    const posted = await insertEvent({
      ...north,
      createdByUserId: world.users.staff.id,
      startsAt: daysFromNow(10),
    });
    const postedLastQuarter = await insertEvent({
      ...north,
      createdByUserId: world.users.staff.id,
      startsAt: daysFromNow(-80),
    });
    const postedLongAgo = await insertEvent({
      ...north,
      createdByUserId: world.users.staff.id,
      startsAt: daysFromNow(-100),
    });
    const reserved = await insertEvent({
      networkId: world.networks.north.id,
      organizationId: world.organizations.employerOrg.id,
      createdByUserId: world.users.employer.id,
      startsAt: daysFromNow(20),
    });
    const waitlisted = await insertEvent({
      networkId: world.networks.north.id,
      organizationId: world.organizations.employerOrg.id,
      startsAt: daysFromNow(21),
      cancelledAt: daysFromNow(-1),
    });
    const reservationCancelled = await insertEvent({
      ...north,
      createdByUserId: world.users.orgAdmin.id,
      startsAt: daysFromNow(22),
    });
    const reservedByColleague = await insertEvent({ ...north, startsAt: daysFromNow(23) });
    const someoneElses = await insertEvent({ ...north, startsAt: daysFromNow(24) });
    // Posted by the user but in a network their organisation does not belong to.
    const otherNetwork = await insertEvent({
      networkId: world.networks.south.id,
      organizationId: world.organizations.orgC.id,
      createdByUserId: world.users.staff.id,
      startsAt: daysFromNow(25),
    });
    const reservation = { organizationId: world.organizations.orgA.id };
    await insertReservation({
      ...reservation,
      eventId: reserved,
      reservedByUserId: world.users.staff.id,
    });
    await insertReservation({
      ...reservation,
      eventId: waitlisted,
      reservedByUserId: world.users.staff.id,
      status: "waitlisted",
    });
    await insertReservation({
      ...reservation,
      eventId: reservationCancelled,
      reservedByUserId: world.users.staff.id,
      status: "cancelled",
    });
    await insertReservation({
      ...reservation,
      eventId: reservedByColleague,
      reservedByUserId: world.users.orgAdmin.id,
    });

    const token = await createFeedToken(world.users.staff, null);
    expect(await feedTokenOf(world.users.staff.id)).toMatchObject({ lastUsedAt: null });
    const response = await fetchFeed(token);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    const text = await response.text();
    expect(text).not.toContain("K. M.");
    const parsed = parse(text);
    expect(parsed.calendar.getFirstPropertyValue("x-wr-calname")).toBe(
      "Netzwerke ABC – meine Veranstaltungen",
    );
    expect(parsed.events.map((event) => event.uid).sort()).toEqual(
      [posted, postedLastQuarter, reserved, waitlisted].map(uid).sort(),
    );
    const cancelled = parsed.events.find((event) => event.uid === uid(waitlisted));
    expect(cancelled?.component.getFirstPropertyValue("status")).toBe("CANCELLED");
    for (const absent of [
      postedLongAgo,
      reservationCancelled,
      reservedByColleague,
      someoneElses,
      otherNetwork,
    ]) {
      expect(parsed.events.map((event) => event.uid)).not.toContain(uid(absent));
    }
    expect((await feedTokenOf(world.users.staff.id))?.lastUsedAt).toBeInstanceOf(Date);
  });

  it("stores only the token's hash, and a new token or revoking ends the old address", async () => {
    const owner = world.users.orgAdmin;
    const userId = owner.id;
    const first = await createFeedToken(owner, null);
    const [stored] = await getDb()
      .select({ tokenHash: calendarFeedTokens.tokenHash })
      .from(calendarFeedTokens)
      .where(eq(calendarFeedTokens.userId, userId));
    expect(stored?.tokenHash).toBe(hashToken(first));
    expect(stored?.tokenHash).not.toContain(first);
    expect((await fetchFeed(first)).status).toBe(200);

    const second = await createFeedToken(owner, null);
    expect(second).not.toBe(first);
    expect((await fetchFeed(first)).status).toBe(404);
    expect((await fetchFeed(second)).status).toBe(200);

    expect(await revokeFeedToken(owner, null)).toBe(true);
    expect(await feedTokenOf(userId)).toBeNull();
    expect((await fetchFeed(second)).status).toBe(404);
    expect(await revokeFeedToken(owner, null)).toBe(false);
  });

  it("answers the same 404 to wrong, malformed and suffix-less addresses", async () => {
    const token = await createFeedToken(world.users.coordinator, null);
    const wrong = token.replace(/^./, token.startsWith("a") ? "b" : "a");
    for (const feedFile of [`${wrong}.ics`, "kein-token.ics", token, `${token}.ics.ics`, ".ics"]) {
      const response = await callRoute(feed.loader, `/kalender/${feedFile}`, {
        params: { feedFile },
      });
      expect(response.status).toBe(404);
      expect(await response.text()).toBe(
        "Diese Seite gibt es nicht – oder Sie haben keinen Zugriff darauf.",
      );
    }
  });

  it("follows the user's networks: removed from one, its events leave the feed; from all, the feed is gone", async () => {
    const organization = await createOrganization({ name: "Träger in zwei Netzwerken" });
    await admitToNetwork(world.networks.north.id, organization.id);
    await admitToNetwork(world.networks.south.id, organization.id);
    const member = await createUser({ organizationId: organization.id });
    const inNorth = await insertEvent({
      networkId: world.networks.north.id,
      organizationId: organization.id,
      createdByUserId: member.id,
      startsAt: berlin("2099-01-10", "10:00"),
    });
    const inSouth = await insertEvent({
      networkId: world.networks.south.id,
      organizationId: organization.id,
      createdByUserId: member.id,
      startsAt: berlin("2099-01-11", "10:00"),
    });
    const token = await createFeedToken(member, null);
    expect(await feedUids(token)).toEqual([inNorth, inSouth].map(uid).sort());

    const leave = (networkId: string) =>
      getDb()
        .delete(networkMemberships)
        .where(
          and(
            eq(networkMemberships.networkId, networkId),
            eq(networkMemberships.organizationId, organization.id),
          ),
        );
    await leave(world.networks.north.id);
    expect(await feedUids(token)).toEqual([uid(inSouth)]);
    await leave(world.networks.south.id);
    expect((await fetchFeed(token)).status).toBe(404);
  });

  it("stops working for a deactivated user", async () => {
    const member = await createUser({ organizationId: world.organizations.orgB.id });
    const token = await createFeedToken(member, null);
    expect((await fetchFeed(token)).status).toBe(200);
    await getDb().update(users).set({ deactivatedAt: new Date() }).where(eq(users.id, member.id));
    expect((await fetchFeed(token)).status).toBe(404);
  });
});

describe("the subscription page", () => {
  const submit = (intent: string) =>
    callRoute(subscription.action, "/veranstaltungen/kalender-abo", {
      cookie: world.cookies.otherOrgAdmin,
      form: { intent },
    });
  const auditedActions = async () =>
    (
      await getDb()
        .select({ action: auditLog.action, details: auditLog.details })
        .from(auditLog)
        .where(eq(auditLog.actorUserId, world.users.otherOrgAdmin.id))
        .orderBy(auditLog.id)
    ).filter((entry) => entry.action.startsWith("calendar."));

  it("shows the address once, replaces it on request, ends it, and audits each step", async () => {
    const created = (await (await submit("create")).json()) as { feedUrl: string };
    const address = new RegExp(`^${absoluteUrl("/kalender/")}([a-z2-7]{32})\\.ics$`);
    const first = address.exec(created.feedUrl)?.[1];
    expect(first).toBeDefined();
    expect((await fetchFeed(first!)).status).toBe(200);

    const page = await callRoute(subscription.loader, "/veranstaltungen/kalender-abo", {
      cookie: world.cookies.otherOrgAdmin,
    });
    const pageText = await page.text();
    expect(pageText).toContain("createdAt");
    expect(pageText).not.toContain(first!);

    const renewed = (await (await submit("create")).json()) as { feedUrl: string };
    const second = address.exec(renewed.feedUrl)?.[1];
    expect(second).not.toBe(first);
    expect((await fetchFeed(first!)).status).toBe(404);
    expect((await fetchFeed(second!)).status).toBe(200);

    expect((await submit("revoke")).status).toBe(200);
    expect((await fetchFeed(second!)).status).toBe(404);
    expect(await auditedActions()).toEqual([
      { action: "calendar.feed_created", details: { replaced: false } },
      { action: "calendar.feed_created", details: { replaced: true } },
      { action: "calendar.feed_revoked", details: null },
    ]);
  });
});
