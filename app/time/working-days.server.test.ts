import { addDays } from "./berlin";
import {
  addWorkingDays,
  isPublicHoliday,
  isWorkingDay,
  publicHolidays,
  type Bundesland,
} from "./working-days.server";

/** Easter Sunday is a public holiday only in Brandenburg, so its list names the date. */
const easterSunday = (year: number) =>
  publicHolidays(year, "BB").find((holiday) => holiday.name === "Ostersonntag")?.date;

const holidayDate = (year: number, name: string) =>
  publicHolidays(year).find((holiday) => holiday.name === name)?.date;

const easterDates: [number, string][] = [
  [1818, "1818-03-22"], // earliest possible date
  [1943, "1943-04-25"], // latest possible date
  [2000, "2000-04-23"],
  [2008, "2008-03-23"],
  [2011, "2011-04-24"],
  [2019, "2019-04-21"],
  [2024, "2024-03-31"],
  [2025, "2025-04-20"],
  [2026, "2026-04-05"],
  [2027, "2027-03-28"],
  [2038, "2038-04-25"],
  [2285, "2285-03-22"],
];

describe("Easter and the holidays that follow it", () => {
  it.each(easterDates)("%i → %s", (year, expected) => {
    expect(easterSunday(year)).toBe(expected);
  });

  it.each(easterDates)("%i: the nationwide holidays around Easter %s", (year, easter) => {
    expect(holidayDate(year, "Karfreitag")).toBe(addDays(easter, -2));
    expect(holidayDate(year, "Ostermontag")).toBe(addDays(easter, 1));
    expect(holidayDate(year, "Christi Himmelfahrt")).toBe(addDays(easter, 39));
    expect(holidayDate(year, "Pfingstmontag")).toBe(addDays(easter, 50));
  });

  it("always falls on a Sunday between 22 March and 25 April", () => {
    for (let year = 1900; year <= 2100; year++) {
      const easter = easterSunday(year) ?? "";
      expect(new Date(`${easter}T00:00:00Z`).getUTCDay()).toBe(0);
      expect(easter.slice(5) >= "03-22" && easter.slice(5) <= "04-25").toBe(true);
    }
  });

  it.each([1582, 2026.5, Number.NaN, 10_000])("rejects year %s", (year) => {
    expect(() => publicHolidays(year)).toThrow(RangeError);
  });
});

describe("publicHolidays", () => {
  it("lists exactly the nine nationwide holidays of 2026", () => {
    expect(publicHolidays(2026)).toEqual([
      { date: "2026-01-01", name: "Neujahrstag" },
      { date: "2026-04-03", name: "Karfreitag" },
      { date: "2026-04-06", name: "Ostermontag" },
      { date: "2026-05-01", name: "Tag der Arbeit" },
      { date: "2026-05-14", name: "Christi Himmelfahrt" },
      { date: "2026-05-25", name: "Pfingstmontag" },
      { date: "2026-10-03", name: "Tag der Deutschen Einheit" },
      { date: "2026-12-25", name: "1. Weihnachtstag" },
      { date: "2026-12-26", name: "2. Weihnachtstag" },
    ]);
  });

  it("keeps calendar order when Himmelfahrt coincides with 1 May (2008)", () => {
    const dates = publicHolidays(2008).map((holiday) => holiday.date);
    expect(dates).toEqual([
      "2008-01-01",
      "2008-03-21",
      "2008-03-24",
      "2008-05-01",
      "2008-05-01",
      "2008-05-12",
      "2008-10-03",
      "2008-12-25",
      "2008-12-26",
    ]);
  });

  it("returns a frozen list, so callers cannot corrupt the cache", () => {
    expect(Object.isFrozen(publicHolidays(2026))).toBe(true);
    expect(Object.isFrozen(publicHolidays(2026)[0])).toBe(true);
  });
});

