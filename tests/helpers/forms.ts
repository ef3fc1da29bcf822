import type { z } from "zod";
import { parseSubmission } from "~/form-schema";
import { resultFor } from "~/ui/portal-form";

type Fields = Record<string, string | string[] | undefined>;

/** A form as the browser sends it: a list as one field per item, undefined as no field. */
export function formDataOf(fields: Fields): FormData {
  const formData = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    for (const item of value === undefined ? [] : [value].flat()) formData.append(name, item);
  }
  return formData;
}

/** What a schema makes of a form: its value, or the first message per field as the page shows it. */
export function parseFields<Schema extends z.ZodTypeAny>(
  schema: Schema,
  fields: Fields,
): { ok: true; data: z.output<Schema> } | { ok: false; errors: Record<string, string> } {
  const submission = parseSubmission(formDataOf(fields), schema);
  if (submission.status === "success") return { ok: true, data: submission.value };
  return { ok: false, errors: firstMessages(submission.error) };
}

/** The first message per field, as the page shows it; "form" for the whole form's. */
function firstMessages(error: Record<string, string[] | null> | null | undefined) {
  const errors: Record<string, string> = {};
  for (const [name, messages] of Object.entries(error ?? {})) {
    if (messages?.[0]) errors[name === "" ? "form" : name] = messages[0];
  }
  return errors;
}

/**
 * A refused form as a test reads it: the intent it answered, the first message per field ("form"
 * for the whole form's) and the values that travel back, from the answer `resultFor` gives the
 * form with this intent.
 */
export interface FormFeedback {
  intent?: string;
  errors: Record<string, string>;
  values: Record<string, string | string[]>;
}

export function feedbackFor(data: unknown, intent?: string): FormFeedback {
  const result = resultFor(data, intent);
  if (!result) return { errors: {}, values: {} };
  const errors = firstMessages(result.error);
  const values: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(result.initialValue ?? {})) {
    if (typeof value === "string" || Array.isArray(value)) values[name] = value as string[];
  }
  const intentValue = result.initialValue?.intent;
  return { intent: typeof intentValue === "string" ? intentValue : undefined, errors, values };
}
