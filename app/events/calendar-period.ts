import { eventKinds, type EventKind } from "~/db/vocabularies";
import { targetGroups, type TargetGroup } from "~/directory/target-groups";
import { addDays, isCalendarDate, mondayOf, startOfBerlinDay, toBerlinLocal } from "~/time/berlin";
import { calendarTexts } from "./calendar-texts";

/**
 * Which days the calendar shows, read from the URL so every view can be bookmarked and shared:
 * /veranstaltungen?ansicht=monat|woche|liste &monat=YYYY-MM | &woche=YYYY-MM-DD | &ab=YYYY-MM-DD
 * &art=<kind> &zielgruppe=<group>. Days are Berlin calendar dates ("YYYY-MM-DD"), so a month
 * grid does not shift by an hour around the daylight-saving changes.
 */

export const calendarViews = ["liste", "woche", "monat"] as const;
export type CalendarView = (typeof calendarViews)[number];

/** The list view shows four weeks from its first day. */
const LIST_DAYS = 28;

export interface CalendarQuery {
  view: CalendarView;
  /** First day of the list, Monday of the week, or first day of the month. */
  anchor: string;
  /** The anchor was given in the URL (not "today"). */
  explicit: boolean;
  kind: EventKind | null;
  targetGroup: TargetGroup | null;
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/**
 * Years the calendar pages through. Outside them the arithmetic leaves what Berlin time can
 * express (before 1893 Berlin kept local mean time; after 9999 dates get five digits).
 */
const inCalendarYears = (date: string) => date >= "1970-01-01" && date <= "2100-12-31";

const isDate = (value: string | null): value is string =>
  value !== null && isCalendarDate(value) && inCalendarYears(value);

const isMonth = (value: string | null): value is string =>
  value !== null && MONTH.test(value) && inCalendarYears(`${value}-01`);

const oneOf = <T extends string>(values: readonly T[], value: string | null): T | null =>
  values.find((candidate) => candidate === value) ?? null;

export function berlinToday(now = new Date()): string {
  return toBerlinLocal(now).date;
}

/** Malformed values fall back to today and to no filter, like a search box would. */
export function parseCalendarQuery(params: URLSearchParams, today: string): CalendarQuery {
  const month = params.get("monat");
  const week = params.get("woche");
  const start = params.get("ab");
  const view =
    oneOf(calendarViews, params.get("ansicht")) ??
    (month !== null ? "monat" : week !== null ? "woche" : "liste");
  const filters = {
    kind: oneOf(eventKinds, params.get("art")),
    targetGroup: oneOf(targetGroups, params.get("zielgruppe")),
  };
  if (view === "monat") {
    const valid = isMonth(month);
    return {
      view,
      anchor: valid ? `${month}-01` : `${today.slice(0, 7)}-01`,
      explicit: valid,
      ...filters,
    };
  }
  if (view === "woche") {
    const valid = isDate(week);
    return { view, anchor: mondayOf(valid ? week : today), explicit: valid, ...filters };
  }
  const valid = isDate(start);
  return { view, anchor: valid ? start : today, explicit: valid, ...filters };
}

/** "YYYY-MM-01" moved by whole months. */
export function addMonths(firstOfMonth: string, months: number): string {
  const [year, month] = firstOfMonth.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(year, month - 1 + months, 1)).toISOString().slice(0, 10);
}

export interface CalendarPeriod {
  /** First day shown. */
  first: string;
  /** The day after the last day shown. */
  end: string;
  days: string[];
  /** From Berlin midnight of the first day to Berlin midnight after the last. */
  from: Date;
  to: Date;
}

/** The days a view shows: a month grid runs from the Monday before the 1st to a Sunday. */
export function periodOf(query: CalendarQuery): CalendarPeriod {
  let first = query.anchor;
  let end: string;
  if (query.view === "monat") {
    const lastOfMonth = addDays(addMonths(query.anchor, 1), -1);
    first = mondayOf(query.anchor);
    end = addDays(mondayOf(lastOfMonth), 7);
  } else {
    end = addDays(first, query.view === "woche" ? 7 : LIST_DAYS);
  }
  const days: string[] = [];
  for (let day = first; day < end; day = addDays(day, 1)) days.push(day);
  return { first, end, days, from: startOfBerlinDay(first), to: startOfBerlinDay(end) };
}

/** ISO 8601 week number of a Monday: the week with the year's first Thursday is week 1. */
export function isoWeekOf(monday: string): number {
  const thursday = new Date(`${addDays(monday, 3)}T12:00:00Z`);
  const yearStart = Date.UTC(thursday.getUTCFullYear(), 0, 1);
  return Math.floor((thursday.getTime() - yearStart) / (7 * 24 * 60 * 60 * 1000)) + 1;
}

