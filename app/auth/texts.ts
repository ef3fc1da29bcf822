/** Everything a person reads about signing in, in one place. */
export const authTexts = {
  invalidCredentials: "E-Mail-Adresse oder Passwort ist falsch.",
  throttled: (seconds: number) =>
    seconds >= 120
      ? `Zu viele fehlgeschlagene Anmeldeversuche. Bitte versuchen Sie es in ${Math.ceil(seconds / 60)} Minuten erneut.`
      : `Zu viele fehlgeschlagene Anmeldeversuche. Bitte versuchen Sie es in ${seconds} Sekunden erneut.`,
  emailRequired: "Bitte geben Sie Ihre E-Mail-Adresse ein.",
  emailInvalid: "Bitte geben Sie eine gültige E-Mail-Adresse ein, z. B. name@example.org.",
  passwordRequired: "Bitte geben Sie Ihr Passwort ein.",
  passwordTooShort: "Das Passwort muss mindestens 12 Zeichen lang sein.",
  passwordTooLong: "Das Passwort darf höchstens 256 Zeichen lang sein.",
  /** Followed by the estimator's German hint (zxcvbn's feedback, translated by language-de). */
  passwordWeak: "Dieses Passwort ist zu leicht zu erraten.",
  passwordHint:
    "Wählen Sie zum Beispiel drei oder vier Wörter, die nicht zusammengehören, wie „Kaffeetasse Fahrrad Sonnenblume“.",
  passwordContainsEmail: "Das Passwort darf Ihre E-Mail-Adresse nicht enthalten.",
  passwordMismatch: "Die beiden Passwörter stimmen nicht überein.",
  nameRequired: "Bitte geben Sie Ihren Namen ein.",
  invitationInvalid:
    "Diese Einladung ist ungültig, abgelaufen oder wurde bereits verwendet. Bitten Sie Ihre Organisations-Administration um eine neue Einladung.",
  accountExists: "Für diese E-Mail-Adresse besteht bereits ein Konto. Bitte melden Sie sich an.",
} as const;
