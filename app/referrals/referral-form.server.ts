import { z } from "zod";
import { ageBands, contactPreferences, serviceCategories, urgencies } from "~/db/schema";
import { fieldErrors, formFailure, formValues, type FieldErrors } from "~/forms.server";
import { consentFieldNames, consentSchema, type ConsentFormInput } from "./consent";
import { checkPseudonym } from "./pseudonym";
import { referralTexts as texts } from "./texts";

export const referralMultiValuedFields = ["needs"] as const;

const referralFieldsSchema = z.object({
  serviceId: z.string().uuid(texts.serviceRequired),
  pseudonym: z.string().transform((value, context) => {
    const checked = checkPseudonym(value);
    if (checked.ok) return checked.value;
    context.addIssue({ code: "custom", message: checked.message });
    return z.NEVER;
  }),
  ageBand: z.enum(ageBands, { errorMap: () => ({ message: texts.ageBandRequired }) }),
  needs: z
    .array(z.enum(serviceCategories, { errorMap: () => ({ message: texts.needsRequired }) }))
    .min(1, texts.needsRequired),
  reason: z.string().trim().min(1, texts.reasonRequired).max(2000, texts.reasonTooLong),
  urgency: z.enum(urgencies, { errorMap: () => ({ message: texts.urgencyInvalid }) }),
  contactPreference: z.enum(contactPreferences, {
    errorMap: () => ({ message: texts.contactInvalid }),
  }),
});
export type ReferralFields = z.infer<typeof referralFieldsSchema>;

export interface ParsedReferralForm {
  referral: ReferralFields;
  consent: ConsentFormInput | null;
}

/**
 * Reads the creation or draft form. The consent fieldset may stay empty in a draft; once any of
 * its fields is filled, or the referral is to be sent, all of it must be valid.
 */
export function parseReferralForm(
  formData: FormData,
  options: { today: string; sending: boolean },
): { ok: true; data: ParsedReferralForm } | { ok: false; response: Response } {
  const raw = formValues(formData, referralMultiValuedFields);
  const errors: FieldErrors = {};
  const referral = referralFieldsSchema.safeParse(raw);
  if (!referral.success) Object.assign(errors, fieldErrors(referral.error));

  // „Eingeholt von“ and „Datum der Einwilligung“ come prefilled (the signed-in person, today),
  // so only the fields a person fills in themselves tell that a consent was started.
  const consentStarted = consentFieldNames
    .filter((name) => name !== "consentObtainedBy" && name !== "consentObtainedOn")
    .some((name) => String(raw[name] ?? "").trim() !== "");
  let consent: ConsentFormInput | null = null;
  if (consentStarted || options.sending) {
    const parsed = consentSchema(options.today).safeParse(raw);
    if (parsed.success) consent = parsed.data;
    else Object.assign(errors, fieldErrors(parsed.error));
  }
  if (!referral.success || Object.keys(errors).length > 0) {
    return { ok: false, response: formFailure(raw, errors) };
  }
  return { ok: true, data: { referral: referral.data, consent } };
}
