import { z } from "zod";
import { courseInstruments, organizationKinds, type OrganizationKind } from "~/db/vocabularies";
import { checkboxes } from "~/form-schema";
import { richTextField } from "~/rich-text/form-field";
import { endOfBerlinDay, isCalendarDate } from "~/time/berlin";
import { courseFormTexts as texts, pledgeTexts } from "./texts";

/** The most seats a course (and a pledge) may have; the form's number fields offer the same. */
export const MAX_COURSE_SEATS = 500;

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

const isOrganizationKind = (kind: string): kind is OrganizationKind =>
  (organizationKinds as readonly string[]).includes(kind);

const fields = {
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
  // Both messages belong to the group, also for a value that is not in the list.
  admittedKinds: checkboxes(z.string())
    .refine((kinds) => kinds.length > 0, texts.admittedKindsRequired)
    .refine(
      (kinds): kinds is OrganizationKind[] => kinds.every(isOrganizationKind),
      texts.vocabularyInvalid,
    ),
  networkId: z.string({ required_error: texts.networkInvalid }).uuid(texts.networkInvalid),
};

/** The course form's checkbox group; every other field comes once. */
export const courseMultiValued = ["admittedKinds"] as const;

/** What the deadline is checked against: both come from the page's loader. */
export interface DeadlineRules {
  /** The Berlin calendar date of today: a new deadline may not lie before it. */
  today: string;
  /** The stored deadline's Berlin date when editing: kept unchanged, it may have passed. */
  keptDeadline?: string;
}

/** One field's value when it is valid on its own, else undefined. */
function validField<Name extends keyof typeof fields>(
  name: Name,
  raw: Record<string, unknown>,
): z.output<(typeof fields)[Name]> | undefined {
  const parsed = fields[name].safeParse(raw[name]);
  return parsed.success ? parsed.data : undefined;
}

/**
 * The rules between fields. They read the typed values beside the fields' own checks, not after
 * them (an object refinement would not run once a field failed), so that one submit reports
 * every problem; a rule speaks once the fields it relates are valid on their own.
 */
function rulesBetweenFields({ today, keptDeadline }: DeadlineRules) {
  return z.record(z.unknown()).transform((raw, context) => {
    const report = (field: string, message: string) =>
      context.addIssue({ code: "custom", path: [field], message });
    const [minimum, maximum] = [
      validField("minParticipants", raw),
      validField("maxParticipants", raw),
    ];
    if (minimum !== undefined && maximum !== undefined && minimum > maximum) {
      report("minParticipants", texts.minimumAboveMaximum);
    }
    const [start, deadline] = [validField("startDate", raw), validField("pledgeDeadline", raw)];
    if (start !== undefined && deadline !== undefined && deadline >= start) {
      report("pledgeDeadline", texts.deadlineNotBeforeStart);
    } else if (deadline !== undefined && deadline !== keptDeadline && deadline < today) {
      report("pledgeDeadline", texts.deadlineInPast);
    }
    // Nothing to add: the intersection merges this with the fields' (trimmed, converted) values.
    return {};
  });
}

/**
 * The form of a new course and of an edit, checked in the browser and again by the action. The
 * description arrives as tiptap JSON from the editor, or as plain text from the textarea that
 * stands in for it without JavaScript. Which networks a course may be in is the action's to
 * check (the user's, or the one it has).
 */
export function courseSchema(deadline: DeadlineRules) {
  return z
    .object(fields)
    .and(richTextField("description", texts.descriptionRequired))
    .and(rulesBetweenFields(deadline))
    .transform(({ pledgeDeadline, ...course }, context) => {
      const end = endOfBerlinDay(pledgeDeadline);
      if (end.ok) return { ...course, pledgeDeadline: end.instant };
      context.addIssue({
        code: "custom",
        path: ["pledgeDeadline"],
        message: texts.deadlineInvalid,
      });
      return z.NEVER;
    });
}

/** A course as the capability takes it: the deadline is the end of its Berlin day. */
export type CourseInput = z.output<ReturnType<typeof courseSchema>>;

/** What a new course's form starts with. */
export const newCourseDefaults = { instrument: "fbw", admittedKinds: ["jobcenter"] };

/** The course page's one form, told apart by its intent like every form of a page. */
export const pledgeIntents = ["pledge"] as const;

/** The pledge form: the organisation's whole pledge as a number of seats, 0 withdraws it. */
export const pledgeSchema = z.object({ seats: seatCount(0, pledgeTexts.seatsInvalid) });
