import type { SerializeFrom } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { ideaVisibilities, organizationKinds } from "~/db/vocabularies";
import type { IdeaResult } from "~/db/schema";
import { targetGroups } from "~/directory/target-groups";
import { organizationKindLabels } from "~/organizations/texts";
import { NetworkChoice } from "~/networks/network-choice";
import { RichTextField } from "~/rich-text/rich-text-field";
import { ContactFields } from "~/ui/contact-fields";
import { EditorForm, FieldRows, FormCard } from "~/ui/editor-form";
import { CheckboxGroup, SelectField, TextAreaField, TextField } from "~/ui/form";
import { IntentButton, useBusyIntent } from "~/ui/intent-form";
import { optionsOf } from "~/ui/options";
import { usePortalForm } from "~/ui/portal-form";
import type { loadIdeaEditor } from "./editor-page.server";
import { ideaSchema } from "./idea-form";
import { ideaVisibilityLabels } from "./texts";
import { fieldsOfAction, fundingSources } from "./vocabulary";

/** The checkbox groups of „Einordnung“. */
const classification = [
  { name: "targetGroups", legend: "Zielgruppen", options: optionsOf(targetGroups) },
  { name: "fieldsOfAction", legend: "Handlungsfelder", options: optionsOf(fieldsOfAction) },
  {
    name: "partnerKinds",
    legend: "Beteiligte Partner",
    options: optionsOf(organizationKinds, organizationKindLabels),
  },
  { name: "funding", legend: "Finanzierung", options: optionsOf(fundingSources) },
] as const;

const RESULT_ROWS = 5;

/** The stored results and empty rows for more: at least five rows, always one to spare. */
function withEmptyRows(results: readonly IdeaResult[]): IdeaResult[] {
  const rows = Math.max(RESULT_ROWS, results.length + 1);
  return Array.from({ length: rows }, (_, row) => results[row] ?? { label: "", value: "" });
}

/** The idea editor for new ideas and edits; every typed value survives a rejected submit. */
export function IdeaEditor({
  networks,
  defaultValue,
  published,
}: SerializeFrom<typeof loadIdeaEditor>) {
  const [form, fields] = usePortalForm({
    schema: ideaSchema,
    actionData: useActionData(),
    defaultValue: {
      ...defaultValue,
      results: withEmptyRows("results" in defaultValue ? defaultValue.results : []),
    },
  });
  const busy = useBusyIntent();
  const results = fields.results;
  // A crafted request can send back anything as the table; conform would throw on a non-list.
  const resultRows = Array.isArray(results.initialValue) ? results.getFieldList() : [];

  return (
    <EditorForm form={form}>
      <FormCard title="Die Idee">
        <TextField field={fields.title} label="Titel" maxLength={160} />
        <TextAreaField
          field={fields.summary}
          label="Kurzbeschreibung"
          hint="Höchstens 300 Zeichen – erscheint in der Trefferliste."
          rows={3}
          maxLength={300}
        />
        <RichTextField
          field={fields.body}
          textField={fields.bodyText}
          label="Beschreibung"
          hint="Wie lief es ab, wer war beteiligt, was hat geholfen? Aus Word eingefügter Text wird bereinigt."
        />
      </FormCard>

      <FormCard title="Einordnung">
        {classification.map(({ name, legend, options }) => (
          <CheckboxGroup key={name} field={fields[name]} legend={legend} options={options} />
        ))}
        <TextField field={fields.region} label="Region" hint="z. B. Weimarer Land, Ostalbkreis" />
        <TextField field={fields.period} label="Zeitraum" hint="z. B. März bis Juni 2024" />
      </FormCard>

      <FormCard
        title="Ergebnisse"
        id={results.id}
        hint="Bezeichnung und Wert, z. B. „Teilnehmende“ und „15“, „Praktika“ und „13“."
        error={results.errors?.[0]}
      >
        <FieldRows rows={resultRows}>
          {(cells, index) => (
            <>
              <TextField field={cells.label} label={`Ergebnis ${index + 1}: Bezeichnung`} />
              <TextField field={cells.value} label={`Ergebnis ${index + 1}: Wert`} />
            </>
          )}
        </FieldRows>
      </FormCard>

      <FormCard title="Ansprechperson und Sichtbarkeit">
        <ContactFields fields={fields} />
        <SelectField
          field={fields.visibility}
          label="Wer kann die Idee finden?"
          hint="„bundesweit“: alle Netzwerke dieser Installation. Entwürfe sieht nur Ihre Organisation."
          options={optionsOf(ideaVisibilities, ideaVisibilityLabels)}
        />
        <NetworkChoice field={fields.networkId} networks={networks} fixed={networks[0]?.id ?? ""} />
      </FormCard>

      <div className="actions">
        <IntentButton intent="publish" busy={busy} pendingLabel="Wird veröffentlicht …">
          {published ? "Änderungen veröffentlichen" : "Veröffentlichen"}
        </IntentButton>
        {!published ? (
          <IntentButton
            intent="draft"
            busy={busy}
            pendingLabel="Wird gespeichert …"
            className="button button--secondary"
          >
            Als Entwurf speichern
          </IntentButton>
        ) : null}
      </div>
    </EditorForm>
  );
}
