import { Link } from "@remix-run/react";
import type { CalendarEntry } from "./calendar.server";
import { calendarTexts } from "./calendar-texts";
import { eventKindLabels } from "./vocabulary";

function seatsLine(entry: CalendarEntry): string {
  const free = Math.max(0, entry.capacity - entry.confirmedSeats);
  const seats = calendarTexts.seats(free, entry.capacity);
  return entry.waitlistedSeats > 0
    ? `${seats} · ${calendarTexts.waitlist(entry.waitlistedSeats)}`
    : seats;
}

/** An event in the list and week views: time, title, kind, place, free seats – no names. */
export function CalendarEntryCard({ entry }: { entry: CalendarEntry }) {
  return (
    <article
      className={entry.cancelled ? "calendar-entry calendar-entry--cancelled" : "calendar-entry"}
    >
      <p className="calendar-entry__time">{entry.time}</p>
      <h4 className="calendar-entry__title">
        <Link to={`/veranstaltungen/${entry.id}`}>{entry.title}</Link>{" "}
        {entry.cancelled ? (
          <span className="badge badge--warning">{calendarTexts.cancelled}</span>
        ) : null}
      </h4>
      <p className="muted">
        {eventKindLabels[entry.kind]}
        {entry.place ? ` · ${entry.place}` : ""}
        {entry.online ? ` · ${calendarTexts.online}` : ""}
      </p>
      <p className="muted">
        {entry.cancelled ? null : <>{seatsLine(entry)} · </>}
        {calendarTexts.organiser(entry.organizerName)}
      </p>
    </article>
  );
}

/** An event in a month cell: a short link, with "abgesagt" as text, not only as a style. */
export function CalendarEntryLink({ entry }: { entry: CalendarEntry }) {
  return (
    <Link
      to={`/veranstaltungen/${entry.id}`}
      className={entry.cancelled ? "calendar-link calendar-link--cancelled" : "calendar-link"}
    >
      <span className="calendar-link__time">{entry.time}</span> {entry.title}
      {entry.cancelled ? ` (${calendarTexts.cancelled})` : ""}
    </Link>
  );
}
