import { and, eq, inArray, like } from "drizzle-orm";
import { getDb } from "~/db/client.server";
import { eventReservations, events, mailOutbox, notifications } from "~/db/schema";

/** What the event tests read back from the database, beyond what the pages show. */

export async function eventRow(id: string) {
  const [row] = await getDb().select().from(events).where(eq(events.id, id));
  return row!;
}

/** An event's reservations in the order they were made. */
export async function reservationsOf(eventId: string) {
  return getDb()
    .select({
      id: eventReservations.id,
      pseudonym: eventReservations.pseudonym,
      status: eventReservations.status,
      promotedAt: eventReservations.promotedAt,
      reservedByUserId: eventReservations.reservedByUserId,
    })
    .from(eventReservations)
    .where(eq(eventReservations.eventId, eventId))
    .orderBy(eventReservations.createdAt);
}

export const reservationOf = async (eventId: string, pseudonym: string) =>
  (await reservationsOf(eventId)).find((row) => row.pseudonym === pseudonym)!;

/** The notifications about one event, per recipient. */
export async function noticesAbout(eventId: string) {
  return getDb()
    .select({ userId: notifications.userId, message: notifications.message })
    .from(notifications)
    .where(eq(notifications.link, `/veranstaltungen/${eventId}`));
}

/** The mails about one event (they link to it) to the given addresses. */
export async function mailsAbout(eventId: string, emails: string[]) {
  return getDb()
    .select({
      to: mailOutbox.recipient,
      subject: mailOutbox.subject,
      triggeredByUserId: mailOutbox.triggeredByUserId,
    })
    .from(mailOutbox)
    .where(
      and(
        inArray(mailOutbox.recipient, emails),
        like(mailOutbox.body, `%/veranstaltungen/${eventId}%`),
      ),
    );
}

/** The options of a request to an event's page or edit page. */
export const onEvent = (
  eventId: string,
  cookie: string | undefined,
  form?: Record<string, string>,
) => ({
  cookie,
  params: { eventId },
  form,
});
