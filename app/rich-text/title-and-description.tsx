import type { ComponentProps } from "react";
import { TextField } from "~/ui/form";
import { RichTextField } from "./rich-text-field";

type RichTextProps = ComponentProps<typeof RichTextField>;

/** The title and the rich-text description of a record (an event, a course). */
export function TitleAndDescription({
  fields,
  hint,
}: {
  fields: {
    title: ComponentProps<typeof TextField>["field"];
    description: RichTextProps["field"];
    descriptionText: RichTextProps["textField"];
  };
  /** What the description should say. */
  hint: string;
}) {
  return (
    <>
      <TextField field={fields.title} label="Titel" maxLength={160} />
      <RichTextField
        field={fields.description}
        textField={fields.descriptionText}
        label="Beschreibung"
        hint={hint}
      />
    </>
  );
}
