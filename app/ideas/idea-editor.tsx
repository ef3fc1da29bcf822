import type { SerializeFrom } from "@remix-run/node";
import { Form, useActionData, useNavigation } from "@remix-run/react";
import { ideaVisibilities, organizationKinds } from "~/db/vocabularies";
import type { IdeaResult } from "~/db/schema";
import { targetGroups } from "~/directory/target-groups";
import { organizationKindLabels } from "~/organizations/texts";
import { NetworkChoice } from "~/networks/network-choice";
import { RichTextField } from "~/rich-text/rich-text-field";
import { SubmissionKeyField } from "~/submissions/submission-key-field";
import { ContactFields } from "~/ui/contact-fields";
import { CheckboxGroup, FormErrorSummary, SelectField, TextAreaField, TextField } from "~/ui/form";
import { formProps, usePortalForm } from "~/ui/portal-form";
import type { loadIdeaEditor } from "./editor-page.server";
import { ideaSchema } from "./idea-form";
import { ideaVisibilityLabels } from "./texts";
import { fieldsOfAction, fundingSources } from "./vocabulary";

const listOptions = (values: readonly string[]) => values.map((value) => ({ value, label: value }));

/** The checkbox groups of „Einordnung“. */
const classification = [
  { name: "targetGroups", legend: "Zielgruppen", options: listOptions(targetGroups) },
  { name: "fieldsOfAction", legend: "Handlungsfelder", options: listOptions(fieldsOfAction) },
  {
    name: "partnerKinds",
    legend: "Beteiligte Partner",
    options: organizationKinds.map((kind) => ({
      value: kind,
      label: organizationKindLabels[kind],
    })),
  },
  { name: "funding", legend: "Finanzierung", options: listOptions(fundingSources) },
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
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" ? navigation.formData?.get("intent") : null;
  const results = fields.results;
  const resultsError = results.errors?.[0];
  // A crafted request can send back anything as the table; conform would throw on a non-list.
  const resultRows = Array.isArray(results.initialValue) ? results.getFieldList() : [];

  return (
    <Form method="post" className="stack-lg" {...formProps(form)}>
      <FormErrorSummary form={form} />
      <SubmissionKeyField />
      <fieldset className="card stack">
        <legend>
          <h2>Die Idee</h2>
        </legend>
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
      </fieldset>

      <fieldset className="card stack">
        <legend>
          <h2>Einordnung</h2>
        </legend>
        {classification.map(({ name, legend, options }) => (
          <CheckboxGroup key={name} field={fields[name]} legend={legend} options={options} />
        ))}
        <TextField field={fields.region} label="Region" hint="z. B. Weimarer Land, Ostalbkreis" />
        <TextField field={fields.period} label="Zeitraum" hint="z. B. März bis Juni 2024" />
      </fieldset>

      <fieldset
        className={resultsError ? "card stack field--invalid" : "card stack"}
        aria-describedby={resultsError ? `${results.id}-fehler` : `${results.id}-hinweis`}
      >
        <legend>
          <h2>Ergebnisse</h2>
        </legend>
        <p className="field__hint" id={`${results.id}-hinweis`}>
          Bezeichnung und Wert, z. B. „Teilnehmende“ und „15“, „Praktika“ und „13“.
        </p>
        {resultsError ? (
          <p className="field__error" id={`${results.id}-fehler`}>
            {resultsError}
          </p>
        ) : null}
        <div className="results-table">
          {resultRows.map((row, index) => {
            const cells = row.getFieldset();
            return (
              <div key={row.key} className="results-table__row">
                <TextField field={cells.label} label={`Ergebnis ${index + 1}: Bezeichnung`} />
                <TextField field={cells.value} label={`Ergebnis ${index + 1}: Wert`} />
              </div>
            );
          })}
        </div>
      </fieldset>

      <fieldset className="card stack">
        <legend>
          <h2>Ansprechperson und Sichtbarkeit</h2>
        </legend>
        <ContactFields fields={fields} />
        <SelectField
          field={fields.visibility}
          label="Wer kann die Idee finden?"
          hint="„bundesweit“: alle Netzwerke dieser Installation. Entwürfe sieht nur Ihre Organisation."
          options={ideaVisibilities.map((visibility) => ({
            value: visibility,
            label: ideaVisibilityLabels[visibility],
          }))}
        />
        <NetworkChoice field={fields.networkId} networks={networks} fixed={networks[0]?.id ?? ""} />
      </fieldset>

      <div className="actions">
        <button type="submit" name="intent" value="publish" className="button" disabled={!!busy}>
          {busy === "publish"
            ? "Wird veröffentlicht …"
            : published
              ? "Änderungen veröffentlichen"
              : "Veröffentlichen"}
        </button>
        {!published ? (
          <button
            type="submit"
            name="intent"
            value="draft"
            className="button button--secondary"
            disabled={!!busy}
          >
            {busy === "draft" ? "Wird gespeichert …" : "Als Entwurf speichern"}
          </button>
        ) : null}
      </div>
    </Form>
  );
}
