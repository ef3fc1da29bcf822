import { Form, useActionData, useNavigation } from "@remix-run/react";
import { courseInstruments, organizationKinds } from "~/db/vocabularies";
import { organizationKindLabels } from "~/organizations/texts";
import { NetworkChoice } from "~/networks/network-choice";
import { RichTextField } from "~/rich-text/rich-text-field";
import { SubmissionKeyField } from "~/submissions/submission-key-field";
import { CheckboxGroup, FormErrorSummary, SelectField, TextField } from "~/ui/form";
import { formProps, usePortalForm } from "~/ui/portal-form";
import { courseSchema, MAX_COURSE_SEATS, newCourseDefaults } from "./course-form";
import { courseInstrumentLabels } from "./texts";

const instrumentOptions = courseInstruments.map((instrument) => ({
  value: instrument,
  label: courseInstrumentLabels[instrument],
}));

const kindOptions = organizationKinds.map((kind) => ({
  value: kind,
  label: organizationKindLabels[kind],
}));

const seatInput = { type: "number", inputMode: "numeric", min: 1, max: MAX_COURSE_SEATS } as const;

/**
 * The form of a new course and of its edits; every typed value survives a rejected submit.
 * The network is chosen only for a new course: pledges belong to the network it started in.
 */
export function CourseEditor({
  networks,
  today,
  stored,
  pledgedSeats,
  submitLabel,
}: {
  networks: { id: string; name: string }[];
  /** The Berlin date the deadline is checked against, as the action checks it. */
  today: string;
  /** The course being edited, as loadCourseForEditing gives it. */
  stored?: { pledgeDeadline: string } & Record<string, unknown>;
  /** Seats already pledged (when editing): the maximum cannot go below them. */
  pledgedSeats?: number;
  submitLabel: string;
}) {
  const [form, fields] = usePortalForm({
    schema: courseSchema({ today, keptDeadline: stored?.pledgeDeadline }),
    actionData: useActionData(),
    defaultValue: stored ?? newCourseDefaults,
  });
  const busy = useNavigation().state === "submitting";

  return (
    <Form method="post" className="stack-lg" {...formProps(form)}>
      <FormErrorSummary form={form} />
      <SubmissionKeyField />
      <fieldset className="card stack">
        <legend>
          <h2>Die Maßnahme</h2>
        </legend>
        <TextField field={fields.title} label="Titel" maxLength={160} />
        <RichTextField
          field={fields.description}
          textField={fields.descriptionText}
          label="Beschreibung"
          hint="Inhalte, Zielgruppe, Abschluss, Voraussetzungen. Aus Word eingefügter Text wird bereinigt."
        />
        <SelectField
          field={fields.instrument}
          label="Förderinstrument"
          options={instrumentOptions}
        />
      </fieldset>

      <fieldset className="card stack">
        <legend>
          <h2>Termin und Ort</h2>
        </legend>
        <TextField field={fields.startDate} type="date" label="Beginn" />
        <TextField
          field={fields.duration}
          label="Dauer"
          hint="z. B. „6 Monate, Vollzeit“ oder „12 Wochen, Teilzeit (25 Std./Woche)“"
          maxLength={120}
        />
        <TextField
          field={fields.place}
          label="Ort"
          hint="Anschrift des Schulungsorts"
          maxLength={200}
          autoComplete="street-address"
        />
      </fieldset>

      <fieldset className="card stack">
        <legend>
          <h2>Plätze und Meldefrist</h2>
        </legend>
        <TextField
          field={fields.minParticipants}
          {...seatInput}
          label="Mindestteilnehmerzahl"
          hint="Ab dieser Zahl zugesagter Plätze kommt die Maßnahme zustande."
        />
        <TextField
          field={fields.maxParticipants}
          {...seatInput}
          label="Höchstteilnehmerzahl"
          hint={
            pledgedSeats
              ? `Mehr Plätze können nicht zugesagt werden. Bereits zugesagt: ${pledgedSeats}.`
              : "Mehr Plätze können nicht zugesagt werden."
          }
        />
        <TextField
          field={fields.pledgeDeadline}
          type="date"
          label="Meldefrist bis einschließlich"
          hint="Bis zum Ende dieses Tages können Plätze zugesagt und verringert werden. Ist die Mindestteilnehmerzahl dann nicht erreicht, wird die Maßnahme abgesagt."
        />
        <CheckboxGroup
          field={fields.admittedKinds}
          legend="Wer kann Plätze zusagen?"
          options={kindOptions}
        />
        <NetworkChoice field={fields.networkId} networks={networks} fixed={networks[0]?.id ?? ""} />
      </fieldset>

      <div className="actions">
        <button type="submit" className="button" disabled={busy}>
          {busy ? "Wird gespeichert …" : submitLabel}
        </button>
      </div>
    </Form>
  );
}
