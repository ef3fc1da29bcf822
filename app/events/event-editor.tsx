import type { SerializeFrom } from "@remix-run/node";
import { Form, useActionData, useNavigation } from "@remix-run/react";
import { useMemo } from "react";
import { eventKinds } from "~/db/vocabularies";
import type { EventJob } from "~/db/schema";
import { targetGroups } from "~/directory/target-groups";
import { NetworkChoice } from "~/networks/network-choice";
import { RichTextField } from "~/rich-text/rich-text-field";
import { SubmissionKeyField } from "~/submissions/submission-key-field";
import { ContactFields } from "~/ui/contact-fields";
import { CheckboxGroup, FormErrorSummary, SelectField, TextAreaField, TextField } from "~/ui/form";
import { formProps, usePortalForm } from "~/ui/portal-form";
import type { eventEditForm, newEventForm } from "./editor-page.server";
import { eventSchema } from "./event-form";
import { MAX_CAPACITY } from "./texts";
import { eventKindLabels } from "./vocabulary";

const JOB_ROWS = 3;

/** The stored jobs and empty rows for more: at least three rows, always one to spare. */
function withEmptyRows(jobs: readonly EventJob[]): Partial<EventJob>[] {
  const rows = Math.max(JOB_ROWS, jobs.length + 1);
  return Array.from({ length: rows }, (_, row) => jobs[row] ?? {});
}

type EditorData =
  | SerializeFrom<typeof newEventForm>
  | Omit<SerializeFrom<typeof eventEditForm>, "eventId" | "cancelled">;

/** The form for a new event and for edits; every typed value survives a rejected submit. */
export function EventEditor(data: EditorData) {
  const editing = "previousStartsAt" in data;
  // An edit may keep a start that has passed; the browser checks against the same instant.
  const previousStartsAt = editing ? data.previousStartsAt : undefined;
  const schema = useMemo(
    () =>
      eventSchema({ previousStartsAt: previousStartsAt ? new Date(previousStartsAt) : undefined }),
    [previousStartsAt],
  );
  const defaultValue = data.defaultValue;
  const [form, fields] = usePortalForm({
    schema,
    actionData: useActionData(),
    defaultValue: {
      ...defaultValue,
      jobs: withEmptyRows("jobs" in defaultValue ? defaultValue.jobs : []),
    },
  });
  const networks = "networks" in data ? data.networks : [];
  const busy = useNavigation().state === "submitting";
  const jobs = fields.jobs;
  const jobsError = jobs.errors?.[0];

  return (
    <Form method="post" className="stack-lg" {...formProps(form)}>
      <FormErrorSummary form={form} />
      <SubmissionKeyField />
      <fieldset className="card stack">
        <legend>
          <h2>Die Veranstaltung</h2>
        </legend>
        <SelectField
          field={fields.kind}
          label="Art"
          options={eventKinds.map((kind) => ({ value: kind, label: eventKindLabels[kind] }))}
        />
        <TextField field={fields.title} label="Titel" maxLength={160} />
        <RichTextField
          field={fields.description}
          textField={fields.descriptionText}
          label="Beschreibung"
          hint="Was erwartet die Teilnehmenden, was sollten sie mitbringen?"
        />
        {/* An event keeps its network; a new one goes to the user's only network. */}
        <NetworkChoice
          field={fields.networkId}
          networks={networks}
          fixed={defaultValue.networkId ?? ""}
        />
      </fieldset>

      <fieldset className="card stack">
        <legend>
          <h2>Zeit</h2>
        </legend>
        <p className="field__hint">Alle Zeiten in deutscher Ortszeit.</p>
        <div className="event-form__pair">
          <TextField field={fields.startDate} type="date" label="Datum" />
          <TextField field={fields.startTime} type="time" label="Beginn" />
        </div>
        <div className="event-form__pair">
          <TextField
            field={fields.endDate}
            type="date"
            label="Enddatum (optional)"
            hint="Nur bei mehrtägigen Veranstaltungen, z. B. einer Aktionswoche."
          />
          <TextField field={fields.endTime} type="time" label="Ende" />
        </div>
        <div className="event-form__pair">
          <TextField
            field={fields.deadlineDate}
            type="date"
            label="Anmeldung bis (Datum)"
            hint="Bis dahin können Plätze reserviert und storniert werden."
          />
          <TextField
            field={fields.deadlineTime}
            type="time"
            label="Uhrzeit (optional)"
            hint="Ohne Uhrzeit: bis zum Ende des Tages."
          />
        </div>
      </fieldset>

      <fieldset className="card stack">
        <legend>
          <h2>Ort und Plätze</h2>
        </legend>
        <TextAreaField
          field={fields.place}
          label="Veranstaltungsort"
          hint="Adresse mit Raum, z. B. „Jobcenter Apolda, Bahnhofstraße 28, Raum 1.12“. Leer lassen, wenn die Veranstaltung nur online stattfindet."
          rows={2}
          maxLength={300}
        />
        <TextField
          field={fields.onlineUrl}
          type="url"
          label="Online-Link (optional)"
          hint="Für Online- oder hybride Veranstaltungen, z. B. https://…"
        />
        <TextField
          field={fields.capacity}
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
        />
        <TextAreaField
          field={fields.accessibility}
          label="Barrierefreiheit (optional)"
          hint="z. B. „Rollstuhlgerecht, Aufzug vorhanden“"
          rows={2}
          maxLength={500}
        />
      </fieldset>

      <fieldset className="card stack">
        <legend>
          <h2>Für wen</h2>
        </legend>
        <CheckboxGroup
          field={fields.targetGroups}
          legend="Zielgruppen"
          options={targetGroups.map((group) => ({ value: group, label: group }))}
        />
        <TextAreaField
          field={fields.languageRequirements}
          label="Sprachkenntnisse (optional)"
          hint="z. B. „Deutsch auf Niveau A2 genügt“"
          rows={2}
          maxLength={500}
        />
      </fieldset>

      <fieldset
        className={jobsError ? "card stack field--invalid" : "card stack"}
        aria-describedby={jobsError ? `${jobs.id}-hinweis ${jobs.id}-fehler` : `${jobs.id}-hinweis`}
      >
        <legend>
          <h2>Stellenangebote</h2>
        </legend>
        <p className="field__hint" id={`${jobs.id}-hinweis`}>
          Bezeichnung und Zahl der Stellen, z. B. „Montagehelfer Solar“ und „25“. Leere Zeilen
          werden ignoriert.
        </p>
        {jobsError ? (
          <p className="field__error" id={`${jobs.id}-fehler`}>
            {jobsError}
          </p>
        ) : null}
        <div className="results-table">
          {jobs.getFieldList().map((row, index) => {
            const cells = row.getFieldset();
            return (
              <div key={row.key} className="results-table__row">
                <TextField
                  field={cells.title}
                  label={`Stelle ${index + 1}: Bezeichnung`}
                  maxLength={120}
                />
                <TextField
                  field={cells.positions}
                  type="number"
                  inputMode="numeric"
                  min={1}
                  label={`Stelle ${index + 1}: Anzahl`}
                />
              </div>
            );
          })}
        </div>
      </fieldset>

      <fieldset className="card stack">
        <legend>
          <h2>Ansprechperson</h2>
        </legend>
        <ContactFields fields={fields} />
      </fieldset>

      <div className="actions">
        <button type="submit" className="button" disabled={busy}>
          {busy ? "Wird gespeichert …" : editing ? "Änderungen speichern" : "Veröffentlichen"}
        </button>
      </div>
    </Form>
  );
}
