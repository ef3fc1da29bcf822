import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { findById } from "~/db/find-by-id.server";
import { getDb } from "~/db/client.server";
import { inUnitOfWork } from "~/db/unit-of-work.server";
import { createRecord, offeredBy } from "~/submissions/create-record.server";
import type { Submission } from "~/submissions/submission-key.server";
import { discussionThreads, events, networks, organizations } from "~/db/schema";
import { emitEventChanged } from "~/realtime/hub.server";
import { renderRichText } from "~/rich-text/render.server";
import type { RichTextDocument } from "~/rich-text/schema";
import { recordEventAudit } from "./audit.server";
import { isEndOfBerlinDay, toBerlinLocal } from "~/time/berlin";
import type { EventInput } from "./event-form";
import { reservationHolders, sendEventNotice } from "./notices.server";
import { announcePromotions, lockEvent, promoteFromWaitlist } from "./reservations.server";
import { eventFormTexts, eventNoticeTexts } from "./texts";
import { formatEventTime } from "./vocabulary";

interface Actor {
  id: string;
  organizationId: string;
}

/** The columns the form decides, as read for the event page and the edit form. */
const formColumns = {
  kind: events.kind,
  title: events.title,
  description: events.description,
  startsAt: events.startsAt,
  endsAt: events.endsAt,
  place: events.place,
  onlineUrl: events.onlineUrl,
  capacity: events.capacity,
  registrationDeadline: events.registrationDeadline,
  targetGroups: events.targetGroups,
  jobs: events.jobs,
  languageRequirements: events.languageRequirements,
  accessibility: events.accessibility,
  contactName: events.contactName,
  contactEmail: events.contactEmail,
  contactPhone: events.contactPhone,
};

type FormColumn = keyof typeof formColumns;
const formColumnNames = Object.keys(formColumns) as FormColumn[];

/** The columns the form decides, as written by create and update. */
function eventColumns(input: EventInput): Pick<EventInput, FormColumn> {
  return Object.fromEntries(formColumnNames.map((name) => [name, input[name]])) as Pick<
    EventInput,
    FormColumn
  >;
}

/** Posts an event; the actor's organisation organises it. */
export async function createEvent(
  actor: Actor,
  input: EventInput,
  ip: string | null = null,
  submission: Submission | null = null,
): Promise<string> {
  return createRecord({
    table: events,
    values: { ...eventColumns(input), ...offeredBy(actor, input.networkId) },
    implies: async (unit, id) => unit.afterCommit(() => emitEventChanged(input.networkId, id)),
    audit: { action: "event.created", actor, ip, targetType: "event", networkId: input.networkId },
    submission,
    location: (id) => `/veranstaltungen/${id}`,
  });
}

export type EventUpdate =
  | { ok: true; announced: boolean }
  | { ok: false; errors: { capacity: string } }
  | { ok: false; cancelled: true }
  | { ok: false; notFound: true };

/**
 * Saves an edit by the organiser (the network stays). The capacity cannot sink below the seats
 * already confirmed; a higher one moves waiting-list places up. A new time or place raises the
 * revision (calendar files carry it) and is announced to everyone holding a reservation.
 */
export async function updateEvent(
  actor: Actor,
  eventId: string,
  input: EventInput,
  ip: string | null = null,
): Promise<EventUpdate> {
  return inUnitOfWork(async (unit): Promise<EventUpdate> => {
    const { tx } = unit;
    const before = await lockEvent(tx, eventId);
    if (!before) return { ok: false, notFound: true };
    if (before.cancelledAt) return { ok: false, cancelled: true };
    if (input.capacity < before.confirmedSeats) {
      return {
        ok: false,
        errors: { capacity: eventFormTexts.capacityBelowConfirmed(before.confirmedSeats) },
      };
    }
    // Another day gets its own reminder the day before; another hour on the same day does not.
    const newDay = toBerlinLocal(before.startsAt).date !== toBerlinLocal(input.startsAt).date;
    const moved =
      before.startsAt.getTime() !== input.startsAt.getTime() ||
      before.endsAt.getTime() !== input.endsAt.getTime() ||
      before.place !== input.place ||
      before.onlineUrl !== input.onlineUrl;
    await tx
      .update(events)
      .set({
        ...eventColumns(input),
        updatedAt: new Date(),
        ...(moved ? { revision: sql`${events.revision} + 1` } : {}),
        ...(newDay ? { reminderSentAt: null } : {}),
      })
      .where(eq(events.id, eventId));
    const promoted = await promoteFromWaitlist(tx, eventId, input.capacity - before.confirmedSeats);
    await recordEventAudit(tx, {
      action: "event.updated",
      actor,
      ip,
      targetId: eventId,
      networkId: before.networkId,
      details: { timeOrPlaceChanged: moved, promoted: promoted.length },
    });
    await announcePromotions(unit, { id: eventId, title: input.title }, promoted);
    if (moved) {
      await sendEventNotice(unit, await reservationHolders(tx, eventId), {
        eventId,
        message: eventNoticeTexts.changed(
          input.title,
          formatEventTime(input.startsAt, input.endsAt),
        ),
        subject: eventNoticeTexts.changedSubject,
      });
    }
    unit.afterCommit(() => emitEventChanged(before.networkId, eventId));
    return { ok: true, announced: moved };
  });
}

