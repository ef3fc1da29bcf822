import { Form, useLocation } from "@remix-run/react";
import { type ReservationStatus } from "~/db/vocabularies";
import { FormErrorSummary, TextAreaField } from "~/ui/form";
import { formProps, resultFor, usePortalForm } from "~/ui/portal-form";
import { formatDateTime } from "~/ui/format";
import { TableScroller } from "~/ui/table-scroller";
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
    <Form method="post" className="stack" {...formProps(form)}>
      <input type="hidden" name="intent" value="reserve" />
      <FormErrorSummary form={form} />
      <TextAreaField
        field={fields.pseudonyms}
        label={`Pseudonyme (höchstens ${MAX_PSEUDONYMS_PER_SUBMISSION}, eines pro Zeile)`}
        hint={reservationTexts.hint}
        rows={4}
        autoComplete="off"
      />
      <button type="submit" className="button" disabled={busy}>
        {busy ? "Wird reserviert …" : "Plätze reservieren"}
      </button>
    </Form>
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
        <TableScroller
          label={organiser ? "Alle Reservierungen" : "Reservierungen Ihrer Organisation"}
        >
          <table>
            <caption className="visually-hidden">
              {organiser ? "Alle Reservierungen" : "Reservierungen Ihrer Organisation"}
            </caption>
            <thead>
              <tr>
                <th scope="col">Pseudonym</th>
                <th scope="col">Stand</th>
                <th scope="col">{organiser ? "Organisation" : "Reserviert von"}</th>
                <th scope="col">Reserviert am</th>
                <th scope="col">
                  <span className="visually-hidden">Aktion</span>
                </th>
              </tr>
            </thead>
            <tbody>
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
                      <Form method="post">
                        <input type="hidden" name="intent" value="cancelReservation" />
                        <input type="hidden" name="reservationId" value={reservation.id} />
                        <button
                          type="submit"
                          className="button button--secondary"
                          disabled={busy}
                          aria-label={`Reservierung für ${reservation.pseudonym} stornieren`}
                        >
                          Stornieren
                        </button>
                      </Form>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroller>
      ) : null}
    </div>
  );
}
