/** Everything a person reads about their own account: messages and the mails it sends. */

const berlinTime = (instant: Date) =>
  instant.toLocaleString("de-DE", {
    timeZone: "Europe/Berlin",
    dateStyle: "short",
    timeStyle: "short",
  });

const ignoreIfNotYou = "Wenn Sie das nicht angefordert haben, können Sie diese E-Mail ignorieren.";

export const accountTexts = {
  nameTooLong: "Der Name darf höchstens 120 Zeichen lang sein.",
  jobTitleTooLong: "Die Funktion darf höchstens 120 Zeichen lang sein.",
  phoneTooLong: "Die Telefonnummer darf höchstens 60 Zeichen lang sein.",
  phoneInvalid:
    "Bitte geben Sie die Telefonnummer nur mit Ziffern, Leerzeichen und + ( ) / - ein, z. B. 0431 123456-7.",
  emailUnchanged: "Das ist bereits die E-Mail-Adresse Ihres Kontos.",
  emailTaken:
    "Diese E-Mail-Adresse gehört bereits zu einem anderen Konto. Bitte wählen Sie eine andere.",
  currentPasswordRequired: "Bitte geben Sie Ihr bisheriges Passwort ein.",
  currentPasswordWrong: "Das bisherige Passwort ist nicht richtig.",
  newPasswordRequired: "Bitte geben Sie ein neues Passwort ein.",
  passwordChecksExhausted: (minutes: number) =>
    `Das bisherige Passwort wurde zu oft falsch eingegeben. Bitte versuchen Sie es in ${minutes} Minuten erneut.`,
  noPassword:
    "Sie melden sich über den Identitätsanbieter Ihrer Organisation an; im Portal gibt es kein Passwort für Ihr Konto. Ihr Passwort ändern Sie dort.",
  resetLinkInvalid:
    "Dieser Link ist ungültig, abgelaufen oder wurde bereits verwendet. Fordern Sie bitte einen neuen Link an.",
  emailLinkInvalid:
    "Dieser Bestätigungslink ist ungültig, abgelaufen oder wurde bereits verwendet. Tragen Sie die neue Adresse unter „Mein Konto“ bitte noch einmal ein.",

  resetMail: {
    subject: "Netzwerke ABC: Passwort neu setzen",
    body: (name: string, link: string, expiresAt: Date) =>
      [
        `Guten Tag ${name},`,
        "",
        "für Ihr Konto im Netzwerke-ABC-Portal wurde ein neues Passwort angefordert. Über diesen Link legen Sie es fest:",
        link,
        "",
        `Der Link ist eine Stunde gültig (bis ${berlinTime(expiresAt)} Uhr) und kann nur einmal verwendet werden. Danach sind Sie auf allen Geräten abgemeldet.`,
        ignoreIfNotYou + " Ihr bisheriges Passwort bleibt dann gültig.",
      ].join("\n"),
  },
  resetBySingleSignOnMail: {
    subject: "Netzwerke ABC: Anmeldung über Ihren Identitätsanbieter",
    body: (name: string, providers: string[], loginLink: string) =>
      [
        `Guten Tag ${name},`,
        "",
        "für Ihr Konto im Netzwerke-ABC-Portal wurde ein neues Passwort angefordert.",
        "Sie melden sich jedoch nicht mit einem Passwort des Portals an, sondern über den Identitätsanbieter Ihrer Organisation" +
          (providers.length > 0
            ? ` („Anmelden mit ${providers.join("“ oder „Anmelden mit ")}“ auf der Anmeldeseite):`
            : " auf der Anmeldeseite:"),
        loginLink,
        "",
        "Haben Sie das Passwort dort vergessen, wenden Sie sich bitte an die IT Ihrer Organisation.",
        ignoreIfNotYou,
      ].join("\n"),
  },
  emailChangeMail: {
    subject: "Netzwerke ABC: neue E-Mail-Adresse bestätigen",
    body: (name: string, link: string, expiresAt: Date) =>
      [
        `Guten Tag ${name},`,
        "",
        "Sie möchten diese E-Mail-Adresse für Ihr Konto im Netzwerke-ABC-Portal verwenden. Bitte bestätigen Sie das über diesen Link:",
        link,
        "",
        `Der Link ist 24 Stunden gültig (bis ${berlinTime(expiresAt)} Uhr) und kann nur einmal verwendet werden. Bis dahin gilt Ihre bisherige Adresse.`,
        ignoreIfNotYou,
      ].join("\n"),
  },
  emailChangedMail: {
    subject: "Netzwerke ABC: Ihre E-Mail-Adresse wurde geändert",
    body: (name: string, newEmail: string) =>
      [
        `Guten Tag ${name},`,
        "",
        `die E-Mail-Adresse Ihres Kontos im Netzwerke-ABC-Portal ist jetzt ${newEmail}. Diese Adresse erhält künftig alle E-Mails des Portals; Sie melden sich damit an.`,
        "",
        "Wenn Sie das nicht veranlasst haben, wenden Sie sich bitte sofort an die Administration Ihrer Organisation.",
      ].join("\n"),
  },
};
