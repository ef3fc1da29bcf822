import { TextField } from "./form";

/** Whom to call about an idea or an event: name, e-mail and phone of a contact person. */
export function ContactFields({
  value,
  errors,
}: {
  /** The value a field starts with (typed before a rejected submit, else stored). */
  value: (name: "contactName" | "contactEmail" | "contactPhone") => string;
  errors: Record<string, string | undefined>;
}) {
  return (
    <>
      <TextField
        id="contactName"
        name="contactName"
        label="Name"
        defaultValue={value("contactName")}
        error={errors.contactName}
      />
      <TextField
        id="contactEmail"
        name="contactEmail"
        type="email"
        label="E-Mail"
        defaultValue={value("contactEmail")}
        error={errors.contactEmail}
      />
      <TextField
        id="contactPhone"
        name="contactPhone"
        type="tel"
        label="Telefon"
        defaultValue={value("contactPhone")}
        error={errors.contactPhone}
      />
    </>
  );
}
