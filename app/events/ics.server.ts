import { and, asc, eq, exists, gte, inArray, ne, or, type SQL } from "drizzle-orm";
import ical, { ICalCalendarMethod, ICalEventStatus } from "ical-generator";
import type { Actor } from "~/auth/permissions.server";
import { getDb } from "~/db/client.server";
import { eventReservations, events, organizations } from "~/db/schema";
import { plainTextOf, validateRichTextDocument } from "~/rich-text/schema";
import { networksSeenBy } from "~/auth/permissions.server";
import { icsTexts } from "./calendar-texts";
import { eventKindLabels } from "./vocabulary";

/**
 * iCalendar files (RFC 5545) for one event and for a personal subscription. Times are written in
 * UTC, which every calendar shows in its own time zone, so daylight-saving days need no VTIMEZONE.
 * Files carry what every network member may read on the event page – never reservations.
 */

const DAY_MS = 24 * 60 * 60 * 1000;
/** The subscription reaches this far back, so last quarter's events stay in people's calendars. */
const FEED_LOOKBACK_DAYS = 90;

async function selectIcsEvents(where: SQL | undefined) {
  return getDb()
    .select({
      id: events.id,
      title: events.title,
      kind: events.kind,
      description: events.description,
      startsAt: events.startsAt,
      endsAt: events.endsAt,
      place: events.place,
      onlineUrl: events.onlineUrl,
      jobs: events.jobs,
      revision: events.revision,
      cancelledAt: events.cancelledAt,
      createdAt: events.createdAt,
      updatedAt: events.updatedAt,
      organizerName: organizations.name,
    })
    .from(events)
    .innerJoin(organizations, eq(organizations.id, events.organizationId))
    .where(where)
    .orderBy(asc(events.startsAt), asc(events.id));
}
export type IcsEvent = Awaited<ReturnType<typeof selectIcsEvents>>[number];

/** One event for its download; the caller has checked event.view. */
export async function icsEventById(eventId: string): Promise<IcsEvent | null> {
  const [event] = await selectIcsEvents(eq(events.id, eventId));
  return event ?? null;
}

/**
 * The subscription's events: the ones the user reserved seats for (any reservation of theirs
 * that is not cancelled) or posted, from 90 days ago, and only in networks they belong to now.
 */
export async function feedEventsFor(
  user: Pick<Actor, "id" | "networkIds" | "coordinatedNetworkIds">,
  now = new Date(),
): Promise<IcsEvent[]> {
  const networkIds = networksSeenBy(user);
  if (networkIds.length === 0) return [];
  const reservedByUser = getDb()
    .select({ eventId: eventReservations.eventId })
    .from(eventReservations)
    .where(
      and(
        eq(eventReservations.eventId, events.id),
        eq(eventReservations.reservedByUserId, user.id),
        ne(eventReservations.status, "cancelled"),
      ),
    );
  return selectIcsEvents(
    and(
      inArray(events.networkId, networkIds),
      gte(events.endsAt, new Date(now.getTime() - FEED_LOOKBACK_DAYS * DAY_MS)),
      or(eq(events.createdByUserId, user.id), exists(reservedByUser)),
    ),
  );
}

/** Stable across changes, so calendars update the entry instead of adding another. */
const icsUid = (eventId: string) => `${eventId}@netzwerke-abc`;

function descriptionOf(event: IcsEvent, pageUrl: string): string {
  const lines = [eventKindLabels[event.kind], icsTexts.organiser(event.organizerName)];
  if (event.cancelledAt) lines.unshift(icsTexts.cancelledNote);
  const document = validateRichTextDocument(event.description);
  const text = document.ok ? plainTextOf(document.doc) : "";
  if (text) lines.push("", text);
  if (event.onlineUrl && event.place) lines.push("", icsTexts.online(event.onlineUrl));
  if (event.jobs.length > 0) {
    lines.push("", icsTexts.jobsHeading);
    for (const job of event.jobs) lines.push(icsTexts.job(job.title, job.positions));
  }
  lines.push("", icsTexts.details(pageUrl));
  return lines.join("\n");
}

/**
 * A VCALENDAR with one VEVENT per event. `pageUrl` gives the absolute address of an event's page
 * (see absoluteUrl). METHOD:PUBLISH: these are announcements, not invitations to answer.
 */
export function buildCalendar(
  list: IcsEvent[],
  options: { name: string; pageUrl: (eventId: string) => string; refreshHours?: number },
): string {
  const calendar = ical({
    name: options.name,
    prodId: { company: "Netzwerke ABC", product: "Portal", language: "DE" },
    method: ICalCalendarMethod.PUBLISH,
  });
  if (options.refreshHours) calendar.ttl(options.refreshHours * 60 * 60);
  for (const event of list) {
    const pageUrl = options.pageUrl(event.id);
    calendar.createEvent({
      id: icsUid(event.id),
      sequence: event.revision,
      start: event.startsAt,
      end: event.endsAt,
      created: event.createdAt,
      lastModified: event.updatedAt,
      summary: event.cancelledAt ? icsTexts.cancelledSummary(event.title) : event.title,
      location: event.place || event.onlineUrl || null,
      url: pageUrl,
      description: descriptionOf(event, pageUrl),
      status: event.cancelledAt ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  return calendar.toString();
}
