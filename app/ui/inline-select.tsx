import type { ReactNode } from "react";
import { IntentForm, SubmitButton } from "./intent-form";

/**
 * The change of a choice in a row of a list or table (a member's role, an organisation's kind):
 * a small form of a plain select, whose label only screen readers need since the row says what
 * it is about, and a button that says what it changes.
 */
export function InlineSelectForm({
  intent,
  hidden,
  id,
  name,
  label,
  options,
  defaultValue,
  children,
}: {
  intent: string;
  hidden: Record<string, string>;
  id: string;
  name: string;
  label: string;
  options: readonly { value: string; label: string }[];
  defaultValue: string;
  /** The button's text. */
  children: ReactNode;
}) {
  return (
    <IntentForm intent={intent} hidden={hidden} className="inline-form">
      <label className="visually-hidden" htmlFor={id}>
        {label}
      </label>
      <select id={id} name={name} defaultValue={defaultValue}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <SubmitButton className="button button--secondary">{children}</SubmitButton>
    </IntentForm>
  );
}
