import { serviceCategories } from "~/db/schema";
import { serviceCategoryLabels } from "~/referrals/texts";
import {
  CheckboxField,
  CheckboxGroup,
  SelectField,
  submitted,
  submittedList,
  TextAreaField,
  TextField,
  type FormFeedback,
} from "~/ui/form";
import { targetGroups } from "./target-groups";

export interface ServiceValues {
  name: string;
  category: string;
  description: string;
  targetGroups: string[];
  languages: string[];
  acceptsReferrals: boolean;
  responseWorkingDays: number;
}

const categoryOptions = serviceCategories.map((value) => ({
  value,
  label: serviceCategoryLabels[value],
}));
const targetGroupOptions = targetGroups.map((value) => ({ value, label: value }));

/** The fields of a service (Angebot), filled from the stored service or the rejected form. */
export function ServiceFields({
  idPrefix,
  feedback,
  service,
}: {
  idPrefix: string;
  feedback: FormFeedback;
  service?: ServiceValues;
}) {
  const errors = feedback.errors ?? {};
  const hasFeedback = feedback.values !== undefined;
  const id = (name: string) => `${idPrefix}-${name}`;
  return (
    <>
      <TextField
        id={id("name")}
        name="name"
        label="Name des Angebots"
        required
        maxLength={120}
        defaultValue={submitted(feedback, "name", service?.name ?? "")}
        error={errors.name}
      />
      <SelectField
        id={id("category")}
        name="category"
        label="Kategorie"
        options={categoryOptions}
        defaultValue={submitted(feedback, "category", service?.category ?? "schuldnerberatung")}
        error={errors.category}
      />
      <TextAreaField
        id={id("description")}
        name="description"
        label="Beschreibung (optional)"
        rows={3}
        maxLength={1000}
        hint="Was bietet die Stelle an, wie läuft der Erstkontakt?"
        defaultValue={submitted(feedback, "description", service?.description ?? "")}
        error={errors.description}
      />
      <CheckboxGroup
        id={id("targetGroups")}
        legend="Zielgruppen (optional)"
        name="targetGroups"
        options={targetGroupOptions}
        checked={submittedList(feedback, "targetGroups", service?.targetGroups ?? [])}
        error={errors.targetGroups}
      />
      <TextField
        id={id("languages")}
        name="languages"
        label="Sprachen (optional)"
        hint="Durch Kommas getrennt, z. B. Deutsch, Arabisch, Ukrainisch"
        defaultValue={submitted(feedback, "languages", service?.languages.join(", ") ?? "")}
        error={errors.languages}
      />
      <TextField
        id={id("responseWorkingDays")}
        name="responseWorkingDays"
        label="Zugesagte Antwortzeit in Arbeitstagen"
        hint="Montag bis Freitag, ohne bundesweite Feiertage. Danach gilt eine Übergabe als überfällig."
        type="number"
        inputMode="numeric"
        min={1}
        max={60}
        required
        defaultValue={submitted(
          feedback,
          "responseWorkingDays",
          String(service?.responseWorkingDays ?? 5),
        )}
        error={errors.responseWorkingDays}
      />
      <CheckboxField
        id={id("acceptsReferrals")}
        name="acceptsReferrals"
        label="Nimmt Übergaben aus dem Netzwerk an"
        defaultChecked={
          hasFeedback
            ? feedback.values?.acceptsReferrals === "on"
            : (service?.acceptsReferrals ?? true)
        }
      />
    </>
  );
}
