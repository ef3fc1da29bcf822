import { z } from "zod";
import {
  parseRichTextJson,
  parseRichTextPlainText,
  plainTextOf,
  type RichTextDocument,
  type RichTextParseResult,
} from "./schema";

/**
 * A rich-text value: tiptap JSON from the editor, or the plain text of the textarea that
 * replaces the editor without JavaScript. A document without any text counts as missing.
 */
function richTextOf(json: unknown, text: unknown, requiredMessage: string): RichTextParseResult {
  const trimmed = (value: unknown) => (typeof value === "string" ? value.trim() : "");
  if (!trimmed(json) && !trimmed(text)) return { ok: false, message: requiredMessage };
  const parsed = trimmed(json)
    ? parseRichTextJson(trimmed(json))
    : parseRichTextPlainText(trimmed(text));
  if (!parsed.ok) return parsed;
  if (plainTextOf(parsed.doc).trim() === "") return { ok: false, message: requiredMessage };
  return parsed;
}

/**
 * The same field as part of a conform schema: its two inputs in, `{ [field]: document }` out,
 * the message at `field`. Join it to the form's other fields with `.and(…)`, so its message
 * comes together with theirs (an object refinement would not run once another field failed).
 */
export function richTextField<Field extends string>(field: Field, requiredMessage: string) {
  const inputs = z.object({ [field]: z.unknown(), [`${field}Text`]: z.unknown() });
  const schema = inputs.transform((raw, context) => {
    const parsed = richTextOf(raw[field], raw[`${field}Text`], requiredMessage);
    if (parsed.ok) return { [field]: parsed.doc };
    context.addIssue({ code: z.ZodIssueCode.custom, path: [field], message: parsed.message });
    return z.NEVER;
  });
  // zod types computed keys as any string; these are the two names given.
  return schema as unknown as z.ZodType<
    Record<Field, RichTextDocument>,
    z.ZodTypeDef,
    Partial<Record<Field | `${Field}Text`, string>>
  >;
}
