import { settleExpiredCourses } from "~/courses/transitions.server";
import { describeError } from "~/db/client.server";
import { sendDiscussionDigests } from "~/discussions/digest.server";
import { sendEventReminders } from "~/events/reminders.server";
import { erasePastEventPseudonyms } from "~/events/retention.server";
import { escalateOverdueReferrals } from "~/referrals/overdue.server";
import { anonymiseExpiredReferrals } from "~/referrals/retention.server";

const HOUR = 60 * 60 * 1000;

/** Each job by name, returning its counts by what they mean, for the log line. */
const jobs: { name: string; run: () => Promise<Record<string, number>> }[] = [
  {
    name: "Überfällige Übergaben",
    run: async () => ({ "Übergaben eskaliert": await escalateOverdueReferrals() }),
  },
  {
    name: "Aufbewahrungsfrist der Übergaben",
    run: async () => ({ "Übergaben anonymisiert": await anonymiseExpiredReferrals() }),
  },
  {
    name: "Pseudonyme vergangener Veranstaltungen",
    run: async () => ({ "Veranstaltungen ohne Pseudonyme": await erasePastEventPseudonyms() }),
  },
  {
    name: "Diskussions-Zusammenfassungen",
    run: async () => ({ "Diskussions-Zusammenfassungen": await sendDiscussionDigests() }),
  },
  {
    name: "Veranstaltungserinnerungen",
    run: async () => ({ Veranstaltungserinnerungen: await sendEventReminders() }),
  },
  {
    name: "Meldefristen im Maßnahmen-Pool",
    run: async () => {
      const courses = await settleExpiredCourses();
      return {
        "Maßnahmen zustande gekommen": courses.confirmed,
        "Maßnahmen abgesagt": courses.cancelled,
      };
    },
  },
];

/**
 * The in-process timer for the portal's periodic jobs. Every job is safe to run twice at once
 * (conditional updates), so several server instances and the `npm run jobs:*` scripts can
 * overlap. Returns a function that stops the timer.
 */
export function startScheduledJobs(log: (message: string) => void, intervalMs = HOUR): () => void {
  const run = async () => {
    const done: string[] = [];
    for (const job of jobs) {
      try {
        for (const [what, count] of Object.entries(await job.run())) {
          if (count > 0) done.push(`${what}: ${count}`);
        }
      } catch (error) {
        // One failing job must not keep the others from running.
        log(`Job „${job.name}“ fehlgeschlagen: ${describeError(error)}`);
      }
    }
    if (done.length > 0) log(`Jobs: ${done.join(", ")}`);
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
