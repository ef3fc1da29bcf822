import { formatDay } from "~/ui/format";
import { type ReservationStatus } from "~/db/vocabularies";
import { plural, pluralForm } from "~/ui/plural";

/** Everything a person reads about events, seats, outcomes and reminders, in one place. */

export const MAX_PSEUDONYMS_PER_SUBMISSION = 30;
export const MAX_CAPACITY = 1000;

/** After "von": "1 Platz", "25 Plätzen". */
export const seatsDative = { one: "Platz", other: "Plätzen" };

export const eventFormTexts = {
  kindInvalid: "Bitte wählen Sie die Art der Veranstaltung.",
  titleRequired: "Bitte geben Sie einen Titel mit mindestens 3 Zeichen an.",
  titleTooLong: "Der Titel darf höchstens 160 Zeichen lang sein.",
  descriptionRequired: "Bitte beschreiben Sie die Veranstaltung.",
  networkInvalid: "Bitte wählen Sie eines Ihrer Netzwerke.",
  dateInvalid: "Bitte geben Sie ein gültiges Datum an (TT.MM.JJJJ).",
  timeInvalid: "Bitte geben Sie eine gültige Uhrzeit an (hh:mm, z. B. 09:30).",
  timeNonexistent: (date: string, time: string) =>
    `Die Uhrzeit ${time} gibt es am ${formatDay(date)} nicht: In dieser Nacht wird die Uhr von 2:00 auf 3:00 Uhr vorgestellt. Bitte wählen Sie eine andere Uhrzeit.`,
  endBeforeStart: "Das Ende muss nach dem Beginn liegen.",
  startInPast: "Der Beginn liegt in der Vergangenheit.",
  deadlineAfterStart: "Die Anmeldefrist muss vor dem Beginn der Veranstaltung enden.",
  deadlineInPast:
    "Die Anmeldefrist liegt in der Vergangenheit – so könnte niemand Plätze reservieren.",
  placeOrOnline: "Bitte geben Sie einen Veranstaltungsort oder einen Online-Link an.",
  placeTooLong: "Der Ort darf höchstens 300 Zeichen lang sein.",
  onlineUrlInvalid: "Bitte geben Sie einen vollständigen Link an, der mit https:// beginnt.",
  capacityInvalid: `Bitte geben Sie die Zahl der Plätze als ganze Zahl zwischen 1 und ${MAX_CAPACITY} an.`,
  capacityBelowConfirmed: (confirmed: number) =>
    `Es ${pluralForm(confirmed, { one: "ist", other: "sind" })} bereits ${plural(confirmed, { one: "Platz", other: "Plätze" })} fest vergeben. Die Platzzahl kann nicht darunter sinken.`,
  jobIncomplete:
    "Bitte geben Sie bei jeder Stelle die Bezeichnung und die Zahl der Stellen (1 bis 10.000) an.",
  jobTooLong: "Eine Stellenbezeichnung darf höchstens 120 Zeichen lang sein.",
  tooManyJobs: "Bitte geben Sie höchstens 20 Stellenangebote an.",
  textTooLong: "Die Angabe darf höchstens 500 Zeichen lang sein.",
  contactTooLong: "Die Angabe ist zu lang.",
  contactEmailInvalid: "Bitte geben Sie eine gültige E-Mail-Adresse an.",
  vocabularyInvalid: "Bitte wählen Sie nur Einträge aus der Liste.",
  cancelled: "Die Veranstaltung ist abgesagt und kann nicht mehr geändert werden.",
} as const;

export const reservationTexts = {
  pseudonymsRequired: "Bitte geben Sie mindestens ein Pseudonym an, eines pro Zeile.",
  tooMany: `Bitte reservieren Sie höchstens ${MAX_PSEUDONYMS_PER_SUBMISSION} Plätze auf einmal.`,
  lineProblem: (line: number, message: string) => `Zeile ${line}: ${message}`,
  duplicate: (line: number, firstLine: number) =>
    `Zeile ${line}: Dieses Pseudonym steht schon in Zeile ${firstLine}. Jede Person braucht nur einen Platz.`,
  deadlinePassed:
    "Die Anmeldefrist ist abgelaufen. Reservierungen und Stornierungen sind nicht mehr möglich.",
  eventCancelled: "Die Veranstaltung ist abgesagt. Es können keine Plätze mehr reserviert werden.",
  eventMissing: "Diese Veranstaltung gibt es nicht mehr.",
  alreadyReserved: (pseudonyms: string[]) =>
    `Für ${pseudonyms.map((pseudonym) => `„${pseudonym}“`).join(", ")} hat Ihre Organisation schon einen Platz oder einen Platz auf der Warteliste. Jede Person braucht nur einen.`,
  reservationMissing: "Diese Reservierung gibt es nicht oder sie gehört nicht Ihrer Organisation.",
  cancelAfterEventCancelled:
    "Die Veranstaltung ist abgesagt; Reservierungen müssen nicht mehr storniert werden.",
  hint: "Eine Person pro Zeile, nur mit Pseudonym oder Initialen (z. B. „M. K.“ oder „Kundin Sonnenblume“) – keine Namen, Kunden- oder BG-Nummern, Geburtsdaten oder Kontaktdaten.",
} as const;

