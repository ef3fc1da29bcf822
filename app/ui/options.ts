/** The options of a select or a checkbox group: each value with its German label, or as itself. */
export function optionsOf<Value extends string>(
  values: readonly Value[],
  labels?: Record<Value, string>,
): { value: Value; label: string }[] {
  return values.map((value) => ({ value, label: labels ? labels[value] : value }));
}
