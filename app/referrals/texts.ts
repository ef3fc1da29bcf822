import {
  type AgeBand,
  type ConsentForm,
  type ContactPreference,
  type DeclineReason,
  type OutcomeCode,
  type ReferralStatus,
  type ServiceCategory,
  type Urgency,
} from "~/db/vocabularies";
import type { TransitionName } from "./state-machine";

/** Everything a person reads about services and referrals, in one place. */

export const serviceCategoryLabels: Record<ServiceCategory, string> = {
  schuldnerberatung: "Schuldnerberatung",
  suchtberatung: "Suchtberatung",
  psychosoziale_beratung: "Psychosoziale Beratung",
  kinderbetreuung: "Kinderbetreuung",
  jugendhilfe: "Jugendhilfe",
  sprachkurs: "Sprachkurs",
  qualifizierung: "Qualifizierung",
  gesundheit: "Gesundheit",
  mobilitaet: "Mobilität",
  sonstige: "Sonstiges",
};

export const statusLabels: Record<ReferralStatus, string> = {
  draft: "Entwurf",
  sent: "Gesendet",
  accepted: "Angenommen",
  declined: "Abgelehnt",
  in_progress: "In Betreuung",
  completed: "Abgeschlossen",
  withdrawn: "Zurückgezogen",
  consent_revoked: "Einwilligung widerrufen",
};

/** "… wurde inzwischen {verb}", for the message after a concurrent change. */
export const statusParticiples: Record<ReferralStatus, string> = {
  draft: "als Entwurf gespeichert",
  sent: "gesendet",
  accepted: "angenommen",
  declined: "abgelehnt",
  in_progress: "mit einem Ersttermin versehen",
  completed: "abgeschlossen",
  withdrawn: "zurückgezogen",
  consent_revoked: "wegen Widerruf der Einwilligung beendet",
};

export const ageBandLabels: Record<AgeBand, string> = {
  unter_18: "unter 18 Jahre",
  "18_bis_24": "18 bis 24 Jahre",
  "25_bis_34": "25 bis 34 Jahre",
  "35_bis_49": "35 bis 49 Jahre",
  "50_bis_64": "50 bis 64 Jahre",
  ab_65: "65 Jahre und älter",
};

export const urgencyLabels: Record<Urgency, string> = {
  normal: "normal",
  dringend: "dringend",
};

export const contactPreferenceLabels: Record<ContactPreference, string> = {
  telefon: "Telefon",
  brief: "Brief",
  persoenlich: "persönlich",
  ueber_jobcenter: "über das Jobcenter",
};

export const consentFormLabels: Record<ConsentForm, string> = {
  schriftlich: "schriftlich",
  elektronisch: "elektronisch",
  muendlich_dokumentiert: "mündlich (dokumentiert)",
};

export const declineReasonLabels: Record<DeclineReason, string> = {
  keine_kapazitaet: "Derzeit keine Kapazität",
  nicht_zustaendig: "Nicht zuständig",
  einwilligung_unzureichend: "Einwilligung reicht nicht aus",
  nicht_erreichbar: "Person nicht erreichbar",
  sonstiges: "Sonstiger Grund",
};

export const outcomeLabels: Record<OutcomeCode, string> = {
  beratung_aufgenommen: "Beratung aufgenommen",
  beratung_abgeschlossen: "Beratung abgeschlossen",
  nicht_erschienen: "Nicht erschienen",
  an_andere_stelle_vermittelt: "An andere Stelle vermittelt",
  abgebrochen: "Abgebrochen",
};

export const transitionLabels: Record<TransitionName, string> = {
  send: "Übergabe senden",
  accept: "Annehmen",
  decline: "Ablehnen",
  start: "Ersttermin eintragen",
  complete: "Abschließen",
  withdraw: "Zurückziehen",
  revokeConsent: "Widerruf der Einwilligung erfassen",
};

