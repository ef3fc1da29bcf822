/**
 * What the Diskussionen pages say (the domain's messages are in texts.ts). One place, so the
 * wording stays the same on every page.
 */

import { listOf, plural, pluralForm } from "~/ui/plural";

export const overviewTexts = {
  title: "Diskussionen",
  lead: "Austausch im Netzwerk: Kanäle zu Themen, darin Themen mit Beiträgen – live für alle, die mitlesen.",
  emptyMember:
    "In Ihren Netzwerken gibt es noch keinen Kanal, den Sie sehen können. Die Netzwerkkoordination legt Kanäle an – sprechen Sie sie an, wenn Ihnen ein Thema fehlt.",
  emptyCoordinator:
    "Noch kein Kanal in Ihrem Netzwerk. Legen Sie unten den ersten an, zum Beispiel „Allgemein“ oder „U25 und Jugendberufsagentur“.",
  archivedHeading: "Archivierte Kanäle",
  noActiveChannels: "Kein aktiver Kanal in diesem Netzwerk.",
  createHeading: "Neuen Kanal anlegen",
  createButton: "Kanal anlegen",
  reportsLink: "Gemeldete Beiträge",
};

export const channelTexts = {
  archivedNotice:
    "Dieser Kanal ist archiviert. Sie können alles nachlesen, aber keine Themen oder Beiträge mehr schreiben.",
  readOnlyNotice:
    "In diesem Kanal dürfen Sie mitlesen. Themen und Beiträge schreiben hier nur Mitglieder der Netzwerkorganisationen.",
  noThreads: "Noch kein Thema in diesem Kanal.",
  noThreadsStart: "Noch kein Thema in diesem Kanal. Beginnen Sie das erste mit dem Formular unten.",
  newThreadHeading: "Neues Thema",
  newThreadButton: "Thema beginnen",
  settingsHeading: "Kanal verwalten",
  saveSettings: "Einstellungen speichern",
  archive: "Kanal archivieren",
  restore: "Kanal wiederherstellen",
  archiveHint:
    "Ein archivierter Kanal bleibt lesbar, aber niemand kann mehr darin schreiben. Sie können ihn jederzeit wiederherstellen.",
};

export const threadPageTexts = {
  newSinceLastVisit: "Neue Beiträge seit Ihrem letzten Besuch",
  toFirstNew: "Zum ersten neuen Beitrag",
  edited: "bearbeitet",
  locked: "Gesperrt",
  lockedNotice: "Dieses Thema ist gesperrt. Sie können es lesen, aber nicht mehr beantworten.",
  readOnlyNotice: "Sie können dieses Thema lesen, aber nicht darauf antworten.",
  noPosts: "Noch keine Beiträge. Schreiben Sie den ersten mit dem Formular unten.",
  noPostsReadOnly: "Noch keine Beiträge.",
  replyHeading: "Antworten",
  replyLabel: "Ihre Antwort",
  replyHint: "Mit @ und einem Namen erwähnen Sie eine Person; sie wird benachrichtigt.",
  replyButton: "Antwort senden",
  replySending: "Wird gesendet …",
  editLabel: "Beitrag bearbeiten",
  saveEdit: "Änderung speichern",
  cancel: "Abbrechen",
  edit: "Bearbeiten",
  delete: "Löschen",
  deleteQuestion:
    "Möchten Sie diesen Beitrag wirklich löschen? An seiner Stelle steht dann „Beitrag gelöscht“.",
  deleteConfirm: "Ja, Beitrag löschen",
  report: "Melden",
  reportReason: "Warum melden Sie den Beitrag?",
  reportHint:
    "Die Netzwerkkoordination sieht Ihre Meldung und entscheidet, ob der Beitrag ausgeblendet wird.",
  reportSend: "Meldung senden",
  hide: "Ausblenden",
  hideQuestion:
    "Den Beitrag für alle ausblenden? An seiner Stelle steht dann „Beitrag von der Moderation ausgeblendet“. Offene Meldungen dazu werden erledigt.",
  hideConfirm: "Ja, Beitrag ausblenden",
  lock: "Thema sperren",
  unlock: "Thema entsperren",
  history: (count: number) =>
    `Bearbeitungsverlauf (${plural(count, { one: "frühere Fassung", other: "frühere Fassungen" })})`,
  replacedAt: (time: string) => `Fassung bis ${time}`,
  newPostBy: (name: string) => `Neuer Beitrag von ${name}`,
  typing: (names: string[]) =>
    `${listOf(names)} ${pluralForm(names.length, { one: "schreibt", other: "schreiben" })} …`,
  viewers: (names: string[], more: number) =>
    more > 0
      ? `Gerade hier: ${listOf([...names, `${more.toLocaleString("de-DE")} weitere`])}`
      : `Gerade hier: ${names.join(", ")}`,
  live: {
    connecting: "Verbindung für Live-Aktualisierung wird aufgebaut …",
    offline:
      "Keine Live-Verbindung. Neue Beiträge erscheinen, sobald die Verbindung wieder steht, oder wenn Sie die Seite neu laden.",
    unavailable:
      "Live-Aktualisierung ist für dieses Thema nicht verfügbar. Laden Sie die Seite neu, um Neues zu sehen.",
  },
  backToChannel: (name: string) => `Kanal „${name}“`,
  backToIdea: (title: string) => `Idee „${title}“`,
  backToReferral: "Zur Übergabe",
  backToEvent: (title: string) => `Veranstaltung „${title}“`,
  eventPrivacy:
    "Diese Diskussion lesen alle Organisationen des Netzwerks, auch Arbeitgeber. Bitte nennen Sie hier keine Pseudonyme oder Initialen der angemeldeten Personen.",
  referralPrivacy:
    "Diesen Austausch sehen nur die Mitglieder der beiden Organisationen dieser Übergabe. Bitte schreiben Sie keine Sozialdaten, die nicht für die Übergabe nötig sind. Jeder Aufruf wird protokolliert.",
};

export const reportTexts = {
  title: "Gemeldete Beiträge",
  lead: "Beiträge, die jemand aus Ihrem Netzwerk für unangemessen hält. Blenden Sie einen Beitrag aus, oder weisen Sie die Meldung zurück, wenn er in Ordnung ist.",
  empty:
    "Keine offenen Meldungen. Wenn jemand einen Beitrag meldet, werden Sie benachrichtigt und finden ihn hier.",
  hide: "Beitrag ausblenden",
  dismiss: "Meldung zurückweisen",
  reportedBy: (name: string, time: string) => `Gemeldet von ${name} am ${time}`,
};

export const attachedTexts = {
  heading: "Diskussion",
  link: "Zur Diskussion",
  count: (count: number) =>
    count === 0
      ? "Noch keine Beiträge. Stellen Sie eine Frage oder teilen Sie Ihre Erfahrung."
      : plural(count, { one: "Beitrag", other: "Beiträge" }),
  referralHint: "Nur Ihre beiden Organisationen sehen diesen Austausch.",
};
