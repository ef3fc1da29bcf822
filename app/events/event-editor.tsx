import type { SerializeFrom } from "@remix-run/node";
import { useActionData, useNavigation } from "@remix-run/react";
import { useMemo } from "react";
import { eventKinds } from "~/db/vocabularies";
import type { EventJob } from "~/db/schema";
import { targetGroups } from "~/directory/target-groups";
import { NetworkChoice } from "~/networks/network-choice";
import { TitleAndDescription } from "~/rich-text/title-and-description";
import { ContactFields } from "~/ui/contact-fields";
import { EditorForm, FieldRows, FormCard } from "~/ui/editor-form";
import {
  CheckboxGroup,
  SelectField,
  ShortTextAreaField,
  TextAreaField,
  TextField,
} from "~/ui/form";
import { NumberField } from "~/ui/number-field";
import { SubmitButton } from "~/ui/intent-form";
import { optionsOf } from "~/ui/options";
import { usePortalForm } from "~/ui/portal-form";
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

type TimeFieldName =
  "startDate" | "startTime" | "endDate" | "endTime" | "deadlineDate" | "deadlineTime";

interface TimeField {
  name: TimeFieldName;
  label: string;
  hint?: string;
}

/** The fields of „Zeit“: each date beside its time. */
const timePairs: { date: TimeField; time: TimeField }[] = [
  { date: { name: "startDate", label: "Datum" }, time: { name: "startTime", label: "Beginn" } },
  {
    date: {
      name: "endDate",
      label: "Enddatum (optional)",
      hint: "Nur bei mehrtägigen Veranstaltungen, z. B. einer Aktionswoche.",
    },
    time: { name: "endTime", label: "Ende" },
  },
  {
    date: {
      name: "deadlineDate",
      label: "Anmeldung bis (Datum)",
      hint: "Bis dahin können Plätze reserviert und storniert werden.",
    },
    time: {
      name: "deadlineTime",
      label: "Uhrzeit (optional)",
      hint: "Ohne Uhrzeit: bis zum Ende des Tages.",
    },
  },
];

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

  return (
    <EditorForm form={form}>
      <FormCard title="Die Veranstaltung">
        <SelectField
          field={fields.kind}
          label="Art"
          options={optionsOf(eventKinds, eventKindLabels)}
        />
        <TitleAndDescription
          fields={fields}
          hint="Was erwartet die Teilnehmenden, was sollten sie mitbringen?"
        />
        {/* An event keeps its network; a new one goes to the user's only network. */}
        <NetworkChoice
          field={fields.networkId}
          networks={networks}
          fixed={defaultValue.networkId ?? ""}
        />
      </FormCard>

      <FormCard title="Zeit" hint="Alle Zeiten in deutscher Ortszeit.">
        {timePairs.map(({ date, time }) => (
          <div key={date.name} className="event-form__pair">
            <TextField field={fields[date.name]} type="date" label={date.label} hint={date.hint} />
            <TextField field={fields[time.name]} type="time" label={time.label} hint={time.hint} />
          </div>
        ))}
      </FormCard>

      <FormCard title="Ort und Plätze">
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
        <NumberField
          field={fields.capacity}
          min={1}
          max={MAX_CAPACITY}
          label="Plätze"
          hint={
            editing
              ? "Mehr Plätze lassen Personen von der Warteliste automatisch nachrücken."
              : undefined
          }
        />
        <ShortTextAreaField
          field={fields.accessibility}
          label="Barrierefreiheit (optional)"
          hint="z. B. „Rollstuhlgerecht, Aufzug vorhanden“"
        />
      </FormCard>

      <FormCard title="Für wen">
        <CheckboxGroup
          field={fields.targetGroups}
          legend="Zielgruppen"
          options={optionsOf(targetGroups)}
        />
        <ShortTextAreaField
          field={fields.languageRequirements}
          label="Sprachkenntnisse (optional)"
          hint="z. B. „Deutsch auf Niveau A2 genügt“"
        />
      </FormCard>

      <FormCard
        title="Stellenangebote"
        id={jobs.id}
        hint="Bezeichnung und Zahl der Stellen, z. B. „Montagehelfer Solar“ und „25“. Leere Zeilen werden ignoriert."
        error={jobs.errors?.[0]}
      >
        <FieldRows rows={jobs.getFieldList()}>
          {(cells, index) => (
            <>
              <TextField
                field={cells.title}
                label={`Stelle ${index + 1}: Bezeichnung`}
                maxLength={120}
              />
              <NumberField field={cells.positions} min={1} label={`Stelle ${index + 1}: Anzahl`} />
            </>
          )}
        </FieldRows>
      </FormCard>

      <FormCard title="Ansprechperson">
        <ContactFields fields={fields} />
      </FormCard>

      <div className="actions">
        <SubmitButton pending={busy} pendingLabel="Wird gespeichert …">
          {editing ? "Änderungen speichern" : "Veröffentlichen"}
        </SubmitButton>
      </div>
    </EditorForm>
  );
}
