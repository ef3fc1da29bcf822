import { Form, useLocation } from "@remix-run/react";
import type { ReservationStatus } from "~/db/schema";
import { FormErrorSummary, submitted, TextAreaField, type FormFeedback } from "~/ui/form";
import { formatDateTime } from "~/ui/format";
import {
  eventPageTexts,
  MAX_PSEUDONYMS_PER_SUBMISSION,
  reservationStatusLabels,
  reservationTexts,
} from "./texts";
import { TableScroller } from "~/ui/table-scroller";

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

/** One pseudonym per line; without JavaScript a plain form post. */
export function ReservationForm({ feedback, busy }: { feedback: FormFeedback; busy: boolean }) {
  // A successful reservation redirects back here (a new location): the form starts afresh and
  // empty, so sending it once more cannot book the same people again. A rejected one keeps all.
  const location = useLocation();
  return (
    <Form key={location.key} method="post" className="stack" noValidate>
      <input type="hidden" name="intent" value="reserve" />
      <FormErrorSummary errors={feedback.errors} />
      <TextAreaField
        id="pseudonyms"
        name="pseudonyms"
        label={`Pseudonyme (höchstens ${MAX_PSEUDONYMS_PER_SUBMISSION}, eines pro Zeile)`}
        hint={reservationTexts.hint}
        rows={4}
        defaultValue={submitted(feedback, "pseudonyms")}
        error={feedback.errors?.pseudonyms}
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
 */
export function ReservationList({
  reservations,
  organiser,
  emptyText,
  feedback,
  busy,
}: {
  reservations: ReservationView[];
  organiser: boolean;
  emptyText: string;
  feedback: FormFeedback;
  busy: boolean;
}) {
  return (
    <div className="stack">
      {feedback.errors?.reservation ? (
        <div className="alert alert--error" role="alert">
          <p>{feedback.errors.reservation}</p>
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
