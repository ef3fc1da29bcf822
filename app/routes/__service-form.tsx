import { Form, useActionData, useNavigation } from "@remix-run/react";
import { ServiceFields } from "~/directory/service-fields";
import { serviceSchema } from "~/directory/service-form";
import { SubmissionKeyField } from "~/submissions/submission-key-field";
import { FormErrorSummary } from "~/ui/form";
import { SubmitButton } from "~/ui/intent-form";
import { formProps, usePortalForm } from "~/ui/portal-form";

/**
 * The form of a service (Angebot), for a new one and for editing one. A new one carries a
 * submission key, so that sending it twice creates one service.
 */
export function ServiceForm({
  defaultValue,
  isNew = false,
  className,
  submitLabel,
  pendingLabel,
}: {
  defaultValue: Record<string, unknown>;
  isNew?: boolean;
  className: string;
  submitLabel: string;
  pendingLabel: string;
}) {
  const [form, fields] = usePortalForm({
    schema: serviceSchema,
    actionData: useActionData(),
    defaultValue,
  });
  const submitting = useNavigation().state === "submitting";
  return (
    <Form method="post" className={className} {...formProps(form)}>
      <FormErrorSummary form={form} />
      {isNew ? <SubmissionKeyField /> : null}
      <ServiceFields fields={fields} />
      <SubmitButton pending={submitting} pendingLabel={pendingLabel}>
        {submitLabel}
      </SubmitButton>
    </Form>
  );
}
