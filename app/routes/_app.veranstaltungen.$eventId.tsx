import type {
  ActionFunctionArgs,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { json } from "@remix-run/node";
import {
  Form,
  Link,
  useActionData,
  useLoaderData,
  useNavigation,
  useRevalidator,
} from "@remix-run/react";
import { authorize, notFound } from "~/auth/permissions.server";
import { clientIp } from "~/auth/request.server";
import { attachedTexts } from "~/discussions/page-texts";
import { requireEvent } from "~/events/route-access.server";
import { EventFacts, SeatSummary } from "~/events/event-detail";
import { eventPageAction, eventPageData } from "~/events/event-page.server";
import eventStyles from "~/events/events.css";
import { OutcomeForm, OutcomeSummary } from "~/events/outcome-panel";
import { ReservationForm, ReservationList } from "~/events/reservation-panel";
import { eventPageTexts as texts } from "~/events/texts";
import { eventKindLabels } from "~/events/vocabulary";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { feedbackFor } from "~/ui/form";
import { formatDateTime } from "~/ui/format";
import { useLiveEvent } from "~/ui/live-connection";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: eventStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.event.title ?? "Veranstaltung"} – Veranstaltungen – Netzwerke ABC` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, event } = await requireEvent(request, params.eventId);
  await authorize(user, { action: "event.view", event }, clientIp(request));
  const data = await eventPageData(user, event);
  if (!data) throw notFound();
  return json(data);
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, event } = await requireEvent(request, params.eventId);
  return eventPageAction(request, user, event);
}

export default function EventPage() {
  const { event, visibility, reservations, outcomes, state, may } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const cancelError = feedbackFor(actionData, "cancelEvent").errors?.cancelEvent;
  const navigation = useNavigation();
  const busyIntent = navigation.state === "submitting" ? navigation.formData?.get("intent") : null;
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
            <section className="card stack" aria-labelledby="ergebnisse">
              <h2 id="ergebnisse">Ergebnisse</h2>
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
                  feedback={feedbackFor(actionData, "recordOutcomes")}
                  busy={busyIntent === "recordOutcomes"}
                />
              ) : null}
            </section>
          ) : null}
        </div>

        <div className="stack-lg">
          <section className="card stack" aria-labelledby="plaetze">
            <h2 id="plaetze">Plätze</h2>
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
              <ReservationForm
                feedback={feedbackFor(actionData, "reserve")}
                busy={busyIntent === "reserve"}
              />
            ) : null}
          </section>

          {visibility !== "counts" ? (
            <section className="card stack" aria-labelledby="reservierungen">
              <h2 id="reservierungen">
                {organiser ? "Alle Reservierungen" : "Reservierungen Ihrer Organisation"}
              </h2>
              <ReservationList
                reservations={reservations}
                organiser={organiser}
                emptyText={organiser ? texts.noReservationsOrganiser : texts.noReservationsOwn}
                feedback={feedbackFor(actionData, "cancelReservation")}
                busy={busyIntent === "cancelReservation"}
              />
            </section>
          ) : null}

          <section className="card stack" aria-labelledby="diskussion">
            <h2 id="diskussion">{attachedTexts.heading}</h2>
            <p>{attachedTexts.count(event.discussionPosts)}</p>
            <p>
              <Link to={`/diskussionen/zu/veranstaltung/${event.id}`}>Zur Diskussion</Link>
            </p>
          </section>

          <section className="card stack" aria-labelledby="aktionen">
            <h2 id="aktionen">Aktionen</h2>
            {cancelError ? (
              <p className="alert alert--error" role="alert">
                {cancelError}
              </p>
            ) : null}
            <div className="actions">
              {/* A download, not a page: the browser must fetch it without client-side routing. */}
              <a
                href={`/veranstaltungen/${event.id}/ics`}
                className="button button--secondary"
                download
              >
                Kalenderdatei (.ics)
              </a>
              {may.edit ? (
                <>
                  <Link
                    to={`/veranstaltungen/${event.id}/bearbeiten`}
                    className="button button--secondary"
                  >
                    Bearbeiten
                  </Link>
                </>
              ) : null}
              {may.cancel ? <CancelEventButton busy={busyIntent === "cancelEvent"} /> : null}
            </div>
          </section>
        </div>
      </div>
    </div>
  );
}

/** "Absagen" asks first, also without JavaScript: the button sits behind a disclosure. */
function CancelEventButton({ busy }: { busy: boolean }) {
  return (
    <details className="stack">
      <summary className="button button--danger">Absagen …</summary>
      <p>{texts.confirmCancelEvent}</p>
      <Form method="post">
        <input type="hidden" name="intent" value="cancelEvent" />
        <button type="submit" className="button button--danger" disabled={busy}>
          {busy ? "Wird abgesagt …" : "Ja, Veranstaltung absagen"}
        </button>
      </Form>
    </details>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
