import type { FieldMetadata } from "@conform-to/react";
import { SelectField } from "~/ui/form";

/**
 * Which network a new idea, event or course belongs to: a choice for people in several
 * networks, otherwise the one network (or, when editing, the record's own) as a hidden value.
 */
export function NetworkChoice({
  field,
  networks,
  fixed,
}: {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  field: FieldMetadata<any, any, string[]>;
  networks: readonly { id: string; name: string }[];
  /** The value when there is nothing to choose: the record's network or the only one. */
  fixed: string;
}) {
  if (networks.length <= 1) return <input type="hidden" name={field.name} value={fixed} />;
  return (
    <SelectField
      field={field}
      label="Netzwerk"
      options={networks.map((network) => ({ value: network.id, label: network.name }))}
    />
  );
}