describe("isPublicHoliday", () => {
  it.each(publicHolidays(2026).map((holiday) => [holiday.date, holiday.name]))(
    "%s (%s) is a holiday",
    (date) => {
      expect(isPublicHoliday(date)).toBe(true);
    },
  );

  it.each([
    ["2026-01-06", "Heilige Drei Könige (regional)"],
    ["2026-03-08", "Internationaler Frauentag (regional)"],
    ["2026-06-04", "Fronleichnam (regional)"],
    ["2026-08-15", "Mariä Himmelfahrt (regional)"],
    ["2026-10-31", "Reformationstag (regional)"],
    ["2026-11-01", "Allerheiligen (regional)"],
    ["2026-11-18", "Buß- und Bettag (regional)"],
    ["2026-12-24", "Heiligabend"],
    ["2026-12-31", "Silvester"],
    ["2026-04-05", "Ostersonntag (Sonntag, aber kein zusätzlicher Feiertag)"],
  ])("%s (%s) is not a nationwide holiday", (date) => {
    expect(isPublicHoliday(date)).toBe(false);
  });
});

describe("isWorkingDay", () => {
  it.each([
    ["2026-11-23", true, "Montag"],
    ["2026-11-27", true, "Freitag"],
    ["2026-11-21", false, "Samstag"],
    ["2026-11-22", false, "Sonntag"],
    ["2026-04-03", false, "Karfreitag"],
    ["2026-04-06", false, "Ostermontag"],
    ["2026-05-01", false, "Tag der Arbeit (Freitag)"],
    ["2025-10-03", false, "Tag der Deutschen Einheit (Freitag)"],
    ["2026-10-03", false, "Tag der Deutschen Einheit (Samstag)"],
    ["2026-12-24", true, "Heiligabend (Donnerstag)"],
    ["2026-12-31", true, "Silvester (Donnerstag)"],
    ["2026-06-04", true, "Fronleichnam ist nur regional"],
    ["2028-02-29", true, "Schalttag (Dienstag)"],
  ])("%s → %s (%s)", (date, expected) => {
    expect(isWorkingDay(date)).toBe(expected);
  });
});

describe("addWorkingDays", () => {
  it.each([
    // start, working days, expected, why
    ["2026-11-20", 2, "2026-11-24", "Freitag + 2 → Dienstag"],
    ["2026-11-23", 1, "2026-11-24", "Montag + 1 → Dienstag"],
    ["2026-11-23", 5, "2026-11-30", "Montag + 5 → Montag"],
    ["2026-11-21", 1, "2026-11-23", "Samstag: Zählung beginnt Montag"],
    ["2026-11-22", 1, "2026-11-23", "Sonntag: Zählung beginnt Montag"],
    ["2026-11-21", 2, "2026-11-24", "Samstag + 2 → Dienstag"],
    ["2026-11-20", 0, "2026-11-20", "0 Arbeitstage → Starttag"],
    ["2026-11-21", 0, "2026-11-21", "0 Arbeitstage → Starttag, auch am Wochenende"],
    ["2026-04-02", 3, "2026-04-09", "Ostern: Karfreitag und Ostermontag übersprungen"],
    ["2026-04-03", 1, "2026-04-07", "versandt am Karfreitag"],
    ["2026-04-30", 1, "2026-05-04", "1. Mai (Freitag) und Wochenende"],
    ["2026-05-13", 2, "2026-05-18", "Christi Himmelfahrt (Donnerstag)"],
    ["2026-05-22", 1, "2026-05-26", "Pfingstmontag"],
    ["2025-10-02", 1, "2025-10-06", "3. Oktober an einem Freitag"],
    ["2024-10-02", 2, "2024-10-07", "3. Oktober an einem Donnerstag"],
    ["2026-10-02", 1, "2026-10-05", "3. Oktober an einem Samstag verschiebt nichts"],
    ["2026-12-23", 5, "2026-12-31", "Heiligabend und Silvester sind Arbeitstage"],
    ["2026-12-23", 6, "2027-01-04", "über Neujahr (Freitag) und Wochenende"],
    ["2026-12-23", 7, "2027-01-05", "Jahreswechsel"],
    ["2025-12-23", 3, "2025-12-30", "Weihnachten Donnerstag/Freitag 2025"],
    ["2028-02-28", 1, "2028-02-29", "Schalttag"],
    ["2028-02-28", 2, "2028-03-01", "nach dem Schalttag"],
    ["2026-01-01", 20, "2026-01-29", "vier volle Wochen ab Neujahr"],
  ])("%s + %i → %s (%s)", (start, days, expected) => {
    expect(addWorkingDays(start, days)).toBe(expected);
  });

  it("never returns a weekend or holiday for a positive count", () => {
    let start = "2026-01-01";
    for (let i = 0; i < 400; i++) {
      for (const days of [1, 2, 3, 10]) {
        expect(isWorkingDay(addWorkingDays(start, days))).toBe(true);
      }
      start = nextCalendarDay(start);
    }
  });

  it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])("rejects %s working days", (days) => {
    expect(() => addWorkingDays("2026-11-20", days)).toThrow(RangeError);
  });

  it.each(["2026-02-30", "2026-13-01", "2026-2-3", "20.11.2026", "", "2026-11-20T10:00:00Z"])(
    "rejects the malformed start date %j",
    (start) => {
      expect(() => addWorkingDays(start, 1)).toThrow(RangeError);
    },
  );
});

