/**
 * German plurals and lists through Intl (CLDR rules), so texts do not spell out
 * `count === 1 ? … : …` or glue lists together with ", " and " und ". Browser-safe.
 */

const pluralRules = new Intl.PluralRules("de");

const listFormats = {
  conjunction: new Intl.ListFormat("de", { type: "conjunction" }),
  disjunction: new Intl.ListFormat("de", { type: "disjunction" }),
};

/** German has two plural categories: "one" for exactly 1, "other" for everything else, 0 included. */
export interface PluralForms {
  one: string;
  other: string;
}

/** The form that goes with `count`, e.g. a verb: "ist" for 1, "sind" otherwise. */
export function pluralForm(count: number, forms: PluralForms): string {
  return pluralRules.select(count) === "one" ? forms.one : forms.other;
}

/** `count` with its noun: "1 Platz", "3 Plätze". Digits stay ungrouped, as the texts always showed them. */
export function plural(count: number, forms: PluralForms): string {
  return `${count} ${pluralForm(count, forms)}`;
}

/** "Anna, Ben und Cem" (conjunction) or "Anna, Ben oder Cem" (disjunction). */
export function listOf(
  items: readonly string[],
  type: keyof typeof listFormats = "conjunction",
): string {
  return listFormats[type].format(items);
}
