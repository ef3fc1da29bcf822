/**
 * Dates as the journeys need them: the portal counts days and times in Berlin, and the browser of
 * every journey runs in Europe/Berlin (playwright.config.ts).
 */

const DAY_MS = 24 * 60 * 60 * 1000;

const berlinClock = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Europe/Berlin",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

/** An instant's Berlin wall-clock date ("YYYY-MM-DD") and time ("HH:MM"). */
export function berlinWallClock(instant: Date): { date: string; time: string } {
  const [date, time] = berlinClock.format(instant).split(", ");
  return { date: date!, time: time! };
}

/** Today's calendar date in Berlin as "YYYY-MM-DD", as the server counts it. */
export function berlinToday(): string {
  return berlinWallClock(new Date()).date;
}

/** A calendar date moved by whole days; dates are days, not instants, so UTC arithmetic is exact. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** "2026-12-06" → "06.12.2026", as the pages write dates. */
export function germanDate(date: string): string {
  const [year, month, day] = date.split("-");
  return `${day}.${month}.${year}`;
}
