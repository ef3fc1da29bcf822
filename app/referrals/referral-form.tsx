import { Form, useNavigation } from "@remix-run/react";
import {
  ageBands,
  consentForms,
  contactPreferences,
  serviceCategories,
  urgencies,
} from "~/db/schema";
import {
  CheckboxField,
  CheckboxGroup,
  FormErrorSummary,
  SelectField,
  submitted,
  submittedList,
  TextAreaField,
  TextField,
  type FormFeedback,
} from "~/ui/form";
import {
  ageBandLabels,
  consentFormLabels,
  contactPreferenceLabels,
  serviceCategoryLabels,
  urgencyLabels,
} from "./texts";
import { SubmissionKeyField } from "~/submissions/submission-key-field";

export interface ReferableServiceOption {
  id: string;
  name: string;
  category: string;
  responseWorkingDays: number;
  organizationId: string;
  organizationName: string;
}

/** What a draft already holds, to fill the form when it is edited. */
export interface ReferralFormValues {
  serviceId: string;
  pseudonym: string;
  ageBand: string;
  needs: string[];
  reason: string;
  urgency: string;
  contactPreference: string;
  consentObtainedBy: string;
  consentObtainedOn: string;
  consentForm: string;
  consentOrganizationId: string;
  consentPurpose: string;
  consentValidUntil: string;
  consentCoversFeedback: boolean;
}

const options = <Value extends string>(values: readonly Value[], labels: Record<Value, string>) =>
  values.map((value) => ({ value, label: labels[value] }));

/**
 * The referral form for a new referral and for a draft. Every typed value comes back after a
 * rejected submit; the consent is a fieldset of its own because it is a record of its own.
 */
