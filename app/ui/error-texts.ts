/** What a person reads when a page cannot be shown; shared by the error boundary and the server. */
export const errorTexts: Record<number, { title: string; text: string }> = {
  403: {
    title: "Kein Zugriff",
    text: "Dafür fehlt Ihnen die Berechtigung. Wenden Sie sich an Ihre Organisations-Administration, wenn Sie sie brauchen.",
  },
  404: {
    title: "Nicht gefunden",
    text: "Diese Seite gibt es nicht – oder Sie haben keinen Zugriff darauf.",
  },
  503: {
    title: "Vorübergehend nicht erreichbar",
    text: "Das Portal ist gerade vorübergehend nicht erreichbar. Bitte versuchen Sie es in einem Moment noch einmal. Ihre Eingaben wurden nicht gespeichert.",
  },
};

export const unexpectedErrorText = {
  title: "Ein Fehler ist aufgetreten",
  text: "Das hat leider nicht geklappt. Bitte versuchen Sie es in einem Moment noch einmal. Ihre Eingaben wurden nicht gespeichert.",
};