export const reservationStatusLabels: Record<ReservationStatus, string> = {
  confirmed: "Fester Platz",
  waitlisted: "Warteliste",
  cancelled: "Storniert",
};

export const outcomeTexts = {
  notStarted: "Ergebnisse können erst nach Beginn der Veranstaltung erfasst werden.",
  eventCancelled: "Die Veranstaltung wurde abgesagt; dafür werden keine Ergebnisse erfasst.",
  figureInvalid: "Bitte geben Sie eine ganze Zahl zwischen 0 und 10.000 an.",
  sumExceedsTotal: (figure: string) =>
    `Die Angaben der einzelnen Organisationen bei „${figure}“ ergeben zusammen mehr als die Gesamtzahl.`,
} as const;

export const outcomeFigureLabels = {
  attended: "Teilgenommen",
  interviews: "Vorstellungsgespräche",
  internships: "Praktika",
  hires: "Einstellungen",
} as const;
export type OutcomeFigure = keyof typeof outcomeFigureLabels;
export const outcomeFigures = Object.keys(outcomeFigureLabels) as OutcomeFigure[];

/** Notifications and mails: a title, a time and a link, never a pseudonym. */
export const eventNoticeTexts = {
  promoted: (title: string) =>
    `Für die Veranstaltung „${title}“ ist eine von Ihnen angemeldete Person von der Warteliste auf einen festen Platz nachgerückt.`,
  promotedSubject: "Von der Warteliste nachgerückt",
  changed: (title: string, time: string) =>
    `Die Veranstaltung „${title}“ hat sich geändert: jetzt ${time}. Bitte prüfen Sie Zeit und Ort.`,
  changedSubject: "Veranstaltung geändert",
  cancelled: (title: string) =>
    `Die Veranstaltung „${title}“ wurde abgesagt. Ihre Reservierungen entfallen.`,
  cancelledSubject: "Veranstaltung abgesagt",
  reminder: (title: string, time: string) =>
    `Erinnerung: Morgen findet „${title}“ statt (${time}). Sie oder Ihre Organisation haben dafür Plätze oder Wartelistenplätze reserviert.`,
  reminderSubject: "Erinnerung: Veranstaltung morgen",
  mailBody: (message: string, link: string) =>
    `Guten Tag,\n\n${message}\n\nEinzelheiten: ${link}\n\nDiese Nachricht enthält aus Datenschutzgründen keine Angaben zu den angemeldeten Personen.\n\nNetzwerke ABC`,
} as const;

/** What the event page says about seats, deadlines and outcomes. */
export const eventPageTexts = {
  seats: (confirmed: number, capacity: number) =>
    `${confirmed} von ${plural(capacity, seatsDative)} belegt`,
  waitlisted: (count: number) => `${count} auf der Warteliste`,
  full: "Alle Plätze sind vergeben – neue Reservierungen kommen auf die Warteliste.",
  cancelledBanner: "Diese Veranstaltung wurde abgesagt.",
  deadline: (formatted: string) => `Anmeldung bis ${formatted} Uhr`,
  deadlinePassed: (formatted: string) => `Anmeldefrist abgelaufen (${formatted} Uhr)`,
  noReservationsOrganiser:
    "Noch keine Reservierungen. Sobald Fachkräfte Plätze reservieren, erscheinen die Pseudonyme hier.",
  noReservationsOwn:
    "Ihre Organisation hat noch keine Plätze reserviert. Tragen Sie oben die Pseudonyme Ihrer Kundinnen und Kunden ein.",
  noJobs: "Keine Stellenangebote angegeben.",
  job: (title: string, positions: number) =>
    `${title} – ${plural(positions, { one: "Stelle", other: "Stellen" })}`,
  cancelAfterStart:
    "Die Veranstaltung hat schon begonnen und kann nicht mehr abgesagt werden. Tragen Sie stattdessen die Ergebnisse ein.",
  confirmCancelEvent:
    "Wollen Sie die Veranstaltung wirklich absagen? Alle mit Reservierungen werden benachrichtigt. Das lässt sich nicht rückgängig machen.",
  outcomesPending:
    "Nach Beginn der Veranstaltung kann die veranstaltende Organisation hier Teilnahme, Vorstellungsgespräche, Praktika und Einstellungen erfassen.",
  outcomesMissing: "Die Ergebnisse wurden noch nicht erfasst.",
  waitlistPosition: (position: number) => `Platz ${position} auf der Warteliste`,
} as const;
