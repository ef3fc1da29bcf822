/** The German texts of single sign-on: the administration's form and the refusals at login. */
export const ssoTexts = {
  displayNameRequired: "Bitte geben Sie einen Namen ein, z. B. „Landkreis-Konto“.",
  issuerInvalid:
    "Bitte geben Sie die Aussteller-URL (Issuer) des Anmeldedienstes ein, z. B. https://login.landkreis.example/realms/verwaltung.",
  issuerNotHttps: "Die Aussteller-URL muss mit https:// beginnen.",
  clientIdRequired: "Bitte geben Sie die Client-ID ein, die der Anmeldedienst vergeben hat.",
  clientSecretRequired: "Bitte geben Sie das Client-Geheimnis ein.",
  domainsRequired:
    "Bitte geben Sie mindestens eine E-Mail-Domain ein, z. B. „landkreis.example“ (mehrere durch Komma oder Zeilenumbruch getrennt).",
  domainInvalid: (domain: string) =>
    `„${domain}“ ist keine E-Mail-Domain. Geben Sie nur den Teil nach dem @ ein, z. B. „landkreis.example“.`,
  organizationRequired: "Bitte wählen Sie die Organisation aus, zu der die Personen gehören.",
  organizationUnknown: "Diese Organisation gibt es nicht mehr. Bitte wählen Sie eine andere.",
  tooManyStarts: (seconds: number) =>
    `Zu viele Anmeldungen von diesem Anschluss in kurzer Zeit. Bitte versuchen Sie es in ${Math.ceil(seconds / 60)} Minuten erneut.`,
  /** Shown to the person at the provider's return, on a page of its own. */
  refusals: {
    state:
      "Die Anmeldung konnte nicht bestätigt werden: Sie gehört nicht zu dieser Sitzung oder ist abgelaufen. Bitte starten Sie die Anmeldung erneut.",
    provider:
      "Der Anmeldedienst hat die Anmeldung nicht bestätigt. Bitte versuchen Sie es erneut oder melden Sie sich mit Ihrem Passwort an.",
    unavailable:
      "Der Anmeldedienst ist gerade nicht erreichbar. Bitte versuchen Sie es später erneut oder melden Sie sich mit Ihrem Passwort an.",
    emailUnverified:
      "Ihr Anmeldedienst hat keine bestätigte E-Mail-Adresse übermittelt. Bitte wenden Sie sich an die IT Ihrer Organisation.",
    foreignDomain:
      "Mit dieser E-Mail-Adresse ist die Anmeldung über diesen Anmeldedienst nicht möglich. Bitte melden Sie sich mit Ihrem Passwort an oder wenden Sie sich an die Administration Ihrer Organisation.",
    otherOrganization:
      "Ihr Konto im Portal gehört zu einer anderen Organisation als dieser Anmeldedienst. Bitte melden Sie sich mit Ihrem Passwort an oder wenden Sie sich an die Administration Ihrer Organisation.",
    unknownUser:
      "Zu Ihrer E-Mail-Adresse gibt es noch kein Konto im Portal. Bitte bitten Sie die Administration Ihrer Organisation um eine Einladung.",
    deactivated:
      "Ihr Konto im Portal ist deaktiviert. Bitte wenden Sie sich an die Administration Ihrer Organisation.",
    platformAdmin:
      "Die Plattform-Administration meldet sich nur mit Passwort und zweitem Faktor an, nicht über einen Anmeldedienst.",
  },
  userCreatedNotification: (name: string, providerName: string) =>
    `${name} hat sich zum ersten Mal über „${providerName}“ angemeldet und gehört jetzt als Fachkraft zu Ihrer Organisation.`,
} as const;

export type SsoRefusal = keyof typeof ssoTexts.refusals;
