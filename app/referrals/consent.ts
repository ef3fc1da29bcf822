import { z } from "zod";
import { consentForms } from "~/db/vocabularies";
import { checkbox } from "~/form-schema";
import { referralTexts as texts } from "./texts";

/** The longest a documented consent may run, from the day it was given. */
export const MAX_CONSENT_MONTHS = 24;

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

function isRealDate(value: string): boolean {
  if (!isoDate.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

export function isoDateField(message: string) {
  return z.string().trim().refine(isRealDate, message);
}

/** Adds calendar months; a day that does not exist in the target month falls back to its last day. */
export function addMonths(isoDay: string, months: number): string {
  const [year, month, day] = isoDay.split("-").map(Number) as [number, number, number];
  const target = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(
    Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0),
  ).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target.toISOString().slice(0, 10);
}

/** The consent fields of the referral form; `today` is the Europe/Berlin calendar date. */
export function consentSchema(today: string) {
  return z
    .object({
      consentObtainedBy: z
        .string()
        .trim()
        .min(1, texts.consentObtainedByRequired)
        .max(120, texts.consentObtainedByRequired),
      consentObtainedOn: isoDateField(texts.consentDateInvalid).refine(
        (value) => value <= today,
        texts.consentDateInFuture,
      ),
      consentForm: z.enum(consentForms, {
        errorMap: () => ({ message: texts.consentFormInvalid }),
      }),
      consentOrganizationId: z.string().uuid(texts.consentOrganizationInvalid),
      consentPurpose: z
        .string()
        .trim()
        .min(1, texts.consentPurposeRequired)
        .max(500, texts.consentPurposeTooLong),
      consentValidUntil: isoDateField(texts.consentValidUntilInvalid),
      consentCoversFeedback: checkbox(),
    })
    .superRefine((consent, context) => {
      if (consent.consentValidUntil <= consent.consentObtainedOn) {
        context.addIssue({
          code: "custom",
          path: ["consentValidUntil"],
          message: texts.consentValidUntilBeforeStart,
        });
      } else if (
        consent.consentValidUntil > addMonths(consent.consentObtainedOn, MAX_CONSENT_MONTHS)
      ) {
        context.addIssue({
          code: "custom",
          path: ["consentValidUntil"],
          message: texts.consentValidUntilTooLate,
        });
      }
    });
}

export type ConsentFormInput = z.infer<ReturnType<typeof consentSchema>>;

export const consentFieldNames = [
  "consentObtainedBy",
  "consentObtainedOn",
  "consentForm",
  "consentOrganizationId",
  "consentPurpose",
  "consentValidUntil",
] as const;

export interface StoredConsent {
  organizationId: string;
  validUntil: string;
  revokedAt: Date | string | null;
}

/**
 * Why a referral may not (any longer) go to its receiver, or null when the consent allows it.
 * A consent is valid through the whole of its last day.
 */
export function consentProblem(
  consent: StoredConsent | null | undefined,
  receiverOrganizationId: string,
  today: string,
): string | null {
  if (!consent) return texts.consentMissing;
  if (consent.revokedAt) return texts.consentRevoked;
  if (consent.organizationId !== receiverOrganizationId) return texts.consentWrongOrganization;
  if (consent.validUntil < today) return texts.consentExpired;
  return null;
}
