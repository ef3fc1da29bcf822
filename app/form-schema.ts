import { parseWithZod } from "@conform-to/zod";
import { z } from "zod";
import { schemaFallbackTexts } from "./form-texts";

/**
 * Reads a form with its zod schema, in the browser and in the action alike. Values reach the
 * schema as the strings that were typed (no coercion): each schema trims, converts and words
 * its own German messages, also for an empty field. A field missing entirely (a crafted request)
 * gets a German fallback rather than zod's English one.
 */
export function parseSubmission<Schema extends z.ZodTypeAny>(formData: FormData, schema: Schema) {
  return parseWithZod(formData, {
    schema,
    disableAutoCoercion: true,
    errorMap: (issue, context) => ({
      message:
        issue.code === "invalid_type" && issue.received === "undefined"
          ? schemaFallbackTexts.required
          : context.defaultError === "Invalid input"
            ? schemaFallbackTexts.invalid
            : context.defaultError,
    }),
  });
}

/**
 * A group of checkboxes: nothing ticked sends nothing, one ticked box a single value; the
 * schema always sees a list.
 */
export function checkboxes<Item extends z.ZodTypeAny>(item: Item) {
  return z.preprocess(
    (value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]),
    z.array(item),
  );
}

/** A single yes/no checkbox: ticked sends "on", unticked nothing. */
export function checkbox() {
  return z.preprocess((value) => value === "on", z.boolean());
}
