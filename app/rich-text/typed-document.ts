import {
  documentFromPlainText,
  emptyDocument,
  parseRichTextJson,
  type RichTextDocument,
} from "./schema";

/** The editor's JSON if it reads as a document, else the no-JavaScript text, else nothing. */
function documentOf(json: unknown, text: unknown): RichTextDocument | undefined {
  if (typeof json === "string" && json.trim() !== "") {
    const parsed = parseRichTextJson(json);
    if (parsed.ok) return parsed.doc;
  }
  return typeof text === "string" && text.trim() !== "" ? documentFromPlainText(text) : undefined;
}

/**
 * The document a conform form's rich-text field starts with, from the initial values of the
 * field (the stored JSON, or the editor's after a rejected submit) and of its `${field}Text`
 * textarea (typed without JavaScript).
 */
export function initialRichText(json: unknown, text: unknown): RichTextDocument {
  return documentOf(json, text) ?? emptyDocument;
}
