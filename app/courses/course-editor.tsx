import { useActionData, useNavigation } from "@remix-run/react";
import { courseInstruments, organizationKinds } from "~/db/vocabularies";
import { organizationKindLabels } from "~/organizations/texts";
import { NetworkChoice } from "~/networks/network-choice";
import { TitleAndDescription } from "~/rich-text/title-and-description";
import { EditorForm, FormCard } from "~/ui/editor-form";
import { CheckboxGroup, SelectField, TextField } from "~/ui/form";
import { NumberField } from "~/ui/number-field";
import { SubmitButton } from "~/ui/intent-form";
import { optionsOf } from "~/ui/options";
import { usePortalForm } from "~/ui/portal-form";
import { courseSchema, MAX_COURSE_SEATS, newCourseDefaults } from "./course-form";
import { courseInstrumentLabels } from "./texts";

const instrumentOptions = optionsOf(courseInstruments, courseInstrumentLabels);
const kindOptions = optionsOf(organizationKinds, organizationKindLabels);

const seatRange = { min: 1, max: MAX_COURSE_SEATS } as const;

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
    <EditorForm form={form}>
      <FormCard title="Die Maßnahme">
        <TitleAndDescription
          fields={fields}
          hint="Inhalte, Zielgruppe, Abschluss, Voraussetzungen. Aus Word eingefügter Text wird bereinigt."
        />
        <SelectField
          field={fields.instrument}
          label="Förderinstrument"
          options={instrumentOptions}
        />
      </FormCard>

      <FormCard title="Termin und Ort">
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
      </FormCard>

      <FormCard title="Plätze und Meldefrist">
        <NumberField
          field={fields.minParticipants}
          {...seatRange}
          label="Mindestteilnehmerzahl"
          hint="Ab dieser Zahl zugesagter Plätze kommt die Maßnahme zustande."
        />
        <NumberField
          field={fields.maxParticipants}
          {...seatRange}
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
      </FormCard>

      <div className="actions">
        <SubmitButton pending={busy} pendingLabel="Wird gespeichert …">
          {submitLabel}
        </SubmitButton>
      </div>
    </EditorForm>
  );
}
