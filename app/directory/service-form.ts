import { z } from "zod";
import { serviceCategories } from "~/db/vocabularies";
import { checkbox, checkboxes } from "~/form-schema";
import { referralTexts as texts } from "~/referrals/texts";
import { targetGroups } from "./target-groups";

/** A service (Angebot) as its organisation describes it, checked in the browser and the action. */
export const serviceSchema = z.object({
  name: z.string().trim().min(1, texts.serviceNameRequired).max(120, texts.serviceNameTooLong),
  category: z.enum(serviceCategories, { errorMap: () => ({ message: texts.categoryInvalid }) }),
  description: z.string().trim().max(1000, texts.descriptionTooLong).default(""),
  targetGroups: checkboxes(z.enum(targetGroups)),
  languages: z
    .string()
    .trim()
    .max(300)
    .default("")
    .transform((value) =>
      value
        .split(",")
        .map((language) => language.trim())
        .filter(Boolean),
    ),
  acceptsReferrals: checkbox(),
  responseWorkingDays: z.coerce
    .number({ invalid_type_error: texts.responseDaysInvalid })
    .int(texts.responseDaysInvalid)
    .min(1, texts.responseDaysInvalid)
    .max(60, texts.responseDaysInvalid),
});
export type ServiceInput = z.infer<typeof serviceSchema>;

/** Fields the form sends once per ticked box. */
export const serviceMultiValued = ["targetGroups"] as const;

/** What a new service starts with. */
export const newServiceDefaults = {
  category: "schuldnerberatung",
  responseWorkingDays: 5,
  acceptsReferrals: true,
};

/** A stored service in the form's terms: its languages are typed as one comma-separated line. */
export function serviceFormValues(service: { languages: string[] } & Record<string, unknown>) {
  return { ...service, languages: service.languages.join(", ") };
}