export function ReferralForm({
  services,
  feedback,
  initial,
}: {
  services: ReferableServiceOption[];
  feedback: FormFeedback;
  initial: ReferralFormValues;
}) {
  const navigation = useNavigation();
  const busyIntent = navigation.state === "submitting" ? navigation.formData?.get("intent") : null;
  const errors = feedback.errors ?? {};
  const value = (name: keyof ReferralFormValues) =>
    submitted(feedback, name, String(initial[name] ?? ""));
  const organizations = [
    ...new Map(services.map((service) => [service.organizationId, service.organizationName])),
  ];
  const byOrganization = organizations.map(([organizationId, organizationName]) => ({
    organizationName,
    services: services.filter((service) => service.organizationId === organizationId),
  }));

  return (
    <Form method="post" className="stack-lg" noValidate>
      <FormErrorSummary errors={feedback.errors} />
      <SubmissionKeyField />
      <fieldset className="card stack">
        <legend>
          <h2>Wohin und worum geht es?</h2>
        </legend>
        <div className={errors.serviceId ? "field field--invalid" : "field"}>
          <label htmlFor="serviceId">Angebot</label>
          <select
            id="serviceId"
            name="serviceId"
            defaultValue={value("serviceId")}
            aria-invalid={errors.serviceId ? true : undefined}
            aria-describedby={errors.serviceId ? "serviceId-fehler" : undefined}
          >
            <option value="">Bitte wählen …</option>
            {byOrganization.map((group) => (
              <optgroup key={group.organizationName} label={group.organizationName}>
                {group.services.map((service) => (
                  <option key={service.id} value={service.id}>
                    {service.name} – Antwort in {service.responseWorkingDays} Arbeitstagen
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
          {errors.serviceId ? (
            <p className="field__error" id="serviceId-fehler">
              {errors.serviceId}
            </p>
          ) : null}
        </div>
        <CheckboxGroup
          id="needs"
          legend="Bedarfe"
          name="needs"
          options={options(serviceCategories, serviceCategoryLabels)}
          checked={submittedList(feedback, "needs", initial.needs)}
          error={errors.needs}
        />
        <TextAreaField
          id="reason"
          name="reason"
          label="Anlass der Übergabe"
          rows={5}
          maxLength={2000}
          hint="Höchstens 2.000 Zeichen. Nur was die empfangende Stelle für den Erstkontakt braucht – keine Diagnosen, keine Aktenzeichen."
          defaultValue={value("reason")}
          error={errors.reason}
        />
        <SelectField
          id="urgency"
          name="urgency"
          label="Dringlichkeit"
          options={options(urgencies, urgencyLabels)}
          defaultValue={value("urgency")}
          error={errors.urgency}
        />
      </fieldset>

      <fieldset className="card stack">
        <legend>
          <h2>Zur Person – so wenig wie möglich</h2>
        </legend>
        <TextField
          id="pseudonym"
          name="pseudonym"
          label="Pseudonym oder Initialen"
          hint="Zum Beispiel „M. K.“ oder „Kundin Sonnenblume“. Keine BG-, Kunden- oder Versicherungsnummern."
          maxLength={40}
          autoComplete="off"
          defaultValue={value("pseudonym")}
          error={errors.pseudonym}
        />
        <SelectField
          id="ageBand"
          name="ageBand"
          label="Altersgruppe"
          options={[{ value: "", label: "Bitte wählen …" }, ...options(ageBands, ageBandLabels)]}
          defaultValue={value("ageBand")}
          error={errors.ageBand}
        />
        <SelectField
          id="contactPreference"
          name="contactPreference"
          label="Bevorzugter Kontaktweg"
          options={options(contactPreferences, contactPreferenceLabels)}
          defaultValue={value("contactPreference")}
          error={errors.contactPreference}
        />
      </fieldset>

      <fieldset
        className={errors.consent ? "card stack field--invalid" : "card stack"}
        aria-describedby={errors.consent ? "consent-fehler" : "consent-hinweis"}
      >
        <legend>
          <h2>Einwilligung (Schweigepflichtentbindung)</h2>
        </legend>
        <p id="consent-hinweis" className="field__hint">
          Ohne dokumentierte Einwilligung kann nicht gesendet werden. Ein Entwurf lässt sich auch
          ohne speichern.
        </p>
        {errors.consent ? (
          <p className="field__error" id="consent-fehler">
            {errors.consent}
          </p>
        ) : null}
        <TextField
          id="consentObtainedBy"
          name="consentObtainedBy"
          label="Eingeholt von"
          defaultValue={value("consentObtainedBy")}
          error={errors.consentObtainedBy}
        />
        <TextField
          id="consentObtainedOn"
          name="consentObtainedOn"
          label="Datum der Einwilligung"
          type="date"
          defaultValue={value("consentObtainedOn")}
          error={errors.consentObtainedOn}
        />
        <SelectField
          id="consentForm"
          name="consentForm"
          label="Form"
          options={[
            { value: "", label: "Bitte wählen …" },
            ...options(consentForms, consentFormLabels),
          ]}
          defaultValue={value("consentForm")}
          error={errors.consentForm}
        />
        <SelectField
          id="consentOrganizationId"
          name="consentOrganizationId"
          label="Empfangende Stelle laut Einwilligung"
          options={[
            { value: "", label: "Bitte wählen …" },
            ...organizations.map(([id, name]) => ({ value: id, label: name })),
          ]}
          defaultValue={value("consentOrganizationId")}
          error={errors.consentOrganizationId}
        />
        <TextAreaField
          id="consentPurpose"
          name="consentPurpose"
          label="Zweck laut Einwilligung"
          rows={2}
          maxLength={500}
          defaultValue={value("consentPurpose")}
          error={errors.consentPurpose}
        />
        <TextField
          id="consentValidUntil"
          name="consentValidUntil"
          label="Gültig bis"
          type="date"
          hint="Höchstens 24 Monate nach dem Datum der Einwilligung."
          defaultValue={value("consentValidUntil")}
          error={errors.consentValidUntil}
        />
        <CheckboxField
          id="consentCoversFeedback"
          name="consentCoversFeedback"
          label="Die Einwilligung umfasst inhaltliche Rückmeldungen der empfangenden Stelle"
          hint="Nur ankreuzen, wenn die Person ausdrücklich zugestimmt hat. Sonst melden Sucht- und Schuldnerberatung sowie psychosoziale Dienste (§ 203 StGB) nur Status, Termine und ein Ergebnis zurück."
          defaultChecked={
            feedback.values
              ? feedback.values.consentCoversFeedback === "on"
              : initial.consentCoversFeedback
          }
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
