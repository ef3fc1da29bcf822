import { z } from "zod";
import { courseInstruments, organizationKinds } from "~/db/schema";
import { endOfBerlinDay, isCalendarDate } from "~/events/berlin-time";
import {
  fieldErrors,
  formFailure,
  formValues,
  type FieldErrors,
  type FormValues,
} from "~/forms.server";
import type { RichTextDocument } from "~/rich-text/schema";
import { courseFormTexts as texts, pledgeTexts } from "./texts";
import { parseRichTextField } from "~/rich-text/form-field";

const MAX_COURSE_SEATS = 500;

/** A whole number of seats typed into a text field, within bounds. */
const seatCount = (minimum: number, message: string) =>
  z
    .string({ required_error: message })
    .trim()
    .regex(/^\d{1,4}$/, message)
    .transform(Number)
    .refine((value) => value >= minimum && value <= MAX_COURSE_SEATS, message);

/** A calendar date "YYYY-MM-DD" that exists (not 2026-02-30). */
const calendarDate = (message: string) =>
  z.string({ required_error: message }).trim().refine(isCalendarDate, message);

const courseFieldsSchema = z.object({
  title: z.string().trim().min(3, texts.titleRequired).max(160, texts.titleTooLong),
  instrument: z.enum(courseInstruments, {
    errorMap: () => ({ message: texts.instrumentInvalid }),
  }),
  startDate: calendarDate(texts.startDateInvalid),
  duration: z.string().trim().min(1, texts.durationRequired).max(120, texts.durationTooLong),
  place: z.string().trim().min(1, texts.placeRequired).max(200, texts.placeTooLong),
  minParticipants: seatCount(1, texts.minimumInvalid),
  maxParticipants: seatCount(1, texts.maximumInvalid),
  pledgeDeadline: calendarDate(texts.deadlineInvalid),
  admittedKinds: z
    .array(z.enum(organizationKinds, { errorMap: () => ({ message: texts.vocabularyInvalid }) }))
    .min(1, texts.admittedKindsRequired),
  networkId: z.string().uuid(texts.networkInvalid),
});

export interface CourseInput extends Omit<z.infer<typeof courseFieldsSchema>, "pledgeDeadline"> {
  description: RichTextDocument;
  /** The end of the deadline's day in Berlin, as an instant. */
  pledgeDeadline: Date;
}

export interface CourseFormContext {
  allowedNetworkIds: string[];
  now: Date;
  /** The stored deadline when editing: an unchanged deadline may already have passed. */
  currentDeadline?: Date;
}

const fieldSchemas = courseFieldsSchema.shape;

/** One field's value when it is valid on its own, else undefined. */
function validField<Name extends keyof typeof fieldSchemas>(
  name: Name,
  raw: FormValues,
): z.infer<(typeof fieldSchemas)[Name]> | undefined {
  const parsed = fieldSchemas[name].safeParse(raw[name]);
  return parsed.success ? parsed.data : undefined;
}

/**
 * Rules that relate several fields, checked as soon as the fields involved are valid on their
 * own, so that one submit reports every problem.
 */
function crossFieldErrors(raw: FormValues, context: CourseFormContext): FieldErrors {
  const errors: FieldErrors = {};
  const [minimum, maximum] = [
    validField("minParticipants", raw),
    validField("maxParticipants", raw),
  ];
  if (minimum !== undefined && maximum !== undefined && minimum > maximum) {
    errors.minParticipants = texts.minimumAboveMaximum;
  }
  const [startDate, deadlineDate] = [
    validField("startDate", raw),
    validField("pledgeDeadline", raw),
  ];
  const deadline = deadlineDate === undefined ? undefined : endOfBerlinDay(deadlineDate);
  if (startDate !== undefined && deadlineDate !== undefined && deadlineDate >= startDate) {
    errors.pledgeDeadline = texts.deadlineNotBeforeStart;
  } else if (
    deadline?.ok &&
    deadline.instant.getTime() !== context.currentDeadline?.getTime() &&
    deadline.instant.getTime() <= context.now.getTime()
  ) {
    errors.pledgeDeadline = texts.deadlineInPast;
  }
  const networkId = validField("networkId", raw);
  if (networkId !== undefined && !context.allowedNetworkIds.includes(networkId)) {
    errors.networkId = texts.networkInvalid;
  }
  return errors;
}

/** The course form's checkbox group; every other field comes once. */
export const courseMultiValuedFields = ["admittedKinds"] as const;

/** Reads the course form; a rejected form answers 400 with German messages and what was typed. */
export function parseCourseForm(
  formData: FormData,
  context: CourseFormContext,
): { ok: true; data: CourseInput } | { ok: false; response: Response } {
  const raw = formValues(formData, courseMultiValuedFields);
  const fields = courseFieldsSchema.safeParse(raw);
  const errors: FieldErrors = {
    ...crossFieldErrors(raw, context),
    ...(fields.success ? {} : fieldErrors(fields.error)),
  };
  const description = parseRichTextField(raw, "description", texts.descriptionRequired);
  if (!description.ok) errors.description = description.message;

  const deadline = fields.success ? endOfBerlinDay(fields.data.pledgeDeadline) : null;
  if (!fields.success || !deadline?.ok || !description.ok || Object.keys(errors).length > 0) {
    return { ok: false, response: formFailure(raw, errors) };
  }
  return {
    ok: true,
    data: { ...fields.data, description: description.doc, pledgeDeadline: deadline.instant },
  };
}

const pledgeSchema = z.object({ seats: seatCount(0, pledgeTexts.seatsInvalid) });

/** The pledge form: the organisation's whole pledge as a number of seats, 0 withdraws it. */
export function parsePledgeForm(
  formData: FormData,
): { ok: true; seats: number } | { ok: false; response: Response } {
  const raw = formValues(formData);
  const parsed = pledgeSchema.safeParse(raw);
  if (parsed.success) return { ok: true, seats: parsed.data.seats };
  return { ok: false, response: formFailure(raw, fieldErrors(parsed.error)) };
}
