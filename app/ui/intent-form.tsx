import type { FormMetadata } from "@conform-to/react";
import { Form, useNavigation } from "@remix-run/react";
import type { ButtonHTMLAttributes, ReactNode } from "react";
import { FormErrorSummary } from "./form";
import { formProps } from "./portal-form";

/** The intent of the form being sent, if any: the buttons of a page wait for it. */
export function useBusyIntent() {
  const navigation = useNavigation();
  return navigation.state === "submitting" ? navigation.formData?.get("intent") : null;
}

type ButtonProps = Omit<ButtonHTMLAttributes<HTMLButtonElement>, "type">;

/**
 * A submit button that is disabled while its form is sent and then says what is happening
 * (`pendingLabel`), so that nobody sends twice.
 */
export function SubmitButton({
  pending = false,
  pendingLabel,
  disabled = pending,
  className = "button",
  children,
  ...button
}: ButtonProps & { pending?: boolean; pendingLabel?: string }) {
  return (
    <button type="submit" className={className} disabled={disabled} {...button}>
      {pending && pendingLabel ? pendingLabel : children}
    </button>
  );
}

/**
 * One of several submit buttons of a form, told apart by the `intent` it sends. While any of
 * them is being sent all wait; the one sent says what is happening.
 */
export function IntentButton({
  intent,
  busy,
  ...button
}: Omit<ButtonProps, "name" | "value"> & {
  intent: string;
  /** `useBusyIntent()` of the page. */
  busy: ReturnType<typeof useBusyIntent>;
  pendingLabel: string;
}) {
  return (
    <SubmitButton
      name="intent"
      value={intent}
      pending={busy === intent}
      disabled={!!busy}
      {...button}
    />
  );
}

/**
 * A form of a page with several forms, told apart by its hidden `intent` field (see
 * ~/forms.server.ts). With conform's `form` it is checked in the browser and shows its refusal;
 * a form in a row of a list carries the row's record in `hidden` fields.
 */
export function IntentForm({
  intent,
  form,
  hidden = {},
  className,
  preventScrollReset,
  children,
}: {
  intent: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any form's metadata will do
  form?: FormMetadata<any, string[]>;
  hidden?: Record<string, string>;
  className?: string;
  /** For a form within a long page (a post of a thread): the page stays where it is. */
  preventScrollReset?: boolean;
  children: ReactNode;
}) {
  return (
    <Form
      method="post"
      className={className}
      preventScrollReset={preventScrollReset}
      {...(form ? formProps(form) : {})}
    >
      <input type="hidden" name="intent" value={intent} />
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {form ? <FormErrorSummary form={form} /> : null}
      {children}
    </Form>
  );
}
