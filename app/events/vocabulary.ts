import { type EventKind } from "~/db/vocabularies";
import { toBerlinLocal } from "~/time/berlin";

/** How kinds of events are called on every page, file and mail. */
export const eventKindLabels: Record<EventKind, string> = {
  inforunde: "Inforunde",
  infostand: "Infostand im Jobcenter",
  informationsveranstaltung: "Informationsveranstaltung",
  speed_dating: "Speed-Dating",
  praktikumsboerse: "Praktikumsbörse",
  fachveranstaltung: "Fachveranstaltung",
  aktionswoche: "Aktionswoche",
};

const weekdayDate = new Intl.DateTimeFormat("de-DE", {
  weekday: "short",
  day: "2-digit",
  month: "2-digit",
  year: "numeric",
  timeZone: "Europe/Berlin",
});

/**
 * An event's time as people read it, in Berlin time: "Di., 24.03.2026, 10:00–12:00 Uhr", or with
 * both dates when it spans several days (an Aktionswoche).
 */
export function formatEventTime(startsAt: Date | string, endsAt: Date | string): string {
  const start = new Date(startsAt);
  const end = new Date(endsAt);
  const [startLocal, endLocal] = [toBerlinLocal(start), toBerlinLocal(end)];
  if (startLocal.date === endLocal.date) {
    return `${weekdayDate.format(start)}, ${startLocal.time}–${endLocal.time} Uhr`;
  }
  return `${weekdayDate.format(start)}, ${startLocal.time} Uhr bis ${weekdayDate.format(end)}, ${endLocal.time} Uhr`;
}
