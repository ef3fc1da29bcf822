import { Form, Link, useActionData, useLoaderData, useRevalidator } from "@remix-run/react";
import { attachedTexts } from "~/discussions/page-texts";
import type { action, loader } from "~/routes/_app.veranstaltungen.$eventId";
import { CardSection } from "~/ui/card-section";
import { SubmitButton, useBusyIntent } from "~/ui/intent-form";
import { formProps, usePortalForm } from "~/ui/portal-form";
import { formatDateTime } from "~/ui/format";
import { useLiveEvent } from "~/ui/live-connection";
import { EventFacts, SeatSummary } from "./event-detail";
import { cancelEventSchema } from "./event-page-form";
import { OutcomeForm, OutcomeSummary } from "./outcome-panel";
import { ReservationForm, ReservationList } from "./reservation-panel";
import { eventPageTexts as texts } from "./texts";
import { eventKindLabels } from "./vocabulary";

/** An event's page: its facts, seats and reservations, outcomes and the organiser's actions. */
export function EventView() {
  const { event, visibility, reservations, outcomes, state, may } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busyIntent = useBusyIntent();
  const revalidator = useRevalidator();
  // Seats, time or place changed elsewhere: reload through the loader, which decides what we see.
  useLiveEvent("event:changed", (change) => {
    if (change.eventId === event.id && revalidator.state === "idle") revalidator.revalidate();
  });
  const organiser = visibility === "organiser";
  const totals = {
    attended: event.attended,
    interviews: event.interviews,
    internships: event.internships,
    hires: event.hires,
  };

  return (
    <div className="stack-lg">
      <p>
        <Link to="/veranstaltungen">← Zum Veranstaltungskalender</Link>
      </p>
      <div className="stack">
        <p className="muted">{eventKindLabels[event.kind]}</p>
        <h1>{event.title}</h1>
        {state.cancelled ? (
          <div className="alert alert--error event-cancelled" role="status">
            <p>
              {texts.cancelledBanner} ({formatDateTime(event.cancelledAt!)})
            </p>
          </div>
        ) : null}
      </div>

      <div className="columns">
        <div className="stack-lg">
          <EventFacts event={event} />

          {state.started || organiser ? (
            <CardSection id="ergebnisse" title="Ergebnisse">
              {event.outcomesRecordedAt ? (
                <OutcomeSummary totals={totals} rows={outcomes.rows} />
              ) : (
                <p>{state.started ? texts.outcomesMissing : texts.outcomesPending}</p>
              )}
              {may.recordOutcomes ? (
                <OutcomeForm
                  totals={totals}
                  rows={outcomes.rows}
                  organizations={outcomes.organizations}
                  actionData={actionData}
                  busy={busyIntent === "recordOutcomes"}
                />
              ) : null}
            </CardSection>
          ) : null}
        </div>

        <div className="stack-lg">
          <CardSection id="plaetze" title="Plätze">
            <SeatSummary
              confirmedSeats={event.confirmedSeats}
              waitlistedSeats={event.waitlistedSeats}
              capacity={event.capacity}
              takesReservations={!state.cancelled && !state.deadlinePassed}
            />
            <p>
              {state.deadlinePassed
                ? texts.deadlinePassed(formatDateTime(event.registrationDeadline))
                : texts.deadline(formatDateTime(event.registrationDeadline))}
            </p>
            {may.reserve ? (
              <ReservationForm actionData={actionData} busy={busyIntent === "reserve"} />
            ) : null}
          </CardSection>

          {visibility !== "counts" ? (
            <CardSection
              id="reservierungen"
              title={organiser ? "Alle Reservierungen" : "Reservierungen Ihrer Organisation"}
            >
              <ReservationList
                reservations={reservations}
                organiser={organiser}
                emptyText={organiser ? texts.noReservationsOrganiser : texts.noReservationsOwn}
                actionData={actionData}
                busy={busyIntent === "cancelReservation"}
              />
            </CardSection>
          ) : null}

          <CardSection id="diskussion" title={attachedTexts.heading}>
            <p>{attachedTexts.count(event.discussionPosts)}</p>
            <p>
              <Link to={`/diskussionen/zu/veranstaltung/${event.id}`}>Zur Diskussion</Link>
            </p>
          </CardSection>

          <EventActions
            eventId={event.id}
            may={may}
            actionData={actionData}
            busy={busyIntent === "cancelEvent"}
          />
        </div>
      </div>
    </div>
  );
}

/** The calendar file for everyone; editing and cancelling for the organiser. */
function EventActions({
  eventId,
  may,
  actionData,
  busy,
}: {
  eventId: string;
  may: { edit: boolean; cancel: boolean };
  actionData: unknown;
  busy: boolean;
}) {
  const [form] = usePortalForm({ schema: cancelEventSchema, actionData, intent: "cancelEvent" });
  const cancelError = form.errors?.[0];
  return (
    <CardSection id="aktionen" title="Aktionen">
      {cancelError ? (
        <p className="alert alert--error" role="alert">
          {cancelError}
        </p>
      ) : null}
      <div className="actions">
        {/* A download, not a page: the browser must fetch it without client-side routing. */}
        <a href={`/veranstaltungen/${eventId}/ics`} className="button button--secondary" download>
          Kalenderdatei (.ics)
        </a>
        {may.edit ? (
          <Link to={`/veranstaltungen/${eventId}/bearbeiten`} className="button button--secondary">
            Bearbeiten
          </Link>
        ) : null}
        {may.cancel ? (
          // "Absagen" asks first, also without JavaScript: the button sits behind a disclosure.
          <details className="stack">
            <summary className="button button--danger">Absagen …</summary>
            <p>{texts.confirmCancelEvent}</p>
            {/* Its refusal shows above the buttons, not in the closed disclosure. */}
            <Form method="post" {...formProps(form)}>
              <input type="hidden" name="intent" value="cancelEvent" />
              <SubmitButton
                pending={busy}
                pendingLabel="Wird abgesagt …"
                className="button button--danger"
              >
                Ja, Veranstaltung absagen
              </SubmitButton>
            </Form>
          </details>
        ) : null}
      </div>
    </CardSection>
  );
}
