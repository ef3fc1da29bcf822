import { type MemberRole, type OrganizationKind } from "~/db/vocabularies";

export const organizationKindLabels: Record<OrganizationKind, string> = {
  jobcenter: "Jobcenter",
  agentur_fuer_arbeit: "Agentur für Arbeit",
  jugendamt: "Jugendamt",
  schuldnerberatung: "Schuldnerberatung",
  suchtberatung: "Suchtberatung",
  psychosozialer_dienst: "Psychosozialer Dienst",
  bildungstraeger: "Bildungsträger",
  arbeitgeber: "Arbeitgeber",
  kammer: "Kammer",
  krankenkasse: "Krankenkasse",
  kommune: "Kommune",
  migrationsberatung: "Migrationsberatung",
  sonstige: "Sonstige",
};

export const memberRoleLabels: Record<MemberRole, string> = {
  org_admin: "Organisations-Administration",
  staff: "Fachkraft",
  employer_member: "Arbeitgeber-Kontakt",
};

export const organizationTexts = {
  nameRequired: "Bitte geben Sie den Namen der Organisation ein.",
  kindInvalid: "Bitte wählen Sie die Art der Organisation.",
  kindSetByCoordination:
    "Die Art ändert die Netzwerkkoordination, weil von ihr Schweigepflicht und Rechte abhängen.",
  employerRoleOnly:
    "In einer Arbeitgeber-Organisation gibt es nur die Rollen Organisations-Administration und Arbeitgeber-Kontakt.",
  emailInvalid: "Bitte geben Sie eine gültige E-Mail-Adresse ein, z. B. name@example.org.",
  websiteInvalid: "Bitte geben Sie eine vollständige Adresse ein, z. B. https://www.example.org.",
  roleInvalid: "Bitte wählen Sie eine Rolle.",
  alreadyInvited:
    "An diese Adresse wurde bereits eine gültige Einladung verschickt. Sie ist 7 Tage gültig.",
  cannotChangeOwnRole: "Sie können Ihre eigene Rolle nicht ändern.",
  cannotDeactivateSelf: "Sie können sich nicht selbst deaktivieren.",
  lastAdmin: "Die Organisation braucht mindestens eine Administration.",
} as const;

/** The mails of an invitation. */
export const invitationTexts = {
  subject: (organizationName: string) =>
    `Einladung in das Netzwerke-ABC-Portal (${organizationName})`,
  body: (invitation: {
    inviterName: string;
    organizationName: string;
    roleLabel: string;
    link: string;
    expiresAt: Date;
  }) =>
    [
      "Guten Tag,",
      "",
      `${invitation.inviterName} lädt Sie ein, im Netzwerke-ABC-Portal für „${invitation.organizationName}“ mitzuarbeiten (Rolle: ${invitation.roleLabel}).`,
      "",
      "Bitte legen Sie über diesen Link Ihr Passwort fest:",
      invitation.link,
      "",
      `Der Link ist 7 Tage gültig (bis ${invitation.expiresAt.toLocaleString("de-DE", { timeZone: "Europe/Berlin" })}) und kann nur einmal verwendet werden.`,
      "Wenn Sie diese Einladung nicht erwartet haben, können Sie diese E-Mail ignorieren.",
    ].join("\n"),
  existingAccountSubject: "Einladung in das Netzwerke-ABC-Portal: Sie haben bereits ein Konto",
  existingAccountBody: (inviterName: string, organizationName: string) =>
    [
      "Guten Tag,",
      "",
      `${inviterName} wollte Sie für „${organizationName}“ in das Netzwerke-ABC-Portal einladen.`,
      "Unter dieser E-Mail-Adresse gibt es bereits ein Konto; eine Person kann nur einer Organisation angehören.",
      "",
      `Wenn Sie künftig für „${organizationName}“ arbeiten, bitten Sie die Administration Ihrer bisherigen Organisation, Ihr Konto zu deaktivieren, und ${inviterName}, Sie danach erneut einzuladen.`,
      "Wenn Sie diese Einladung nicht erwartet haben, können Sie diese E-Mail ignorieren.",
    ].join("\n"),
};
