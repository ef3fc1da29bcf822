/**
 * Events are entered and shown in German local time (Europe/Berlin) and stored as UTC instants.
 * The conversion must hold across the daylight-saving changes: on the last Sunday of March the
 * hour 02:00–02:59 does not exist, on the last Sunday of October it happens twice.
 */

export const BERLIN = "Europe/Berlin";

const partsFormat = new Intl.DateTimeFormat("en-CA", {
  timeZone: BERLIN,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

export interface BerlinLocal {
  /** "YYYY-MM-DD" */
  date: string;
  /** "HH:MM" */
  time: string;
}

/** The Berlin wall-clock date and time of an instant. */
export function toBerlinLocal(instant: Date): BerlinLocal {
  const parts = Object.fromEntries(
    partsFormat.formatToParts(instant).map((part) => [part.type, part.value]),
  );
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    time: `${parts.hour}:${parts.minute}`,
  };
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
const HOUR_MS = 60 * 60 * 1000;

export type BerlinConversion =
  { ok: true; instant: Date } | { ok: false; reason: "invalid" | "nonexistent" };

/**
 * The instant a Berlin wall-clock time denotes. A time skipped by the change to summer time is
 * reported as "nonexistent"; a time that happens twice in October means the first occurrence
 * (still summer time), which is what people who plan an event at "02:30" mean in practice.
 */
export function fromBerlinLocal(date: string, time: string): BerlinConversion {
  const day = DATE.exec(date);
  const clock = TIME.exec(time);
  if (!day || !clock) return { ok: false, reason: "invalid" };
  const [year, month, dayOfMonth] = [Number(day[1]), Number(day[2]), Number(day[3])];
  const asUtc = Date.UTC(year, month - 1, dayOfMonth, Number(clock[1]), Number(clock[2]));
  // Reject dates such as 2026-02-30 that Date.UTC would roll over into March.
  if (new Date(asUtc).toISOString().slice(0, 10) !== date) return { ok: false, reason: "invalid" };
  // Berlin is UTC+2 in summer and UTC+1 in winter: one of the two is the instant, or none is.
  const candidates = [asUtc - 2 * HOUR_MS, asUtc - HOUR_MS]
    .map((milliseconds) => new Date(milliseconds))
    .filter((instant) => {
      const local = toBerlinLocal(instant);
      return local.date === date && local.time === time;
    });
  const first = candidates[0];
  return first ? { ok: true, instant: first } : { ok: false, reason: "nonexistent" };
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

/** Whether a value is a "YYYY-MM-DD" date of the calendar (no 30 February). */
export function isCalendarDate(value: string): boolean {
  return fromBerlinLocal(value, "12:00").ok;
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
