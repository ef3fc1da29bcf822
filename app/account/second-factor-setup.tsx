import type { ReactNode } from "react";
import { IntentForm, SubmitButton, useBusyIntent } from "~/ui/intent-form";
import { TextField } from "~/ui/form";
import { formatDateTime } from "~/ui/format";
import { usePortalForm } from "~/ui/portal-form";
import { codeOrRecoverySchema, confirmCodeSchema } from "./second-factor-form";

/**
 * The second factor's pages, shared by /konto/zweiter-faktor and the set-up right after login
 * (/anmelden/zweiter-faktor-einrichten): the set-up with QR code, the recovery codes shown once,
 * and the status with removal and new codes. Every form works without JavaScript.
 */

/** What an action of these pages answers when it succeeded (refusals are conform's results). */
export type SecondFactorDone = { done: "confirmed" | "renewed"; recoveryCodes: string[] };

export function secondFactorDone(data: unknown): SecondFactorDone | null {
  return typeof data === "object" && data !== null && "done" in data
    ? (data as SecondFactorDone)
    : null;
}

const codeHint = "Die sechs Ziffern, die Ihre App gerade anzeigt. Leerzeichen sind egal.";

export function SecondFactorSetup({
  qrSvg,
  secret,
  actionData,
}: {
  qrSvg: string;
  secret: string;
  actionData: unknown;
}) {
  const busy = useBusyIntent();
  const [form, fields] = usePortalForm({
    schema: confirmCodeSchema,
    actionData,
    intent: "confirm",
  });
  return (
    <section className="stack" aria-labelledby="einrichten">
      <h2 id="einrichten">Zweiten Faktor einrichten</h2>
      <p>
        Mit einem zweiten Faktor braucht die Anmeldung außer Ihrem Passwort einen Code, den eine App
        auf Ihrem Telefon alle 30 Sekunden neu berechnet. Wer nur Ihr Passwort kennt, kommt so nicht
        in Ihr Konto.
      </p>
      <ol className="setup-steps">
        <li>
          Installieren Sie eine Authenticator-App auf Ihrem Telefon, z. B. die App Ihrer
          IT-Abteilung, FreeOTP, Aegis, Google Authenticator oder Microsoft Authenticator.
        </li>
        <li className="stack">
          <p>Scannen Sie in der App diesen QR-Code:</p>
          <div
            className="qr-code"
            role="img"
            aria-label="QR-Code mit dem Schlüssel für Ihre Authenticator-App"
            // Drawn on the server by the qrcode package from the otpauth address alone.
            dangerouslySetInnerHTML={{ __html: qrSvg }}
          />
          <p>
            Oder geben Sie diesen Schlüssel in der App von Hand ein (Typ „zeitbasiert“, 6 Ziffern,
            30 Sekunden):
          </p>
          <p className="secret-text">{secret}</p>
        </li>
        <li>
          <IntentForm intent="confirm" form={form} className="stack">
            <TextField
              field={fields.code}
              label="Code aus der App"
              hint={codeHint}
              inputMode="numeric"
              autoComplete="one-time-code"
              required
            />
            <SubmitButton pending={busy === "confirm"} pendingLabel="Wird geprüft …">
              Einrichtung bestätigen
            </SubmitButton>
          </IntentForm>
        </li>
      </ol>
    </section>
  );
}

/** The ten recovery codes, shown this once; `children` is the way onward. */
export function RecoveryCodesOnce({
  codes,
  renewed = false,
  children,
}: {
  codes: string[];
  /** New codes for an existing factor rather than a factor just set up. */
  renewed?: boolean;
  children: ReactNode;
}) {
  return (
    <section className="stack" aria-labelledby="wiederherstellungscodes">
      <h2 id="wiederherstellungscodes">Ihre Wiederherstellungscodes</h2>
      <p className="alert alert--success" role="status">
        {renewed
          ? "Neue Wiederherstellungscodes sind erzeugt. Die bisherigen gelten nicht mehr."
          : "Der zweite Faktor ist eingerichtet. Ab jetzt fragt die Anmeldung nach dem Code aus Ihrer App."}
      </p>
      <p>
        <strong>Diese Codes sehen Sie nur jetzt.</strong> Mit jedem von ihnen können Sie sich einmal
        anmelden, wenn Ihr Telefon verloren oder kaputt ist. Drucken Sie sie aus oder bewahren Sie
        sie an einem sicheren Ort auf – nicht auf demselben Telefon.
      </p>
      <ol className="recovery-codes">
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ol>
      {children}
    </section>
  );
}

/** Set up since …, recovery codes left, and the forms for new codes and removal. */
export function SecondFactorStatus({
  confirmedAt,
  remainingRecoveryCodes,
  actionData,
}: {
  confirmedAt: string;
  remainingRecoveryCodes: number;
  actionData: unknown;
}) {
  const busy = useBusyIntent();
  const [renewForm, renewFields] = usePortalForm({
    schema: codeOrRecoverySchema,
    actionData,
    intent: "renewCodes",
  });
  const [removeForm, removeFields] = usePortalForm({
    schema: codeOrRecoverySchema,
    actionData,
    intent: "remove",
  });
  const codeLabel = "Code aus der App oder Wiederherstellungscode";
  return (
    <div className="stack-lg">
      <section className="stack" aria-labelledby="status">
        <h2 id="status">Zweiter Faktor</h2>
        <dl className="details">
          <dt>Status</dt>
          <dd>Eingerichtet seit {formatDateTime(confirmedAt)}</dd>
          <dt>Verbleibende Wiederherstellungscodes</dt>
          <dd>
            {remainingRecoveryCodes} von 10
            {remainingRecoveryCodes <= 3 ? " – bitte erzeugen Sie neue Codes." : null}
          </dd>
        </dl>
      </section>
      <section className="stack" aria-labelledby="neue-codes">
        <h2 id="neue-codes">Neue Wiederherstellungscodes</h2>
        <p>Die bisherigen Codes werden damit ungültig.</p>
        <IntentForm intent="renewCodes" form={renewForm} className="stack">
          <TextField field={renewFields.code} label={codeLabel} autoComplete="off" required />
          <SubmitButton pending={busy === "renewCodes"} pendingLabel="Wird geprüft …">
            Neue Codes erzeugen
          </SubmitButton>
        </IntentForm>
      </section>
      <section className="stack" aria-labelledby="entfernen">
        <h2 id="entfernen">Zweiten Faktor entfernen</h2>
        <p>
          Danach genügt wieder Ihr Passwort. Alle anderen Sitzungen Ihres Kontos werden beendet.
          Verlangt Ihre Organisation oder die Plattform einen zweiten Faktor, werden Sie gleich
          wieder zur Einrichtung geführt.
        </p>
        <IntentForm intent="remove" form={removeForm} className="stack">
          <TextField field={removeFields.code} label={codeLabel} autoComplete="off" required />
          <SubmitButton
            className="button button--danger"
            pending={busy === "remove"}
            pendingLabel="Wird entfernt …"
          >
            Zweiten Faktor entfernen
          </SubmitButton>
        </IntentForm>
      </section>
    </div>
  );
}
