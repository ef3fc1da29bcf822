import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import type { ComponentProps } from "react";
import { requireUser } from "~/auth/request.server";
import { notificationDeliveries, notificationKinds, digestFrequencies } from "~/db/vocabularies";
import { redirectWithFlash } from "~/flash.server";
import { parseSubmission } from "~/form-schema";
import { readForm, rejectSubmission } from "~/forms.server";
import { defaultDeliveries } from "~/notifications/kinds";
import {
  loadNotificationSettings,
  saveNotificationSettings,
} from "~/notifications/preferences.server";
import { digestHours, notificationSettingsSchema } from "~/notifications/settings-form";
import {
  digestFrequencyLabels,
  hourLabel,
  notificationDeliveryLabels,
  notificationKindHints,
  notificationKindLabels,
  notificationSettingsTexts as texts,
} from "~/notifications/texts";
import { clientIp } from "~/request-context.server";
import { CardSection } from "~/ui/card-section";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { FormErrorSummary, SelectField, type TextField } from "~/ui/form";
import { formProps, usePortalForm } from "~/ui/portal-form";

export const meta: MetaFunction = () => [{ title: "Benachrichtigungen – Netzwerke ABC" }];

const here = "/konto/benachrichtigungen";

/** Everyone signed in sets their own notifications, and only their own. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return json({ settings: await loadNotificationSettings(user.id) });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await readForm(request);
  if (!form.ok) return form.response;
  const submission = parseSubmission(form.formData, notificationSettingsSchema);
  if (submission.status !== "success") return rejectSubmission(submission);
  await saveNotificationSettings(user, submission.value, clientIp());
  return redirectWithFlash(here, "notificationSettingsSaved");
}

type Field = NonNullable<ComponentProps<typeof TextField>["field"]>;

/** One kind's choice: radio buttons under the kind's name (~/ui/form has no radio group). */
function DeliveryChoice({
  field,
  kind,
}: {
  field: Field;
  kind: (typeof notificationKinds)[number];
}) {
  const error = field.errors?.[0];
  const hintId = `${field.id}-hinweis`;
  return (
    <fieldset
      id={field.id}
      key={field.key}
      className={error ? "field field--invalid checkbox-group" : "field checkbox-group"}
      aria-describedby={[hintId, error ? `${field.id}-fehler` : null].filter(Boolean).join(" ")}
    >
      <legend>{notificationKindLabels[kind]}</legend>
      <p className="field__hint" id={hintId}>
        {notificationKindHints[kind]}{" "}
        {texts.defaultNote(notificationDeliveryLabels[defaultDeliveries[kind]])}
      </p>
      <div className="checkbox-group__options">
        {notificationDeliveries.map((delivery) => (
          <label key={delivery} className="checkbox">
            <input
              type="radio"
              name={field.name}
              value={delivery}
              defaultChecked={field.initialValue === delivery}
            />
            {notificationDeliveryLabels[delivery]}
          </label>
        ))}
      </div>
      {error ? (
        <p className="field__error" id={`${field.id}-fehler`}>
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

export default function NotificationSettingsPage() {
  const { settings } = useLoaderData<typeof loader>();
  const [form, fields] = usePortalForm({
    schema: notificationSettingsSchema,
    actionData: useActionData<typeof action>(),
    defaultValue: settings,
  });
  const deliveries = fields.deliveries.getFieldset();
  const saving = useNavigation().state === "submitting";
  return (
    <CardSection id="benachrichtigungen" title={texts.title}>
      <p>{texts.intro}</p>
      <Form method="post" className="stack" {...formProps(form)}>
        <FormErrorSummary form={form} />
        {notificationKinds.map((kind) => (
          <DeliveryChoice key={kind} field={deliveries[kind]} kind={kind} />
        ))}
        <fieldset className="field checkbox-group stack" aria-describedby="zusammenfassung-hinweis">
          <legend>{texts.digestLegend}</legend>
          <p className="field__hint" id="zusammenfassung-hinweis">
            {texts.digestHint}
          </p>
          <SelectField
            field={fields.frequency}
            label={texts.frequencyLabel}
            options={digestFrequencies.map((value) => ({
              value,
              label: digestFrequencyLabels[value],
            }))}
          />
          <SelectField
            field={fields.hour}
            label={texts.hourLabel}
            options={digestHours.map((hour) => ({ value: String(hour), label: hourLabel(hour) }))}
          />
        </fieldset>
        <button type="submit" className="button" disabled={saving}>
          {saving ? texts.saving : texts.save}
        </button>
      </Form>
    </CardSection>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
