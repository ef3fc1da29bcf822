import { Form, useNavigation } from "@remix-run/react";
import { targetGroups } from "~/directory/target-groups";
import { ideaVisibilities, organizationKinds } from "~/db/schema";
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
  TextAreaField,
  TextField,
  type FormFeedback,
} from "~/ui/form";
import { ideaVisibilityLabels } from "./texts";
import { fieldsOfAction, fundingSources } from "./vocabulary";
import { ContactFields } from "~/ui/contact-fields";
import { SubmissionKeyField } from "~/submissions/submission-key-field";

export interface IdeaFormValues {
  title: string;
  summary: string;
  /** tiptap JSON as a string: it crosses the loader boundary unchanged. */
  body: string;
  targetGroups: string[];
  fieldsOfAction: string[];
  region: string;
  partnerKinds: string[];
  funding: string[];
  results: { label: string; value: string }[];
  period: string;
  contactName: string;
  contactEmail: string;
  contactPhone: string;
  visibility: string;
  networkId: string;
}

export const emptyIdea = (
  networkId: string,
  contactName: string,
  contactEmail: string,
): IdeaFormValues => ({
  title: "",
  summary: "",
  body: JSON.stringify(emptyDocument),
  targetGroups: [],
  fieldsOfAction: [],
  region: "",
  partnerKinds: [],
  funding: [],
  results: [],
  period: "",
  contactName,
  contactEmail,
  contactPhone: "",
  visibility: "network",
  networkId,
});

const listOptions = (values: readonly string[]) => values.map((value) => ({ value, label: value }));
const RESULT_ROWS = 5;

/** The idea editor for new ideas and edits; every typed value survives a rejected submit. */
export function IdeaForm({
  initial,
  networks,
  feedback,
  published,
}: {
  initial: IdeaFormValues;
  networks: { id: string; name: string }[];
  feedback: FormFeedback;
  published: boolean;
}) {
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" ? navigation.formData?.get("intent") : null;
  const errors = feedback.errors ?? {};
  const value = (name: keyof IdeaFormValues) =>
    submitted(feedback, name, String(initial[name] ?? ""));
  const labels = submittedList(
    feedback,
    "resultLabel",
    initial.results.map((result) => result.label),
  );
  const values = submittedList(
    feedback,
    "resultValue",
    initial.results.map((result) => result.value),
  );
  const rows = Math.max(RESULT_ROWS, labels.length + 1);

  return (
    <Form method="post" className="stack-lg" noValidate>
      <FormErrorSummary errors={feedback.errors} />
      <SubmissionKeyField />
      <fieldset className="card stack">
        <legend>
          <h2>Die Idee</h2>
        </legend>
        <TextField
          id="title"
          name="title"
          label="Titel"
          maxLength={160}
          defaultValue={value("title")}
          error={errors.title}
        />
        <TextAreaField
          id="summary"
          name="summary"
          label="Kurzbeschreibung"
          hint="Höchstens 300 Zeichen – erscheint in der Trefferliste."
          rows={3}
          maxLength={300}
          defaultValue={value("summary")}
          error={errors.summary}
        />
        <RichTextEditor
          id="body"
          name="body"
          label="Beschreibung"
          hint="Wie lief es ab, wer war beteiligt, was hat geholfen? Aus Word eingefügter Text wird bereinigt."
          initialDocument={initialDocument(feedback, "body", initial.body)}
          error={errors.body}
        />
      </fieldset>

      <fieldset className="card stack">
        <legend>
          <h2>Einordnung</h2>
        </legend>
        <CheckboxGroup
          id="targetGroups"
          legend="Zielgruppen"
          name="targetGroups"
          options={listOptions(targetGroups)}
          checked={submittedList(feedback, "targetGroups", initial.targetGroups)}
          error={errors.targetGroups}
        />
        <CheckboxGroup
          id="fieldsOfAction"
          legend="Handlungsfelder"
          name="fieldsOfAction"
          options={listOptions(fieldsOfAction)}
          checked={submittedList(feedback, "fieldsOfAction", initial.fieldsOfAction)}
          error={errors.fieldsOfAction}
        />
        <CheckboxGroup
          id="partnerKinds"
          legend="Beteiligte Partner"
          name="partnerKinds"
          options={organizationKinds.map((kind) => ({
            value: kind,
            label: organizationKindLabels[kind],
          }))}
          checked={submittedList(feedback, "partnerKinds", initial.partnerKinds)}
          error={errors.partnerKinds}
        />
        <CheckboxGroup
          id="funding"
          legend="Finanzierung"
          name="funding"
          options={listOptions(fundingSources)}
          checked={submittedList(feedback, "funding", initial.funding)}
          error={errors.funding}
        />
        <TextField
          id="region"
          name="region"
          label="Region"
          hint="z. B. Weimarer Land, Ostalbkreis"
          defaultValue={value("region")}
          error={errors.region}
        />
        <TextField
          id="period"
          name="period"
          label="Zeitraum"
          hint="z. B. März bis Juni 2024"
          defaultValue={value("period")}
          error={errors.period}
        />
      </fieldset>

      <fieldset
        className={errors.results ? "card stack field--invalid" : "card stack"}
        aria-describedby={errors.results ? "results-fehler" : "results-hinweis"}
      >
        <legend>
          <h2>Ergebnisse</h2>
        </legend>
        <p className="field__hint" id="results-hinweis">
          Bezeichnung und Wert, z. B. „Teilnehmende“ und „15“, „Praktika“ und „13“.
        </p>
        {errors.results ? (
          <p className="field__error" id="results-fehler">
            {errors.results}
          </p>
        ) : null}
        <div className="results-table">
          {Array.from({ length: rows }, (_, row) => (
            <div key={row} className="results-table__row">
              <TextField
                id={`resultLabel-${row}`}
                name="resultLabel"
                label={`Ergebnis ${row + 1}: Bezeichnung`}
                defaultValue={labels[row] ?? ""}
              />
              <TextField
                id={`resultValue-${row}`}
                name="resultValue"
                label={`Ergebnis ${row + 1}: Wert`}
                defaultValue={values[row] ?? ""}
              />
            </div>
          ))}
        </div>
      </fieldset>

      <fieldset className="card stack">
        <legend>
          <h2>Ansprechperson und Sichtbarkeit</h2>
        </legend>
        <ContactFields value={value} errors={errors} />
        <SelectField
          id="visibility"
          name="visibility"
          label="Wer kann die Idee finden?"
          hint="„bundesweit“: alle Netzwerke dieser Installation. Entwürfe sieht nur Ihre Organisation."
          options={ideaVisibilities.map((visibility) => ({
            value: visibility,
            label: ideaVisibilityLabels[visibility],
          }))}
          defaultValue={value("visibility")}
          error={errors.visibility}
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