describe("holidays of one Land", () => {
  it.each<[string, Bundesland, boolean, string]>([
    ["2026-10-31", "BB", true, "Reformationstag in Brandenburg"],
    ["2026-10-31", "BY", false, "kein Reformationstag in Bayern"],
    ["2026-06-04", "NW", true, "Fronleichnam in Nordrhein-Westfalen"],
    ["2026-06-04", "BE", false, "kein Fronleichnam in Berlin"],
    ["2026-03-08", "BE", true, "Frauentag in Berlin"],
    ["2026-03-08", "MV", true, "Frauentag in Mecklenburg-Vorpommern (seit 2023)"],
    ["2022-03-08", "MV", false, "Frauentag in Mecklenburg-Vorpommern erst ab 2023"],
    ["2026-03-08", "BY", false, "kein Frauentag in Bayern"],
    ["2026-11-18", "SN", true, "Buß- und Bettag in Sachsen"],
    ["2026-01-06", "BW", true, "Heilige Drei Könige in Baden-Württemberg"],
    ["2026-09-20", "TH", true, "Weltkindertag in Thüringen"],
    ["2026-12-25", "HH", true, "nationwide holidays count in every Land"],
  ])("%s in %s → %s (%s)", (date, land, expected) => {
    expect(isPublicHoliday(date, land)).toBe(expected);
  });

  it("counts the one-off nationwide Reformationstag 2017 everywhere", () => {
    expect(isPublicHoliday("2017-10-31")).toBe(true);
    expect(isPublicHoliday("2017-10-31", "BY")).toBe(true);
    expect(isPublicHoliday("2018-10-31")).toBe(false);
  });

  it("moves deadlines past the Land's own holidays only", () => {
    // Fronleichnam, Thursday 4 June 2026
    expect(addWorkingDays("2026-06-03", 1, "NW")).toBe("2026-06-05");
    expect(addWorkingDays("2026-06-03", 1, "BE")).toBe("2026-06-04");
    expect(addWorkingDays("2026-06-03", 1)).toBe("2026-06-04");
    // Buß- und Bettag, Wednesday 18 November 2026
    expect(addWorkingDays("2026-11-17", 1, "SN")).toBe("2026-11-19");
    expect(isWorkingDay("2026-11-18", "SN")).toBe(false);
    expect(isWorkingDay("2026-11-18")).toBe(true);
  });
});

function nextCalendarDay(isoDate: string): string {
  const next = new Date(`${isoDate}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
}
