import { addDays } from "~/time/berlin";
import { berlinToday } from "~/events/calendar-period";
import * as calendar from "~/routes/_app.veranstaltungen._index";
import { berlin, insertEvent, insertReservation } from "#tests/fixtures/calendar-fixtures";
import { appointCoordinator, createLoginCookie, createUser } from "~/demo/factories.server";
import { callRoute } from "#tests/helpers/routes";
import { buildWorld } from "#tests/helpers/world";
import { builtBeforeAll } from "#tests/integration/world-steps";

/** The calendar page: which events, on which Berlin day, at which Berlin time, for whom. */

interface Entry {
  id: string;
  title: string;
  time: string;
  cancelled: boolean;
  confirmedSeats: number;
  capacity: number;
  organizerName: string;
}
interface Page {
  page: {
    view: string;
    caption: string;
    eventCount: number;
    days: { date: string; entries: Entry[] }[];
  };
  canCreate: boolean;
}

const world = builtBeforeAll(buildWorld);
const ids: Record<string, string> = {};

async function openCalendar(cookie: string | undefined, search = "") {
  const response = await callRoute(calendar.loader, `/veranstaltungen${search}`, { cookie });
  expect(response.status).toBe(200);
  const text = await response.text();
  return { data: JSON.parse(text) as Page, text };
}

const entriesOn = (data: Page, date: string) =>
  data.page.days.find((day) => day.date === date)?.entries ?? [];
const titlesOn = (data: Page, date: string) => entriesOn(data, date).map((entry) => entry.title);
const allTitles = (data: Page) => data.page.days.flatMap((day) => day.entries.map((e) => e.title));

beforeAll(async () => {
  const north = {
    networkId: world.networks.north.id,
    organizationId: world.organizations.orgA.id,
    createdByUserId: world.users.staff.id,
  };
  ids.springForward = await insertEvent({
    ...north,
    title: "Inforunde Zeitumstellung März",
    startsAt: berlin("2026-03-29", "10:00"),
    endsAt: berlin("2026-03-29", "12:00"),
    targetGroups: ["U25"],
  });
  ids.springNight = await insertEvent({
    ...north,
    title: "Nachtschicht-Infostand",
    kind: "infostand",
    startsAt: berlin("2026-03-29", "00:30"),
    endsAt: berlin("2026-03-29", "01:30"),
  });
  ids.fallBack = await insertEvent({
    ...north,
    organizationId: world.organizations.employerOrg.id,
    createdByUserId: world.users.employer.id,
    title: "Speed-Dating Zeitumstellung Oktober",
    kind: "speed_dating",
    startsAt: berlin("2026-10-25", "10:00"),
    endsAt: berlin("2026-10-25", "13:00"),
    targetGroups: ["Ü50", "Langzeitarbeitslose"],
    capacity: 12,
    confirmedSeats: 12,
    waitlistedSeats: 3,
  });
  // Monday 00:30 Berlin is still Sunday evening in UTC: it belongs to the next week.
  ids.mondayNight = await insertEvent({
    ...north,
    title: "Frühschicht Montag",
    startsAt: berlin("2026-10-26", "00:30"),
    endsAt: berlin("2026-10-26", "02:00"),
  });
  ids.cancelled = await insertEvent({
    ...north,
    title: "Abgesagte Praktikumsbörse",
    kind: "praktikumsboerse",
    startsAt: berlin("2026-03-12", "09:00"),
    cancelledAt: new Date("2026-03-01T10:00:00Z"),
  });
  ids.south = await insertEvent({
    networkId: world.networks.south.id,
    organizationId: world.organizations.orgC.id,
    createdByUserId: world.users.otherNetworkStaff.id,
    title: "Süd-Inforunde",
    startsAt: berlin("2026-03-29", "10:00"),
    targetGroups: ["U25"],
  });
  await insertReservation({
    eventId: ids.springForward,
    organizationId: world.organizations.orgA.id,
    reservedByUserId: world.users.staff.id,
    pseudonym: "Q. Z. geheim",
  });
});

describe("month view", () => {
  it("puts the March change-day events on 29 March at their Berlin times, with the grid from Monday to Sunday", async () => {
    const { data, text } = await openCalendar(world.cookies.staff, "?ansicht=monat&monat=2026-03");
    expect(data.page.view).toBe("monat");
    expect(data.page.caption).toBe("März 2026");
    expect(data.page.days[0]?.date).toBe("2026-02-23");
    expect(data.page.days.at(-1)?.date).toBe("2026-04-05");
    expect(entriesOn(data, "2026-03-29").map((entry) => [entry.title, entry.time])).toEqual([
      ["Nachtschicht-Infostand", "00:30–01:30"],
      ["Inforunde Zeitumstellung März", "10:00–12:00"],
    ]);
    expect(titlesOn(data, "2026-03-28")).toEqual([]);
    // Counts only: nobody's pseudonym reaches the calendar.
    expect(text).not.toContain("Q. Z. geheim");
    expect(text).not.toContain(world.users.staff.name);
  });

  it("puts the October change-day event on 25 October at 10:00", async () => {
    const { data } = await openCalendar(world.cookies.employer, "?monat=2026-10");
    expect(data.page.days[0]?.date).toBe("2026-09-28");
    expect(data.page.days.at(-1)?.date).toBe("2026-11-01");
    const [entry] = entriesOn(data, "2026-10-25");
    expect(entry).toMatchObject({
      title: "Speed-Dating Zeitumstellung Oktober",
      time: "10:00–13:00",
      confirmedSeats: 12,
      capacity: 12,
      organizerName: "Montage Nord GmbH",
    });
    expect(titlesOn(data, "2026-10-26")).toEqual(["Frühschicht Montag"]);
  });

  it("shows cancelled events, marked as cancelled", async () => {
    const { data } = await openCalendar(world.cookies.orgAdmin, "?monat=2026-03");
    expect(entriesOn(data, "2026-03-12")).toEqual([
      expect.objectContaining({ title: "Abgesagte Praktikumsbörse", cancelled: true }),
    ]);
  });
});

