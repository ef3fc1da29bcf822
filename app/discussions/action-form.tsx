import type { ReactNode } from "react";
import { z } from "zod";
import { IntentForm } from "~/ui/intent-form";
import { isFormResult, usePortalForm } from "~/ui/portal-form";

/** Deleting, hiding, locking, archiving …: the button is all there is to fill in. */
const buttonOnly = z.object({});

/**
 * The action's answer if it is about this record, i.e. its form sent `field` with `value`: pages
 * with one form per post or report give each form only the answer to it.
 */
export function answerAbout(data: unknown, field: string, value: string) {
  return isFormResult(data) && data.initialValue?.[field] === value ? data : undefined;
}

/**
 * A form of one button with its intent and the record it acts on (`fields`, sent hidden). The
 * server can still refuse it (a form that was tampered with): its message shows in the form.
 */
export function ActionForm({
  id,
  intent,
  fields = {},
  actionData,
  className,
  preventScrollReset,
  children,
}: {
  /** Unique on the page where one intent has a form per record. */
  id?: string;
  intent: string;
  fields?: Record<string, string>;
  actionData: unknown;
  className?: string;
  preventScrollReset?: boolean;
  children: ReactNode;
}) {
  const [form] = usePortalForm({ schema: buttonOnly, actionData, intent, id });
  return (
    <IntentForm
      intent={intent}
      form={form}
      hidden={fields}
      className={className}
      preventScrollReset={preventScrollReset}
    >
      {children}
    </IntentForm>
  );
}
