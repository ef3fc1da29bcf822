import { and, arrayContains, asc, eq, gt, inArray, lt, type SQL } from "drizzle-orm";
import { networksSeenBy, type Actor } from "~/auth/permissions.server";
import { getDb } from "~/db/client.server";
import { events, organizations, type EventKind } from "~/db/schema";
import type { TargetGroup } from "~/directory/target-groups";
import {
  navigationOf,
  periodCaption,
  periodOf,
  placeOnDays,
  type CalendarQuery,
} from "./calendar-period";

/** Networks whose events an actor sees: their organisation's and the ones they coordinate. */
export interface CalendarFilters {
  kind: EventKind | null;
  targetGroup: TargetGroup | null;
}

/**
 * Events of the actor's networks that overlap [from, to), cancelled ones included (the calendar
 * marks them), in one query with the organiser's name. Only counts of seats, never who holds them.
 */
async function calendarEvents(
  actor: Pick<Actor, "networkIds" | "coordinatedNetworkIds">,
  range: { from: Date; to: Date },
  filters: CalendarFilters,
) {
  const networkIds = networksSeenBy(actor);
  if (networkIds.length === 0) return [];
  const conditions: SQL[] = [
    inArray(events.networkId, networkIds),
    lt(events.startsAt, range.to),
    gt(events.endsAt, range.from),
  ];
  if (filters.kind) conditions.push(eq(events.kind, filters.kind));
  if (filters.targetGroup) {
    conditions.push(arrayContains(events.targetGroups, [filters.targetGroup]));
  }
  const rows = await getDb()
    .select({
      id: events.id,
      title: events.title,
      kind: events.kind,
      startsAt: events.startsAt,
      endsAt: events.endsAt,
      place: events.place,
      onlineUrl: events.onlineUrl,
      capacity: events.capacity,
      confirmedSeats: events.confirmedSeats,
      waitlistedSeats: events.waitlistedSeats,
      cancelledAt: events.cancelledAt,
      organizerName: organizations.name,
    })
    .from(events)
    .innerJoin(organizations, eq(organizations.id, events.organizationId))
    .where(and(...conditions))
    .orderBy(asc(events.startsAt), asc(events.title), asc(events.id));
  return rows.map(({ cancelledAt, onlineUrl, ...row }) => ({
    ...row,
    online: onlineUrl !== "",
    cancelled: cancelledAt !== null,
  }));
}
/** What a calendar page shows, without Date objects so the page gets exactly this as JSON. */
export async function loadCalendarPage(
  actor: Pick<Actor, "networkIds" | "coordinatedNetworkIds">,
  query: CalendarQuery,
  today: string,
) {
  const period = periodOf(query);
  const found = await calendarEvents(actor, period, query);
  const days = placeOnDays(found, period, query.view === "liste" ? "start" : "span").map((day) => ({
    date: day.date,
    entries: day.entries.map(({ event: { startsAt: _start, endsAt: _end, ...event }, time }) => ({
      ...event,
      time,
    })),
  }));
  return {
    view: query.view,
    anchor: query.anchor,
    filters: { kind: query.kind, targetGroup: query.targetGroup },
    caption: periodCaption(query, period),
    today,
    days,
    eventCount: found.length,
    navigation: navigationOf(query, period, today),
  };
}
export type CalendarPage = Awaited<ReturnType<typeof loadCalendarPage>>;
export type CalendarEntry = CalendarPage["days"][number]["entries"][number];
