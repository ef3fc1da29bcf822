import { z } from "zod";
import { declineReasons, outcomeCodes } from "~/db/vocabularies";
import { isoDateField } from "./consent";
import type { TransitionName } from "./state-machine";
import { referralTexts as texts } from "./texts";

const note = z
  .string()
  .trim()
  .max(1000, texts.noteTooLong)
  .optional()
  .transform((value) => value || null);

/** The fields each action on the detail page asks for. */
export const transitionSchemas = {
  send: z.object({}),
  accept: z.object({ note }),
  decline: z.object({
    declineReason: z.enum(declineReasons, {
      errorMap: () => ({ message: texts.declineReasonRequired }),
    }),
    note,
  }),
  start: z.object({ firstAppointmentOn: isoDateField(texts.appointmentInvalid), note }),
  complete: z.object({
    outcome: z.enum(outcomeCodes, { errorMap: () => ({ message: texts.outcomeRequired }) }),
    note,
  }),
  withdraw: z.object({ note }),
  revokeConsent: z.object({ note }),
} satisfies Record<TransitionName, z.ZodTypeAny>;

export type TransitionInput = {
  [Name in TransitionName]: z.infer<(typeof transitionSchemas)[Name]>;
};
