import { and, eq, gte, isNull, lt } from "drizzle-orm";
import { getDb } from "~/db/client.server";
import { inUnitOfWork } from "~/db/unit-of-work.server";
import { events } from "~/db/schema";
import { addDays, startOfBerlinDay, toBerlinLocal } from "~/time/berlin";
import { reservationHolders, sendEventNotice } from "./notices.server";
import { eventNoticeTexts } from "./texts";
import { formatEventTime } from "./vocabulary";

/**
 * "The day before": reminds of every event that is not cancelled and whose start falls on
 * tomorrow's Berlin calendar day, in-app and by e-mail, once per person who holds a seat or a
 * waiting-list place there (however many), without pseudonyms.
 *
 * Each event is claimed by a conditional update of reminder_sent_at in the unit of work that
 * stores its notifications and queues its mails, so two runs at the same time (two instances, or
 * the scheduler and `npm run jobs:event-reminders`) remind each event exactly once, and a failure
 * leaves the event unclaimed for the next run. Returns the number of people reminded.
 */
export async function sendEventReminders(now = new Date()): Promise<number> {
  const tomorrow = addDays(toBerlinLocal(now).date, 1);
  const from = startOfBerlinDay(tomorrow);
  const until = startOfBerlinDay(addDays(tomorrow, 1));
  const due = await getDb()
    .select({ id: events.id })
    .from(events)
    .where(
      and(
        gte(events.startsAt, from),
        lt(events.startsAt, until),
        isNull(events.cancelledAt),
        isNull(events.reminderSentAt),
      ),
    );
  let sent = 0;
  for (const { id } of due) {
    sent += await inUnitOfWork(async (unit) => {
      const [claimed] = await unit.tx
        .update(events)
        .set({ reminderSentAt: now })
        .where(and(eq(events.id, id), isNull(events.reminderSentAt), isNull(events.cancelledAt)))
        .returning({ title: events.title, startsAt: events.startsAt, endsAt: events.endsAt });
      if (!claimed) return 0;
      const recipients = await reservationHolders(unit.tx, id);
      await sendEventNotice(unit, recipients, {
        eventId: id,
        message: eventNoticeTexts.reminder(
          claimed.title,
          formatEventTime(claimed.startsAt, claimed.endsAt),
        ),
        subject: eventNoticeTexts.reminderSubject,
      });
      return recipients.length;
    });
  }
  return sent;
}
