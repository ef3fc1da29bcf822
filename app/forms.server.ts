import { json } from "@remix-run/node";
import type { z } from "zod";

export type FieldErrors = Record<string, string>;

export interface FormFailure {
  intent?: string;
  errors: FieldErrors;
  values: Record<string, string>;
}

/**
 * Parses a form with a zod schema. On failure it returns the 400 response an action sends
 * back: the German message per field and everything that was typed (never passwords).
 */
export function parseForm<Schema extends z.ZodTypeAny>(
  formData: FormData,
  schema: Schema,
): { ok: true; data: z.infer<Schema> } | { ok: false; response: Response } {
  const raw: Record<string, string> = {};
  for (const [key, value] of formData) if (typeof value === "string") raw[key] = value;
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

export function formFailure(raw: Record<string, string>, errors: FieldErrors): Response {
  const values = Object.fromEntries(
    Object.entries(raw).filter(([key]) => !key.toLowerCase().includes("password")),
  );
  const body: FormFailure = { intent: raw.intent, errors, values };
  return json(body, { status: 400 });
}

export function formValues(formData: FormData): Record<string, string> {
  const raw: Record<string, string> = {};
  for (const [key, value] of formData) if (typeof value === "string") raw[key] = value;
  return raw;
}
