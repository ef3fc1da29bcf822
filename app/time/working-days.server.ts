/**
 * Public holidays and working-day arithmetic for deadlines ("Rückmeldung binnen n Arbeitstagen").
 * Calendar dates are ISO strings "YYYY-MM-DD" in Berlin time.
 *
 * Holidays come from `feiertagejs`, which knows each Land's rules and when they changed (e.g.
 * Frauentag in Berlin since 2019). Without a Land only the nationwide holidays count, so a
 * deadline does not depend on where the reader sits; a network passes its own Land.
 * Server-only: the browser never needs the holiday tables.
 */
import { getHolidays } from "feiertagejs";
import { addDays, isCalendarDate } from "./berlin";

/** The Länder by their official two-letter codes (the codes feiertagejs uses). */
export type Bundesland =
  | "BW"
  | "BY"
  | "BE"
  | "BB"
  | "HB"
  | "HE"
  | "HH"
  | "MV"
  | "NI"
  | "NW"
  | "RP"
  | "SL"
  | "SN"
  | "ST"
  | "SH"
  | "TH";

export type PublicHoliday = { date: string; name: string };

// The library computes Easter by the Gregorian rules; before the calendar reform they mean nothing.
const FIRST_GREGORIAN_YEAR = 1583;
const LAST_ISO_YEAR = 9999;

function assertYear(year: number): void {
  if (!Number.isInteger(year) || year < FIRST_GREGORIAN_YEAR || year > LAST_ISO_YEAR) {
    throw new RangeError(
      `Year must be an integer between ${FIRST_GREGORIAN_YEAR} and ${LAST_ISO_YEAR}, got ${year}.`,
    );
  }
}

/** Validates an ISO date; "2026-02-30" is rejected instead of rolling over. */
function assertDate(isoDate: string): void {
  if (!isCalendarDate(isoDate) || Number(isoDate.slice(0, 4)) < FIRST_GREGORIAN_YEAR) {
    throw new RangeError(`Expected a calendar date "YYYY-MM-DD" from 1583 on, got "${isoDate}".`);
  }
}

const holidayCache = new Map<string, readonly PublicHoliday[]>();

/**
 * The public holidays of a year, sorted by date: the nationwide ones ("BUND" in feiertagejs,
 * including the one-off Reformationstag 2017), plus the Land's own when a Land is given.
 */
export function publicHolidays(year: number, land?: Bundesland): readonly PublicHoliday[] {
  assertYear(year);
  const region = land ?? "BUND";
  const key = `${region}:${year}`;
  const cached = holidayCache.get(key);
  if (cached) return cached;
  const holidays = Object.freeze(
    getHolidays(year, region).map((holiday) =>
      // The library's dates are noon UTC of the holiday, so the UTC date is the calendar date
      // whatever the server's time zone.
      Object.freeze({
        date: holiday.date.toISOString().slice(0, 10),
        name: holiday.translate("de") ?? holiday.name,
      }),
    ),
  );
  holidayCache.set(key, holidays);
  return holidays;
}

export function isPublicHoliday(isoDate: string, land?: Bundesland): boolean {
  assertDate(isoDate);
  const year = Number(isoDate.slice(0, 4));
  return publicHolidays(year, land).some((holiday) => holiday.date === isoDate);
}

export function isWorkingDay(isoDate: string, land?: Bundesland): boolean {
  assertDate(isoDate);
  const weekday = new Date(`${isoDate}T12:00:00Z`).getUTCDay(); // 0 = Sunday, 6 = Saturday
  return weekday !== 0 && weekday !== 6 && !isPublicHoliday(isoDate, land);
}

/**
 * The date `workingDays` working days after `startIsoDate`. The start day never counts, even
 * if it is a working day: a referral sent on Friday with two working days is due on Tuesday.
 */
export function addWorkingDays(
  startIsoDate: string,
  workingDays: number,
  land?: Bundesland,
): string {
  if (!Number.isInteger(workingDays) || workingDays < 0) {
    throw new RangeError(`workingDays must be an integer >= 0, got ${workingDays}.`);
  }
  assertDate(startIsoDate);
  let current = startIsoDate;
  let remaining = workingDays;
  while (remaining > 0) {
    current = addDays(current, 1);
    if (isWorkingDay(current, land)) remaining -= 1;
  }
  return current;
}
