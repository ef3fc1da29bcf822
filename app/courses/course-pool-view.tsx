import { Link, useLoaderData } from "@remix-run/react";
import type { loader } from "~/routes/_app.massnahmen._index";
import { formatDay } from "~/ui/format";
import { CourseProgressBar, progressOf } from "./course-progress";
import { courseInstrumentLabels, seatsText } from "./texts";

/** The Maßnahmen-Pool: the network's courses with their progress, open ones or all. */
export function CoursePoolView() {
  const { onlyOpen, courses, showNetwork, canCreate } = useLoaderData<typeof loader>();
  return (
    <div className="stack-lg">
      <div className="stack">
        <h1>Maßnahmen-Pool</h1>
        <p className="lead">
          Bildungsträger bieten Maßnahmen an, die Jobcenter gemeinsam füllen: Sobald genug Plätze
          zugesagt sind, kommt die Maßnahme zustande.
        </p>
        {canCreate ? (
          <p>
            <Link to="/massnahmen/neu" className="button">
              Maßnahme anbieten
            </Link>
          </p>
        ) : null}
      </div>

      <nav aria-label="Maßnahmen filtern" className="course-filter">
        <Link to="/massnahmen" aria-current={onlyOpen ? "page" : undefined}>
          Meldefrist läuft
        </Link>
        <Link to="/massnahmen?anzeige=alle" aria-current={onlyOpen ? undefined : "page"}>
          Alle Maßnahmen
        </Link>
      </nav>

      {courses.length === 0 ? (
        <section className="card stack">
          <h2>
            {onlyOpen ? "Zurzeit nimmt keine Maßnahme Zusagen an" : "Noch keine Maßnahme im Pool"}
          </h2>
          <p>
            {onlyOpen ? (
              <>
                Frühere Maßnahmen finden Sie unter{" "}
                <Link to="/massnahmen?anzeige=alle">Alle Maßnahmen</Link>.{" "}
              </>
            ) : null}
            {canCreate
              ? "Bieten Sie eine Maßnahme an, die die Jobcenter Ihres Netzwerks gemeinsam füllen können."
              : "Sobald ein Bildungsträger Ihres Netzwerks eine Maßnahme anbietet, erscheint sie hier."}
          </p>
          {canCreate ? (
            <p>
              <Link to="/massnahmen/neu">Maßnahme anbieten</Link>
            </p>
          ) : null}
        </section>
      ) : (
        <ul className="course-list">
          {courses.map((course) => (
            <li key={course.id} className="card stack">
              <h2>
                <Link to={`/massnahmen/${course.id}`}>{course.title}</Link>
              </h2>
              <p className="muted">
                {course.organizationName}
                {showNetwork ? ` · ${course.networkName}` : ""} ·{" "}
                {courseInstrumentLabels[course.instrument]} · Beginn {formatDay(course.startDate)},{" "}
                {course.duration} · {course.place}
              </p>
              <CourseProgressBar progress={progressOf(course)} />
              <p>
                Meldefrist bis einschließlich {formatDay(course.pledgeDeadlineDay)}
                {course.ownPledge > 0
                  ? ` · Ihre Organisation hat ${seatsText(course.ownPledge)} zugesagt.`
                  : ""}
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