export const referralTexts = {
  serviceNameRequired: "Bitte geben Sie den Namen des Angebots an.",
  serviceNameTooLong: "Der Name darf höchstens 120 Zeichen lang sein.",
  categoryInvalid: "Bitte wählen Sie eine Kategorie aus der Liste.",
  responseDaysInvalid:
    "Bitte geben Sie die zugesagte Antwortzeit als ganze Zahl zwischen 1 und 60 Arbeitstagen an.",
  descriptionTooLong: "Die Beschreibung darf höchstens 1.000 Zeichen lang sein.",
  serviceRequired: "Bitte wählen Sie das Angebot, an das Sie übergeben.",
  serviceUnavailable:
    "Dieses Angebot nimmt keine Übergaben an oder gehört nicht zu Ihrem Netzwerk. Bitte wählen Sie ein anderes.",
  ownService: "An ein Angebot der eigenen Organisation können Sie nicht übergeben.",
  ageBandRequired: "Bitte wählen Sie die Altersgruppe.",
  needsRequired: "Bitte wählen Sie mindestens einen Bedarf.",
  reasonRequired: "Bitte beschreiben Sie kurz den Anlass der Übergabe.",
  reasonTooLong: "Der Anlass darf höchstens 2.000 Zeichen lang sein.",
  urgencyInvalid: "Bitte wählen Sie die Dringlichkeit.",
  contactInvalid: "Bitte wählen Sie, wie die Person kontaktiert werden möchte.",
  consentObtainedByRequired: "Bitte geben Sie an, wer die Einwilligung eingeholt hat.",
  consentDateInvalid: "Bitte geben Sie das Datum der Einwilligung als Datum an (TT.MM.JJJJ).",
  consentDateInFuture: "Das Datum der Einwilligung darf nicht in der Zukunft liegen.",
  consentFormInvalid: "Bitte wählen Sie, in welcher Form die Einwilligung vorliegt.",
  consentOrganizationInvalid: "Bitte wählen Sie die Stelle, die in der Einwilligung genannt ist.",
  consentPurposeRequired: "Bitte geben Sie den Zweck an, für den eingewilligt wurde.",
  consentPurposeTooLong: "Der Zweck darf höchstens 500 Zeichen lang sein.",
  consentValidUntilInvalid: "Bitte geben Sie an, bis wann die Einwilligung gilt (TT.MM.JJJJ).",
  consentValidUntilBeforeStart: "Die Einwilligung muss nach dem Tag der Einwilligung enden.",
  consentValidUntilTooLate:
    "Eine Einwilligung gilt höchstens 24 Monate. Bitte wählen Sie ein früheres Enddatum.",
  consentMissing:
    "Ohne dokumentierte Einwilligung kann die Übergabe nicht gesendet werden. Bitte erfassen Sie die Einwilligung.",
  consentExpired:
    "Die Einwilligung ist abgelaufen. Bitte holen Sie eine neue Einwilligung ein und erfassen Sie sie.",
  consentWrongOrganization:
    "Die Einwilligung nennt eine andere Stelle als die, an die Sie übergeben. Senden ist nur an die genannte Stelle erlaubt.",
  consentRevoked:
    "Die Einwilligung wurde widerrufen. Diese Übergabe kann nicht mehr gesendet werden.",
  declineReasonRequired: "Bitte wählen Sie einen Grund für die Ablehnung.",
  appointmentInvalid: "Bitte geben Sie das Datum des Ersttermins an (TT.MM.JJJJ).",
  outcomeRequired: "Bitte wählen Sie das Ergebnis.",
  noteTooLong: "Die Notiz darf höchstens 1.000 Zeichen lang sein.",
  notAllowedNow: "Diese Aktion ist im aktuellen Stand der Übergabe nicht möglich.",
  retentionInvalid: "Bitte geben Sie eine ganze Zahl zwischen 1 und 120 Monaten an.",
} as const;

/** Told to the person whose click lost the race against a colleague's. */
export function concurrentChangeMessage(input: {
  attempted: TransitionName;
  status: ReferralStatus;
  actorName: string | null;
  organizationName: string | null;
}): string {
  const by = input.actorName
    ? ` von ${input.actorName}${input.organizationName ? ` (${input.organizationName})` : ""}`
    : "";
  return `Diese Übergabe wurde inzwischen${by} ${statusParticiples[input.status]}. Ihre Aktion „${transitionLabels[input.attempted]}“ wurde deshalb nicht ausgeführt.`;
}

export const referralMailTexts = {
  arrivedSubject: "Neue Übergabe für Ihre Organisation",
  arrived: (organizationName: string, link: string) =>
    `Guten Tag,\n\n${organizationName} hat Ihrer Organisation über das Netzwerke-ABC-Portal eine Übergabe gesendet.\n\nBitte melden Sie sich an, um sie anzusehen:\n${link}\n\nAus Datenschutzgründen enthält diese E-Mail keine Angaben zur Person.`,
  statusSubject: "Neuer Stand Ihrer Übergabe",
  status: (statusLabel: string, link: string) =>
    `Guten Tag,\n\nder Stand einer von Ihnen gesendeten Übergabe hat sich geändert: ${statusLabel}.\n\nDetails nach der Anmeldung:\n${link}\n\nAus Datenschutzgründen enthält diese E-Mail keine Angaben zur Person.`,
};

export const referralNotificationTexts = {
  arrived: (organizationName: string) => `Neue Übergabe von ${organizationName}`,
  statusChanged: (statusLabel: string, organizationName: string) =>
    `Übergabe an ${organizationName}: ${statusLabel}`,
  overdue: (organizationName: string) =>
    `Übergabe von ${organizationName} ist überfällig – bitte beantworten`,
};
