import {
  addWorkingDays,
  berlinDate,
  easterSunday,
  isNationwideHoliday,
  isWorkingDay,
  nationwideHolidays,
} from "./working-days";

describe("easterSunday", () => {
  it.each([
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
  ])("%i → %s", (year, expected) => {
    expect(easterSunday(year)).toBe(expected);
  });

  it("always falls on a Sunday between 22 March and 25 April", () => {
    for (let year = 1900; year <= 2100; year++) {
      const easter = easterSunday(year);
      expect(new Date(`${easter}T00:00:00Z`).getUTCDay()).toBe(0);
      expect(easter.slice(5) >= "03-22" && easter.slice(5) <= "04-25").toBe(true);
    }
  });

  it.each([1582, 2026.5, Number.NaN, 10_000])("rejects year %s", (year) => {
    expect(() => easterSunday(year)).toThrow(RangeError);
  });
});

describe("nationwideHolidays", () => {
  it("lists exactly the nine nationwide holidays of 2026", () => {
    expect(nationwideHolidays(2026)).toEqual([
      { date: "2026-01-01", name: "Neujahr" },
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
    const dates = nationwideHolidays(2008).map((holiday) => holiday.date);
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
    expect(Object.isFrozen(nationwideHolidays(2026))).toBe(true);
    expect(Object.isFrozen(nationwideHolidays(2026)[0])).toBe(true);
  });
});

describe("isNationwideHoliday", () => {
  it.each(nationwideHolidays(2026).map((holiday) => [holiday.date, holiday.name]))(
    "%s (%s) is a holiday",
    (date) => {
      expect(isNationwideHoliday(date)).toBe(true);
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
    expect(isNationwideHoliday(date)).toBe(false);
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

describe("berlinDate", () => {
  it.each([
    // Winter time (CET, UTC+1)
    ["2026-01-15T22:59:59.999Z", "2026-01-15"],
    ["2026-01-15T23:00:00.000Z", "2026-01-16"],
    ["2026-12-31T23:00:00.000Z", "2027-01-01"],
    // Night of the switch to summer time, 29 March 2026
    ["2026-03-28T22:59:59.999Z", "2026-03-28"],
    ["2026-03-28T23:30:00.000Z", "2026-03-29"],
    ["2026-03-29T01:30:00.000Z", "2026-03-29"],
    // Summer time (CEST, UTC+2)
    ["2026-03-29T21:59:59.999Z", "2026-03-29"],
    ["2026-03-29T22:00:00.000Z", "2026-03-30"],
    ["2026-06-30T21:59:59.999Z", "2026-06-30"],
    ["2026-06-30T22:00:00.000Z", "2026-07-01"],
    // Night of the switch back to winter time, 25 October 2026
    ["2026-10-24T21:59:59.999Z", "2026-10-24"],
    ["2026-10-24T22:30:00.000Z", "2026-10-25"],
    ["2026-10-25T00:30:00.000Z", "2026-10-25"],
    ["2026-10-25T01:30:00.000Z", "2026-10-25"],
    ["2026-10-25T22:59:59.999Z", "2026-10-25"],
    ["2026-10-25T23:00:00.000Z", "2026-10-26"],
  ])("%s → %s", (instant, expected) => {
    expect(berlinDate(new Date(instant))).toBe(expected);
  });

  it("rejects an invalid Date", () => {
    expect(() => berlinDate(new Date("kein Datum"))).toThrow(RangeError);
  });
});

function nextCalendarDay(isoDate: string): string {
  const next = new Date(`${isoDate}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
}
