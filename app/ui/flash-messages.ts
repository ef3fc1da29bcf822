export const flashMessages = {
  loggedOut: "Sie wurden abgemeldet.",
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
} as const;

export type FlashKey = keyof typeof flashMessages;
