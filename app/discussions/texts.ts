import { type ChannelEmployerAccess } from "~/db/vocabularies";
import { pluralForm } from "~/ui/plural";

/** Everything a person reads about discussions, in one place. */

export const employerAccessLabels: Record<ChannelEmployerAccess, string> = {
  none: "Arbeitgeber sehen den Kanal nicht",
  read: "Arbeitgeber dürfen lesen",
  write: "Arbeitgeber dürfen lesen und schreiben",
};

/** At most this many characters of text in one post. */
export const MAX_POST_TEXT = 10_000;
export const MAX_TITLE = 160;
export const MAX_CHANNEL_NAME = 80;
export const MAX_CHANNEL_DESCRIPTION = 300;
export const MAX_REPORT_REASON = 500;

export const discussionTexts = {
  channelNameRequired: "Bitte geben Sie dem Kanal einen Namen (mindestens 2 Zeichen).",
  channelNameTooLong: `Der Name darf höchstens ${MAX_CHANNEL_NAME} Zeichen lang sein.`,
  channelNameTaken: "Einen Kanal mit diesem Namen gibt es in diesem Netzwerk schon.",
  channelDescriptionTooLong: `Die Beschreibung darf höchstens ${MAX_CHANNEL_DESCRIPTION} Zeichen lang sein.`,
  employerAccessInvalid: "Bitte wählen Sie, was Arbeitgeber in diesem Kanal dürfen.",
  titleRequired: "Bitte geben Sie dem Thema einen Titel (mindestens 3 Zeichen).",
  titleTooLong: `Der Titel darf höchstens ${MAX_TITLE} Zeichen lang sein.`,
  postRequired: "Bitte schreiben Sie einen Beitrag.",
  postTooLong: `Ein Beitrag darf höchstens ${MAX_POST_TEXT.toLocaleString("de-DE")} Zeichen lang sein.`,
  reportReasonRequired: "Bitte sagen Sie kurz, warum Sie den Beitrag melden.",
  reportReasonTooLong: `Die Begründung darf höchstens ${MAX_REPORT_REASON} Zeichen lang sein.`,
  deletedPost: "Beitrag gelöscht",
  hiddenPost: "Beitrag von der Moderation ausgeblendet",
  rateLimited: "Zu viele Aktionen in kurzer Zeit. Bitte warten Sie einen Moment.",
  invalidMessage: "Diese Nachricht konnte nicht verarbeitet werden.",
  mentionNotification: (author: string, title: string) =>
    `${author} hat Sie im Thema „${title}“ erwähnt`,
  replyNotification: (author: string, title: string) =>
    `${author} hat auf Ihr Thema „${title}“ geantwortet`,
  reportNotification: (title: string) => `Ein Beitrag im Thema „${title}“ wurde gemeldet`,
  digestSubject: (count: number) =>
    `${pluralForm(count, { one: "Neues", other: `${count} Neuigkeiten` })} in den Diskussionen`,
  digestBody: (lines: string) =>
    `Guten Tag,\n\nwährend Sie nicht im Portal waren, gab es in den Diskussionen Ihres Netzwerks Neues für Sie:\n\n${lines}\n\nDie Beiträge lesen Sie nach der Anmeldung im Portal.\n`,
  ideaThreadTitle: (ideaTitle: string) => `Diskussion zur Idee „${ideaTitle}“`,
  referralThreadTitle: "Austausch zur Übergabe",
  eventThreadTitle: (eventTitle: string) => `Diskussion zur Veranstaltung „${eventTitle}“`,
};
