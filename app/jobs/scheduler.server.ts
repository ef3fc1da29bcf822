import { endExpiredSessions } from "~/auth/session.server";
import { settleExpiredCourses } from "~/courses/transitions.server";
import { describeError } from "~/db/client.server";
import { sendEventReminders } from "~/events/reminders.server";
import { erasePastEventPseudonyms } from "~/events/retention.server";
import { sendDueDigests } from "~/notifications/digest.server";
import { escalateOverdueReferrals } from "~/referrals/overdue.server";
import { anonymiseExpiredReferrals } from "~/referrals/retention.server";

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;

/** A job by name, returning its counts by what they mean, for the log line. */
interface Job {
  name: string;
  run: () => Promise<Record<string, number>>;
}

/**
 * Expired and idle sessions end within a minute, with their open pages: the idle timeout is
 * meant to hold for a page left open on a shared computer, not only for its next request.
 */
const everyMinute: Job[] = [
  {
    name: "Abgelaufene Sitzungen",
    run: async () => ({ "Sitzungen beendet": await endExpiredSessions() }),
  },
];

const hourly: Job[] = [
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
    name: "Zusammenfassungen der Benachrichtigungen",
    run: async () => ({ Zusammenfassungen: await sendDueDigests() }),
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
 * The in-process timers for the portal's periodic jobs: the hourly ones every `intervalMs`, the
 * session sweep every minute. Every job is safe to run twice at once (conditional updates), so
 * several server instances and the `npm run jobs:*` scripts can overlap. Returns a function
 * that stops the timers.
 */
export function startScheduledJobs(log: (message: string) => void, intervalMs = HOUR): () => void {
  const stops = [schedule(hourly, intervalMs, log), schedule(everyMinute, MINUTE, log)];
  return () => {
    for (const stop of stops) stop();
  };
}

/** Runs the jobs one after the other, 5 seconds after the start and then every `intervalMs`. */
function schedule(jobs: Job[], intervalMs: number, log: (message: string) => void): () => void {
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
