import { serviceCategories } from "~/db/vocabularies";
import { serviceCategoryLabels } from "~/referrals/texts";
import { CheckboxField, CheckboxGroup, SelectField, TextAreaField, TextField } from "~/ui/form";
import { NumberField } from "~/ui/number-field";
import { optionsOf } from "~/ui/options";
import { type usePortalForm } from "~/ui/portal-form";
import type { serviceSchema } from "./service-form";
import { targetGroups } from "./target-groups";

type ServiceFieldset = ReturnType<typeof usePortalForm<typeof serviceSchema>>[1];

const categoryOptions = optionsOf(serviceCategories, serviceCategoryLabels);
const targetGroupOptions = optionsOf(targetGroups);

/** The fields of a service (Angebot), for a new one and for editing one. */
export function ServiceFields({ fields }: { fields: ServiceFieldset }) {
  return (
    <>
      <TextField field={fields.name} label="Name des Angebots" required maxLength={120} />
      <SelectField field={fields.category} label="Kategorie" options={categoryOptions} />
      <TextAreaField
        field={fields.description}
        label="Beschreibung (optional)"
        rows={3}
        maxLength={1000}
        hint="Was bietet die Stelle an, wie läuft der Erstkontakt?"
      />
      <CheckboxGroup
        field={fields.targetGroups}
        legend="Zielgruppen (optional)"
        options={targetGroupOptions}
      />
      <TextField
        field={fields.languages}
        label="Sprachen (optional)"
        hint="Durch Kommas getrennt, z. B. Deutsch, Arabisch, Ukrainisch"
      />
      <NumberField
        field={fields.responseWorkingDays}
        label="Zugesagte Antwortzeit in Arbeitstagen"
        hint="Montag bis Freitag, ohne bundesweite Feiertage. Danach gilt eine Übergabe als überfällig."
        min={1}
        max={60}
        required
      />
      <CheckboxField field={fields.acceptsReferrals} label="Nimmt Übergaben aus dem Netzwerk an" />
    </>
  );
}
