import type { ComponentProps } from "react";
import { TextField } from "./form";

type ContactName = "contactName" | "contactEmail" | "contactPhone";
type Field = NonNullable<ComponentProps<typeof TextField>["field"]>;

const contactInputs = [
  { name: "contactName", label: "Name" },
  { name: "contactEmail", label: "E-Mail", type: "email" },
  { name: "contactPhone", label: "Telefon", type: "tel" },
] as const;

/** Whom to call about an idea or an event: name, e-mail and phone of a contact person. */
export function ContactFields({ fields }: { fields: Record<ContactName, Field> }) {
  return (
    <>
      {contactInputs.map(({ name, ...input }) => (
        <TextField key={name} field={fields[name]} {...input} />
      ))}
    </>
  );
}
