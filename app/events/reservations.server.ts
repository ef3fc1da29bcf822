import { and, asc, eq, gt, inArray, isNull, ne, sql } from "drizzle-orm";
import type { ReservationAccess } from "~/auth/permissions.server";
import { getDb, type Transaction } from "~/db/client.server";
import { inUnitOfWork, type UnitOfWork } from "~/db/unit-of-work.server";
import { eventReservations, events, organizations, users } from "~/db/schema";
import { emitEventChanged } from "~/realtime/hub.server";
import { recordEventAudit } from "./audit.server";
import { pseudonymKey } from "./pseudonym-list";
import { recipientsFor, sendEventNotice, type ReservationOwner } from "./notices.server";
import { eventNoticeTexts, reservationTexts as texts } from "./texts";

/**
 * Seats of an event. Every change to an event's reservations first locks the event row
 * (SELECT … FOR UPDATE), so reservations, cancellations, promotions and capacity changes of one
 * event run one after another: the free seats computed under the lock are still free at commit,
 * and the counters on the event always equal the rows. The check constraint
 * confirmed_seats <= capacity is only the last line of defence.
 */

interface Actor {
  id: string;
  organizationId: string;
}

export type SeatChange =
  { ok: true; confirmed: number; waitlisted: number } | { ok: false; message: string };

/** Cancels the reservations; the caller gives their seats back (adjustCounters). */
function cancelReservations(tx: Transaction, reservationIds: string[]) {
  return tx
    .update(eventReservations)
    .set({ status: "cancelled", cancelledAt: sql`clock_timestamp()` })
    .where(inArray(eventReservations.id, reservationIds));
}

/** The event row, locked until the transaction ends. */
export async function lockEvent(tx: Transaction, eventId: string) {
  const [event] = await tx
    .select({
      id: events.id,
      networkId: events.networkId,
      title: events.title,
      capacity: events.capacity,
      confirmedSeats: events.confirmedSeats,
      waitlistedSeats: events.waitlistedSeats,
      registrationDeadline: events.registrationDeadline,
      startsAt: events.startsAt,
      endsAt: events.endsAt,
      place: events.place,
      onlineUrl: events.onlineUrl,
      cancelledAt: events.cancelledAt,
    })
    .from(events)
    .where(eq(events.id, eventId))
    .for("update");
  return event ?? null;
}

async function adjustCounters(
  tx: Transaction,
  eventId: string,
  change: { confirmed: number; waitlisted: number },
): Promise<void> {
  if (change.confirmed === 0 && change.waitlisted === 0) return;
  await tx
    .update(events)
    .set({
      confirmedSeats: sql`${events.confirmedSeats} + ${change.confirmed}`,
      waitlistedSeats: sql`${events.waitlistedSeats} + ${change.waitlisted}`,
    })
    .where(eq(events.id, eventId));
}

/**
 * Moves up to `seats` waiting-list places to confirmed, oldest first, and the counters with
 * them. The caller holds the event lock. Returns who reserved the promoted places.
 */
export async function promoteFromWaitlist(
  tx: Transaction,
  eventId: string,
  seats: number,
): Promise<ReservationOwner[]> {
  if (seats <= 0) return [];
  const next = await tx
    .select({ id: eventReservations.id })
    .from(eventReservations)
    .where(and(eq(eventReservations.eventId, eventId), eq(eventReservations.status, "waitlisted")))
    .orderBy(asc(eventReservations.createdAt), asc(eventReservations.id))
    .limit(seats);
  if (next.length === 0) return [];
  const promoted = await tx
    .update(eventReservations)
    .set({ status: "confirmed", promotedAt: sql`clock_timestamp()` })
    .where(
      inArray(
        eventReservations.id,
        next.map((row) => row.id),
      ),
    )
    .returning({
      reservedByUserId: eventReservations.reservedByUserId,
      organizationId: eventReservations.organizationId,
    });
  await adjustCounters(tx, eventId, { confirmed: promoted.length, waitlisted: -promoted.length });
  return promoted;
}

/** Whoever reserved a promoted place hears of it, once per person, with the change's commit. */
export async function announcePromotions(
  unit: UnitOfWork,
  event: { id: string; title: string },
  promoted: ReservationOwner[],
): Promise<void> {
  if (promoted.length === 0) return;
  await sendEventNotice(unit, await recipientsFor(unit.tx, promoted), {
    eventId: event.id,
    message: eventNoticeTexts.promoted(event.title),
    subject: eventNoticeTexts.promotedSubject,
  });
}

/** Why seats of this event cannot change now, or null. */
function seatRuleViolation(
  event: { cancelledAt: Date | null; registrationDeadline: Date },
  now: Date,
  cancelledMessage: string,
): string | null {
  if (event.cancelledAt) return cancelledMessage;
  if (now > event.registrationDeadline) return texts.deadlinePassed;
  return null;
}

