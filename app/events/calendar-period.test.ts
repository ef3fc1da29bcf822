import { describe, expect, it } from "vitest";
import {
  calendarHref,
  isoWeekOf,
  navigationOf,
  parseCalendarQuery,
  periodOf,
  placeOnDays,
} from "./calendar-period";

const TODAY = "2026-05-13";
const query = (search: string) => parseCalendarQuery(new URLSearchParams(search), TODAY);

describe("reading the calendar from the URL", () => {
  it("shows the list from today by default and falls back to today for malformed dates", () => {
    expect(query("")).toMatchObject({ view: "liste", anchor: TODAY, explicit: false });
    expect(query("ab=2026-02-30")).toMatchObject({ view: "liste", anchor: TODAY });
    expect(query("ansicht=monat&monat=2026-13")).toMatchObject({
      view: "monat",
      anchor: "2026-05-01",
      explicit: false,
    });
  });

  it("infers the view from its date parameter and starts a week on Monday", () => {
    expect(query("monat=2026-03")).toMatchObject({ view: "monat", anchor: "2026-03-01" });
    expect(query("woche=2026-10-25")).toMatchObject({ view: "woche", anchor: "2026-10-19" });
  });

  it("ignores unknown kinds and target groups instead of failing", () => {
    expect(query("art=speed_dating&zielgruppe=U25")).toMatchObject({
      kind: "speed_dating",
      targetGroup: "U25",
    });
    expect(query("art=party&zielgruppe=alle")).toMatchObject({ kind: null, targetGroup: null });
  });
});

describe("the days of a view", () => {
  it("builds the March 2026 grid from Monday 23 February to Sunday 5 April, midnight to midnight in Berlin", () => {
    const period = periodOf(query("monat=2026-03"));
    expect(period.days).toHaveLength(42);
    expect(period.days[0]).toBe("2026-02-23");
    expect(period.days.at(-1)).toBe("2026-04-05");
    expect(period.days).toContain("2026-03-29");
    // Winter time at the start, summer time at the end of the grid.
    expect(period.from.toISOString()).toBe("2026-02-22T23:00:00.000Z");
    expect(period.to.toISOString()).toBe("2026-04-05T22:00:00.000Z");
  });

  it("builds the October 2026 grid across the change back to winter time", () => {
    const period = periodOf(query("monat=2026-10"));
    expect(period.days[0]).toBe("2026-09-28");
    expect(period.days.at(-1)).toBe("2026-11-01");
    expect(period.days.filter((day) => day === "2026-10-25")).toHaveLength(1);
    expect(period.from.toISOString()).toBe("2026-09-27T22:00:00.000Z");
    expect(period.to.toISOString()).toBe("2026-11-01T23:00:00.000Z");
  });

  it("gives a week seven days and the list four weeks", () => {
    const week = periodOf(query("woche=2026-10-21"));
    expect(week.days).toEqual([
      "2026-10-19",
      "2026-10-20",
      "2026-10-21",
      "2026-10-22",
      "2026-10-23",
      "2026-10-24",
      "2026-10-25",
    ]);
    // The week of the October change has 169 hours.
    expect(week.to.getTime() - week.from.getTime()).toBe(169 * 60 * 60 * 1000);
    expect(periodOf(query("ab=2026-12-20")).days.at(-1)).toBe("2027-01-16");
  });

  it("numbers weeks as in ISO 8601", () => {
    expect(isoWeekOf("2026-03-23")).toBe(13);
    expect(isoWeekOf("2026-12-28")).toBe(53);
    expect(isoWeekOf("2027-01-04")).toBe(1);
  });
});

describe("links between views and periods", () => {
  it("steps by month, week or four weeks and keeps the filters", () => {
    const month = query("monat=2026-01&art=inforunde");
    const navigation = navigationOf(month, periodOf(month), TODAY);
    expect(navigation.previous).toBe("/veranstaltungen?ansicht=monat&monat=2025-12&art=inforunde");
    expect(navigation.next).toBe("/veranstaltungen?ansicht=monat&monat=2026-02&art=inforunde");
    expect(navigation.today).toBe("/veranstaltungen?ansicht=monat&art=inforunde");
    expect(navigation.unfiltered).toBe("/veranstaltungen?ansicht=monat&monat=2026-01");
    expect(navigation.views.woche).toBe(
      "/veranstaltungen?ansicht=woche&woche=2025-12-29&art=inforunde",
    );

    const list = query("ab=2026-06-01");
    expect(navigationOf(list, periodOf(list), TODAY).next).toBe("/veranstaltungen?ab=2026-06-29");
  });

  it("switches views around today when the shown days include today", () => {
    const week = query("woche=2026-05-11&zielgruppe=U25");
    expect(navigationOf(week, periodOf(week), TODAY).views).toEqual({
      liste: "/veranstaltungen?zielgruppe=U25",
      woche: "/veranstaltungen?ansicht=woche&zielgruppe=U25",
      monat: "/veranstaltungen?ansicht=monat&zielgruppe=U25",
    });
    expect(calendarHref({ view: "liste", kind: null, targetGroup: null }, null)).toBe(
      "/veranstaltungen",
    );
  });
});

describe("placing events on days", () => {
  const at = (iso: string) => new Date(iso);
  const period = periodOf(query("woche=2026-03-23"));

  it("shows events on their Berlin day with Berlin times, also on the day of the change", () => {
    const events = [
      // 00:30 Berlin on 29 March is still the 28th in UTC.
      { id: "night", startsAt: at("2026-03-28T23:30:00Z"), endsAt: at("2026-03-29T00:15:00Z") },
      // 10:00–12:00 Berlin summer time.
      { id: "morning", startsAt: at("2026-03-29T08:00:00Z"), endsAt: at("2026-03-29T10:00:00Z") },
    ];
    const sunday = placeOnDays(events, period, "span").find((day) => day.date === "2026-03-29");
    expect(sunday?.entries.map((entry) => [entry.event.id, entry.time])).toEqual([
      ["night", "00:30–01:15"],
      ["morning", "10:00–12:00"],
    ]);
  });

  it("spans several days in the week view but lists an event once", () => {
    const aktionswoche = {
      id: "aktionswoche",
      startsAt: at("2026-03-20T08:00:00Z"),
      // Midnight Berlin time: the 26th is not covered.
      endsAt: at("2026-03-25T23:00:00Z"),
    };
    const fair = {
      id: "fair",
      startsAt: at("2026-03-27T15:00:00Z"),
      endsAt: at("2026-03-28T12:00:00Z"),
    };
    const spanned = placeOnDays([aktionswoche, fair], period, "span").flatMap((day) =>
      day.entries.map((entry) => [day.date, entry.event.id, entry.time]),
    );
    expect(spanned).toEqual([
      ["2026-03-23", "aktionswoche", "ganztägig"],
      ["2026-03-24", "aktionswoche", "ganztägig"],
      ["2026-03-25", "aktionswoche", "ganztägig"],
      ["2026-03-27", "fair", "ab 16:00"],
      ["2026-03-28", "fair", "bis 13:00"],
    ]);
    const listed = placeOnDays([aktionswoche, fair], period, "start").flatMap((day) =>
      day.entries.map((entry) => [day.date, entry.event.id]),
    );
    expect(listed).toEqual([
      ["2026-03-23", "aktionswoche"],
      ["2026-03-27", "fair"],
    ]);
  });
});
