// Only conform's types: pages whose forms need no schema (GET filters) load no form library.
import type { FieldMetadata, FormMetadata } from "@conform-to/react";
import { forwardRef } from "react";
import type {
  InputHTMLAttributes,
  ReactNode,
  SelectHTMLAttributes,
  TextareaHTMLAttributes,
} from "react";

// Field metadata of any form: the components need only its id, name, value and errors.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Field = FieldMetadata<any, any, string[]>;

function textOf(value: unknown): string {
  return typeof value === "string" ? value : "";
}

function listOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === "string");
  return typeof value === "string" ? [value] : [];
}

/**
 * Where a field gets its id, name, typed value and message: from conform's field metadata, or
 * (for a field outside a conform form: a GET filter, a read-only field) from its own `id` and `name`.
 */
interface FieldSource {
  field?: Field;
  id?: string;
}

interface FieldProps extends FieldSource {
  label: string;
  hint?: ReactNode;
}

function sourceOf({ field, id }: FieldSource, name?: string) {
  return {
    id: field?.id ?? id ?? name ?? "",
    name: field?.name ?? name,
    error: field?.errors?.[0],
    key: field?.key,
  };
}

function describedBy(id: string, error?: string, hint?: ReactNode) {
  return (
    [hint ? `${id}-hinweis` : null, error ? `${id}-fehler` : null].filter(Boolean).join(" ") ||
    undefined
  );
}

