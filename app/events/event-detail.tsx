import type { EventJob } from "~/db/schema";
import { formatDateTime } from "~/ui/format";
import { eventPageTexts as texts } from "./texts";
import { eventKindLabels, formatEventTime } from "./vocabulary";

/** The event as the page shows it (dates arrive as ISO strings from the loader). */
export interface EventFactsData {
  kind: keyof typeof eventKindLabels;
  title: string;
  organizationName: string;
  networkName: string;
  startsAt: string;
  endsAt: string;
  place: string;
  onlineUrl: string;
  registrationDeadline: string;
  targetGroups: string[];
  jobs: EventJob[];
  languageRequirements: string;
  accessibility: string;
  contactName: string;
  contactEmail: string;
  contactPhone: string;
  descriptionHtml: string;
}

/** When, where, for whom, which jobs, and the description (sanitized on the server). */
export function EventFacts({ event }: { event: EventFactsData }) {
  return (
    <section className="card stack" aria-labelledby="eckdaten">
      <h2 id="eckdaten">Eckdaten</h2>
      <dl className="details">
        <dt>Art</dt>
        <dd>{eventKindLabels[event.kind]}</dd>
        <dt>Wann</dt>
        <dd>{formatEventTime(event.startsAt, event.endsAt)}</dd>
        {event.place ? (
          <>
            <dt>Wo</dt>
            <dd className="event-place">{event.place}</dd>
          </>
        ) : null}
        {event.onlineUrl ? (
          <>
            <dt>Online</dt>
            <dd>
              <a href={event.onlineUrl} rel="noopener noreferrer nofollow">
                {event.onlineUrl}
              </a>
            </dd>
          </>
        ) : null}
        <dt>Anmeldung bis</dt>
        <dd>{formatDateTime(event.registrationDeadline)} Uhr</dd>
        <dt>Veranstalter</dt>
        <dd>
          {event.organizationName} · {event.networkName}
        </dd>
        {event.targetGroups.length > 0 ? (
          <>
            <dt>Zielgruppen</dt>
            <dd>{event.targetGroups.join(", ")}</dd>
          </>
        ) : null}
        {event.languageRequirements ? (
          <>
            <dt>Sprachkenntnisse</dt>
            <dd>{event.languageRequirements}</dd>
          </>
        ) : null}
        {event.accessibility ? (
          <>
            <dt>Barrierefreiheit</dt>
            <dd>{event.accessibility}</dd>
          </>
        ) : null}
      </dl>
      <h3>Stellenangebote</h3>
      {event.jobs.length === 0 ? (
        <p>{texts.noJobs}</p>
      ) : (
        <ul>
          {event.jobs.map((job) => (
            <li key={`${job.title}-${job.positions}`}>{texts.job(job.title, job.positions)}</li>
          ))}
        </ul>
      )}
      <h3>Beschreibung</h3>
      {/* Rendered from tiptap JSON and sanitized on the server (renderRichText). */}
      <div className="rich-text" dangerouslySetInnerHTML={{ __html: event.descriptionHtml }} />
      <ContactBlock event={event} />
    </section>
  );
}

function ContactBlock({ event }: { event: EventFactsData }) {
  if (!event.contactName && !event.contactEmail && !event.contactPhone) return null;
  return (
    <>
      <h3>Ansprechperson</h3>
      <p>
        {event.contactName}
        {event.contactEmail ? (
          <>
            <br />
            <a href={`mailto:${event.contactEmail}`}>{event.contactEmail}</a>
          </>
        ) : null}
        {event.contactPhone ? (
          <>
            <br />
            <a href={`tel:${event.contactPhone.replace(/[^\d+]/g, "")}`}>{event.contactPhone}</a>
          </>
        ) : null}
      </p>
    </>
  );
}

/** "12 von 25 Plätzen belegt, 3 auf der Warteliste" with a bar everyone can read. */
export function SeatSummary({
  confirmedSeats,
  waitlistedSeats,
  capacity,
  takesReservations,
}: {
  confirmedSeats: number;
  waitlistedSeats: number;
  capacity: number;
  /** Not cancelled and before the deadline: only then can anyone join the waiting list. */
  takesReservations: boolean;
}) {
  const summary = [
    texts.seats(confirmedSeats, capacity),
    waitlistedSeats > 0 ? texts.waitlisted(waitlistedSeats) : null,
  ]
    .filter(Boolean)
    .join(", ");
  return (
    <div className="stack">
      <p id="platz-stand">
        <strong>{summary}</strong>
      </p>
      <progress
        className="seat-bar"
        value={confirmedSeats}
        max={capacity}
        aria-labelledby="platz-stand"
      />
      {takesReservations && confirmedSeats >= capacity ? <p>{texts.full}</p> : null}
    </div>
  );
}
