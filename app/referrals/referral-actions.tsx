import { Form, Link } from "@remix-run/react";
import { declineReasons, outcomeCodes } from "~/db/vocabularies";
import { CardSection } from "~/ui/card-section";
import { FormErrorSummary, SelectField, TextAreaField, TextField } from "~/ui/form";
import { SubmitButton, useBusyIntent } from "~/ui/intent-form";
import { optionsOf } from "~/ui/options";
import { formProps, resultFor, usePortalForm } from "~/ui/portal-form";
import type { TransitionName } from "./state-machine";
import { declineReasonLabels, outcomeLabels, transitionLabels } from "./texts";
import { transitionSchemas } from "./transition-form";

const explanations: Record<TransitionName, string> = {
  send: "Die empfangende Stelle wird benachrichtigt. Danach läuft die zugesagte Antwortfrist.",
  accept: "Sie übernehmen die Übergabe. Die sendende Stelle sieht den neuen Stand sofort.",
  decline: "Die sendende Stelle erfährt den Grund und kann eine andere Stelle wählen.",
  start: "Tragen Sie den vereinbarten Ersttermin ein.",
  complete: "Halten Sie das Ergebnis fest. Danach ist die Übergabe beendet.",
  withdraw: "Die Übergabe wird beendet; die empfangende Stelle wird benachrichtigt.",
  revokeConsent:
    "Erfassen Sie hier, dass die Person ihre Einwilligung widerrufen hat. Die Übergabe endet sofort, ein weiterer Austausch ist nicht mehr möglich.",
};

const dangerous: TransitionName[] = ["decline", "withdraw", "revokeConsent"];

/** Notes of the receiver that § 203 StGB may keep from the sender. */
const receiverNotes: TransitionName[] = ["accept", "decline", "start", "complete"];

const choose = { value: "", label: "Bitte wählen …" };

/** The choice an action asks for: the reason of a decline, the outcome of a completion. */
const choices = {
  decline: {
    name: "declineReason",
    label: "Grund",
    options: [choose, ...optionsOf(declineReasons, declineReasonLabels)],
  },
  complete: {
    name: "outcome",
    label: "Ergebnis",
    options: [choose, ...optionsOf(outcomeCodes, outcomeLabels)],
  },
} as const;

/** The form of one action, with the fields it asks for. */
function ActionForm({
  name,
  referralId,
  actionData,
  noteHidden,
  busy,
}: {
  name: TransitionName;
  referralId: string;
  actionData: unknown;
  noteHidden: boolean;
  busy: FormDataEntryValue | null | undefined;
}) {
  const [form, fields] = usePortalForm({
    schema: transitionSchemas[name],
    actionData,
    intent: name,
  });
  const choice = name === "decline" || name === "complete" ? choices[name] : null;
  return (
    <Form method="post" className="stack" aria-labelledby={`${name}-titel`} {...formProps(form)}>
      <h3 id={`${name}-titel`}>{transitionLabels[name]}</h3>
      <p className="field__hint">{explanations[name]}</p>
      <FormErrorSummary form={form} />
      <input type="hidden" name="intent" value={name} />
      {choice ? (
        <SelectField field={fields[choice.name]} label={choice.label} options={choice.options} />
      ) : null}
      {name === "start" ? (
        <TextField field={fields.firstAppointmentOn} type="date" label="Datum des Ersttermins" />
      ) : null}
      {name !== "send" ? (
        <TextAreaField
          field={fields.note}
          label="Notiz (optional)"
          rows={2}
          maxLength={1000}
          hint={
            noteHidden
              ? "Diese Notiz sieht nur Ihre Organisation: Die Einwilligung umfasst keine inhaltlichen Rückmeldungen (§ 203 StGB)."
              : "Die Notiz sehen beide beteiligten Organisationen."
          }
        />
      ) : (
        <p>
          <Link to={`/uebergaben/${referralId}/bearbeiten`}>Entwurf bearbeiten</Link>
        </p>
      )}
      <div className="actions">
        <SubmitButton
          className={dangerous.includes(name) ? "button button--danger" : "button"}
          pending={busy === name}
          pendingLabel="Wird ausgeführt …"
          disabled={!!busy}
        >
          {transitionLabels[name]}
        </SubmitButton>
      </div>
    </Form>
  );
}

/**
 * The message of a refused action whose form is gone: someone else changed the referral first,
 * and the page now offers other actions.
 */
export function OutdatedActionMessage({
  actionData,
  actions,
}: {
  actionData: unknown;
  actions: TransitionName[];
}) {
  const result = resultFor(actionData);
  const intent = result?.initialValue?.intent;
  const message = result?.error?.[""]?.[0];
  if (!message || typeof intent !== "string" || actions.some((name) => name === intent)) {
    return null;
  }
  return (
    <div className="alert alert--error" role="alert">
      <p>{message}</p>
    </div>
  );
}

/** One small form per action the viewer may take now, each told apart by its intent. */
export function ReferralActions({
  referralId,
  actions,
  actionData,
  receiverNoteHidden,
}: {
  referralId: string;
  actions: TransitionName[];
  actionData: unknown;
  receiverNoteHidden: boolean;
}) {
  const busy = useBusyIntent();
  if (actions.length === 0) return null;
  return (
    <CardSection id="aktionen" title="Was Sie jetzt tun können">
      {actions.map((name) => (
        <ActionForm
          key={name}
          name={name}
          referralId={referralId}
          actionData={actionData}
          noteHidden={receiverNoteHidden && receiverNotes.includes(name)}
          busy={busy}
        />
      ))}
    </CardSection>
  );
}
