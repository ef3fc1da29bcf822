import type { CalendarPage } from "./calendar.server";
import { CalendarEntryLink } from "./calendar-entry";
import { calendarTexts, weekdayNames } from "./calendar-texts";

function weeksOf<Day>(days: Day[]): Day[][] {
  const weeks: Day[][] = [];
  for (let index = 0; index < days.length; index += 7) weeks.push(days.slice(index, index + 7));
  return weeks;
}

/**
 * The month as a table of weeks (Monday to Sunday) with weekday column headers. Every cell names
 * its full date for screen readers; on small screens the table becomes a list of the days that
 * have events (see calendar.css).
 */
export function CalendarMonth({
  days,
  month,
  today,
  labelledBy,
}: {
  days: CalendarPage["days"];
  /** "YYYY-MM" */
  month: string;
  today: string;
  labelledBy: string;
}) {
  return (
    <table className="calendar-month" aria-labelledby={labelledBy}>
      <thead>
        <tr>
          {weekdayNames.map((name) => (
            <th key={name} scope="col">
              <span aria-hidden="true">{name.slice(0, 2)}</span>
              <span className="visually-hidden">{name}</span>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {weeksOf(days).map((week) => (
          <tr key={week[0]?.date}>
            {week.map((day) => {
              const classes = ["calendar-month__cell"];
              if (!day.date.startsWith(month)) classes.push("calendar-month__cell--outside");
              if (day.entries.length === 0) classes.push("calendar-month__cell--empty");
              return (
                <td
                  key={day.date}
                  className={classes.join(" ")}
                  aria-current={day.date === today ? "date" : undefined}
                >
                  <span className="calendar-month__number" aria-hidden="true">
                    {calendarTexts.dayNumber(day.date)}
                  </span>
                  <span className="calendar-month__date">{calendarTexts.dayHeading(day.date)}</span>
                  {day.entries.length > 0 ? (
                    <ul className="calendar-month__entries">
                      {day.entries.map((entry) => (
                        <li key={entry.id}>
                          <CalendarEntryLink entry={entry} />
                        </li>
                      ))}
                    </ul>
                  ) : null}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
