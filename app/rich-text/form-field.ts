import {
  parseRichTextJson,
  parseRichTextPlainText,
  plainTextOf,
  type RichTextDocument,
} from "./schema";

/**
 * A rich-text form field: tiptap JSON from the editor in `field`, or the plain text of the
 * `${field}Text` textarea that replaces the editor without JavaScript. A document without any
 * text counts as missing.
 */
export function parseRichTextField(
  raw: Record<string, string | string[]>,
  field: string,
  requiredMessage: string,
): { ok: true; doc: RichTextDocument } | { ok: false; message: string } {
  const value = (name: string) => {
    const submitted = raw[name];
    return typeof submitted === "string" ? submitted.trim() : "";
  };
  const json = value(field);
  const text = value(`${field}Text`);
  if (!json && !text) return { ok: false, message: requiredMessage };
  const parsed = json ? parseRichTextJson(json) : parseRichTextPlainText(text);
  if (!parsed.ok) return parsed;
  if (plainTextOf(parsed.doc).trim() === "") return { ok: false, message: requiredMessage };
  return parsed;
}
