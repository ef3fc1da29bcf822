export const flashMessages = {
  loggedOut: "Sie wurden abgemeldet.",
  passwordResetRequested:
    "Wenn zu dieser E-Mail-Adresse ein Konto besteht, ist eine E-Mail mit einem Link unterwegs. Der Link ist eine Stunde gültig. Sehen Sie bitte auch im Spam-Ordner nach.",
  passwordResetDone:
    "Ihr Passwort ist neu gesetzt und Sie wurden überall abgemeldet. Bitte melden Sie sich mit dem neuen Passwort an.",
  accountProfileSaved: "Ihre Angaben wurden gespeichert.",
  notificationSettingsSaved: "Ihre Benachrichtigungseinstellungen wurden gespeichert.",
  emailChangeRequested:
    "Wir haben einen Bestätigungslink an die neue E-Mail-Adresse geschickt. Bis Sie ihn öffnen, gilt die bisherige Adresse.",
  emailChanged: "Ihre neue E-Mail-Adresse ist bestätigt. Sie melden sich ab jetzt damit an.",
  passwordChanged:
    "Ihr Passwort wurde geändert. Alle anderen Sitzungen Ihres Kontos wurden beendet.",
  sessionEnded: "Die Sitzung wurde beendet.",
  otherSessionsEnded:
    "Alle anderen Sitzungen wurden beendet. Nur diese Sitzung ist noch angemeldet.",
  secondFactorRemoved:
    "Der zweite Faktor wurde entfernt. Sie melden sich jetzt wieder nur mit Ihrem Passwort an.",
  memberSecondFactorReset:
    "Der zweite Faktor des Mitglieds wurde zurückgesetzt. Das Mitglied wurde per E-Mail informiert.",
  memberRemoved:
    "Das Mitglied wurde gelöscht und überall abgemeldet. Seine Beiträge erscheinen als „ehemaliges Mitglied“.",
  signInSettingsSaved: "Die Anmelderegeln Ihrer Organisation wurden gespeichert.",
  signInPolicySaved: "Die Anmelderegeln der Plattform wurden gespeichert.",
  identityProviderSaved: "Der Anmeldedienst wurde gespeichert.",
  identityProviderEnabled: "Der Anmeldedienst ist eingeschaltet.",
  identityProviderDisabled:
    "Der Anmeldedienst ist ausgeschaltet. Niemand kann sich mehr darüber anmelden.",
  submissionRepeated:
    "Diese Eingabe war bereits gespeichert und wurde nicht ein zweites Mal angelegt. Hier ist sie.",
  invitationSent: "Die Einladung wurde verschickt.",
  invitationAccepted: "Willkommen! Ihr Konto ist eingerichtet.",
  roleChanged: "Die Rolle wurde geändert.",
  memberDeactivated: "Das Mitglied wurde deaktiviert und überall abgemeldet.",
  profileSaved: "Das Profil Ihrer Organisation wurde gespeichert.",
  networkCreated: "Das Netzwerk wurde angelegt und die Koordination benannt.",
  coordinatorAppointed: "Die Netzwerkkoordination wurde benannt.",
  organizationAdmitted: "Die Organisation wurde in das Netzwerk aufgenommen.",
  organizationCreated:
    "Die Organisation wurde angelegt, aufgenommen und ihre Administration eingeladen.",
  organizationRemoved: "Die Organisation wurde aus dem Netzwerk entfernt.",
  organizationKindChanged: "Die Art der Organisation wurde geändert.",
  serviceCreated: "Das Angebot wurde angelegt.",
  serviceSaved: "Das Angebot wurde gespeichert.",
  referralDraftSaved: "Die Übergabe wurde als Entwurf gespeichert.",
  referralSent: "Die Übergabe wurde gesendet. Die empfangende Stelle wurde benachrichtigt.",
  referralAccepted: "Sie haben die Übergabe angenommen.",
  referralDeclined: "Sie haben die Übergabe abgelehnt.",
  referralStarted: "Der Ersttermin wurde eingetragen.",
  referralCompleted: "Die Übergabe wurde abgeschlossen.",
  referralWithdrawn: "Die Übergabe wurde zurückgezogen.",
  referralConsentRevoked:
    "Der Widerruf wurde erfasst. Die Übergabe ist beendet, ein weiterer Austausch ist nicht möglich.",
  retentionSaved: "Die Aufbewahrungsfrist wurde gespeichert.",
  ideaPublished: "Die Idee ist veröffentlicht und in Kürze in der Suche zu finden.",
  ideaDraftSaved: "Die Idee wurde als Entwurf gespeichert. Nur Ihre Organisation sieht sie.",
  ideaSaved: "Die Änderungen wurden gespeichert.",
  ideaArchived: "Die Idee wurde archiviert und erscheint nicht mehr in der Suche.",
  ideaAdopted:
    "Vermerkt: Ihre Organisation setzt diese Idee auch um. Die Autorinnen und Autoren wurden benachrichtigt.",
  bookmarkAdded: "Die Idee steht jetzt auf Ihrer Merkliste.",
  bookmarkRemoved: "Die Idee wurde von Ihrer Merkliste genommen.",
  courseCreated:
    "Die Maßnahme ist angelegt. Die zugelassenen Organisationen Ihres Netzwerks können jetzt Plätze zusagen.",
  courseSaved: "Die Änderungen an der Maßnahme wurden gespeichert.",
  pledgeSaved: "Ihre Zusage wurde gespeichert.",
  pledgeWithdrawn: "Ihre Zusage wurde zurückgenommen.",
  eventCreated: "Die Veranstaltung ist veröffentlicht und steht im Kalender Ihres Netzwerks.",
  eventSaved: "Die Änderungen wurden gespeichert.",
  eventSavedAndAnnounced:
    "Die Änderungen wurden gespeichert. Alle mit Reservierungen wurden über die neue Zeit bzw. den neuen Ort benachrichtigt.",
  eventCancelled:
    "Die Veranstaltung wurde abgesagt. Alle mit Reservierungen wurden benachrichtigt.",
  seatsReserved: "Die Plätze sind reserviert.",
  seatsPartlyWaitlisted:
    "Nicht alle haben einen Platz bekommen: Die letzten in Ihrer Liste stehen auf der Warteliste und rücken automatisch nach, wenn jemand storniert.",
  seatsWaitlisted:
    "Alle Plätze sind vergeben: Die Angemeldeten stehen auf der Warteliste und rücken automatisch nach, wenn jemand storniert.",
  reservationCancelled:
    "Die Reservierung wurde storniert. Ein Platz von der Warteliste rückt gegebenenfalls automatisch nach.",
  outcomesRecorded: "Die Ergebnisse wurden gespeichert.",
  postSaved: "Ihre Änderung wurde gespeichert.",
  postDeleted: "Der Beitrag wurde gelöscht.",
  postReported: "Danke. Ihre Meldung wurde an die Netzwerkkoordination übermittelt.",
  postHidden: "Der Beitrag wurde ausgeblendet.",
  threadLocked: "Das Thema ist gesperrt. Niemand kann mehr antworten.",
  threadUnlocked: "Das Thema ist wieder offen für Antworten.",
} as const;

export type FlashKey = keyof typeof flashMessages;

/** Only the catalogue's own keys: "__proto__" or "constructor" from a cookie are not messages. */
export function isFlashKey(key: string): key is FlashKey {
  return Object.hasOwn(flashMessages, key);
}
