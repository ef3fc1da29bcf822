import type { ChannelEmployerAccess } from "~/db/schema";
import { submitted, TextAreaField, TextField, type FormFeedback } from "~/ui/form";
import { employerAccessLabels, MAX_CHANNEL_DESCRIPTION, MAX_CHANNEL_NAME } from "./texts";

const accessOrder: ChannelEmployerAccess[] = ["none", "read", "write"];

/**
 * Name, description and employer access of a channel, for creating one and for its settings.
 * A rejected form shows what was typed (feedback), otherwise the current values.
 */
export function ChannelFields({
  idPrefix,
  feedback,
  current,
}: {
  idPrefix: string;
  feedback: FormFeedback;
  current?: { name: string; description: string; employerAccess: ChannelEmployerAccess };
}) {
  const access = submitted(feedback, "employerAccess", current?.employerAccess ?? "none");
  const accessError = feedback.errors?.employerAccess;
  return (
    <>
      <TextField
        id={`${idPrefix}-name`}
        name="name"
        label="Name des Kanals"
        hint="z. B. „Allgemein“ oder „U25 und Jugendberufsagentur“"
        required
        maxLength={MAX_CHANNEL_NAME}
        defaultValue={submitted(feedback, "name", current?.name ?? "")}
        error={feedback.errors?.name}
      />
      <TextAreaField
        id={`${idPrefix}-beschreibung`}
        name="description"
        label="Beschreibung (optional)"
        hint="Worum geht es in diesem Kanal?"
        rows={2}
        maxLength={MAX_CHANNEL_DESCRIPTION}
        defaultValue={submitted(feedback, "description", current?.description ?? "")}
        error={feedback.errors?.description}
      />
      <fieldset
        className={accessError ? "field field--invalid checkbox-group" : "field checkbox-group"}
        aria-describedby={accessError ? `${idPrefix}-arbeitgeber-fehler` : undefined}
      >
        <legend>Arbeitgeber im Netzwerk</legend>
        <div className="checkbox-group__options">
          {accessOrder.map((value) => (
            <label key={value} className="checkbox">
              <input
                type="radio"
                name="employerAccess"
                value={value}
                defaultChecked={access === value}
              />
              {employerAccessLabels[value]}
            </label>
          ))}
        </div>
        {accessError ? (
          <p className="field__error" id={`${idPrefix}-arbeitgeber-fehler`}>
            {accessError}
          </p>
        ) : null}
      </fieldset>
    </>
  );
}
