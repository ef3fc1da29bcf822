import { json } from "@remix-run/node";
import type { z } from "zod";

export type FieldErrors = Record<string, string>;
/** Submitted values: one string per field, a list for fields with several checkboxes. */
export type FormValues = Record<string, string | string[]>;

export interface FormFailure {
  intent?: string;
  errors: FieldErrors;
  values: FormValues;
}

/**
 * Parses a form with a zod schema. On failure it returns the 400 response an action sends
 * back: the German message per field and everything that was typed (never passwords).
 */
export function parseForm<Schema extends z.ZodTypeAny>(
  formData: FormData,
  schema: Schema,
  options: { multiValued?: readonly string[] } = {},
): { ok: true; data: z.infer<Schema> } | { ok: false; response: Response } {
  const raw = formValues(formData, options.multiValued);
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, data: result.data };
  return { ok: false, response: formFailure(raw, fieldErrors(result.error)) };
}

/** The first message per field, as shown beside the field. */
export function fieldErrors(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) errors[String(issue.path[0] ?? "form")] ??= issue.message;
  return errors;
}

export function formFailure(raw: FormValues, errors: FieldErrors): Response {
  const values = Object.fromEntries(
    Object.entries(raw).filter(([key]) => !key.toLowerCase().includes("password")),
  );
  const intent = typeof raw.intent === "string" ? raw.intent : undefined;
  const body: FormFailure = { intent, errors, values };
  return json(body, { status: 400 });
}

export function formValues(formData: FormData, multiValued: readonly string[] = []): FormValues {
  const raw: FormValues = {};
  for (const [key, value] of formData) if (typeof value === "string") raw[key] = value;
  for (const key of multiValued) {
    raw[key] = formData.getAll(key).filter((value): value is string => typeof value === "string");
  }
  return raw;
}
