import { z } from "zod";
import { eventKinds, type EventJob, type EventKind } from "~/db/schema";
import { targetGroups } from "~/directory/target-groups";
import {
  fieldErrors,
  formFailure,
  formValues,
  type FieldErrors,
  type FormValues,
} from "~/forms.server";
import type { RichTextDocument } from "~/rich-text/schema";
import { endOfBerlinDay, fromBerlinLocal, isCalendarDate } from "./berlin-time";
import { eventFormTexts as texts, MAX_CAPACITY } from "./texts";
import { parseRichTextField } from "~/rich-text/form-field";

export const eventMultiValuedFields = ["targetGroups", "jobTitle", "jobPositions"] as const;

const optionalText = (max: number, message: string) =>
  z.string().trim().max(max, message).default("");

const eventFieldsSchema = z.object({
  networkId: z.string().uuid(texts.networkInvalid),
  kind: z.enum(eventKinds, { errorMap: () => ({ message: texts.kindInvalid }) }),
  title: z.string().trim().min(3, texts.titleRequired).max(160, texts.titleTooLong),
  place: optionalText(300, texts.placeTooLong),
  onlineUrl: z
    .string()
    .trim()
    .max(500, texts.onlineUrlInvalid)
    .refine((value) => value === "" || isWebAddress(value), { message: texts.onlineUrlInvalid })
    .default(""),
  capacity: z.coerce
    .number({ invalid_type_error: texts.capacityInvalid })
    .int(texts.capacityInvalid)
    .min(1, texts.capacityInvalid)
    .max(MAX_CAPACITY, texts.capacityInvalid),
  targetGroups: z
    .array(z.enum(targetGroups, { errorMap: () => ({ message: texts.vocabularyInvalid }) }))
    .default([]),
  languageRequirements: optionalText(500, texts.textTooLong),
  accessibility: optionalText(500, texts.textTooLong),
  contactName: optionalText(120, texts.contactTooLong),
  contactEmail: z
    .string()
    .trim()
    .max(200, texts.contactTooLong)
    .refine((value) => value === "" || z.string().email().safeParse(value).success, {
      message: texts.contactEmailInvalid,
    })
    .default(""),
  contactPhone: optionalText(60, texts.contactTooLong),
});

/** A validated event as the domain functions take it: instants in UTC. */
export interface EventInput {
  networkId: string;
  kind: EventKind;
  title: string;
  description: RichTextDocument;
  startsAt: Date;
  endsAt: Date;
  place: string;
  onlineUrl: string;
  capacity: number;
  registrationDeadline: Date;
  targetGroups: string[];
  jobs: EventJob[];
  languageRequirements: string;
  accessibility: string;
  contactName: string;
  contactEmail: string;
  contactPhone: string;
}

function isWebAddress(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "https:" || url.protocol === "http:";
  } catch {
    return false;
  }
}

const text = (raw: FormValues, name: string) => {
  const value = raw[name];
  return typeof value === "string" ? value.trim() : "";
};

/**
 * A Berlin date and time field pair as an instant. A bad date is reported on the date field; a
 * time that does not exist on that day (the spring DST change) on the time field, with why.
 */
function berlinInstant(
  raw: FormValues,
  dateField: string,
  timeField: string,
  errors: FieldErrors,
  fallbackDate?: string,
): Date | null {
  const ownDate = text(raw, dateField);
  const date = ownDate || fallbackDate || "";
  const time = text(raw, timeField);
  if (!isCalendarDate(date)) {
    // An empty optional date borrows another field's date; its error is reported there.
    if (ownDate !== "" || fallbackDate === undefined) errors[dateField] ??= texts.dateInvalid;
    return null;
  }
  const converted = fromBerlinLocal(date, time);
  if (converted.ok) return converted.instant;
  errors[timeField] ??=
    converted.reason === "nonexistent" ? texts.timeNonexistent(date, time) : texts.timeInvalid;
  return null;
}

