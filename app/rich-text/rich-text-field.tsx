import type { ReactNode } from "react";
import { RichTextEditor, type MentionSource } from "./editor";
import { initialRichText } from "./typed-document";

/** What the editor needs of conform's field metadata. */
interface DocumentField {
  id: string;
  name: string;
  initialValue?: unknown;
  errors?: string[];
}

/**
 * The rich-text editor on a conform form: `field` carries the editor's JSON, `textField` the
 * textarea that replaces the editor without JavaScript (`${field}Text`, see richTextField).
 */
export function RichTextField({
  field,
  textField,
  label,
  hint,
  mentionSource,
}: {
  field: DocumentField;
  textField: { initialValue?: unknown };
  label: string;
  hint?: ReactNode;
  mentionSource?: MentionSource;
}) {
  return (
    <RichTextEditor
      id={field.id}
      name={field.name}
      label={label}
      hint={hint}
      initialDocument={initialRichText(field.initialValue, textField.initialValue)}
      error={field.errors?.[0]}
      mentionSource={mentionSource}
    />
  );
}
