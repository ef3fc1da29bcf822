import type { FieldMetadata } from "@conform-to/react";
import { useMemo } from "react";
import {
  ageBands,
  consentForms,
  contactPreferences,
  serviceCategories,
  urgencies,
} from "~/db/vocabularies";
import { EditorForm, FormCard } from "~/ui/editor-form";
import {
  CheckboxField,
  CheckboxGroup,
  SelectField,
  ShortTextAreaField,
  TextAreaField,
  TextField,
} from "~/ui/form";
import { IntentButton, useBusyIntent } from "~/ui/intent-form";
import { optionsOf } from "~/ui/options";
import { usePortalForm } from "~/ui/portal-form";
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
  const busy = useBusyIntent();

  return (
    <EditorForm form={form}>
      <FormCard title="Wohin und worum geht es?">
        <ServiceSelect field={fields.serviceId} services={services} />
        <CheckboxGroup
          field={fields.needs}
          legend="Bedarfe"
          options={optionsOf(serviceCategories, serviceCategoryLabels)}
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
          options={optionsOf(urgencies, urgencyLabels)}
        />
      </FormCard>

      <FormCard title="Zur Person – so wenig wie möglich">
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
          options={[choose, ...optionsOf(ageBands, ageBandLabels)]}
        />
        <SelectField
          field={fields.contactPreference}
          label="Bevorzugter Kontaktweg"
          options={optionsOf(contactPreferences, contactPreferenceLabels)}
        />
      </FormCard>

      <FormCard
        title="Einwilligung (Schweigepflichtentbindung)"
        id="consent"
        hint="Ohne dokumentierte Einwilligung kann nicht gesendet werden. Ein Entwurf lässt sich auch ohne speichern."
        error={form.allErrors.consent?.[0]}
      >
        <TextField field={fields.consentObtainedBy} label="Eingeholt von" />
        <TextField field={fields.consentObtainedOn} label="Datum der Einwilligung" type="date" />
        <SelectField
          field={fields.consentForm}
          label="Form"
          options={[choose, ...optionsOf(consentForms, consentFormLabels)]}
        />
        <SelectField
          field={fields.consentOrganizationId}
          label="Empfangende Stelle laut Einwilligung"
          options={[
            choose,
            ...organizationsOf(services).map(([id, name]) => ({ value: id, label: name })),
          ]}
        />
        <ShortTextAreaField field={fields.consentPurpose} label="Zweck laut Einwilligung" />
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
      </FormCard>

      <div className="actions">
        <IntentButton intent="send" busy={busy} pendingLabel="Übergabe wird gesendet …">
          Übergabe senden
        </IntentButton>
        <IntentButton
          intent="draft"
          busy={busy}
          pendingLabel="Entwurf wird gespeichert …"
          className="button button--secondary"
        >
          Als Entwurf speichern
        </IntentButton>
      </div>
    </EditorForm>
  );
}
