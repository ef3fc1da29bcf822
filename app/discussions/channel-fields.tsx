import type { ComponentProps } from "react";
import { channelEmployerAccesses } from "~/db/vocabularies";
import { TextAreaField, TextField } from "~/ui/form";
import { employerAccessLabels, MAX_CHANNEL_DESCRIPTION, MAX_CHANNEL_NAME } from "./texts";

type Field = NonNullable<ComponentProps<typeof TextField>["field"]>;

/**
 * Name, description and employer access of a channel (channel-form.ts), for creating one and for
 * its settings.
 */
export function ChannelFields({
  fields,
}: {
  fields: Record<"name" | "description" | "employerAccess", Field>;
}) {
  const access = fields.employerAccess;
  const accessError = access.errors?.[0];
  return (
    <>
      <TextField
        field={fields.name}
        label="Name des Kanals"
        hint="z. B. „Allgemein“ oder „U25 und Jugendberufsagentur“"
        required
        maxLength={MAX_CHANNEL_NAME}
      />
      <TextAreaField
        field={fields.description}
        label="Beschreibung (optional)"
        hint="Worum geht es in diesem Kanal?"
        rows={2}
        maxLength={MAX_CHANNEL_DESCRIPTION}
      />
      {/* Radio buttons: ~/ui/form has no group of them, the checkbox group's frame serves. */}
      <fieldset
        id={access.id}
        key={access.key}
        className={accessError ? "field field--invalid checkbox-group" : "field checkbox-group"}
        aria-describedby={accessError ? `${access.id}-fehler` : undefined}
      >
        <legend>Arbeitgeber im Netzwerk</legend>
        <div className="checkbox-group__options">
          {channelEmployerAccesses.map((value) => (
            <label key={value} className="checkbox">
              <input
                type="radio"
                name={access.name}
                value={value}
                defaultChecked={access.initialValue === value}
              />
              {employerAccessLabels[value]}
            </label>
          ))}
        </div>
        {accessError ? (
          <p className="field__error" id={`${access.id}-fehler`}>
            {accessError}
          </p>
        ) : null}
      </fieldset>
    </>
  );
}
