import type { CalendarPage } from "./calendar.server";
import { CalendarEntryCard } from "./calendar-entry";
import { calendarTexts } from "./calendar-texts";

/**
 * The list and week views: one section per day. The list leaves out days without events; the
 * week shows all seven, so "nothing on Wednesday" is visible too.
 */
export function CalendarDays({
  days,
  today,
  showEmptyDays,
}: {
  days: CalendarPage["days"];
  today: string;
  showEmptyDays: boolean;
}) {
  const shown = showEmptyDays ? days : days.filter((day) => day.entries.length > 0);
  return (
    <ol className={showEmptyDays ? "calendar-days calendar-days--week" : "calendar-days"}>
      {shown.map((day) => (
        <li key={day.date} className="calendar-day">
          <h3 className="calendar-day__heading">
            {calendarTexts.dayHeading(day.date)}
            {day.date === today ? <span className="badge">{calendarTexts.today}</span> : null}
          </h3>
          {day.entries.length === 0 ? (
            <p className="muted">{calendarTexts.noEventsThatDay}</p>
          ) : (
            <ul className="calendar-day__entries">
              {day.entries.map((entry) => (
                <li key={entry.id}>
                  <CalendarEntryCard entry={entry} />
                </li>
              ))}
            </ul>
          )}
        </li>
      ))}
    </ol>
  );
}