/**
 * Reserves one seat per pseudonym (already validated, in the order submitted): as many as are
 * free are confirmed, the rest go on the waiting list.
 */
export async function reserveSeats(
  actor: Actor,
  eventId: string,
  pseudonyms: string[],
  ip: string | null = null,
  now = new Date(),
): Promise<SeatChange> {
  return inUnitOfWork(async ({ tx, afterCommit }): Promise<SeatChange> => {
    const event = await lockEvent(tx, eventId);
    if (!event) return { ok: false, message: texts.eventMissing };
    const violation = seatRuleViolation(event, now, texts.eventCancelled);
    if (violation) return { ok: false, message: violation };
    // Checked under the lock, so a form sent twice cannot book the same person twice.
    const held = await tx
      .select({ pseudonym: eventReservations.pseudonym })
      .from(eventReservations)
      .where(
        and(
          eq(eventReservations.eventId, eventId),
          eq(eventReservations.organizationId, actor.organizationId),
          inArray(eventReservations.status, ["confirmed", "waitlisted"]),
        ),
      );
    const heldKeys = new Set(held.map((row) => pseudonymKey(row.pseudonym)));
    const twice = pseudonyms.filter((pseudonym) => heldKeys.has(pseudonymKey(pseudonym)));
    if (twice.length > 0) return { ok: false, message: texts.alreadyReserved(twice) };
    const free = Math.max(0, event.capacity - event.confirmedSeats);
    const confirmed = Math.min(free, pseudonyms.length);
    // The database clock, read under the lock, orders the waiting list by arrival; the
    // microsecond steps keep the submitted order within one submission.
    await tx.insert(eventReservations).values(
      pseudonyms.map((pseudonym, index) => ({
        eventId,
        organizationId: actor.organizationId,
        reservedByUserId: actor.id,
        pseudonym,
        status: index < confirmed ? ("confirmed" as const) : ("waitlisted" as const),
        createdAt: sql`clock_timestamp() + ${index} * interval '1 microsecond'`,
      })),
    );
    const waitlisted = pseudonyms.length - confirmed;
    await adjustCounters(tx, eventId, { confirmed, waitlisted });
    await recordEventAudit(tx, {
      action: "event.reservation_created",
      actor,
      ip,
      targetId: eventId,
      networkId: event.networkId,
      details: { confirmed, waitlisted },
    });
    afterCommit(() => emitEventChanged(event.networkId, eventId));
    return { ok: true, confirmed, waitlisted };
  });
}

/**
 * Cancels a reservation of the actor's organisation. A freed seat goes to the oldest waiting-list
 * place at once, and whoever reserved it is told. Cancelling twice changes nothing.
 */
export async function cancelReservation(
  actor: Actor,
  eventId: string,
  reservationId: string,
  ip: string | null = null,
  now = new Date(),
): Promise<{ ok: true } | { ok: false; message: string }> {
  return inUnitOfWork(async (unit) => {
    const { tx } = unit;
    const event = await lockEvent(tx, eventId);
    if (!event) return { ok: false as const, message: texts.eventMissing };
    const violation = seatRuleViolation(event, now, texts.cancelAfterEventCancelled);
    if (violation) return { ok: false as const, message: violation };
    const [reservation] = await tx
      .select({ status: eventReservations.status })
      .from(eventReservations)
      .where(
        and(
          eq(eventReservations.id, reservationId),
          eq(eventReservations.eventId, eventId),
          eq(eventReservations.organizationId, actor.organizationId),
        ),
      );
    if (!reservation) return { ok: false as const, message: texts.reservationMissing };
    if (reservation.status === "cancelled") return { ok: true as const };
    await cancelReservations(tx, [reservationId]);
    const wasConfirmed = reservation.status === "confirmed";
    await adjustCounters(tx, eventId, {
      confirmed: wasConfirmed ? -1 : 0,
      waitlisted: wasConfirmed ? 0 : -1,
    });
    const promoted = wasConfirmed ? await promoteFromWaitlist(tx, eventId, 1) : [];
    await recordEventAudit(tx, {
      action: "event.reservation_cancelled",
      actor,
      ip,
      targetId: eventId,
      networkId: event.networkId,
      details: { reservationId, promoted: promoted.length },
    });
    await announcePromotions(unit, event, promoted);
    unit.afterCommit(() => emitEventChanged(event.networkId, eventId));
    return { ok: true as const };
  });
}

