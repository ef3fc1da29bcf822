import { submitted, type FormFeedback } from "~/ui/form";
import {
  documentFromPlainText,
  emptyDocument,
  parseRichTextJson,
  type RichTextDocument,
} from "./schema";

/**
 * What a rejected form brings back into a rich-text field named `field`: the editor's document,
 * or the text typed into the `${field}Text` textarea that replaces the editor without JavaScript.
 */
export function typedDocument(
  feedback: FormFeedback,
  field = "body",
): RichTextDocument | undefined {
  const json = submitted(feedback, field);
  if (json.trim() !== "") {
    const parsed = parseRichTextJson(json);
    if (parsed.ok) return parsed.doc;
  }
  const text = submitted(feedback, `${field}Text`);
  return text.trim() !== "" ? documentFromPlainText(text) : undefined;
}

/** The document an edit form starts with: what was typed before a rejected submit, else the stored one. */
export function initialDocument(
  feedback: FormFeedback,
  field: string,
  stored: string,
): RichTextDocument {
  const typed = typedDocument(feedback, field);
  if (typed) return typed;
  const parsed = stored ? parseRichTextJson(stored) : null;
  return parsed?.ok ? parsed.doc : emptyDocument;
}