/** The deadline: a date and time, or a date alone meaning the end of that Berlin day. */
function deadlineInstant(raw: FormValues, errors: FieldErrors): Date | null {
  if (text(raw, "deadlineTime") !== "") {
    return berlinInstant(raw, "deadlineDate", "deadlineTime", errors);
  }
  const converted = endOfBerlinDay(text(raw, "deadlineDate"));
  if (converted.ok) return converted.instant;
  errors.deadlineDate = texts.dateInvalid;
  return null;
}

/** Title/positions rows of the jobs table; rows left empty are dropped. */
function parseJobs(titles: string[], positions: string[]): EventJob[] | string {
  const jobs: EventJob[] = [];
  for (let row = 0; row < Math.max(titles.length, positions.length); row += 1) {
    const title = (titles[row] ?? "").trim();
    const count = (positions[row] ?? "").trim();
    if (!title && !count) continue;
    const number = Number(count);
    if (!title || !Number.isInteger(number) || number < 1 || number > 10_000) {
      return texts.jobIncomplete;
    }
    if (title.length > 120) return texts.jobTooLong;
    jobs.push({ title, positions: number });
  }
  return jobs.length > 20 ? texts.tooManyJobs : jobs;
}

export interface EventFormContext {
  allowedNetworkIds: string[];
  now: Date;
  /** When editing: an unchanged start may lie in the past (e.g. fixing a typo afterwards). */
  previousStartsAt?: Date;
}

/** Validates the submitted values; every problem is reported at once, in German. */
export function readEventForm(
  raw: FormValues,
  context: EventFormContext,
): { ok: true; data: EventInput } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const fields = eventFieldsSchema.safeParse(raw);
  if (!fields.success) Object.assign(errors, fieldErrors(fields.error));
  if (fields.success && !context.allowedNetworkIds.includes(fields.data.networkId)) {
    errors.networkId = texts.networkInvalid;
  }
  const description = parseRichTextField(raw, "description", texts.descriptionRequired);
  if (!description.ok) errors.description = description.message;

  const startsAt = berlinInstant(raw, "startDate", "startTime", errors);
  const endsAt = berlinInstant(raw, "endDate", "endTime", errors, text(raw, "startDate"));
  const registrationDeadline = deadlineInstant(raw, errors);
  if (startsAt && endsAt && endsAt <= startsAt) errors.endTime ??= texts.endBeforeStart;
  if (
    startsAt &&
    startsAt < context.now &&
    startsAt.getTime() !== context.previousStartsAt?.getTime()
  ) {
    errors.startDate ??= texts.startInPast;
  }
  if (startsAt && registrationDeadline && registrationDeadline >= startsAt) {
    errors.deadlineDate ??= texts.deadlineAfterStart;
  }
  // A new event whose registration is already closed could never take a reservation.
  if (
    registrationDeadline &&
    registrationDeadline < context.now &&
    context.previousStartsAt === undefined
  ) {
    errors.deadlineDate ??= texts.deadlineInPast;
  }
  if (text(raw, "place") === "" && text(raw, "onlineUrl") === "") {
    errors.place ??= texts.placeOrOnline;
  }

  const jobs = parseJobs(
    (raw.jobTitle as string[] | undefined) ?? [],
    (raw.jobPositions as string[] | undefined) ?? [],
  );
  if (typeof jobs === "string") errors.jobs = jobs;

  if (
    !fields.success ||
    !description.ok ||
    !startsAt ||
    !endsAt ||
    !registrationDeadline ||
    typeof jobs === "string" ||
    Object.keys(errors).length > 0
  ) {
    return { ok: false, errors };
  }
  return {
    ok: true,
    data: {
      ...fields.data,
      description: description.doc,
      startsAt,
      endsAt,
      registrationDeadline,
      jobs,
    },
  };
}

/** Reads the event form; on failure the 400 response with German errors and the typed values. */
export function parseEventForm(
  formData: FormData,
  context: EventFormContext,
): { ok: true; data: EventInput } | { ok: false; response: Response } {
  const raw = formValues(formData, eventMultiValuedFields);
  const result = readEventForm(raw, context);
  return result.ok ? result : { ok: false, response: formFailure(raw, result.errors) };
}
