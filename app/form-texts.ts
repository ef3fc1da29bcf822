/** What a person reads when the portal cannot take a form as it arrived (~/forms.server.ts). */
export const formTexts = {
  unreadable:
    "Das Formular konnte nicht gelesen werden. Bitte laden Sie die Seite neu und senden Sie es noch einmal ab.",
  unknownIntent:
    "Diese Aktion ist unbekannt. Bitte laden Sie die Seite neu und versuchen Sie es noch einmal.",
  invalidCharacters:
    "Einige Felder enthalten Zeichen, die nicht gespeichert werden können. Bitte prüfen Sie die markierten Felder.",
  invalidCharactersField:
    "Dieses Feld enthält ein unzulässiges Zeichen (jetzt als „\uFFFD“ zu sehen). Bitte entfernen Sie es.",
  duplicates:
    "Einige Felder kamen mehrfach an. Bitte laden Sie die Seite neu und senden Sie das Formular noch einmal ab.",
  duplicateField: "Dieses Feld wurde mehrfach gesendet.",
  tooLargeTitle: "Anfrage zu groß",
  tooLargeBack: "Mit der Zurück-Taste Ihres Browsers kommen Sie zum Formular zurück.",
  tooLarge: (maxBytes: number) =>
    `Die gesendeten Daten sind zu groß (höchstens ${formatSize(maxBytes)}). Bitte kürzen Sie Ihre Eingaben und senden Sie das Formular noch einmal ab.`,
};

function formatSize(bytes: number): string {
  const [value, unit] = bytes >= 1024 * 1024 ? [bytes / 1024 / 1024, "MB"] : [bytes / 1024, "KB"];
  return `${value.toLocaleString("de-DE", { maximumFractionDigits: 1 })} ${unit}`;
}

/** Fallbacks for rules a schema words no message of its own for (a field missing entirely). */
export const schemaFallbackTexts = {
  required: "Bitte füllen Sie dieses Feld aus.",
  invalid: "Bitte prüfen Sie diese Angabe.",
};
