import { z } from "zod";
import { targetGroups } from "~/directory/target-groups";
import { ideaVisibilities, organizationKinds, type IdeaResult } from "~/db/schema";
import { fieldErrors, formFailure, formValues, type FieldErrors } from "~/forms.server";
import type { RichTextDocument } from "~/rich-text/schema";
import { ideaTexts as texts } from "./texts";
import { fieldsOfAction, fundingSources } from "./vocabulary";
import { parseRichTextField } from "~/rich-text/form-field";

export const ideaMultiValuedFields = [
  "targetGroups",
  "fieldsOfAction",
  "partnerKinds",
  "funding",
  "resultLabel",
  "resultValue",
] as const;

const choices = <Values extends readonly [string, ...string[]]>(values: Values) =>
  z.array(z.enum(values, { errorMap: () => ({ message: texts.vocabularyInvalid }) })).default([]);

const optionalText = (max: number, message: string) =>
  z.string().trim().max(max, message).default("");

const ideaFieldsSchema = z.object({
  title: z.string().trim().min(3, texts.titleRequired).max(160, texts.titleTooLong),
  summary: z.string().trim().min(1, texts.summaryRequired).max(300, texts.summaryTooLong),
  targetGroups: choices(targetGroups),
  fieldsOfAction: choices(fieldsOfAction),
  partnerKinds: choices(organizationKinds),
  funding: choices(fundingSources),
  region: optionalText(120, texts.regionTooLong),
  period: optionalText(120, texts.periodTooLong),
  contactName: optionalText(120, texts.contactTooLong),
  contactEmail: z
    .string()
    .trim()
    .max(200)
    .refine((value) => value === "" || z.string().email().safeParse(value).success, {
      message: texts.contactEmailInvalid,
    })
    .default(""),
  contactPhone: optionalText(60, texts.contactTooLong),
  visibility: z.enum(ideaVisibilities, { errorMap: () => ({ message: texts.visibilityInvalid }) }),
  networkId: z.string().uuid(texts.networkInvalid),
});

export interface IdeaInput extends z.infer<typeof ideaFieldsSchema> {
  body: RichTextDocument;
  results: IdeaResult[];
}

/** Label/value rows of the results table; rows left empty are dropped. */
function parseResults(labels: string[], values: string[]): IdeaResult[] | string {
  const results: IdeaResult[] = [];
  for (let row = 0; row < Math.max(labels.length, values.length); row += 1) {
    const label = (labels[row] ?? "").trim();
    const value = (values[row] ?? "").trim();
    if (!label && !value) continue;
    if (!label || !value) return texts.resultIncomplete;
    if (label.length > 80 || value.length > 80) return texts.resultTooLong;
    results.push({ label, value });
  }
  return results.length > 10 ? texts.tooManyResults : results;
}

/**
 * Reads the idea form. The body arrives as tiptap JSON from the editor, or as plain text from
 * the textarea that replaces the editor when JavaScript is off.
 */
export function parseIdeaForm(
  formData: FormData,
  allowedNetworkIds: string[],
): { ok: true; data: IdeaInput } | { ok: false; response: Response } {
  const raw = formValues(formData, ideaMultiValuedFields);
  const errors: FieldErrors = {};
  const fields = ideaFieldsSchema.safeParse(raw);
  if (!fields.success) Object.assign(errors, fieldErrors(fields.error));
  if (fields.success && !allowedNetworkIds.includes(fields.data.networkId)) {
    errors.networkId = texts.networkInvalid;
  }

  const body = parseRichTextField(raw, "body", texts.bodyRequired);
  if (!body.ok) errors.body = body.message;

  const results = parseResults(
    (raw.resultLabel as string[] | undefined) ?? [],
    (raw.resultValue as string[] | undefined) ?? [],
  );
  if (typeof results === "string") errors.results = results;

  if (
    !fields.success ||
    !body.ok ||
    typeof results === "string" ||
    Object.keys(errors).length > 0
  ) {
    return { ok: false, response: formFailure(raw, errors) };
  }
  return { ok: true, data: { ...fields.data, body: body.doc, results } };
}
