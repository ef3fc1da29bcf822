import { type IdeaStatus, type IdeaVisibility } from "~/db/vocabularies";
import type { SearchSort } from "~/search/engine";

/** Everything a person reads about ideas, in one place. */
export const ideaStatusLabels: Record<IdeaStatus, string> = {
  draft: "Entwurf",
  published: "Veröffentlicht",
  archived: "Archiviert",
};

export const ideaVisibilityLabels: Record<IdeaVisibility, string> = {
  network: "nur mein Netzwerk",
  nationwide: "bundesweit",
};

export const facetLabels = {
  targetGroups: "Zielgruppe",
  fieldsOfAction: "Handlungsfeld",
  region: "Region",
  partnerKinds: "Beteiligte Partner",
  funding: "Finanzierung",
  scope: "Sichtbarkeit",
} as const;

export const sortLabels: Record<SearchSort, string> = {
  relevance: "Relevanz",
  newest: "Neueste",
  adopted: "Am häufigsten übernommen",
};

export const ideaTexts = {
  titleRequired: "Bitte geben Sie einen Titel an (mindestens 3 Zeichen).",
  titleTooLong: "Der Titel darf höchstens 160 Zeichen lang sein.",
  summaryRequired: "Bitte fassen Sie die Idee kurz zusammen.",
  summaryTooLong: "Die Kurzbeschreibung darf höchstens 300 Zeichen lang sein.",
  bodyRequired: "Bitte beschreiben Sie die Idee im Textfeld.",
  regionTooLong: "Die Region darf höchstens 120 Zeichen lang sein.",
  periodTooLong: "Der Zeitraum darf höchstens 120 Zeichen lang sein.",
  contactEmailInvalid:
    "Bitte geben Sie eine gültige E-Mail-Adresse an oder lassen Sie das Feld leer.",
  contactTooLong: "Die Angabe darf höchstens 120 Zeichen lang sein.",
  resultIncomplete:
    "Bitte geben Sie zu jedem Ergebnis eine Bezeichnung und einen Wert an, z. B. „Praktika“ und „13“.",
  resultTooLong: "Bezeichnung und Wert eines Ergebnisses dürfen je höchstens 80 Zeichen lang sein.",
  tooManyResults: "Bitte geben Sie höchstens 10 Ergebnisse an.",
  visibilityInvalid: "Bitte wählen Sie, wer die Idee finden kann.",
  networkInvalid: "Bitte wählen Sie eines Ihrer Netzwerke.",
  vocabularyInvalid: "Bitte wählen Sie nur Einträge aus der Liste.",
  adoptionNoteTooLong: "Die Notiz darf höchstens 500 Zeichen lang sein.",
  alreadyAdopted: "Ihre Organisation setzt diese Idee bereits um.",
  adoptedNotification: (organizationName: string, title: string) =>
    `${organizationName} setzt Ihre Idee „${title}“ auch um`,
};