describe("week view", () => {
  it("shows Monday to Sunday of the October change and leaves out Monday night of the next week", async () => {
    const { data } = await openCalendar(world.cookies.coordinator, "?woche=2026-10-22");
    const monday = "2026-10-19";
    expect(data.page.days.map((day) => day.date)).toEqual(
      [0, 1, 2, 3, 4, 5, 6].map((offset) => addDays(monday, offset)),
    );
    expect(data.page.caption).toBe("KW 43: 19.10.2026 bis 25.10.2026");
    expect(entriesOn(data, "2026-10-25").map((entry) => entry.time)).toEqual(["10:00–13:00"]);
    expect(allTitles(data)).not.toContain("Frühschicht Montag");
  });

  it("shows the March change-day event at 10:00 on Sunday", async () => {
    const { data } = await openCalendar(world.cookies.staff, "?ansicht=woche&woche=2026-03-23");
    expect(entriesOn(data, "2026-03-29").map((entry) => [entry.title, entry.time])).toContainEqual([
      "Inforunde Zeitumstellung März",
      "10:00–12:00",
    ]);
  });
});

describe("list view", () => {
  it("lists upcoming events from today for four weeks, an ongoing one on today", async () => {
    const today = berlinToday();
    const north = {
      networkId: world.networks.north.id,
      organizationId: world.organizations.orgB.id,
    };
    await insertEvent({ ...north, title: "Morgen", startsAt: berlin(addDays(today, 1), "10:00") });
    await insertEvent({
      ...north,
      title: "Vorgestern",
      startsAt: berlin(addDays(today, -2), "10:00"),
    });
    await insertEvent({
      ...north,
      title: "In 40 Tagen",
      startsAt: berlin(addDays(today, 40), "10:00"),
    });
    await insertEvent({
      ...north,
      title: "Laufende Aktionswoche",
      kind: "aktionswoche",
      startsAt: berlin(addDays(today, -1), "09:00"),
      endsAt: berlin(addDays(today, 3), "16:00"),
    });
    const { data } = await openCalendar(world.cookies.otherOrgAdmin);
    expect(data.page.view).toBe("liste");
    expect(data.page.days[0]?.date).toBe(today);
    expect(titlesOn(data, today)).toEqual(["Laufende Aktionswoche"]);
    expect(titlesOn(data, addDays(today, 1))).toEqual(["Morgen"]);
    expect(allTitles(data)).not.toContain("Vorgestern");
    expect(allTitles(data)).not.toContain("In 40 Tagen");
    // Listed once, not on each of its days.
    expect(allTitles(data).filter((title) => title === "Laufende Aktionswoche")).toHaveLength(1);

    const later = await openCalendar(world.cookies.otherOrgAdmin, `?ab=${addDays(today, 28)}`);
    expect(allTitles(later.data)).toEqual(["In 40 Tagen"]);
  });

  it("says so when nothing happens, and offers to create an event to those who may", async () => {
    const { data } = await openCalendar(world.cookies.staff, "?ab=2030-01-01");
    expect(data.page.eventCount).toBe(0);
    expect(data.canCreate).toBe(true);
  });
});

describe("network scoping", () => {
  it("never shows another network's events", async () => {
    const north = await openCalendar(world.cookies.staff, "?monat=2026-03");
    expect(allTitles(north.data)).not.toContain("Süd-Inforunde");
    const south = await openCalendar(world.cookies.otherNetworkStaff, "?monat=2026-03");
    expect(allTitles(south.data)).toEqual(["Süd-Inforunde"]);
  });

  it("shows a coordinator from outside the network its events, without offering to post one", async () => {
    const outsider = await createUser({ organizationId: world.organizations.outsider.id });
    await appointCoordinator(world.networks.south.id, outsider.id);
    const { cookie } = await createLoginCookie(outsider.id);
    const { data } = await openCalendar(cookie, "?monat=2026-03");
    expect(allTitles(data)).toEqual(["Süd-Inforunde"]);
    expect(data.canCreate).toBe(false);
    const empty = await openCalendar(cookie, "?monat=2030-03");
    expect(empty.data.page.eventCount).toBe(0);
  });

  it("refuses the platform operator, who belongs to no network", async () => {
    const response = await callRoute(calendar.loader, "/veranstaltungen", {
      cookie: world.cookies.platformAdmin,
    });
    expect(response.status).toBe(403);
  });
});

describe("filters", () => {
  it("filters by kind", async () => {
    const { data } = await openCalendar(world.cookies.staff, "?monat=2026-03&art=infostand");
    expect(allTitles(data)).toEqual(["Nachtschicht-Infostand"]);
  });

  it("filters by target group", async () => {
    const march = await openCalendar(world.cookies.staff, "?monat=2026-03&zielgruppe=U25");
    expect(allTitles(march.data)).toEqual(["Inforunde Zeitumstellung März"]);
    const october = await openCalendar(world.cookies.staff, "?monat=2026-10&zielgruppe=Ü50");
    expect(allTitles(october.data)).toEqual(["Speed-Dating Zeitumstellung Oktober"]);
  });

  it("combines kind and target group, and says when nothing matches", async () => {
    const { data } = await openCalendar(
      world.cookies.staff,
      "?monat=2026-10&art=speed_dating&zielgruppe=U25",
    );
    expect(data.page.eventCount).toBe(0);
  });
});
