import { Form, useNavigation } from "@remix-run/react";
import { eventKinds, type EventJob } from "~/db/schema";
import { targetGroups } from "~/directory/target-groups";
import { RichTextEditor } from "~/rich-text/editor";
import { initialDocument } from "~/rich-text/typed-document";
import { emptyDocument } from "~/rich-text/schema";
import {
  CheckboxGroup,
  FormErrorSummary,
  SelectField,
  submitted,
  submittedList,
  TextAreaField,
  TextField,
  type FormFeedback,
} from "~/ui/form";
import { MAX_CAPACITY } from "./texts";
import { eventKindLabels } from "./vocabulary";
import { ContactFields } from "~/ui/contact-fields";
import { SubmissionKeyField } from "~/submissions/submission-key-field";

/** The event form's fields as text: times are Berlin wall-clock dates and times. */
export interface EventFormValues {
  networkId: string;
  kind: string;
  title: string;
  /** tiptap JSON as a string: it crosses the loader boundary unchanged. */
  description: string;
  startDate: string;
  startTime: string;
  endDate: string;
  endTime: string;
  place: string;
  onlineUrl: string;
  capacity: string;
  deadlineDate: string;
  deadlineTime: string;
  targetGroups: string[];
  jobs: EventJob[];
  languageRequirements: string;
  accessibility: string;
  contactName: string;
  contactEmail: string;
  contactPhone: string;
}

export const emptyEvent = (
  networkId: string,
  contactName: string,
  contactEmail: string,
): EventFormValues => ({
  networkId,
  kind: "inforunde",
  title: "",
  description: JSON.stringify(emptyDocument),
  startDate: "",
  startTime: "10:00",
  endDate: "",
  endTime: "12:00",
  place: "",
  onlineUrl: "",
  capacity: "20",
  deadlineDate: "",
  deadlineTime: "",
  targetGroups: [],
  jobs: [],
  languageRequirements: "",
  accessibility: "",
  contactName,
  contactEmail,
  contactPhone: "",
});

const JOB_ROWS = 3;

