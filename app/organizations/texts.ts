import type { MemberRole, OrganizationKind } from "~/db/schema";

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
  emailInvalid: "Bitte geben Sie eine gültige E-Mail-Adresse ein, z. B. name@example.org.",
  websiteInvalid: "Bitte geben Sie eine vollständige Adresse ein, z. B. https://www.example.org.",
  roleInvalid: "Bitte wählen Sie eine Rolle.",
  alreadyMember: "Diese Person hat bereits ein Konto im Portal.",
  alreadyInvited:
    "An diese Adresse wurde bereits eine gültige Einladung verschickt. Sie ist 7 Tage gültig.",
  cannotChangeOwnRole: "Sie können Ihre eigene Rolle nicht ändern.",
  cannotDeactivateSelf: "Sie können sich nicht selbst deaktivieren.",
  lastAdmin: "Die Organisation braucht mindestens eine Administration.",
} as const;
