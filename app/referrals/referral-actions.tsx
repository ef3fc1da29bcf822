import { Form, Link, useNavigation } from "@remix-run/react";
import { declineReasons, outcomeCodes } from "~/db/schema";
import { SelectField, submitted, TextAreaField, TextField, type FormFeedback } from "~/ui/form";
import type { TransitionName } from "./state-machine";
import { declineReasonLabels, outcomeLabels, transitionLabels } from "./texts";

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

function NoteField({
  name,
  feedback,
  receiverNoteHidden,
}: {
  name: TransitionName;
  feedback: FormFeedback;
  receiverNoteHidden: boolean;
}) {
  return (
    <TextAreaField
      id={`${name}-note`}
      name="note"
      label="Notiz (optional)"
      rows={2}
      maxLength={1000}
      hint={
        receiverNoteHidden
          ? "Diese Notiz sieht nur Ihre Organisation: Die Einwilligung umfasst keine inhaltlichen Rückmeldungen (§ 203 StGB)."
          : "Die Notiz sehen beide beteiligten Organisationen."
      }
      defaultValue={submitted(feedback, "note")}
      error={feedback.errors?.note}
    />
  );
}

/** One small form per action the viewer may take now, each told apart by its intent. */
export function ReferralActions({
  referralId,
  actions,
  feedback,
  receiverNoteHidden,
}: {
  referralId: string;
  actions: TransitionName[];
  feedback: FormFeedback;
  receiverNoteHidden: boolean;
}) {
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" ? navigation.formData?.get("intent") : null;
  if (actions.length === 0) return null;
  return (
    <section className="card stack" aria-labelledby="aktionen">
      <h2 id="aktionen">Was Sie jetzt tun können</h2>
      {actions.map((name) => {
        const own = feedback.intent === name ? feedback : {};
        return (
          <Form method="post" key={name} className="stack" aria-labelledby={`${name}-titel`}>
            <h3 id={`${name}-titel`}>{transitionLabels[name]}</h3>
            <p className="field__hint">{explanations[name]}</p>
            <input type="hidden" name="intent" value={name} />
            {name === "decline" ? (
              <SelectField
                id="declineReason"
                name="declineReason"
                label="Grund"
                options={[
                  { value: "", label: "Bitte wählen …" },
                  ...declineReasons.map((value) => ({
                    value,
                    label: declineReasonLabels[value],
                  })),
                ]}
                defaultValue={submitted(own, "declineReason")}
                error={own.errors?.declineReason}
              />
            ) : null}
            {name === "start" ? (
              <TextField
                id="firstAppointmentOn"
                name="firstAppointmentOn"
                type="date"
                label="Datum des Ersttermins"
                defaultValue={submitted(own, "firstAppointmentOn")}
                error={own.errors?.firstAppointmentOn}
              />
            ) : null}
            {name === "complete" ? (
              <SelectField
                id="outcome"
                name="outcome"
                label="Ergebnis"
                options={[
                  { value: "", label: "Bitte wählen …" },
                  ...outcomeCodes.map((value) => ({ value, label: outcomeLabels[value] })),
                ]}
                defaultValue={submitted(own, "outcome")}
                error={own.errors?.outcome}
              />
            ) : null}
            {name !== "send" ? (
              <NoteField
                name={name}
                feedback={own}
                receiverNoteHidden={
                  receiverNoteHidden && ["accept", "decline", "start", "complete"].includes(name)
                }
              />
            ) : (
              <p>
                <Link to={`/uebergaben/${referralId}/bearbeiten`}>Entwurf bearbeiten</Link>
              </p>
            )}
            <div className="actions">
              <button
                type="submit"
                className={dangerous.includes(name) ? "button button--danger" : "button"}
                disabled={!!busy}
              >
                {busy === name ? "Wird ausgeführt …" : transitionLabels[name]}
              </button>
            </div>
          </Form>
        );
      })}
    </section>
  );
}
