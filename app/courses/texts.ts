import { type CourseInstrument, type CourseStatus } from "~/db/vocabularies";
import { plural, pluralForm } from "~/ui/plural";

/** Everything a person reads about the Maßnahmen-Pool, in one place. */
export const courseStatusLabels: Record<CourseStatus, string> = {
  open: "offen",
  confirmed: "kommt zustande",
  cancelled: "abgesagt",
};

export const courseInstrumentLabels: Record<CourseInstrument, string> = {
  fbw: "FbW (Förderung der beruflichen Weiterbildung)",
  avgs: "AVGS-Maßnahme",
  paragraph_45: "Maßnahme nach § 45 SGB III",
  esf: "ESF-Projekt",
  sonstige: "sonstige",
};

const seats = { one: "Platz", other: "Plätze" };
/** After "von" and "mit": "15 Plätzen". */
const seatsDative = { one: "Platz", other: "Plätzen" };

/** "12 von mindestens 15 Plätzen zugesagt (höchstens 20)" */
export function progressText(pledged: number, minimum: number, maximum: number): string {
  return `${pledged} von mindestens ${plural(minimum, seatsDative)} zugesagt (höchstens ${maximum})`;
}

export function seatsText(count: number): string {
  return plural(count, seats);
}

export const courseFormTexts = {
  titleRequired: "Bitte geben Sie einen Titel an (mindestens 3 Zeichen).",
  titleTooLong: "Der Titel darf höchstens 160 Zeichen lang sein.",
  descriptionRequired: "Bitte beschreiben Sie die Maßnahme im Textfeld.",
  instrumentInvalid: "Bitte wählen Sie das Förderinstrument.",
  startDateInvalid: "Bitte geben Sie den Beginn als Datum an, z. B. 01.09.2026.",
  durationRequired: "Bitte geben Sie die Dauer an, z. B. „6 Monate, Vollzeit“.",
  durationTooLong: "Die Dauer darf höchstens 120 Zeichen lang sein.",
  placeRequired: "Bitte geben Sie den Ort der Maßnahme an.",
  placeTooLong: "Der Ort darf höchstens 200 Zeichen lang sein.",
  minimumInvalid: "Bitte geben Sie die Mindestteilnehmerzahl als ganze Zahl von 1 bis 500 an.",
  maximumInvalid: "Bitte geben Sie die Höchstteilnehmerzahl als ganze Zahl von 1 bis 500 an.",
  minimumAboveMaximum:
    "Die Mindestteilnehmerzahl darf nicht größer sein als die Höchstteilnehmerzahl.",
  deadlineInvalid: "Bitte geben Sie das Ende der Meldefrist als Datum an.",
  deadlineNotBeforeStart: "Die Meldefrist muss vor dem Beginn der Maßnahme enden.",
  deadlineInPast: "Die Meldefrist muss in der Zukunft liegen.",
  admittedKindsRequired:
    "Bitte wählen Sie mindestens eine Art von Organisation, die Plätze zusagen kann.",
  vocabularyInvalid: "Bitte wählen Sie nur Einträge aus der Liste.",
  networkInvalid: "Bitte wählen Sie eines Ihrer Netzwerke.",
  cancelledMeanwhile: "Die Maßnahme wurde inzwischen abgesagt und kann nicht mehr geändert werden.",
  cancelled: "Die Maßnahme ist abgesagt und kann nicht mehr geändert werden.",
  kindStillPledging: (labels: string[]) =>
    `Es gibt schon Zusagen von ${labels.join(", ")}. Diese Organisationsart muss zugelassen bleiben, damit sie ihre Zusage ändern kann.`,
  maximumBelowPledged: (pledged: number) =>
    `Es sind bereits ${seatsText(pledged)} zugesagt – die Höchstteilnehmerzahl kann nicht darunter liegen.`,
  minimumAbovePledgedWhenConfirmed: (pledged: number) =>
    `Die Maßnahme kommt mit ${plural(pledged, seatsDative)} zustande – die Mindestteilnehmerzahl kann nicht mehr darüber angehoben werden.`,
};

export const pledgeTexts = {
  seatsInvalid: "Bitte geben Sie die Zahl der Plätze als ganze Zahl von 0 bis 500 an.",
  cancelled: "Die Maßnahme wurde abgesagt – Zusagen sind nicht mehr möglich.",
  deadlinePassed: (deadline: string) =>
    `Die Meldefrist ist am ${deadline} abgelaufen – Zusagen können nicht mehr geändert werden.`,
  overMaximum: (free: number, ownMaximum: number) =>
    free === 0
      ? `Es sind keine Plätze mehr frei – Ihre Organisation kann höchstens ${seatsText(ownMaximum)} zusagen.`
      : `Es ${pluralForm(free, { one: "ist", other: "sind" })} nur noch ${seatsText(free)} frei – Ihre Organisation kann insgesamt höchstens ${seatsText(ownMaximum)} zusagen.`,
  belowMinimumAfterConfirmation: (minimum: number, ownMinimum: number) =>
    `Die Maßnahme kommt zustande, weil mindestens ${seatsText(minimum)} zugesagt sind. Sie können Ihre Zusage deshalb nur bis auf ${seatsText(ownMinimum)} verringern.`,
};

export const courseNotificationTexts = {
  confirmed: (title: string) => `Die Maßnahme „${title}“ kommt zustande.`,
  cancelled: (title: string) =>
    `Die Maßnahme „${title}“ findet nicht statt: Die Mindestteilnehmerzahl wurde bis zum Ende der Meldefrist nicht erreicht.`,
};

export const courseMailTexts = {
  confirmedSubject: "Eine Maßnahme kommt zustande",
  cancelledSubject: "Eine Maßnahme findet nicht statt",
  body: (message: string, link: string) =>
    `Guten Tag,\n\n${message}\n\nEinzelheiten und die Zusagen der Organisationen finden Sie im Maßnahmen-Pool:\n${link}\n\nDiese Nachricht wurde automatisch vom Portal Netzwerke ABC versandt.`,
};

/** Live announcements of the progress bar (polite live region). */
export const progressAnnouncements = {
  changed: (text: string) => `Neuer Stand: ${text}.`,
  confirmed: "Die Maßnahme kommt zustande.",
  cancelled: "Die Maßnahme wurde abgesagt.",
};
