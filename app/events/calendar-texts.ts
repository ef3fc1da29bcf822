import { formatDay } from "~/ui/format";
import { plural } from "~/ui/plural";
import { eventPageTexts, seatsDative } from "./texts";
/** Everything a person reads in the calendar, its .ics files and the subscription page. */

const monthYear = new Intl.DateTimeFormat("de-DE", {
  month: "long",
  year: "numeric",
  timeZone: "UTC",
});
const longDay = new Intl.DateTimeFormat("de-DE", {
  weekday: "long",
  day: "numeric",
  month: "long",
  year: "numeric",
  timeZone: "UTC",
});
/** Calendar dates ("YYYY-MM-DD") are days, not instants: read them at noon UTC. */
const noonOf = (date: string) => new Date(`${date}T12:00:00Z`);

export const weekdayNames = [
  "Montag",
  "Dienstag",
  "Mittwoch",
  "Donnerstag",
  "Freitag",
  "Samstag",
  "Sonntag",
] as const;

export const calendarTexts = {
  title: "Veranstaltungen",
  lead: "Inforunden, Speed-Datings, Praktikumsbörsen und mehr in Ihren Netzwerken.",
  create: "Veranstaltung anlegen",
  subscription: "Kalender-Abo",
  coursePool: "Maßnahmen-Pool",
  views: { liste: "Liste", woche: "Woche", monat: "Monat" },
  viewSwitcher: "Ansicht",
  periodNavigation: "Zeitraum wählen",
  previous: { liste: "Frühere Veranstaltungen", woche: "Vorige Woche", monat: "Voriger Monat" },
  next: { liste: "Spätere Veranstaltungen", woche: "Nächste Woche", monat: "Nächster Monat" },
  today: "Heute",
  filters: "Veranstaltungen filtern",
  kind: "Art",
  allKinds: "alle Arten",
  targetGroup: "Zielgruppe",
  allTargetGroups: "alle Zielgruppen",
  applyFilters: "Filtern",
  resetFilters: "Filter zurücksetzen",
  empty: "Keine Veranstaltungen in diesem Zeitraum.",
  emptyFiltered: "Keine Veranstaltungen in diesem Zeitraum, die zum Filter passen.",
  cancelled: "abgesagt",
  online: "online",
  noEventsThatDay: "keine Veranstaltungen",
  allDay: "ganztägig",
  from: (time: string) => `ab ${time}`,
  until: (time: string) => `bis ${time}`,
  seats: (free: number, capacity: number) =>
    free === 0 ? "ausgebucht" : `${free} von ${plural(capacity, seatsDative)} frei`,
  waitlist: (count: number) => `${count} auf der Warteliste`,
  organiser: (name: string) => `Veranstalter: ${name}`,
  monthCaption: (firstOfMonth: string) => monthYear.format(noonOf(firstOfMonth)),
  weekCaption: (monday: string, sunday: string, isoWeek: number) =>
    `KW ${isoWeek}: ${formatDay(monday)} bis ${formatDay(sunday)}`,
  listCaption: (first: string, last: string) => `${formatDay(first)} bis ${formatDay(last)}`,
  dayHeading: (date: string) => longDay.format(noonOf(date)),
  dayNumber: (date: string) => String(Number(date.slice(8, 10))),
};

export const icsTexts = {
  calendarName: "Netzwerke ABC – Veranstaltungen",
  feedName: "Netzwerke ABC – meine Veranstaltungen",
  cancelledSummary: (title: string) => `Abgesagt: ${title}`,
  cancelledNote: "Diese Veranstaltung wurde abgesagt.",
  organiser: (name: string) => `Veranstalter: ${name}`,
  jobsHeading: "Angebotene Stellen:",
  job: eventPageTexts.job,
  online: (url: string) => `Online: ${url}`,
  details: (url: string) => `Details und Plätze im Portal: ${url}`,
};

export const subscriptionTexts = {
  title: "Kalender-Abo",
  lead: "Ihre Veranstaltungen automatisch im eigenen Kalender – in Outlook, Thunderbird oder auf dem Diensthandy.",
  contents:
    "Das Abo enthält die Veranstaltungen, für die Sie Plätze reserviert haben, und die Veranstaltungen, die Sie selbst eingestellt haben – aus den letzten 90 Tagen und alle kommenden. Es enthält keine Namen oder Kürzel von Kundinnen und Kunden. Ändert sich eine Zeit oder ein Ort, oder wird eine Veranstaltung abgesagt, zeigt Ihr Kalender das beim nächsten Abgleich.",
  howToHeading: "So richten Sie das Abo ein",
  howToOutlook:
    "Outlook: Kalender öffnen, „Kalender hinzufügen“ und dann „Aus dem Internet“ (oder „Kalender abonnieren“) wählen und die Adresse einfügen.",
  howToThunderbird:
    "Thunderbird: Im Kalender „Neuer Kalender“, dann „Im Netzwerk“ wählen und die Adresse einfügen.",
  howToOther:
    "Andere Kalender-Programme nennen es meist „Kalender abonnieren“ oder „Internetkalender“. Wie oft der Kalender abgeglichen wird, legt Ihr Programm fest (oft einmal pro Stunde oder seltener).",
  personalWarning:
    "Die Adresse ist persönlich: Wer sie kennt, sieht Ihre Veranstaltungen. Geben Sie sie nicht weiter. Wenn Sie sie versehentlich geteilt haben, erzeugen Sie eine neue – die alte funktioniert dann nicht mehr.",
  statusHeading: "Ihr Abo",
  none: "Sie haben zurzeit kein Kalender-Abo.",
  active: (createdAt: string) => `Ihr Abo besteht seit ${createdAt}.`,
  lastUsed: (lastUsedAt: string) => `Zuletzt abgerufen: ${lastUsedAt}.`,
  neverUsed: "Noch nicht abgerufen.",
  create: "Abo-Adresse erzeugen",
  renew: "Neue Adresse erzeugen",
  renewHint: "Die bisherige Adresse funktioniert dann nicht mehr.",
  revoke: "Abo beenden",
  revokeHint: "Die Adresse funktioniert dann nicht mehr; Ihr Kalender zeigt keine neuen Termine.",
  createdHeading: "Ihre Abo-Adresse",
  urlLabel: "Abo-Adresse zum Kopieren",
  copy: "Adresse kopieren",
  copied: "Die Adresse ist kopiert.",
  selected: "Die Adresse ist markiert. Kopieren Sie sie mit Strg+C.",
  shownOnce:
    "Die Adresse wird nur jetzt angezeigt. Kopieren Sie sie in Ihr Kalender-Programm. Wenn Sie sie verlieren, erzeugen Sie eine neue.",
  revoked: "Ihr Kalender-Abo ist beendet. Die Adresse funktioniert nicht mehr.",
  backToCalendar: "Zurück zum Kalender",
};
