import type { FormMetadata } from "@conform-to/react";
import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { SubmissionKeyField } from "~/submissions/submission-key-field";
import { FormErrorSummary } from "./form";
import { formProps } from "./portal-form";

/**
 * The form of an editor page (a new record or edits): the summary of a refusal on top, the
 * submission key against sending a new record twice, then the editor's cards.
 */
export function EditorForm({
  form,
  children,
}: {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any form's metadata will do
  form: FormMetadata<any, string[]>;
  children: ReactNode;
}) {
  return (
    <Form method="post" className="stack-lg" {...formProps(form)}>
      <FormErrorSummary form={form} />
      <SubmissionKeyField />
      {children}
    </Form>
  );
}

/**
 * A card of an editor: a group of fields under a heading. A group checked as a whole (a table of
 * rows, a consent) has an `id`, a `hint` and its `error`, which the fieldset is described by.
 */
export function FormCard({
  title,
  id,
  hint,
  error,
  children,
}: {
  title: string;
  id?: string;
  hint?: ReactNode;
  error?: string;
  children: ReactNode;
}) {
  const describedBy = id
    ? [hint ? `${id}-hinweis` : null, error ? `${id}-fehler` : null].filter(Boolean).join(" ")
    : "";
  return (
    <fieldset
      className={error ? "card stack field--invalid" : "card stack"}
      aria-describedby={describedBy || undefined}
    >
      <legend>
        <h2>{title}</h2>
      </legend>
      {hint ? (
        <p className="field__hint" id={id ? `${id}-hinweis` : undefined}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field__error" id={`${id}-fehler`}>
          {error}
        </p>
      ) : null}
      {children}
    </fieldset>
  );
}

/** The rows of a table of fields (results, jobs), each row's fields laid out side by side. */
export function FieldRows<Cells>({
  rows,
  children,
}: {
  rows: readonly { key?: string; getFieldset: () => Cells }[];
  children: (cells: Cells, index: number) => ReactNode;
}) {
  return (
    <div className="results-table">
      {rows.map((row, index) => (
        <div key={row.key} className="results-table__row">
          {children(row.getFieldset(), index)}
        </div>
      ))}
    </div>
  );
}
