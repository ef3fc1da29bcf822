import { getFormProps, useForm, type FormMetadata, type SubmissionResult } from "@conform-to/react";
import type { z } from "zod";
import { parseSubmission } from "~/form-schema";

/** What actions answer to a form they refused (see ~/forms.server.ts). */
export type FormResult = SubmissionResult<string[]>;

export function isFormResult(data: unknown): data is FormResult {
  return typeof data === "object" && data !== null && "initialValue" in data;
}

/**
 * The action's answer for the form with this intent. An answer the server could not tie to one
 * form (no or an unknown intent, a body it could not read) shows its message at every form of
 * the page, so it is never lost.
 */
export function resultFor(data: unknown, intent?: string): FormResult | undefined {
  if (!isFormResult(data)) return undefined;
  const submittedIntent = data.initialValue?.intent;
  if (intent === undefined || submittedIntent === intent) return data;
  const formErrors = data.error?.[""];
  return submittedIntent === undefined && formErrors
    ? { status: "error", error: { "": formErrors } }
    : undefined;
}

interface PortalFormOptions<Schema extends z.ZodTypeAny> {
  /** The schema the action parses with: the browser checks the same rules before sending. */
  schema: Schema;
  /** `useActionData()`; only the answer to this form's intent is taken. */
  actionData: unknown;
  intent?: string;
  /** Values of the record being edited; conform turns them into field strings. */
  defaultValue?: Record<string, unknown>;
  /** Needed when a page shows the same form more than once. */
  id?: string;
}

/**
 * Every form of the portal: checked in the browser when it is sent (nothing travels while a
 * field is wrong) and again while a wrong field is corrected; without JavaScript the server
 * answers with the same German messages. Not on leaving a field: a message appearing then
 * moves the button under the pointer, and the click meant to send the form is lost.
 */
export function usePortalForm<Schema extends z.ZodTypeAny>({
  schema,
  actionData,
  intent,
  defaultValue,
  id,
}: PortalFormOptions<Schema>) {
  return useForm<z.input<Schema>, z.output<Schema>>({
    id: id ?? intent,
    lastResult: resultFor(actionData, intent),
    defaultValue: defaultValue as never,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseSubmission(formData, schema),
  });
}

/**
 * The props of a portal form: conform's id and submit handler, and never the browser's own
 * validation bubbles, with or without JavaScript: the German messages come from the schema.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function formProps(form: FormMetadata<any, string[]>) {
  return { ...getFormProps(form), noValidate: true };
}
