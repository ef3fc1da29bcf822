export const networkTexts = {
  nameRequired: "Bitte geben Sie einen Namen für das Netzwerk ein.",
  nameTaken: "Ein Netzwerk mit diesem Namen gibt es bereits.",
  regionRequired: "Bitte geben Sie die Region an, z. B. „Weimarer Land“.",
  coordinatorEmailInvalid: "Bitte geben Sie die E-Mail-Adresse der künftigen Koordination ein.",
  coordinatorUnknown:
    "Unter dieser E-Mail-Adresse gibt es kein aktives Konto. Die Koordination muss bereits ein Konto im Portal haben – laden Sie die Person sonst zuerst über ihre Organisation ein.",
  organizationRequired: "Bitte wählen Sie eine Organisation aus.",
  alreadyMember: "Diese Organisation gehört bereits zum Netzwerk.",
  adminEmailInvalid:
    "Bitte geben Sie die E-Mail-Adresse der Person ein, die die Organisation verwalten soll.",
  admittedNotification: (networkName: string) =>
    `Ihre Organisation wurde in das Netzwerk „${networkName}“ aufgenommen.`,
  removedNotification: (networkName: string) =>
    `Ihre Organisation gehört nicht mehr zum Netzwerk „${networkName}“.`,
  coordinatorNotification: (networkName: string) =>
    `Sie koordinieren jetzt das Netzwerk „${networkName}“.`,
} as const;

type Details = Record<string, string | number | boolean | null> | null;

/** Sentences for the "Aktuelles" list on Mein Netzwerk; only these audit actions are shown there. */
export const activitySentences: Record<string, (details: Details) => string> = {
  "network.created": (d) => `Das Netzwerk „${d?.networkName ?? ""}“ wurde gegründet.`,
  "network.organization_admitted": (d) =>
    `${d?.organizationName ?? "Eine Organisation"} ist dem Netzwerk beigetreten.`,
  "network.organization_removed": (d) =>
    `${d?.organizationName ?? "Eine Organisation"} hat das Netzwerk verlassen.`,
  "network.coordinator_appointed": (d) =>
    `${d?.personName ?? "Eine Person"} koordiniert jetzt das Netzwerk.`,
};
