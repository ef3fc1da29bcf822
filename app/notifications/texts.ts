import type { DigestFrequency, NotificationDelivery, NotificationKind } from "~/db/vocabularies";
import { pluralForm } from "~/ui/plural";

/** Everything a person reads about notification settings, digests and unsubscribing. */

export const notificationKindLabels: Record<NotificationKind, string> = {
  referral_received: "Neue Übergabe",
  referral_status: "Statusänderung einer Übergabe",
  mention: "Erwähnung",
  thread_reply: "Antwort in meinem Thema",
  event_update: "Veranstaltung geändert/Erinnerung",
  course_outcome: "Maßnahme kommt zustande/abgesagt",
  network_change: "Änderungen im Netzwerk",
};

/** What each kind covers, under its name on the settings page. */
export const notificationKindHints: Record<NotificationKind, string> = {
  referral_received:
    "Eine andere Organisation hat Ihrer Organisation eine Übergabe gesendet. Schalten alle in Ihrer Organisation dies aus, erfährt die Organisations-Administration es trotzdem im Portal.",
  referral_status:
    "Eine von Ihnen gesendete Übergabe wurde angenommen, abgelehnt oder abgeschlossen, oder eine Übergabe an Ihre Organisation ist überfällig.",
  mention: "Jemand hat Sie in einem Diskussionsbeitrag erwähnt.",
  thread_reply: "Jemand hat auf ein Thema geantwortet, das Sie begonnen haben.",
  event_update:
    "Eine Veranstaltung, für die Sie Plätze reserviert haben, wurde geändert oder abgesagt, Sie sind von der Warteliste nachgerückt, oder sie findet morgen statt.",
  course_outcome:
    "Eine Maßnahme, die Ihre Organisation anbietet oder für die sie Plätze zugesagt hat, kommt zustande oder findet nicht statt.",
  network_change:
    "Aufnahme Ihrer Organisation in ein Netzwerk, Benennung zur Koordination, übernommene Ideen, gemeldete Beiträge und neue Mitglieder.",
};

export const notificationDeliveryLabels: Record<NotificationDelivery, string> = {
  portal: "Nur im Portal",
  email: "E-Mail sofort",
  digest: "In der Zusammenfassung",
  off: "Aus",
};

export const digestFrequencyLabels: Record<DigestFrequency, string> = {
  daily: "Täglich",
  weekly: "Wöchentlich (montags)",
};

export const hourLabel = (hour: number) => `${String(hour).padStart(2, "0")}:00 Uhr`;

export const notificationSettingsTexts = {
  title: "Benachrichtigungen",
  intro:
    "Legen Sie für jede Art von Nachricht fest, wie Sie davon erfahren. „Nur im Portal“ zeigt sie in der Glocke oben, „E-Mail sofort“ zusätzlich per E-Mail, „In der Zusammenfassung“ sammelt sie in einer E-Mail zur gewählten Zeit. E-Mails enthalten nie Angaben zu Klientinnen und Klienten.",
  defaultNote: (label: string) => `Voreinstellung: ${label}`,
  digestLegend: "Zusammenfassung",
  digestHint:
    "Gilt für alle Arten, die Sie „In der Zusammenfassung“ erhalten. Was Sie schon im Portal gesehen haben, während Sie angemeldet waren, kommt nicht noch einmal.",
  frequencyLabel: "Wie oft",
  hourLabel: "Um (deutsche Zeit)",
  save: "Einstellungen speichern",
  saving: "Wird gespeichert …",
  deliveryRequired: "Bitte wählen Sie, wie Sie davon erfahren möchten.",
  frequencyRequired: "Bitte wählen Sie täglich oder wöchentlich.",
  hourInvalid: "Bitte wählen Sie eine volle Stunde zwischen 0 und 23 Uhr.",
};

/** The last lines of every notice mail: where to change the settings, and how to stop it. */
export const noticeMailFooter = (settingsUrl: string, unsubscribeUrl: string) =>
  `\n\n-- \nIhre Benachrichtigungen einstellen: ${settingsUrl}\nDiese Nachrichten nicht mehr per E-Mail erhalten: ${unsubscribeUrl}\n`;

export const noticeMailTexts = {
  /** A notice whose cause wrote no mail of its own: its text and link. */
  body: (message: string, link: string | null) =>
    `Guten Tag,\n\n${message}.${link ? `\n\nEinzelheiten nach der Anmeldung:\n${link}` : ""}\n\nNetzwerke ABC`,
};

export const digestMailTexts = {
  subject: (count: number) =>
    `Ihre Zusammenfassung: ${pluralForm(count, { one: "eine Nachricht", other: `${count} Nachrichten` })} aus dem Portal`,
  body: (sections: string) =>
    `Guten Tag,\n\nseit der letzten Zusammenfassung gab es im Netzwerke-ABC-Portal Neues für Sie:\n\n${sections}\n\nEinzelheiten lesen Sie nach der Anmeldung im Portal. Aus Datenschutzgründen enthält diese E-Mail keine Angaben zu Klientinnen und Klienten.`,
};

export const unsubscribeTexts = {
  title: "E-Mails abbestellen",
  question: (label: string) =>
    `Möchten Sie Nachrichten der Art „${label}“ nicht mehr per E-Mail erhalten?`,
  digestQuestion: "Möchten Sie die Zusammenfassung nicht mehr per E-Mail erhalten?",
  keepsPortal: "Im Portal sehen Sie diese Nachrichten weiterhin.",
  confirm: "E-Mails abbestellen",
  done: (label: string) =>
    `Erledigt: Nachrichten der Art „${label}“ kommen nicht mehr per E-Mail, nur noch im Portal.`,
  digestDone:
    "Erledigt: Sie erhalten keine Zusammenfassung mehr per E-Mail. Die Nachrichten sehen Sie weiterhin im Portal.",
  settingsLink: "Alle Benachrichtigungen einstellen",
  invalidTitle: "Link ungültig",
  invalid:
    "Dieser Abbestell-Link ist ungültig. Bitte verwenden Sie den vollständigen Link aus der E-Mail oder stellen Sie Ihre Benachrichtigungen nach der Anmeldung unter „Mein Konto“ ein.",
  digestLabel: "Zusammenfassung",
};
