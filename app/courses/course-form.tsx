import { Form, useNavigation } from "@remix-run/react";
import { courseInstruments, organizationKinds } from "~/db/schema";
import { courseInstrumentLabels } from "~/events/vocabulary";
import { organizationKindLabels } from "~/organizations/texts";
import { RichTextEditor } from "~/rich-text/editor";
import { initialDocument } from "~/rich-text/typed-document";
import { emptyDocument } from "~/rich-text/schema";
import {
  CheckboxGroup,
  FormErrorSummary,
  SelectField,
  submitted,
  submittedList,
  TextField,
  type FormFeedback,
} from "~/ui/form";
import { SubmissionKeyField } from "~/submissions/submission-key-field";

/** The course form's values as text, the way they travel between loader, form and action. */
export interface CourseFormValues {
  title: string;
  /** tiptap JSON as a string: it crosses the loader boundary unchanged. */
  description: string;
  instrument: string;
  /** "YYYY-MM-DD" */
  startDate: string;
  duration: string;
  place: string;
  minParticipants: string;
  maxParticipants: string;
  /** The Berlin date of the deadline's last day, "YYYY-MM-DD". */
  pledgeDeadline: string;
  admittedKinds: string[];
  networkId: string;
}

export const emptyCourse = (networkId: string): CourseFormValues => ({
  title: "",
  description: JSON.stringify(emptyDocument),
  instrument: "fbw",
  startDate: "",
  duration: "",
  place: "",
  minParticipants: "",
  maxParticipants: "",
  pledgeDeadline: "",
  admittedKinds: ["jobcenter"],
  networkId,
});

/**
 * The form of a new course and of its edits; every typed value survives a rejected submit.
 * The network is chosen only for a new course: pledges belong to the network it started in.
 */
export function CourseForm({
  initial,
  networks,
  feedback,
  submitLabel,
  pledgedSeats,
}: {
  initial: CourseFormValues;
  networks: { id: string; name: string }[];
  feedback: FormFeedback;
  submitLabel: string;
  /** Seats already pledged (when editing): the maximum cannot go below them. */
  pledgedSeats?: number;
}) {
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const errors = feedback.errors ?? {};
  const value = (name: Exclude<keyof CourseFormValues, "admittedKinds">) =>
    submitted(feedback, name, initial[name]);

  return (
    <Form method="post" className="stack-lg" noValidate>
      <FormErrorSummary errors={feedback.errors} />
      <SubmissionKeyField />
      <fieldset className="card stack">
        <legend>
          <h2>Die Maßnahme</h2>
        </legend>
        <TextField
          id="title"
          name="title"
          label="Titel"
          maxLength={160}
          defaultValue={value("title")}
          error={errors.title}
        />
        <RichTextEditor
          id="description"
          name="description"
          label="Beschreibung"
          hint="Inhalte, Zielgruppe, Abschluss, Voraussetzungen. Aus Word eingefügter Text wird bereinigt."
          initialDocument={initialDocument(feedback, "description", initial.description)}
          error={errors.description}
        />
        <SelectField
          id="instrument"
          name="instrument"
          label="Förderinstrument"
          options={courseInstruments.map((instrument) => ({
            value: instrument,
            label: courseInstrumentLabels[instrument],
          }))}
          defaultValue={value("instrument")}
          error={errors.instrument}
        />
      </fieldset>

      <fieldset className="card stack">
        <legend>
          <h2>Termin und Ort</h2>
        </legend>
        <TextField
          id="startDate"
          name="startDate"
          type="date"
          label="Beginn"
          defaultValue={value("startDate")}
          error={errors.startDate}
        />
        <TextField
          id="duration"
          name="duration"
          label="Dauer"
          hint="z. B. „6 Monate, Vollzeit“ oder „12 Wochen, Teilzeit (25 Std./Woche)“"
          maxLength={120}
          defaultValue={value("duration")}
          error={errors.duration}
        />
        <TextField
          id="place"
          name="place"
          label="Ort"
          hint="Anschrift des Schulungsorts"
          maxLength={200}
          autoComplete="street-address"
          defaultValue={value("place")}
          error={errors.place}
        />
      </fieldset>

      <fieldset className="card stack">
        <legend>
          <h2>Plätze und Meldefrist</h2>
        </legend>
        <TextField
          id="minParticipants"
          name="minParticipants"
          type="number"
          inputMode="numeric"
          min={1}
          max={500}
          label="Mindestteilnehmerzahl"
          hint="Ab dieser Zahl zugesagter Plätze kommt die Maßnahme zustande."
          defaultValue={value("minParticipants")}
          error={errors.minParticipants}
        />
        <TextField
          id="maxParticipants"
          name="maxParticipants"
          type="number"
          inputMode="numeric"
          min={1}
          max={500}
          label="Höchstteilnehmerzahl"
          hint={
            pledgedSeats
              ? `Mehr Plätze können nicht zugesagt werden. Bereits zugesagt: ${pledgedSeats}.`
              : "Mehr Plätze können nicht zugesagt werden."
          }
          defaultValue={value("maxParticipants")}
          error={errors.maxParticipants}
        />
        <TextField
          id="pledgeDeadline"
          name="pledgeDeadline"
          type="date"
          label="Meldefrist bis einschließlich"
          hint="Bis zum Ende dieses Tages können Plätze zugesagt und verringert werden. Ist die Mindestteilnehmerzahl dann nicht erreicht, wird die Maßnahme abgesagt."
          defaultValue={value("pledgeDeadline")}
          error={errors.pledgeDeadline}
        />
        <CheckboxGroup
          id="admittedKinds"
          legend="Wer kann Plätze zusagen?"
          name="admittedKinds"
          options={organizationKinds.map((kind) => ({
            value: kind,
            label: organizationKindLabels[kind],
          }))}
          checked={submittedList(feedback, "admittedKinds", initial.admittedKinds)}
          error={errors.admittedKinds}
        />
        {networks.length > 1 ? (
          <SelectField
            id="networkId"
            name="networkId"
            label="Netzwerk"
            options={networks.map((network) => ({ value: network.id, label: network.name }))}
            defaultValue={value("networkId")}
            error={errors.networkId}
          />
        ) : (
          <input type="hidden" name="networkId" value={networks[0]?.id ?? ""} />
        )}
      </fieldset>

      <div className="actions">
        <button type="submit" className="button" disabled={busy}>
          {busy ? "Wird gespeichert …" : submitLabel}
        </button>
      </div>
    </Form>
  );
}