export function periodCaption(query: CalendarQuery, period: CalendarPeriod): string {
  const last = addDays(period.end, -1);
  if (query.view === "monat") return calendarTexts.monthCaption(query.anchor);
  if (query.view === "woche") {
    return calendarTexts.weekCaption(period.first, last, isoWeekOf(period.first));
  }
  return calendarTexts.listCaption(period.first, last);
}

/** A calendar address; `anchor: null` means "around today", which needs no date in the URL. */
export function calendarHref(
  query: Pick<CalendarQuery, "view" | "kind" | "targetGroup">,
  anchor: string | null,
): string {
  const params = new URLSearchParams();
  if (query.view !== "liste") params.set("ansicht", query.view);
  if (anchor !== null) {
    if (query.view === "monat") params.set("monat", anchor.slice(0, 7));
    else if (query.view === "woche") params.set("woche", mondayOf(anchor));
    else params.set("ab", anchor);
  }
  if (query.kind) params.set("art", query.kind);
  if (query.targetGroup) params.set("zielgruppe", query.targetGroup);
  const search = params.toString();
  return search ? `/veranstaltungen?${search}` : "/veranstaltungen";
}

export interface CalendarNavigation {
  previous: string;
  next: string;
  today: string;
  /** The shown days without the filters. */
  unfiltered: string;
  /** The same days (or the ones around them) in each view, filters kept. */
  views: Record<CalendarView, string>;
}

export function navigationOf(
  query: CalendarQuery,
  period: CalendarPeriod,
  today: string,
): CalendarNavigation {
  const step = (direction: 1 | -1) =>
    query.view === "monat"
      ? addMonths(query.anchor, direction)
      : addDays(query.anchor, direction * (query.view === "woche" ? 7 : LIST_DAYS));
  // Switching views keeps the shown days, unless they include today: then "around today".
  const showsToday = !query.explicit || (period.first <= today && today < period.end);
  const reference = showsToday ? null : query.anchor;
  const views = Object.fromEntries(
    calendarViews.map((view) => [view, calendarHref({ ...query, view }, reference)]),
  ) as Record<CalendarView, string>;
  return {
    previous: calendarHref(query, step(-1)),
    next: calendarHref(query, step(1)),
    today: calendarHref(query, null),
    unfiltered: calendarHref(
      { view: query.view, kind: null, targetGroup: null },
      query.explicit ? query.anchor : null,
    ),
    views,
  };
}

export interface TimedEvent {
  startsAt: Date;
  endsAt: Date;
}

export interface DayEntry<Event> {
  event: Event;
  /** "10:00–12:00", or for an event over several days "ab 10:00", "ganztägig", "bis 16:00". */
  time: string;
}

export interface CalendarDay<Event> {
  date: string;
  entries: DayEntry<Event>[];
}

/** The Berlin days an event covers; one ending at midnight does not cover the next day. */
function coveredDays(event: TimedEvent) {
  const start = toBerlinLocal(event.startsAt);
  const end = toBerlinLocal(new Date(event.endsAt.getTime() - 1));
  return { start, endDate: end.date, endTime: toBerlinLocal(event.endsAt).time };
}

function timeOnDay(event: TimedEvent, day: string): string {
  const { start, endDate, endTime } = coveredDays(event);
  if (start.date === endDate) return `${start.time}–${endTime}`;
  // A day that starts at midnight or ends at midnight is a whole day.
  if (day <= start.date && start.time !== "00:00") return calendarTexts.from(start.time);
  if (day >= endDate && endTime !== "00:00") return calendarTexts.until(endTime);
  return calendarTexts.allDay;
}

/**
 * The period's days with their events, in start order. Month and week show an event on every day
 * it covers ("span"); the list shows it once, on its first day in the period ("start").
 */
export function placeOnDays<Event extends TimedEvent>(
  events: Event[],
  period: CalendarPeriod,
  mode: "span" | "start",
): CalendarDay<Event>[] {
  const byDay = new Map<string, DayEntry<Event>[]>(period.days.map((day) => [day, []]));
  for (const event of events) {
    const { start, endDate } = coveredDays(event);
    const firstDay = start.date < period.first ? period.first : start.date;
    const lastDay = mode === "start" ? firstDay : endDate;
    for (let day = firstDay; day <= lastDay && day < period.end; day = addDays(day, 1)) {
      byDay.get(day)?.push({ event, time: timeOnDay(event, day) });
    }
  }
  return period.days.map((date) => ({ date, entries: byDay.get(date) ?? [] }));
}