/** What a permission decision about cancelling needs; null if it is not this event's. */
export async function getReservationAccess(
  eventId: string,
  reservationId: string,
): Promise<ReservationAccess | null> {
  const [row] = await getDb()
    .select({ id: eventReservations.id, organizationId: eventReservations.organizationId })
    .from(eventReservations)
    .where(and(eq(eventReservations.id, reservationId), eq(eventReservations.eventId, eventId)));
  return row ?? null;
}

/**
 * The reservations a viewer sees (see reservationVisibility): the organiser every one with its
 * pseudonym and reserving organisation, a reserving organisation its own, others none (the page
 * shows the counts). Who reserved is named only to that person's own organisation.
 */
export function listReservations(
  eventId: string,
  visibility: "organiser" | "own" | "counts",
  viewerOrganizationId: string,
) {
  if (visibility === "counts") return Promise.resolve([]);
  const ownRow = eq(eventReservations.organizationId, viewerOrganizationId);
  // Places on the waiting list count across all organisations, also where only one is shown.
  const waiting = getDb()
    .select({
      id: eventReservations.id,
      position:
        sql<number>`row_number() over (order by ${eventReservations.createdAt}, ${eventReservations.id})::int`.as(
          "position",
        ),
    })
    .from(eventReservations)
    .where(and(eq(eventReservations.eventId, eventId), eq(eventReservations.status, "waitlisted")))
    .as("waiting");
  return getDb()
    .select({
      id: eventReservations.id,
      pseudonym: eventReservations.pseudonym,
      status: eventReservations.status,
      organizationId: eventReservations.organizationId,
      organizationName: organizations.name,
      reservedByName: sql<string | null>`case when ${ownRow} then ${users.name} else null end`.as(
        "reserved_by_name",
      ),
      createdAt: eventReservations.createdAt,
      waitlistPosition: waiting.position,
    })
    .from(eventReservations)
    .innerJoin(organizations, eq(organizations.id, eventReservations.organizationId))
    .leftJoin(users, eq(users.id, eventReservations.reservedByUserId))
    .leftJoin(waiting, eq(waiting.id, eventReservations.id))
    .where(
      visibility === "organiser"
        ? // The organiser needs the names at the door, not those of people who withdrew.
          and(eq(eventReservations.eventId, eventId), ne(eventReservations.status, "cancelled"))
        : and(eq(eventReservations.eventId, eventId), ownRow),
    )
    .orderBy(
      sql`case ${eventReservations.status} when 'confirmed' then 0 when 'waitlisted' then 1 else 2 end`,
      asc(eventReservations.createdAt),
      asc(eventReservations.id),
    );
}

/**
 * An organisation that left a network gives back its places in the network's coming events: it
 * can no longer see or cancel them, and the seats would stay blocked. Its reservations are
 * cancelled and the waiting list moves up (whoever reserved a promoted place is told).
 * Returns the number of reservations released.
 */
export async function releaseReservationsOf(
  unit: UnitOfWork,
  organizationId: string,
  networkId: string,
  now = new Date(),
): Promise<number> {
  const { tx } = unit;
  const active = inArray(eventReservations.status, ["confirmed", "waitlisted"]);
  const affected = await tx
    .selectDistinct({ eventId: eventReservations.eventId })
    .from(eventReservations)
    .innerJoin(events, eq(events.id, eventReservations.eventId))
    .where(
      and(
        eq(eventReservations.organizationId, organizationId),
        active,
        eq(events.networkId, networkId),
        gt(events.startsAt, now),
        isNull(events.cancelledAt),
      ),
    )
    // Events are locked in one order, so two releases never wait for each other crosswise.
    .orderBy(asc(eventReservations.eventId));
  let released = 0;
  for (const { eventId } of affected) {
    const event = await lockEvent(tx, eventId);
    if (!event) continue;
    const cancelled = await tx
      .select({ id: eventReservations.id, status: eventReservations.status })
      .from(eventReservations)
      .where(
        and(
          eq(eventReservations.eventId, eventId),
          eq(eventReservations.organizationId, organizationId),
          active,
        ),
      );
    if (cancelled.length === 0) continue;
    await cancelReservations(
      tx,
      cancelled.map((row) => row.id),
    );
    const confirmed = cancelled.filter((row) => row.status === "confirmed").length;
    await adjustCounters(tx, eventId, {
      confirmed: -confirmed,
      waitlisted: -(cancelled.length - confirmed),
    });
    const promoted = await promoteFromWaitlist(tx, eventId, confirmed);
    released += cancelled.length;
    await recordEventAudit(tx, {
      action: "event.reservation_cancelled",
      targetId: eventId,
      networkId,
      details: {
        releasedForOrganizationId: organizationId,
        reservations: cancelled.length,
        promoted: promoted.length,
      },
    });
    await announcePromotions(unit, event, promoted);
    unit.afterCommit(() => emitEventChanged(networkId, eventId));
  }
  return released;
}