function FieldFrame({
  id,
  label,
  error,
  hint,
  children,
}: {
  id: string;
  label: string;
  error?: string;
  hint?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className={error ? "field field--invalid" : "field"}>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p className="field__hint" id={`${id}-hinweis`}>
          {hint}
        </p>
      ) : null}
      {children}
      {error ? (
        <p className="field__error" id={`${id}-fehler`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

/**
 * The frame's props and the control's own props (id, name, typed default value, aria state) for
 * one text-like field: an input, a textarea or a select.
 */
function controlOf(
  { field, id: ownId, label, hint }: FieldProps,
  own: { name?: string; defaultValue?: InputHTMLAttributes<HTMLInputElement>["defaultValue"] },
) {
  const { id, name, error, key } = sourceOf({ field, id: ownId }, own.name);
  return {
    key,
    frame: { id, label, error, hint },
    control: {
      id,
      name,
      defaultValue: field ? textOf(field.initialValue) : own.defaultValue,
      "aria-invalid": error ? true : undefined,
      "aria-describedby": describedBy(id, error, hint),
    },
  };
}

export const TextField = forwardRef<
  HTMLInputElement,
  FieldProps & Omit<InputHTMLAttributes<HTMLInputElement>, "id">
>(function TextField({ field, id, label, hint, ...input }, ref) {
  const { key, frame, control } = controlOf({ field, id, label, hint }, input);
  return (
    <FieldFrame {...frame}>
      <input ref={ref} key={key} {...input} {...control} />
    </FieldFrame>
  );
});

export function TextAreaField({
  field,
  id,
  label,
  hint,
  ...textarea
}: FieldProps & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "id">) {
  const { key, frame, control } = controlOf({ field, id, label, hint }, textarea);
  return (
    <FieldFrame {...frame}>
      <textarea key={key} {...textarea} {...control} />
    </FieldFrame>
  );
}

/** A short free text in two rows, at most 500 characters: a note, a requirement, a purpose. */
export function ShortTextAreaField(
  props: FieldProps &
    Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "id" | "rows" | "maxLength">,
) {
  return <TextAreaField {...props} rows={2} maxLength={500} />;
}

export function SelectField({
  field,
  id,
  label,
  hint,
  options,
  ...select
}: FieldProps &
  Omit<SelectHTMLAttributes<HTMLSelectElement>, "id"> & {
    options: readonly { value: string; label: string }[];
  }) {
  const { key, frame, control } = controlOf({ field, id, label, hint }, select);
  return (
    <FieldFrame {...frame}>
      <select key={key} {...select} {...control}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

/**
 * A summary at the top of a rejected form, announced to screen readers: the form's own message
 * and the first message of each field. It appears once a submission was refused (in the browser
 * or by the server), not while someone is still filling in the form.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function FormErrorSummary({ form }: { form: FormMetadata<any, string[]> }) {
  const shown = form.status === "error" ? form.allErrors : {};
  const messages = Object.values(shown)
    .map((message) => (Array.isArray(message) ? message[0] : message))
    .filter(
      (message, index, all): message is string => !!message && all.indexOf(message) === index,
    );
  if (messages.length === 0) return null;
  return (
    <div className="alert alert--error" role="alert">
      <p>Bitte prüfen Sie Ihre Eingaben:</p>
      <ul>
        {messages.map((message) => (
          <li key={message}>{message}</li>
        ))}
      </ul>
    </div>
  );
}

/** Several checkboxes under one legend; the error belongs to the group. */
export function CheckboxGroup({
  field,
  id: ownId,
  legend,
  name: ownName,
  options,
  checked: ownChecked,
  hint,
}: FieldSource & {
  legend: string;
  name?: string;
  options: readonly { value: string; label: string }[];
  checked?: readonly string[];
  hint?: ReactNode;
}) {
  const { id, name, error, key } = sourceOf({ field, id: ownId }, ownName);
  const checked = field ? listOf(field.initialValue) : (ownChecked ?? []);
  return (
    <fieldset
      id={id}
      key={key}
      className={error ? "field field--invalid checkbox-group" : "field checkbox-group"}
      aria-describedby={describedBy(id, error, hint)}
    >
      <legend>{legend}</legend>
      {hint ? (
        <p className="field__hint" id={`${id}-hinweis`}>
          {hint}
        </p>
      ) : null}
      <div className="checkbox-group__options">
        {options.map((option) => (
          <label key={option.value} className="checkbox">
            <input
              type="checkbox"
              name={name}
              value={option.value}
              defaultChecked={checked.includes(option.value)}
            />
            {option.label}
          </label>
        ))}
      </div>
      {error ? (
        <p className="field__error" id={`${id}-fehler`}>
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

/** A single yes/no checkbox with its label beside it. */
export function CheckboxField({
  field,
  id: ownId,
  name: ownName,
  label,
  defaultChecked: ownChecked,
  hint,
}: FieldSource & {
  name?: string;
  label: string;
  defaultChecked?: boolean;
  hint?: ReactNode;
}) {
  const { id, name, key } = sourceOf({ field, id: ownId }, ownName);
  const defaultChecked = field ? field.initialValue === "on" : ownChecked;
  return (
    <div className="field">
      <label className="checkbox" htmlFor={id}>
        <input
          key={key}
          type="checkbox"
          id={id}
          name={name}
          defaultChecked={defaultChecked}
          aria-describedby={hint ? `${id}-hinweis` : undefined}
        />
        {label}
      </label>
      {hint ? (
        <p className="field__hint" id={`${id}-hinweis`}>
          {hint}
        </p>
      ) : null}
    </div>
  );
}

/**
 * A new password and its repetition, with the portal's password hint: the invitation, the
 * "Passwort vergessen" link and Mein Konto ask for it alike. `label` names the first field
 * ("Passwort", "Neues Passwort"); the second repeats it.
 */
export function NewPasswordFields({
  password,
  confirmation,
  label,
}: {
  password: Field;
  confirmation: Field;
  label: string;
}) {
  return (
    <>
      <TextField
        field={password}
        type="password"
        label={label}
        hint="Mindestens 12 Zeichen. Ein Satz aus mehreren Wörtern ist leicht zu merken und sicher."
        autoComplete="new-password"
        required
      />
      <TextField
        field={confirmation}
        type="password"
        label={`${label} wiederholen`}
        autoComplete="new-password"
        required
      />
    </>
  );
}
