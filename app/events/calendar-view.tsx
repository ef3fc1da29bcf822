import { Link } from "@remix-run/react";
import { calendarViews } from "./calendar-period";
import type { CalendarPage } from "./calendar.server";
import { CalendarDays } from "./calendar-days";
import { CalendarFilters } from "./calendar-filters";
import { CalendarMonth } from "./calendar-month";
import { calendarTexts } from "./calendar-texts";

/** View switcher: links, so every view has its own address; the shown one is aria-current. */
function ViewSwitcher({ page }: { page: CalendarPage }) {
  return (
    <nav aria-label={calendarTexts.viewSwitcher} className="calendar-views">
      <ul>
        {calendarViews.map((view) => (
          <li key={view}>
            <Link
              to={page.navigation.views[view]}
              aria-current={view === page.view ? "page" : undefined}
            >
              {calendarTexts.views[view]}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function PeriodNavigation({ page }: { page: CalendarPage }) {
  return (
    <nav aria-label={calendarTexts.periodNavigation} className="pagination calendar-period">
      <Link to={page.navigation.previous}>← {calendarTexts.previous[page.view]}</Link>
      <Link to={page.navigation.today}>{calendarTexts.today}</Link>
      <Link to={page.navigation.next}>{calendarTexts.next[page.view]} →</Link>
    </nav>
  );
}

/** The calendar of the user's networks in the list, week or month view. */
export function CalendarView({ page, canCreate }: { page: CalendarPage; canCreate: boolean }) {
  const filtered = page.filters.kind !== null || page.filters.targetGroup !== null;
  return (
    <div className="stack-lg">
      <div className="stack">
        <h1>{calendarTexts.title}</h1>
        <p className="lead">{calendarTexts.lead}</p>
        <p className="actions">
          {canCreate ? (
            <Link to="/veranstaltungen/neu" className="button">
              {calendarTexts.create}
            </Link>
          ) : null}
          <Link to="/veranstaltungen/kalender-abo">{calendarTexts.subscription}</Link>
          <Link to="/massnahmen">{calendarTexts.coursePool}</Link>
        </p>
      </div>
      <div className="calendar-toolbar">
        <ViewSwitcher page={page} />
        <PeriodNavigation page={page} />
      </div>
      <CalendarFilters page={page} />
      <section aria-labelledby="zeitraum" className="stack">
        <h2 id="zeitraum">{page.caption}</h2>
        {page.eventCount === 0 ? (
          <div className="card stack">
            <p>{filtered ? calendarTexts.emptyFiltered : calendarTexts.empty}</p>
            {canCreate ? (
              <p>
                <Link to="/veranstaltungen/neu">{calendarTexts.create}</Link>
              </p>
            ) : null}
          </div>
        ) : null}
        {page.view === "monat" ? (
          <CalendarMonth
            days={page.days}
            month={page.anchor.slice(0, 7)}
            today={page.today}
            labelledBy="zeitraum"
          />
        ) : page.eventCount > 0 || page.view === "woche" ? (
          <CalendarDays days={page.days} today={page.today} showEmptyDays={page.view === "woche"} />
        ) : null}
      </section>
    </div>
  );
}