/** The form for a new event and for edits; every typed value survives a rejected submit. */
export function EventForm({
  initial,
  networks,
  feedback,
  editing,
}: {
  initial: EventFormValues;
  /** The user's networks to choose from (new events only; an event keeps its network). */
  networks: { id: string; name: string }[];
  feedback: FormFeedback;
  editing: boolean;
}) {
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const errors = feedback.errors ?? {};
  const value = (name: keyof EventFormValues) =>
    submitted(feedback, name, String(initial[name] ?? ""));
  const jobTitles = submittedList(
    feedback,
    "jobTitle",
    initial.jobs.map((job) => job.title),
  );
  const jobPositions = submittedList(
    feedback,
    "jobPositions",
    initial.jobs.map((job) => String(job.positions)),
  );
  const jobRows = Math.max(JOB_ROWS, jobTitles.length + 1);

  return (
    <Form method="post" className="stack-lg" noValidate>
      <FormErrorSummary errors={feedback.errors} />
      <SubmissionKeyField />
      <fieldset className="card stack">
        <legend>
          <h2>Die Veranstaltung</h2>
        </legend>
        <SelectField
          id="kind"
          name="kind"
          label="Art"
          options={eventKinds.map((kind) => ({ value: kind, label: eventKindLabels[kind] }))}
          defaultValue={value("kind")}
          error={errors.kind}
        />
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
          hint="Was erwartet die Teilnehmenden, was sollten sie mitbringen?"
          initialDocument={initialDocument(feedback, "description", initial.description)}
          error={errors.description}
        />
        {!editing && networks.length > 1 ? (
          <SelectField
            id="networkId"
            name="networkId"
            label="Netzwerk"
            options={networks.map((network) => ({ value: network.id, label: network.name }))}
            defaultValue={value("networkId")}
            error={errors.networkId}
          />
        ) : (
          <input type="hidden" name="networkId" value={initial.networkId} />
        )}
      </fieldset>

      <fieldset className="card stack">
        <legend>
          <h2>Zeit</h2>
        </legend>
        <p className="field__hint">Alle Zeiten in deutscher Ortszeit.</p>
        <div className="event-form__pair">
          <TextField
            id="startDate"
            name="startDate"
            type="date"
            label="Datum"
            defaultValue={value("startDate")}
            error={errors.startDate}
          />
          <TextField
            id="startTime"
            name="startTime"
            type="time"
            label="Beginn"
            defaultValue={value("startTime")}
            error={errors.startTime}
          />
        </div>
        <div className="event-form__pair">
          <TextField
            id="endDate"
            name="endDate"
            type="date"
            label="Enddatum (optional)"
            hint="Nur bei mehrtägigen Veranstaltungen, z. B. einer Aktionswoche."
            defaultValue={value("endDate")}
            error={errors.endDate}
          />
          <TextField
            id="endTime"
            name="endTime"
            type="time"
            label="Ende"
            defaultValue={value("endTime")}
            error={errors.endTime}
          />
        </div>
        <div className="event-form__pair">
          <TextField
            id="deadlineDate"
            name="deadlineDate"
            type="date"
            label="Anmeldung bis (Datum)"
            hint="Bis dahin können Plätze reserviert und storniert werden."
            defaultValue={value("deadlineDate")}
            error={errors.deadlineDate}
          />
          <TextField
            id="deadlineTime"
            name="deadlineTime"
            type="time"
            label="Uhrzeit (optional)"
            hint="Ohne Uhrzeit: bis zum Ende des Tages."
            defaultValue={value("deadlineTime")}
            error={errors.deadlineTime}
          />
        </div>
      </fieldset>

      <fieldset className="card stack">
        <legend>
          <h2>Ort und Plätze</h2>
        </legend>
        <TextAreaField
          id="place"
          name="place"
          label="Veranstaltungsort"
          hint="Adresse mit Raum, z. B. „Jobcenter Apolda, Bahnhofstraße 28, Raum 1.12“. Leer lassen, wenn die Veranstaltung nur online stattfindet."
          rows={2}
          maxLength={300}
          defaultValue={value("place")}
          error={errors.place}
        />
        <TextField
          id="onlineUrl"
          name="onlineUrl"
          type="url"
          label="Online-Link (optional)"
          hint="Für Online- oder hybride Veranstaltungen, z. B. https://…"
          defaultValue={value("onlineUrl")}
          error={errors.onlineUrl}
        />
        <TextField
          id="capacity"
          name="capacity"
          type="number"
          inputMode="numeric"
          min={1}
          max={MAX_CAPACITY}
          label="Plätze"
          hint={
            editing
              ? "Mehr Plätze lassen Personen von der Warteliste automatisch nachrücken."
              : undefined
          }
          defaultValue={value("capacity")}
          error={errors.capacity}
        />
        <TextAreaField
          id="accessibility"
          name="accessibility"
          label="Barrierefreiheit (optional)"
          hint="z. B. „Rollstuhlgerecht, Aufzug vorhanden“"
          rows={2}
          maxLength={500}
          defaultValue={value("accessibility")}
          error={errors.accessibility}
        />
      </fieldset>

      <fieldset className="card stack">
        <legend>
          <h2>Für wen</h2>
        </legend>
        <CheckboxGroup
          id="targetGroups"
          legend="Zielgruppen"
          name="targetGroups"
          options={targetGroups.map((group) => ({ value: group, label: group }))}
          checked={submittedList(feedback, "targetGroups", initial.targetGroups)}
          error={errors.targetGroups}
        />
        <TextAreaField
          id="languageRequirements"
          name="languageRequirements"
          label="Sprachkenntnisse (optional)"
          hint="z. B. „Deutsch auf Niveau A2 genügt“"
          rows={2}
          maxLength={500}
          defaultValue={value("languageRequirements")}
          error={errors.languageRequirements}
        />
      </fieldset>

      <fieldset
        className={errors.jobs ? "card stack field--invalid" : "card stack"}
        aria-describedby={errors.jobs ? "jobs-hinweis jobs-fehler" : "jobs-hinweis"}
      >
        <legend>
          <h2>Stellenangebote</h2>
        </legend>
        <p className="field__hint" id="jobs-hinweis">
          Bezeichnung und Zahl der Stellen, z. B. „Montagehelfer Solar“ und „25“. Leere Zeilen
          werden ignoriert.
        </p>
        {errors.jobs ? (
          <p className="field__error" id="jobs-fehler">
            {errors.jobs}
          </p>
        ) : null}
        <div className="results-table">
          {Array.from({ length: jobRows }, (_, row) => (
            <div key={row} className="results-table__row">
              <TextField
                id={`jobTitle-${row}`}
                name="jobTitle"
                label={`Stelle ${row + 1}: Bezeichnung`}
                maxLength={120}
                defaultValue={jobTitles[row] ?? ""}
              />
              <TextField
                id={`jobPositions-${row}`}
                name="jobPositions"
                type="number"
                inputMode="numeric"
                min={1}
                label={`Stelle ${row + 1}: Anzahl`}
                defaultValue={jobPositions[row] ?? ""}
              />
            </div>
          ))}
        </div>
      </fieldset>

      <fieldset className="card stack">
        <legend>
          <h2>Ansprechperson</h2>
        </legend>
        <ContactFields value={value} errors={errors} />
      </fieldset>

      <div className="actions">
        <button type="submit" className="button" disabled={busy}>
          {busy ? "Wird gespeichert …" : editing ? "Änderungen speichern" : "Veröffentlichen"}
        </button>
      </div>
    </Form>
  );
}
