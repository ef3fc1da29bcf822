/**
 * What "Meine Daten" (/konto/daten) and the two downloads say about their content: the page
 * lists the sections, the readable HTML download uses the same titles. Browser-safe.
 */

/** The sections of the export in their order; `key` is the section's field in the JSON file. */
export const dataExportSections = [
  {
    key: "profile",
    title: "Profil",
    description:
      "Name, Funktion, Telefon, E-Mail-Adresse, Organisation und Rolle, ob ein zweiter Faktor eingerichtet ist und über welche Identitätsanbieter Sie sich anmelden.",
  },
  {
    key: "sessions",
    title: "Sitzungen",
    description: "Browser und System, Beginn und letzte Aktivität jeder Anmeldung.",
  },
  {
    key: "notificationPreferences",
    title: "Einstellungen für Benachrichtigungen",
    description: "Ihre Wahl je Art der Benachrichtigung.",
  },
  {
    key: "digestSettings",
    title: "Zusammenfassung per E-Mail",
    description: "Wie oft und zu welcher Stunde Ihre Zusammenfassung verschickt wird.",
  },
  {
    key: "posts",
    title: "Beiträge in Diskussionen",
    description:
      "Jeder Beitrag, den Sie geschrieben haben, mit seinen früheren Fassungen. Bei Beiträgen in der Diskussion zu einer Übergabe nur Thema und Zeitpunkte, ohne Text (siehe unten).",
  },
  {
    key: "ideas",
    title: "Ideen",
    description: "Die Ideen, die Sie verfasst haben, mit Status und Text.",
  },
  {
    key: "referrals",
    title: "Übergaben, die Sie angelegt haben",
    description:
      "Angebot, empfangende Organisation, Status und Zeitpunkte – ohne Angaben zur Klientin oder zum Klienten.",
  },
  {
    key: "reservations",
    title: "Reservierungen für Veranstaltungen",
    description:
      "Veranstaltung, Status und Zeitpunkte der Plätze, die Sie reserviert haben – ohne Pseudonyme.",
  },
  {
    key: "pledges",
    title: "Zusagen für Maßnahmen",
    description: "Die Plätze, die Sie für Ihre Organisation zugesagt haben.",
  },
  {
    key: "notifications",
    title: "Erhaltene Benachrichtigungen",
    description: "Text, Link und Zeitpunkte der Benachrichtigungen im Portal.",
  },
  {
    key: "auditEntries",
    title: "Protokoll Ihrer Handlungen",
    description:
      "Die Einträge des Protokolls, die Ihre eigenen Handlungen festhalten: was, wann und woran.",
  },
] as const;

export type DataExportSectionKey = (typeof dataExportSections)[number]["key"];

/** What the export leaves out, and why; the page and the HTML download list it alike. */
export const dataExportExclusions = [
  "Angaben zu Klientinnen und Klienten aus Übergaben (Pseudonyme, Anlass, Notizen, Einwilligung) und der Text der Diskussionen zu Übergaben: Sie gehören zur Akte der Klientin oder des Klienten bei der Organisation, nicht zu Ihren persönlichen Daten. Auskunft darüber gibt die Organisation.",
  "Pseudonyme, unter denen Sie Plätze für Veranstaltungen reserviert haben: Sie bezeichnen Klientinnen und Klienten.",
  "Passwort, zweiter Faktor und Wiederherstellungscodes: Das Portal speichert sie nur so, dass niemand sie zurückrechnen kann.",
  "Kennungen Ihrer Sitzungen: Mit ihnen könnte sich jemand als Sie anmelden.",
  "IP-Adressen: Das Protokoll speichert sie nur als nicht umkehrbaren Schlüssel-Hash.",
  "Beiträge anderer Personen und Daten Ihrer Organisation, die nicht Sie betreffen.",
] as const;

export const dataExportTexts = {
  heading: "Meine Daten",
  documentTitle: "Meine Daten im Netzwerke-ABC-Portal",
  createdFor: (name: string, organizationName: string, createdAt: string) =>
    `Auskunft für ${name} (${organizationName}), erstellt am ${createdAt}.`,
  legalBasis:
    "Auskunft nach Art. 15 DSGVO und Datenübertragbarkeit nach Art. 20 DSGVO: alles, was das Portal über Sie speichert.",
  excludedHeading: "Nicht enthalten",
  none: "Keine Einträge.",
  textWithheld: "(Text nicht enthalten: Diskussion zu einer Übergabe)",
  tooMany: (seconds: number) =>
    `Sie haben Ihre Daten in der letzten Stunde schon oft heruntergeladen. Bitte versuchen Sie es in ${Math.ceil(seconds / 60)} Minuten erneut.`,
} as const;
