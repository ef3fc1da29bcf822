import { and, inArray, lt, ne, sql } from "drizzle-orm";
import { recordJobAudits } from "~/audit/audit.server";
import { inUnitOfWork } from "~/db/unit-of-work.server";
import { eventReservations, events } from "~/db/schema";

/**
 * Pseudonyms are needed to fill an event and at its door; afterwards only the counts matter
 * (outcomes are counts). Some weeks after the event (or its cancellation), long enough to
 * record the outcomes, the pseudonyms of its reservations are erased. Status, organisation and
 * dates remain.
 */
export const PSEUDONYM_RETENTION_DAYS = 90;

/** What an erased pseudonym reads as on the event page. */
export const ERASED_PSEUDONYM = "–";

/** Erases the pseudonyms of events that ended long enough ago; returns how many events. */
export async function erasePastEventPseudonyms(now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - PSEUDONYM_RETENTION_DAYS * 24 * 60 * 60 * 1000);
  return inUnitOfWork(async ({ tx }) => {
    const erased = await tx
      .update(eventReservations)
      .set({ pseudonym: ERASED_PSEUDONYM })
      .where(
        and(
          ne(eventReservations.pseudonym, ERASED_PSEUDONYM),
          inArray(
            eventReservations.eventId,
            tx
              .select({ id: events.id })
              .from(events)
              // A cancelled event is over when it was cancelled (least() skips a null).
              .where(lt(sql`least(${events.endsAt}, ${events.cancelledAt})`, cutoff)),
          ),
        ),
      )
      .returning({ eventId: eventReservations.eventId });
    const eventIds = [...new Set(erased.map((row) => row.eventId))];
    if (eventIds.length === 0) return 0;
    const networksOf = await tx
      .select({ id: events.id, networkId: events.networkId })
      .from(events)
      .where(inArray(events.id, eventIds));
    await recordJobAudits(
      tx,
      { action: "event.pseudonyms_erased", targetType: "event" },
      networksOf,
      (event) => ({
        reservations: erased.filter((row) => row.eventId === event.id).length,
        retentionDays: PSEUDONYM_RETENTION_DAYS,
      }),
    );
    return eventIds.length;
  });
}
