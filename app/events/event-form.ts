import { z } from "zod";
import { eventKinds } from "~/db/vocabularies";
import type { EventJob } from "~/db/schema";
import { targetGroups, type TargetGroup } from "~/directory/target-groups";
import { checkboxes, filledRows, optionalText, type RowCheck, trimmedText } from "~/form-schema";
import { richTextField } from "~/rich-text/form-field";
import { endOfBerlinDay, fromBerlinLocal, isCalendarDate } from "~/time/berlin";
import { eventFormTexts as texts, MAX_CAPACITY } from "./texts";

/** The event form's checkbox group; every other field comes once. */
export const eventMultiValued = ["targetGroups"] as const;

const MAX_JOBS = 20;
const MAX_POSITIONS = 10_000;
const MAX_JOB_TITLE = 120;

function isWebAddress(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "https:" || url.protocol === "http:";
  } catch {
    return false;
  }
}

const isTargetGroup = (value: string): value is TargetGroup =>
  (targetGroups as readonly string[]).includes(value);

/** Title/positions rows of the jobs table (`jobs[n].title`, `jobs[n].positions`); empty rows are dropped. */
const jobs = filledRows({
  columns: ["title", "positions"],
  check: ({ title, positions: count }): RowCheck<EventJob> => {
    const positions = Number(count);
    if (!title || !Number.isInteger(positions) || positions < 1 || positions > MAX_POSITIONS) {
      return { refuse: texts.jobIncomplete };
    }
    if (title.length > MAX_JOB_TITLE) return { refuse: texts.jobTooLong };
    return { row: { title, positions } };
  },
  max: MAX_JOBS,
  tooMany: texts.tooManyJobs,
  notAList: texts.jobIncomplete,
});

const eventFields = z.object({
  // Whether it is one the user may post in only the server knows (see editor-page.server.ts).
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
  // One message for the group, also for a value that is not in the list.
  targetGroups: checkboxes(z.string()).refine(
    (chosen): chosen is TargetGroup[] => chosen.every(isTargetGroup),
    texts.vocabularyInvalid,
  ),
  jobs,
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

/** What the times are checked against. */
export interface EventTimeRules {
  /** When editing: an unchanged start may lie in the past (e.g. fixing a typo afterwards). */
  previousStartsAt?: Date;
  /** The clock; the moment of checking unless a test says otherwise. */
  now?: Date;
}

/**
 * The Berlin wall-clock dates and times as instants, and the rules between them. They read the
 * typed values beside the fields' own checks, not after them (an object refinement would not run
 * once a field failed), so that one submit reports every problem, the first one per field.
 */
function eventTimes({ previousStartsAt, now: fixedNow }: EventTimeRules) {
  return z.record(z.unknown()).transform((raw, context) => {
    const now = fixedNow ?? new Date();
    const errors = new Map<string, string>();
    const report = (field: string, message: string) => {
      if (!errors.has(field)) errors.set(field, message);
    };

    /**
     * A date and time field pair as an instant. A bad date is reported on the date field; a
     * time that does not exist on that day (the spring DST change) on the time field, with why.
     */
    const instant = (dateField: string, timeField: string, fallbackDate?: string) => {
      const ownDate = trimmedText(raw[dateField]);
      const date = ownDate || fallbackDate || "";
      const time = trimmedText(raw[timeField]);
      if (!isCalendarDate(date)) {
        // An empty optional date borrows another field's date; its error is reported there.
        if (ownDate !== "" || fallbackDate === undefined) report(dateField, texts.dateInvalid);
        return null;
      }
      const converted = fromBerlinLocal(date, time);
      if (converted.ok) return converted.instant;
      const message =
        converted.reason === "nonexistent" ? texts.timeNonexistent(date, time) : texts.timeInvalid;
      report(timeField, message);
      return null;
    };

    /** A deadline with a date alone runs to the end of that Berlin day. */
    const deadline = () => {
      if (trimmedText(raw.deadlineTime) !== "") return instant("deadlineDate", "deadlineTime");
      const converted = endOfBerlinDay(trimmedText(raw.deadlineDate));
      if (converted.ok) return converted.instant;
      report("deadlineDate", texts.dateInvalid);
      return null;
    };

    const startsAt = instant("startDate", "startTime");
    const endsAt = instant("endDate", "endTime", trimmedText(raw.startDate));
    const registrationDeadline = deadline();
    if (startsAt && endsAt && endsAt <= startsAt) report("endTime", texts.endBeforeStart);
    if (startsAt && startsAt < now && startsAt.getTime() !== previousStartsAt?.getTime()) {
      report("startDate", texts.startInPast);
    }
    if (startsAt && registrationDeadline && registrationDeadline >= startsAt) {
      report("deadlineDate", texts.deadlineAfterStart);
    }
    // A new event whose registration is already closed could never take a reservation.
    if (registrationDeadline && registrationDeadline < now && previousStartsAt === undefined) {
      report("deadlineDate", texts.deadlineInPast);
    }
    if (trimmedText(raw.place) === "" && trimmedText(raw.onlineUrl) === "") {
      report("place", texts.placeOrOnline);
    }

    for (const [field, message] of errors) {
      context.addIssue({ code: "custom", path: [field], message });
    }
    if (!startsAt || !endsAt || !registrationDeadline || errors.size > 0) return z.NEVER;
    return { startsAt, endsAt, registrationDeadline };
  });
}

/**
 * The form of a new event and of an edit, checked in the browser and again by the action. Times
 * are typed as Berlin wall-clock dates and times and come out as instants; the description
 * arrives as tiptap JSON from the editor, or as plain text from the textarea that stands in for
 * it without JavaScript.
 */
export function eventSchema(rules: EventTimeRules = {}) {
  return eventFields
    .and(richTextField("description", texts.descriptionRequired))
    .and(eventTimes(rules));
}

/** A validated event as the domain functions take it: instants in UTC. */
export type EventInput = z.output<ReturnType<typeof eventSchema>>;
