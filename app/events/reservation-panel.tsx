import { useLocation } from "@remix-run/react";
import { type ReservationStatus } from "~/db/vocabularies";
import { TextAreaField } from "~/ui/form";
import { IntentForm, SubmitButton } from "~/ui/intent-form";
import { resultFor, usePortalForm } from "~/ui/portal-form";
import { formatDateTime } from "~/ui/format";
import { DataTable } from "~/ui/data-table";
import { reserveSchema } from "./event-page-form";
import {
  eventPageTexts,
  MAX_PSEUDONYMS_PER_SUBMISSION,
  reservationStatusLabels,
  reservationTexts,
} from "./texts";

export interface ReservationView {
  id: string;
  pseudonym: string;
  status: ReservationStatus;
  organizationName: string;
  /** Only for reservations of the viewer's own organisation. */
  reservedByName: string | null;
  createdAt: string;
  waitlistPosition: number | null;
  cancellable: boolean;
}

interface FormPanelProps {
  actionData: unknown;
  busy: boolean;
}

/**
 * One pseudonym per line; without JavaScript a plain form post. A successful reservation
 * redirects back here (a new location): the form starts afresh and empty, so sending it once
 * more cannot book the same people again. A rejected one keeps all.
 */
export function ReservationForm(props: FormPanelProps) {
  const location = useLocation();
  return <PseudonymListForm key={location.key} {...props} />;
}

function PseudonymListForm({ actionData, busy }: FormPanelProps) {
  const [form, fields] = usePortalForm({ schema: reserveSchema, actionData, intent: "reserve" });
  return (
    <IntentForm intent="reserve" form={form} className="stack">
      <TextAreaField
        field={fields.pseudonyms}
        label={`Pseudonyme (höchstens ${MAX_PSEUDONYMS_PER_SUBMISSION}, eines pro Zeile)`}
        hint={reservationTexts.hint}
        rows={4}
        autoComplete="off"
      />
      <SubmitButton pending={busy} pendingLabel="Wird reserviert …">
        Plätze reservieren
      </SubmitButton>
    </IntentForm>
  );
}

/**
 * The reservations the viewer may see. The organiser's list shows the reserving organisation,
 * a reserving organisation's list who of its staff reserved; cancel buttons on its own rows.
 * Those are buttons with the reservation's id and nothing to type, so nothing is checked in the
 * browser: a refusal (the deadline has passed meanwhile) is shown once above the list.
 */
export function ReservationList({
  reservations,
  organiser,
  emptyText,
  actionData,
  busy,
}: FormPanelProps & {
  reservations: ReservationView[];
  organiser: boolean;
  emptyText: string;
}) {
  const refusal = resultFor(actionData, "cancelReservation")?.error?.[""]?.[0];
  return (
    <div className="stack">
      {refusal ? (
        <div className="alert alert--error" role="alert">
          <p>{refusal}</p>
        </div>
      ) : null}
      {reservations.length === 0 ? <p>{emptyText}</p> : null}
      {reservations.length > 0 ? (
        <DataTable
          label={organiser ? "Alle Reservierungen" : "Reservierungen Ihrer Organisation"}
          caption={organiser ? "Alle Reservierungen" : "Reservierungen Ihrer Organisation"}
          columns={[
            "Pseudonym",
            "Stand",
            organiser ? "Organisation" : "Reserviert von",
            "Reserviert am",
            <span key="aktion" className="visually-hidden">
              Aktion
            </span>,
          ]}
        >
          {reservations.map((reservation) => (
            <tr key={reservation.id}>
              <td>{reservation.pseudonym}</td>
              <td>
                {reservation.waitlistPosition !== null
                  ? eventPageTexts.waitlistPosition(reservation.waitlistPosition)
                  : reservationStatusLabels[reservation.status]}
              </td>
              <td>
                {organiser ? reservation.organizationName : (reservation.reservedByName ?? "–")}
              </td>
              <td>{formatDateTime(reservation.createdAt)}</td>
              <td>
                {reservation.cancellable ? (
                  <IntentForm intent="cancelReservation" hidden={{ reservationId: reservation.id }}>
                    <SubmitButton
                      className="button button--secondary"
                      disabled={busy}
                      aria-label={`Reservierung für ${reservation.pseudonym} stornieren`}
                    >
                      Stornieren
                    </SubmitButton>
                  </IntentForm>
                ) : null}
              </td>
            </tr>
          ))}
        </DataTable>
      ) : null}
    </div>
  );
}
