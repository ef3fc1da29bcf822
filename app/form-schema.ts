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

/** An optional text: trimmed, at most `max` characters, "" when the field is missing. */
export function optionalText(max: number, message: string) {
  return z.string().trim().max(max, message).default("");
}

/** A submitted value as trimmed text; anything else (missing, a list, a crafted object) is "". */
export const trimmedText = (value: unknown) => (typeof value === "string" ? value.trim() : "");

/** What a table row's check answers: the row's value, or the message that refuses the table. */
export type RowCheck<Row> = { row: Row } | { refuse: string };

/**
 * A table of text cells sent as rows (`name[n].column`). Rows whose cells are all empty are
 * dropped; each other row's trimmed cells go through `check`, whose first refusal refuses the
 * table. Any value is read, so a crafted one answers in German: not a list is `notAList`, more
 * than `max` filled rows (or more than `sentLimit` rows at all, without looking at each) is
 * `tooMany`. conform types the table's fields by the input: rows of optional texts.
 */
export function filledRows<Column extends string, Row>(options: {
  columns: readonly Column[];
  check: (cells: Record<Column, string>) => RowCheck<Row>;
  max: number;
  tooMany: string;
  notAList: string;
  sentLimit?: number;
}) {
  const { columns, check, max, tooMany, notAList, sentLimit = Infinity } = options;
  const table = z.unknown().transform((rows, context): Row[] => {
    const refuse = (message: string) => {
      context.addIssue({ code: z.ZodIssueCode.custom, message });
      return z.NEVER;
    };
    if (rows === undefined) return [];
    if (!Array.isArray(rows)) return refuse(notAList);
    if (rows.length > sentLimit) return refuse(tooMany);
    const filled: Row[] = [];
    for (const row of rows as unknown[]) {
      const sent: Partial<Record<Column, unknown>> =
        typeof row === "object" && row !== null ? row : {};
      const cells = Object.fromEntries(
        columns.map((column) => [column, trimmedText(sent[column])]),
      ) as Record<Column, string>;
      if (columns.every((column) => !cells[column])) continue;
      const checked = check(cells);
      if ("refuse" in checked) return refuse(checked.refuse);
      filled.push(checked.row);
    }
    return filled.length > max ? refuse(tooMany) : filled;
  });
  return table as unknown as z.ZodType<
    Row[],
    z.ZodTypeDef,
    Partial<Record<Column, string>>[] | undefined
  >;
}
