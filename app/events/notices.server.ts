import { and, eq, inArray, isNull } from "drizzle-orm";
import type { Executor, UnitOfWork } from "~/db/unit-of-work.server";
import { eventReservations, users } from "~/db/schema";
import { absoluteUrl } from "~/mail/mail.server";
import { notifyUsers } from "~/notifications/notifications.server";
import { activeCaseWorkers } from "~/organizations/members.server";
import { eventNoticeTexts } from "./texts";

/**
 * Messages about an event to the people who reserved seats in it, one per person however many
 * seats they reserved, in the portal and by mail or digest as each person chose. They name the event and link to
 * it, never a pseudonym.
 */

export interface Recipient {
  id: string;
  email: string;
}

/** Who made a reservation, and for which organisation. */
export interface ReservationOwner {
  reservedByUserId: string | null;
  organizationId: string;
}

/**
 * The people to tell about reservations: whoever made each one, or, where that account was
 * deactivated in the meantime, the reserving organisation's case workers, so that a moved-up
 * place or a cancelled event never goes unnoticed. Each person once.
 */
export async function recipientsFor(
  executor: Executor,
  owners: ReservationOwner[],
): Promise<Recipient[]> {
  const userIds = [...new Set(owners.flatMap((owner) => owner.reservedByUserId ?? []))];
  const reservers =
    userIds.length === 0
      ? []
      : await executor
          .select({ id: users.id, email: users.email })
          .from(users)
          .where(and(inArray(users.id, userIds), isNull(users.deactivatedAt)));
  const reachable = new Set(reservers.map((reserver) => reserver.id));
  const orphaned = new Set(
    owners
      .filter((owner) => !owner.reservedByUserId || !reachable.has(owner.reservedByUserId))
      .map((owner) => owner.organizationId),
  );
  const standIns = [];
  for (const id of orphaned) standIns.push(...(await activeCaseWorkers(executor, id)));
  const unique = new Map([...reservers, ...standIns].map((person) => [person.id, person]));
  return [...unique.values()];
}

/** Everyone to tell about a seat or a waiting-list place in the event. */
export async function reservationHolders(
  executor: Executor,
  eventId: string,
): Promise<Recipient[]> {
  const owners = await executor
    .selectDistinct({
      reservedByUserId: eventReservations.reservedByUserId,
      organizationId: eventReservations.organizationId,
    })
    .from(eventReservations)
    .where(
      and(
        eq(eventReservations.eventId, eventId),
        inArray(eventReservations.status, ["confirmed", "waitlisted"]),
      ),
    );
  return recipientsFor(executor, owners);
}

/**
 * Sends the notice (portal, mail or digest as each person chose). Mails are recorded without the user whose
 * action caused them: the Postausgang lists a person's own mails with their recipients, and an
 * organiser must not learn there who reserved seats.
 */
export async function sendEventNotice(
  unit: UnitOfWork,
  recipients: Recipient[],
  notice: { eventId: string; message: string; subject: string },
): Promise<void> {
  if (recipients.length === 0) return;
  const path = `/veranstaltungen/${notice.eventId}`;
  await notifyUsers(
    unit,
    recipients.map((recipient) => recipient.id),
    notice.message,
    path,
    {
      kind: "event_update",
      mail: {
        subject: notice.subject,
        body: eventNoticeTexts.mailBody(notice.message, absoluteUrl(path)),
      },
      triggeredByUserId: null,
    },
  );
}
