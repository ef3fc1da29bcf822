/**
 * Working-day arithmetic for referral deadlines ("Rückmeldung binnen n Arbeitstagen").
 *
 * Calendar dates are ISO strings "YYYY-MM-DD". Internally they are handled as UTC midnight so
 * that the server's local time zone and DST can never shift a date by one day.
 *
 * Only the nine nationwide public holidays count: the network spans several Länder, and a
 * deadline must not depend on where the reader sits. The rules are today's; one-off holidays
 * such as Reformationstag 2017 are not modelled because deadlines lie in the present or future.
 */

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

// The Gregorian Easter computation is only meaningful from the year after the calendar reform.
const FIRST_GREGORIAN_YEAR = 1583;
const LAST_ISO_YEAR = 9999;

export type NationwideHoliday = { date: string; name: string };

function assertYear(year: number): void {
  if (!Number.isInteger(year) || year < FIRST_GREGORIAN_YEAR || year > LAST_ISO_YEAR) {
    throw new RangeError(
      `Year must be an integer between ${FIRST_GREGORIAN_YEAR} and ${LAST_ISO_YEAR}, got ${year}.`,
    );
  }
}

/** UTC midnight of a calendar date; the caller guarantees a year of at least 1583. */
function utcMidnight(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day);
}

function toIso(utcMs: number): string {
  const date = new Date(utcMs);
  const year = String(date.getUTCFullYear()).padStart(4, "0");
  const month = String(date.getUTCMonth() + 1).padStart(2, "0");
  const day = String(date.getUTCDate()).padStart(2, "0");
  return `${year}-${month}-${day}`;
}

/** Parses and validates an ISO date; "2026-02-30" is rejected instead of rolling over. */
function parseIso(isoDate: string): { year: number; utcMs: number } {
  const match = ISO_DATE.exec(isoDate);
  if (match) {
    const year = Number(match[1]);
    const month = Number(match[2]);
    const day = Number(match[3]);
    if (year >= FIRST_GREGORIAN_YEAR) {
      const utcMs = utcMidnight(year, month, day);
      if (toIso(utcMs) === isoDate) return { year, utcMs };
    }
  }
  throw new RangeError(`Expected a calendar date "YYYY-MM-DD" from 1583 on, got "${isoDate}".`);
}

function addDays(utcMs: number, days: number): number {
  return utcMs + days * MS_PER_DAY;
}

/** Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
export function easterSunday(year: number): string {
  assertYear(year);
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return toIso(utcMidnight(year, month, day));
}

const holidayCache = new Map<number, readonly NationwideHoliday[]>();

/** The nine nationwide public holidays of a year, sorted by date. */
export function nationwideHolidays(year: number): readonly NationwideHoliday[] {
  assertYear(year);
  const cached = holidayCache.get(year);
  if (cached) return cached;

  const easter = parseIso(easterSunday(year)).utcMs;
  const fixed = (month: number, day: number) => toIso(utcMidnight(year, month, day));
  const relativeToEaster = (days: number) => toIso(addDays(easter, days));

  const holidays: readonly NationwideHoliday[] = Object.freeze(
    [
      { date: fixed(1, 1), name: "Neujahr" },
      { date: relativeToEaster(-2), name: "Karfreitag" },
      { date: relativeToEaster(1), name: "Ostermontag" },
      { date: fixed(5, 1), name: "Tag der Arbeit" },
      { date: relativeToEaster(39), name: "Christi Himmelfahrt" },
      { date: relativeToEaster(50), name: "Pfingstmontag" },
      { date: fixed(10, 3), name: "Tag der Deutschen Einheit" },
      { date: fixed(12, 25), name: "1. Weihnachtstag" },
      { date: fixed(12, 26), name: "2. Weihnachtstag" },
    ]
      // Himmelfahrt can fall on 1 May (e.g. 2008); sorting keeps the list in calendar order.
      .sort((x, y) => x.date.localeCompare(y.date))
      .map((holiday) => Object.freeze(holiday)),
  );
  holidayCache.set(year, holidays);
  return holidays;
}

export function isNationwideHoliday(isoDate: string): boolean {
  const { year } = parseIso(isoDate);
  return nationwideHolidays(year).some((holiday) => holiday.date === isoDate);
}

export function isWorkingDay(isoDate: string): boolean {
  const { utcMs } = parseIso(isoDate);
  const weekday = new Date(utcMs).getUTCDay(); // 0 = Sunday, 6 = Saturday
  return weekday !== 0 && weekday !== 6 && !isNationwideHoliday(isoDate);
}

/**
 * The date `workingDays` working days after `startIsoDate`. The start day never counts, even
 * if it is a working day: a referral sent on Friday with two working days is due on Tuesday.
 */
export function addWorkingDays(startIsoDate: string, workingDays: number): string {
  if (!Number.isInteger(workingDays) || workingDays < 0) {
    throw new RangeError(`workingDays must be an integer >= 0, got ${workingDays}.`);
  }
  let current = parseIso(startIsoDate).utcMs;
  let remaining = workingDays;
  while (remaining > 0) {
    current = addDays(current, 1);
    if (isWorkingDay(toIso(current))) remaining -= 1;
  }
  return toIso(current);
}

// Created once: constructing Intl formatters is comparatively expensive.
const berlinFormatter = new Intl.DateTimeFormat("en-US", {
  timeZone: "Europe/Berlin",
  calendar: "gregory",
  numberingSystem: "latn",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** The calendar date in Europe/Berlin for an instant, independent of the server's time zone. */
export function berlinDate(instant: Date): string {
  if (Number.isNaN(instant.getTime())) {
    throw new RangeError("berlinDate needs a valid Date.");
  }
  const parts = berlinFormatter.formatToParts(instant);
  const part = (type: "year" | "month" | "day") => {
    const value = parts.find((p) => p.type === type)?.value;
    if (value === undefined) throw new Error(`Intl.DateTimeFormat returned no ${type}.`);
    return value;
  };
  return `${part("year").padStart(4, "0")}-${part("month")}-${part("day")}`;
}
