import type { FieldMetadata } from "@conform-to/react";
import { Form, useNavigation } from "@remix-run/react";
import { useMemo } from "react";
import {
  ageBands,
  consentForms,
  contactPreferences,
  serviceCategories,
  urgencies,
} from "~/db/vocabularies";
import { SubmissionKeyField } from "~/submissions/submission-key-field";
import {
  CheckboxField,
  CheckboxGroup,
  FormErrorSummary,
  SelectField,
  TextAreaField,
  TextField,
} from "~/ui/form";
import { formProps, usePortalForm } from "~/ui/portal-form";
import { referralSchema } from "./referral-form";
import {
  ageBandLabels,
  consentFormLabels,
  contactPreferenceLabels,
  serviceCategoryLabels,
  urgencyLabels,
} from "./texts";

export interface ReferableServiceOption {
  id: string;
  name: string;
  category: string;
  responseWorkingDays: number;
  organizationId: string;
  organizationName: string;
}

const options = <Value extends string>(values: readonly Value[], labels: Record<Value, string>) =>
  values.map((value) => ({ value, label: labels[value] }));

const choose = { value: "", label: "Bitte wählen …" };

/** The organisations offering the services, as [id, name]. */
const organizationsOf = (services: ReferableServiceOption[]) => [
  ...new Map(services.map((service) => [service.organizationId, service.organizationName])),
];

/** The services grouped by their organisation, each with its promised response time. */
function ServiceSelect({
  field,
  services,
}: {
  field: FieldMetadata<string, Record<string, unknown>, string[]>;
  services: ReferableServiceOption[];
}) {
  const error = field.errors?.[0];
  return (
    <div className={error ? "field field--invalid" : "field"}>
      <label htmlFor={field.id}>Angebot</label>
      <select
        key={field.key}
        id={field.id}
        name={field.name}
        defaultValue={typeof field.initialValue === "string" ? field.initialValue : ""}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${field.id}-fehler` : undefined}
      >
        <option value="">{choose.label}</option>
        {organizationsOf(services).map(([organizationId, organizationName]) => (
          <optgroup key={organizationId} label={organizationName}>
            {services
              .filter((service) => service.organizationId === organizationId)
              .map((service) => (
                <option key={service.id} value={service.id}>
                  {service.name} – Antwort in {service.responseWorkingDays} Arbeitstagen
                </option>
              ))}
          </optgroup>
        ))}
      </select>
      {error ? (
        <p className="field__error" id={`${field.id}-fehler`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

/**
 * The referral form for a new referral and for a draft. Every typed value comes back after a
 * rejected submit; the consent is a fieldset of its own because it is a record of its own.
 */
export function ReferralEditor({
  services,
  today,
  defaultValue,
  actionData,
}: {
  services: ReferableServiceOption[];
  /** The Berlin calendar date the loader saw: no consent may be dated later. */
  today: string;
  defaultValue: Record<string, unknown>;
  actionData: unknown;
}) {
  const schema = useMemo(() => referralSchema(today), [today]);
  const [form, fields] = usePortalForm({ schema, actionData, defaultValue });
  const navigation = useNavigation();
  const busyIntent = navigation.state === "submitting" ? navigation.formData?.get("intent") : null;
  const consentError = form.allErrors.consent?.[0];

  return (
    <Form method="post" className="stack-lg" {...formProps(form)}>
      <FormErrorSummary form={form} />
      <SubmissionKeyField />
      <fieldset className="card stack">
        <legend>
          <h2>Wohin und worum geht es?</h2>
        </legend>
        <ServiceSelect field={fields.serviceId} services={services} />
        <CheckboxGroup
          field={fields.needs}
          legend="Bedarfe"
          options={options(serviceCategories, serviceCategoryLabels)}
        />
        <TextAreaField
          field={fields.reason}
          label="Anlass der Übergabe"
          rows={5}
          maxLength={2000}
          hint="Höchstens 2.000 Zeichen. Nur was die empfangende Stelle für den Erstkontakt braucht – keine Diagnosen, keine Aktenzeichen."
        />
        <SelectField
          field={fields.urgency}
          label="Dringlichkeit"
          options={options(urgencies, urgencyLabels)}
        />
      </fieldset>

      <fieldset className="card stack">
        <legend>
          <h2>Zur Person – so wenig wie möglich</h2>
        </legend>
        <TextField
          field={fields.pseudonym}
          label="Pseudonym oder Initialen"
          hint="Zum Beispiel „M. K.“ oder „Kundin Sonnenblume“. Keine BG-, Kunden- oder Versicherungsnummern."
          maxLength={40}
          autoComplete="off"
        />
        <SelectField
          field={fields.ageBand}
          label="Altersgruppe"
          options={[choose, ...options(ageBands, ageBandLabels)]}
        />
        <SelectField
          field={fields.contactPreference}
          label="Bevorzugter Kontaktweg"
          options={options(contactPreferences, contactPreferenceLabels)}
        />
      </fieldset>

      <fieldset
        className={consentError ? "card stack field--invalid" : "card stack"}
        aria-describedby={consentError ? "consent-fehler" : "consent-hinweis"}
      >
        <legend>
          <h2>Einwilligung (Schweigepflichtentbindung)</h2>
        </legend>
        <p id="consent-hinweis" className="field__hint">
          Ohne dokumentierte Einwilligung kann nicht gesendet werden. Ein Entwurf lässt sich auch
          ohne speichern.
        </p>
        {consentError ? (
          <p className="field__error" id="consent-fehler">
            {consentError}
          </p>
        ) : null}
        <TextField field={fields.consentObtainedBy} label="Eingeholt von" />
        <TextField field={fields.consentObtainedOn} label="Datum der Einwilligung" type="date" />
        <SelectField
          field={fields.consentForm}
          label="Form"
          options={[choose, ...options(consentForms, consentFormLabels)]}
        />
        <SelectField
          field={fields.consentOrganizationId}
          label="Empfangende Stelle laut Einwilligung"
          options={[
            choose,
            ...organizationsOf(services).map(([id, name]) => ({ value: id, label: name })),
          ]}
        />
        <TextAreaField
          field={fields.consentPurpose}
          label="Zweck laut Einwilligung"
          rows={2}
          maxLength={500}
        />
        <TextField
          field={fields.consentValidUntil}
          label="Gültig bis"
          type="date"
          hint="Höchstens 24 Monate nach dem Datum der Einwilligung."
        />
        <CheckboxField
          field={fields.consentCoversFeedback}
          label="Die Einwilligung umfasst inhaltliche Rückmeldungen der empfangenden Stelle"
          hint="Nur ankreuzen, wenn die Person ausdrücklich zugestimmt hat. Sonst melden Sucht- und Schuldnerberatung sowie psychosoziale Dienste (§ 203 StGB) nur Status, Termine und ein Ergebnis zurück."
        />
      </fieldset>

      <div className="actions">
        <button type="submit" name="intent" value="send" className="button" disabled={!!busyIntent}>
          {busyIntent === "send" ? "Übergabe wird gesendet …" : "Übergabe senden"}
        </button>
        <button
          type="submit"
          name="intent"
          value="draft"
          className="button button--secondary"
          disabled={!!busyIntent}
        >
          {busyIntent === "draft" ? "Entwurf wird gespeichert …" : "Als Entwurf speichern"}
        </button>
      </div>
    </Form>
  );
}
