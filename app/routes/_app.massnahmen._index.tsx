import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { authorize, can, networksSeenBy } from "~/auth/permissions.server";
import { clientIp, requireUser } from "~/auth/request.server";
import { CourseProgressBar, progressOf } from "~/courses/course-progress";
import courseStyles from "~/courses/courses.css";
import { listCourses } from "~/courses/courses.server";
import { seatsText } from "~/courses/texts";
import { toBerlinLocal } from "~/events/berlin-time";
import { courseInstrumentLabels } from "~/events/vocabulary";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { formatDay } from "~/ui/format";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: courseStyles }];

export const meta: MetaFunction = () => [{ title: "Maßnahmen-Pool – Netzwerke ABC" }];

/** `?anzeige=alle` shows every course; by default only those still taking pledges. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  await authorize(user, { action: "course.browse" }, clientIp(request));
  const onlyOpen = new URL(request.url).searchParams.get("anzeige") !== "alle";
  const courses = await listCourses(user, { onlyOpen });
  return json({
    onlyOpen,
    courses: courses.map((course) => ({
      ...course,
      pledgeDeadlineDay: toBerlinLocal(course.pledgeDeadline).date,
    })),
    showNetwork: networksSeenBy(user).length > 1,
    canCreate: can(user, { action: "course.create" }),
  });
}

export default function CoursePoolPage() {
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

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
