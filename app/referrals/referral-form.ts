import { z } from "zod";
import { ageBands, contactPreferences, serviceCategories, urgencies } from "~/db/vocabularies";
import { type ServiceCategory } from "~/db/vocabularies";
import { checkboxes } from "~/form-schema";
import { consentFieldNames, consentSchema } from "./consent";
import { checkPseudonym } from "./pseudonym";
import { referralTexts as texts } from "./texts";

/** The two buttons of the form: send now, or keep as a draft. */
export const referralIntents = ["send", "draft"] as const;
export type ReferralIntent = (typeof referralIntents)[number];

/** Fields the form sends once per ticked box. */
export const referralMultiValued = ["needs"] as const;

const isServiceCategory = (value: string): value is ServiceCategory =>
  (serviceCategories as readonly string[]).includes(value);

const referralFieldsSchema = z.object({
  serviceId: z.string().uuid(texts.serviceRequired),
  pseudonym: z.string().transform((value, context) => {
    const checked = checkPseudonym(value);
    if (checked.ok) return checked.value;
    context.addIssue({ code: "custom", message: checked.message });
    return z.NEVER;
  }),
  ageBand: z.enum(ageBands, { errorMap: () => ({ message: texts.ageBandRequired }) }),
  // One message for the group, also for a value that is not in the list.
  needs: checkboxes(z.string()).refine(
    (needs): needs is ServiceCategory[] => needs.length > 0 && needs.every(isServiceCategory),
    texts.needsRequired,
  ),
  reason: z.string().trim().min(1, texts.reasonRequired).max(2000, texts.reasonTooLong),
  urgency: z.enum(urgencies, { errorMap: () => ({ message: texts.urgencyInvalid }) }),
  contactPreference: z.enum(contactPreferences, {
    errorMap: () => ({ message: texts.contactInvalid }),
  }),
});
export type ReferralFields = z.infer<typeof referralFieldsSchema>;

// „Eingeholt von“ and „Datum der Einwilligung“ come prefilled (the signed-in person, today), so
// only the fields a person fills in themselves tell that a consent was started.
const consentStartedBy = consentFieldNames.filter(
  (name) => name !== "consentObtainedBy" && name !== "consentObtainedOn",
);

/**
 * The consent fieldset may stay empty in a draft; once any of its fields is filled, or the
 * referral is to be sent, all of it must be valid. In the browser the intent is known only on
 * submit (the button pressed), so a check on leaving a field asks for a started consent only.
 */
function consentPartSchema(today: string) {
  const consent = consentSchema(today);
  const text = z.string().default("");
  return z
    .object({
      intent: z.enum(referralIntents).optional(),
      consentObtainedBy: text,
      consentObtainedOn: text,
      consentForm: text,
      consentOrganizationId: text,
      consentPurpose: text,
      consentValidUntil: text,
      // Left as sent: the consent's own schema reads the box.
      consentCoversFeedback: z.string().optional(),
    })
    .transform((raw, context) => {
      const started = consentStartedBy.some((name) => raw[name].trim() !== "");
      if (!started && raw.intent !== "send") return { consent: null };
      const parsed = consent.safeParse(raw);
      if (parsed.success) return { consent: parsed.data };
      for (const issue of parsed.error.issues) context.addIssue(issue);
      return z.NEVER;
    });
}

/**
 * The creation and draft form, checked in the browser and again by the action. `today` is the
 * Europe/Berlin calendar date (a consent cannot be dated later); the page gets it from its
 * loader, so browser and server check against the same day. The referral's fields and the
 * consent are checked side by side, so every message comes back at once.
 */
export function referralSchema(today: string) {
  return referralFieldsSchema
    .and(consentPartSchema(today))
    .transform(({ consent, ...referral }) => ({ referral, consent }));
}
export type ParsedReferralForm = z.output<ReturnType<typeof referralSchema>>;