/**
 * Cancels the event; reservations stay listed (the event shows as cancelled) and everyone
 * holding one is told. Only before it begins: afterwards its outcomes are what counts.
 * Cancelling twice changes nothing.
 */
export async function cancelEvent(
  actor: Actor,
  eventId: string,
  ip: string | null = null,
  now = new Date(),
): Promise<"cancelled" | "alreadyCancelled" | "started"> {
  return inUnitOfWork(async (unit) => {
    const { tx } = unit;
    const [cancelled] = await tx
      .update(events)
      // A cancellation is a new version for calendar clients (SEQUENCE rises with STATUS).
      .set({ cancelledAt: now, updatedAt: now, revision: sql`${events.revision} + 1` })
      .where(and(eq(events.id, eventId), isNull(events.cancelledAt), gt(events.startsAt, now)))
      .returning({ networkId: events.networkId, title: events.title });
    if (!cancelled) {
      const [current] = await tx
        .select({ cancelledAt: events.cancelledAt })
        .from(events)
        .where(eq(events.id, eventId));
      return current?.cancelledAt ? "alreadyCancelled" : "started";
    }
    await recordEventAudit(tx, {
      action: "event.cancelled",
      actor,
      ip,
      targetId: eventId,
      networkId: cancelled.networkId,
    });
    await sendEventNotice(unit, await reservationHolders(tx, eventId), {
      eventId,
      message: eventNoticeTexts.cancelled(cancelled.title),
      subject: eventNoticeTexts.cancelledSubject,
    });
    unit.afterCommit(() => emitEventChanged(cancelled.networkId, eventId));
    return "cancelled";
  });
}

/** When the event starts as stored: an edit may keep a start that has passed. */
export async function storedStart(eventId: string): Promise<Date | null> {
  return (await findById(events, { startsAt: events.startsAt }, eventId))?.startsAt ?? null;
}

/** Everything the event page shows about the event itself; the description sanitized here. */
export async function loadEventPage(eventId: string) {
  const [row] = await getDb()
    .select({
      id: events.id,
      networkId: events.networkId,
      networkName: networks.name,
      organizationId: events.organizationId,
      organizationName: organizations.name,
      ...formColumns,
      confirmedSeats: events.confirmedSeats,
      waitlistedSeats: events.waitlistedSeats,
      cancelledAt: events.cancelledAt,
      attended: events.attended,
      interviews: events.interviews,
      internships: events.internships,
      hires: events.hires,
      outcomesRecordedAt: events.outcomesRecordedAt,
      discussionPosts: sql<number>`coalesce((select ${discussionThreads.postCount} from ${discussionThreads} where ${discussionThreads.eventId} = ${events.id}), 0)`,
    })
    .from(events)
    .innerJoin(networks, eq(networks.id, events.networkId))
    .innerJoin(organizations, eq(organizations.id, events.organizationId))
    .where(eq(events.id, eventId));
  if (!row) return null;
  const { description, ...event } = row;
  return { ...event, descriptionHtml: renderRichText(description as RichTextDocument) };
}

/**
 * The stored event in the edit form's fields, its times as Berlin dates and times, with when it
 * starts and whether it is cancelled; null if there is none.
 */
export async function loadEventForEditing(eventId: string) {
  const [row] = await getDb()
    .select({ networkId: events.networkId, ...formColumns, cancelledAt: events.cancelledAt })
    .from(events)
    .where(eq(events.id, eventId));
  if (!row) return null;
  const { startsAt, endsAt, registrationDeadline, description, cancelledAt, ...fields } = row;
  const start = toBerlinLocal(startsAt);
  const end = toBerlinLocal(endsAt);
  const deadline = toBerlinLocal(registrationDeadline);
  return {
    ...fields,
    description: JSON.stringify(description),
    startDate: start.date,
    startTime: start.time,
    // A one-day event leaves the end date empty, as it was entered.
    endDate: end.date === start.date ? "" : end.date,
    endTime: end.time,
    deadlineDate: deadline.date,
    // A deadline entered as a date alone (the end of that day) is shown as it was entered.
    deadlineTime: isEndOfBerlinDay(registrationDeadline, deadline.date) ? "" : deadline.time,
    startsAt,
    cancelled: cancelledAt !== null,
  };
}
