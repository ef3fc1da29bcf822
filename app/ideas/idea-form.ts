import { z } from "zod";
import { ideaVisibilities, organizationKinds } from "~/db/vocabularies";
import type { IdeaResult } from "~/db/schema";
import { targetGroups } from "~/directory/target-groups";
import { checkboxes, filledRows, optionalText, type RowCheck } from "~/form-schema";
import { schemaFallbackTexts } from "~/form-texts";
import { richTextField } from "~/rich-text/form-field";
import { ideaTexts as texts } from "./texts";
import { fieldsOfAction, fundingSources } from "./vocabulary";

/** The two buttons of the editor: publish, or keep (a new idea) as a draft. */
export const ideaIntents = ["publish", "draft"] as const;

/** Fields the form sends once per ticked box. */
export const ideaMultiValued = [
  "targetGroups",
  "fieldsOfAction",
  "partnerKinds",
  "funding",
] as const;

const MAX_RESULTS = 10;
const MAX_RESULT_LENGTH = 80;

// One message for the group, also for a value that is not in the list.
const choices = <Values extends readonly string[]>(values: Values) =>
  checkboxes(z.string()).refine(
    (chosen): chosen is Values[number][] => chosen.every((value) => values.includes(value)),
    texts.vocabularyInvalid,
  );

/** Label/value rows of the results table (`results[n].label`, `results[n].value`); empty rows are dropped. */
const results = filledRows({
  columns: ["label", "value"],
  check: ({ label, value }): RowCheck<IdeaResult> => {
    if (!label || !value) return { refuse: texts.resultIncomplete };
    if (label.length > MAX_RESULT_LENGTH || value.length > MAX_RESULT_LENGTH) {
      return { refuse: texts.resultTooLong };
    }
    return { row: { label, value } };
  },
  max: MAX_RESULTS,
  tooMany: texts.tooManyResults,
  notAList: schemaFallbackTexts.invalid,
  // Far more rows than any page shows did not come from the page: no need to look at each.
  sentLimit: 10 * MAX_RESULTS,
});

const ideaFieldsSchema = z.object({
  title: z.string().trim().min(3, texts.titleRequired).max(160, texts.titleTooLong),
  summary: z.string().trim().min(1, texts.summaryRequired).max(300, texts.summaryTooLong),
  targetGroups: choices(targetGroups),
  fieldsOfAction: choices(fieldsOfAction),
  partnerKinds: choices(organizationKinds),
  funding: choices(fundingSources),
  region: optionalText(120, texts.regionTooLong),
  period: optionalText(120, texts.periodTooLong),
  results,
  contactName: optionalText(120, texts.contactTooLong),
  contactEmail: z
    .string()
    .trim()
    .max(200)
    .refine((value) => value === "" || z.string().email().safeParse(value).success, {
      message: texts.contactEmailInvalid,
    })
    .default(""),
  contactPhone: optionalText(60, texts.contactTooLong),
  visibility: z.enum(ideaVisibilities, { errorMap: () => ({ message: texts.visibilityInvalid }) }),
  // Whether it is one of the user's networks only the server knows (see submitIdeaForm).
  networkId: z.string().uuid(texts.networkInvalid),
});

/**
 * The idea editor, checked in the browser and again by the action. The description arrives as
 * tiptap JSON from the editor, or as plain text from the textarea that stands in for it without
 * JavaScript.
 */
export const ideaSchema = ideaFieldsSchema.and(richTextField("body", texts.bodyRequired));

export type IdeaInput = z.output<typeof ideaSchema>;
