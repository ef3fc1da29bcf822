import { forwardRef } from "react";
import type {
  InputHTMLAttributes,
  ReactNode,
  SelectHTMLAttributes,
  TextareaHTMLAttributes,
} from "react";

/** The shape actions return on a rejected form (see ~/forms.server.ts). */
export interface FormFeedback {
  intent?: string;
  errors?: Record<string, string>;
  values?: Record<string, string | string[]>;
}

/** One submitted value as text, for a field's defaultValue. */
export function submitted(feedback: FormFeedback, name: string, fallback = ""): string {
  const value = feedback.values?.[name];
  return typeof value === "string" ? value : fallback;
}

/** The checked boxes of a multi-valued field, or the fallback when nothing was submitted. */
export function submittedList(feedback: FormFeedback, name: string, fallback: string[]): string[] {
  const value = feedback.values?.[name];
  if (value === undefined) return fallback;
  return typeof value === "string" ? [value] : value;
}

/**
 * Field errors and typed values, only for the form whose intent was submitted. A form-level
 * message the server could not tie to one form (no or an unknown intent, a body it could not
 * read) is shown at every form, so it is never lost.
 */
export function feedbackFor(data: unknown, intent?: string): FormFeedback {
  const feedback = (data ?? {}) as FormFeedback;
  if (intent === undefined || feedback.intent === intent) return feedback;
  const unattributed = feedback.intent === undefined ? feedback.errors?.form : undefined;
  return unattributed ? { errors: { form: unattributed } } : {};
}

interface FieldProps {
  id: string;
  label: string;
  error?: string;
  hint?: ReactNode;
}

function describedBy(id: string, error?: string, hint?: ReactNode) {
  return (
    [hint ? `${id}-hinweis` : null, error ? `${id}-fehler` : null].filter(Boolean).join(" ") ||
    undefined
  );
}

function FieldFrame({ id, label, error, hint, children }: FieldProps & { children: ReactNode }) {
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

export const TextField = forwardRef<
  HTMLInputElement,
  FieldProps & InputHTMLAttributes<HTMLInputElement>
>(function TextField({ id, label, error, hint, ...input }, ref) {
  return (
    <FieldFrame id={id} label={label} error={error} hint={hint}>
      <input
        ref={ref}
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        {...input}
      />
    </FieldFrame>
  );
});

export function TextAreaField({
  id,
  label,
  error,
  hint,
  ...input
}: FieldProps & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <FieldFrame id={id} label={label} error={error} hint={hint}>
      <textarea
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        {...input}
      />
    </FieldFrame>
  );
}

export function SelectField({
  id,
  label,
  error,
  hint,
  options,
  ...select
}: FieldProps &
  SelectHTMLAttributes<HTMLSelectElement> & { options: { value: string; label: string }[] }) {
  return (
    <FieldFrame id={id} label={label} error={error} hint={hint}>
      <select
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        {...select}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

/** A summary at the top of a rejected form, announced to screen readers. */
export function FormErrorSummary({ errors }: { errors?: Record<string, string> }) {
  if (!errors || Object.keys(errors).length === 0) return null;
  return (
    <div className="alert alert--error" role="alert">
      <p>Bitte prüfen Sie Ihre Eingaben:</p>
      <ul>
        {Object.entries(errors).map(([field, message]) => (
          <li key={field}>{message}</li>
        ))}
      </ul>
    </div>
  );
}

/** Several checkboxes under one legend; the error belongs to the group. */
export function CheckboxGroup({
  id,
  legend,
  name,
  options,
  checked,
  error,
  hint,
}: {
  id: string;
  legend: string;
  name: string;
  options: readonly { value: string; label: string }[];
  checked: readonly string[];
  error?: string;
  hint?: ReactNode;
}) {
  return (
    <fieldset
      id={id}
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
  id,
  name,
  label,
  defaultChecked,
  hint,
}: {
  id: string;
  name: string;
  label: string;
  defaultChecked: boolean;
  hint?: ReactNode;
}) {
  return (
    <div className="field">
      <label className="checkbox" htmlFor={id}>
        <input
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
