import { settleExpiredCourses } from "~/courses/transitions.server";
import { sendDiscussionDigests } from "~/discussions/digest.server";
import { sendEventReminders } from "~/events/reminders.server";
import { escalateOverdueReferrals } from "~/referrals/overdue.server";
import { anonymiseExpiredReferrals } from "~/referrals/retention.server";

const HOUR = 60 * 60 * 1000;

/**
 * The in-process timer for the portal's periodic jobs. Every job is safe to run twice at once
 * (conditional updates), so several server instances and the `npm run jobs:*` scripts can
 * overlap. Returns a function that stops the timer.
 */
export function startScheduledJobs(log: (message: string) => void, intervalMs = HOUR): () => void {
  const run = async () => {
    try {
      const escalated = await escalateOverdueReferrals();
      const anonymised = await anonymiseExpiredReferrals();
      const digests = await sendDiscussionDigests();
      const reminders = await sendEventReminders();
      const courses = await settleExpiredCourses();
      if (
        escalated ||
        anonymised ||
        digests ||
        reminders ||
        courses.confirmed ||
        courses.cancelled
      ) {
        log(
          `Jobs: ${escalated} Übergaben eskaliert, ${anonymised} anonymisiert, ${digests} Diskussions-Zusammenfassungen versandt, ` +
            `${reminders} Veranstaltungserinnerungen, ${courses.confirmed} Maßnahmen zustande gekommen, ${courses.cancelled} abgesagt`,
        );
      }
    } catch (error) {
      log(`Jobs fehlgeschlagen: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  const first = setTimeout(run, 5_000);
  const timer = setInterval(run, intervalMs);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
