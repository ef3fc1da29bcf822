import { z } from "zod";
import { checkbox, checkboxes } from "~/form-schema";
import { secondFactorAudiences, type SecondFactorAudience } from "~/db/vocabularies";

/** Everything a person reads about the second factor, in one place. */
export const secondFactorTexts = {
  codeRequired: "Bitte geben Sie den sechsstelligen Code aus Ihrer App ein.",
  codeShape: "Der Code besteht aus sechs Ziffern, z. B. 123 456.",
  codeOrRecoveryRequired:
    "Bitte geben Sie den Code aus Ihrer App oder einen Ihrer Wiederherstellungscodes ein.",
  codeTooLong: "Das ist weder ein Code aus der App noch ein Wiederherstellungscode.",
  codeWrong:
    "Dieser Code stimmt nicht. Nehmen Sie den Code, der gerade in Ihrer App angezeigt wird; jeder Code gilt nur einmal. Stimmt die Uhrzeit Ihres Telefons?",
  codeOrRecoveryWrong:
    "Dieser Code stimmt nicht oder wurde schon verwendet. Geben Sie den aktuellen Code aus Ihrer App oder einen noch nicht verwendeten Wiederherstellungscode ein.",
  alreadyActive: "Für Ihr Konto ist bereits ein zweiter Faktor eingerichtet.",
  notActive: "Für Ihr Konto ist kein zweiter Faktor eingerichtet.",
  ssoNeedsProvider:
    "Die Anmeldung nur über einen Anmeldedienst kann erst verlangt werden, wenn die Plattform-Administration einen Anmeldedienst für Ihre Organisation eingerichtet und freigeschaltet hat.",
  audienceInvalid: "Bitte wählen Sie nur Rollen aus der Liste.",
} as const;

/** The forms of the second-factor pages, told apart by `intent`. */
export const secondFactorIntents = ["confirm", "remove", "renewCodes"] as const;
export type SecondFactorIntent = (typeof secondFactorIntents)[number];

/** Confirming the set-up: a code from the app, and only that. */
export const confirmCodeSchema = z.object({
  code: z
    .string({ required_error: secondFactorTexts.codeRequired })
    .transform((typed) => typed.replace(/[\s-]/g, ""))
    .pipe(
      z
        .string()
        .min(1, secondFactorTexts.codeRequired)
        .regex(/^\d{6}$/, secondFactorTexts.codeShape),
    ),
});

/** Login step, removal, new recovery codes: a code from the app or a recovery code. */
export const codeOrRecoverySchema = z.object({
  code: z
    .string({ required_error: secondFactorTexts.codeOrRecoveryRequired })
    .trim()
    .min(1, secondFactorTexts.codeOrRecoveryRequired)
    .max(64, secondFactorTexts.codeTooLong),
  /** Where the login continues (the login step only; checked by safeRedirectTarget). */
  weiter: z.string().optional(),
});

export const secondFactorAudienceLabels: Record<SecondFactorAudience, string> = {
  platform_admin: "Plattform-Administration",
  coordinator: "Netzwerkkoordination",
  org_admin: "Organisations-Administration",
  staff: "Fachkräfte",
  employer_member: "Mitglieder von Arbeitgebern",
};

export const audienceOptions = secondFactorAudiences.map((value) => ({
  value,
  label: secondFactorAudienceLabels[value],
}));

/** The platform admin's choice of who must have a second factor (Verwaltung → Anmeldung). */
export const signInPolicySchema = z.object({
  roles: checkboxes(
    z.enum(secondFactorAudiences, {
      errorMap: () => ({ message: secondFactorTexts.audienceInvalid }),
    }),
  ),
});

/** The organisation admin's switches on the organisation page. */
export const organizationSignInSchema = z.object({
  requireSecondFactor: checkbox(),
  requireSso: checkbox(),
});
