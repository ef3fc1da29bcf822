/**
 * Times are entered and shown in German local time (Europe/Berlin) and stored as UTC instants.
 * The conversion must hold across the daylight-saving changes: on the last Sunday of March the
 * hour 02:00–02:59 does not exist, on the last Sunday of October it happens twice. The time-zone
 * rules come from `@date-fns/tz` (on the platform's Intl data); this module only adds the
 * product's choices. Browser code uses it too, so it stays free of server-only imports.
 */
// Subpath imports: the package root also pulls in the full TZDate with its formatters (+1.3 kB).
import { TZDateMini } from "@date-fns/tz/date/mini";
import { tzOffset } from "@date-fns/tz/tzOffset";

const BERLIN = "Europe/Berlin";
const MINUTE_MS = 60 * 1000;
const DAY_MS = 24 * 60 * MINUTE_MS;

export interface BerlinLocal {
  /** "YYYY-MM-DD" */
  date: string;
  /** "HH:MM" */
  time: string;
}

const twoDigits = (value: number) => String(value).padStart(2, "0");

/** The Berlin wall-clock date and time of an instant. */
export function toBerlinLocal(instant: Date): BerlinLocal {
  if (Number.isNaN(instant.getTime())) throw new RangeError("Expected a valid Date.");
  const local = new TZDateMini(instant, BERLIN);
  return {
    date: `${String(local.getFullYear()).padStart(4, "0")}-${twoDigits(local.getMonth() + 1)}-${twoDigits(local.getDate())}`,
    time: `${twoDigits(local.getHours())}:${twoDigits(local.getMinutes())}`,
  };
}

/** The Berlin calendar date of an instant, e.g. "today" for a form or a deadline. */
export function berlinDate(instant: Date): string {
  return toBerlinLocal(instant).date;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Year, month (1–12) and day of a "YYYY-MM-DD" calendar date, or null (no 30 February). */
function parseDate(value: string): [number, number, number] | null {
  const match = DATE.exec(value);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  // Reject dates such as 2026-02-30 that Date.UTC would roll over into March.
  const rolled = new Date(Date.UTC(year, month - 1, day)).toISOString().slice(0, 10);
  return rolled === value ? [year, month, day] : null;
}

/** Whether a value is a "YYYY-MM-DD" date of the calendar (no 30 February). */
export function isCalendarDate(value: string): boolean {
  return parseDate(value) !== null;
}

export type BerlinConversion =
  { ok: true; instant: Date } | { ok: false; reason: "invalid" | "nonexistent" };

/**
 * The instant a Berlin wall-clock time denotes. A time skipped by the change to summer time is
 * reported as "nonexistent"; a time that happens twice in October means the first occurrence
 * (still summer time), which is what people who plan an event at "02:30" mean in practice.
 */
export function fromBerlinLocal(date: string, time: string): BerlinConversion {
  const day = parseDate(date);
  const clock = TIME.exec(time);
  if (!day || !clock) return { ok: false, reason: "invalid" };
  const [year, month, dayOfMonth] = day;
  // The library moves a skipped time forward and takes the later of a repeated time.
  const resolved = new TZDateMini(
    year,
    month - 1,
    dayOfMonth,
    Number(clock[1]),
    Number(clock[2]),
    BERLIN,
  );
  if (!sameWallClock(resolved, date, time)) return { ok: false, reason: "nonexistent" };
  // A repeated time lies just after an offset drop; shifted back by that drop it shows the same
  // wall clock, which is its first occurrence. (DST changes are months apart, so a day back is
  // before the change.)
  const drop = tzOffset(BERLIN, new Date(resolved.getTime() - DAY_MS)) - tzOffset(BERLIN, resolved);
  const earlier = new Date(resolved.getTime() - drop * MINUTE_MS);
  return { ok: true, instant: sameWallClock(earlier, date, time) ? earlier : new Date(resolved) };
}

function sameWallClock(instant: Date, date: string, time: string): boolean {
  const local = toBerlinLocal(instant);
  return local.date === date && local.time === time;
}

/** The instant a Berlin calendar day begins; midnight exists on every day (DST changes at 2–3 am). */
export function startOfBerlinDay(date: string): Date {
  const midnight = fromBerlinLocal(date, "00:00");
  if (!midnight.ok) throw new Error(`No Berlin midnight on ${date}`);
  return midnight.instant;
}

/**
 * The last instant of a Berlin calendar day (one millisecond before the next midnight), e.g. for
 * a deadline entered as a date: "bis einschließlich" that day.
 */
export function endOfBerlinDay(date: string): BerlinConversion {
  const day = fromBerlinLocal(date, "12:00");
  if (!day.ok) return day;
  const nextMidnight = fromBerlinLocal(addDays(date, 1), "00:00");
  if (!nextMidnight.ok) return nextMidnight;
  return { ok: true, instant: new Date(nextMidnight.instant.getTime() - 1) };
}

/** Whether the instant is the last one of the Berlin day `date` (see endOfBerlinDay). */
export function isEndOfBerlinDay(instant: Date, date: string): boolean {
  const end = endOfBerlinDay(date);
  return end.ok && end.instant.getTime() === instant.getTime();
}

/** Monday of the week containing the Berlin date, as "YYYY-MM-DD". */
export function mondayOf(date: string): string {
  const day = new Date(`${date}T12:00:00Z`);
  const weekday = (day.getUTCDay() + 6) % 7;
  day.setUTCDate(day.getUTCDate() - weekday);
  return day.toISOString().slice(0, 10);
}

/** A calendar date moved by some days, as "YYYY-MM-DD" (noon avoids any DST edge). */
export function addDays(date: string, days: number): string {
  const day = new Date(`${date}T12:00:00Z`);
  day.setUTCDate(day.getUTCDate() + days);
  return day.toISOString().slice(0, 10);
}
