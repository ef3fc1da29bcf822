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
import { authorize, can, notFound } from "~/auth/permissions.server";
import { parsePledgeForm } from "~/courses/course-form.server";
import { requireCourse } from "~/events/route-access.server";
import { CourseProgressBar, progressOf } from "~/courses/course-progress";
import courseStyles from "~/courses/courses.css";
import { loadCourse } from "~/courses/courses.server";
import { setPledge } from "~/courses/pledges.server";
import { seatsText } from "~/courses/texts";
import { toBerlinLocal } from "~/events/berlin-time";
import { courseInstrumentLabels } from "~/events/vocabulary";
import { redirectWithFlash } from "~/flash.server";
import { formFailure, formValues, readForm } from "~/forms.server";
import { organizationKindLabels } from "~/organizations/texts";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { feedbackFor, FormErrorSummary, submitted, TextField } from "~/ui/form";
import { formatDateTime, formatDay } from "~/ui/format";
import { useLiveEvent } from "~/ui/live-connection";
import { TableScroller } from "~/ui/table-scroller";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: courseStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.course.title ?? "Maßnahme"} – Maßnahmen-Pool – Netzwerke ABC` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, course: access, ip } = await requireCourse(request, params.courseId);
  await authorize(user, { action: "course.view", course: access }, ip);
  const course = await loadCourse(access.id, user.organizationId);
  if (!course) throw notFound();
  return json({
    course: { ...course, pledgeDeadlineDay: toBerlinLocal(course.pledgeDeadline).date },
    deadlinePassed: course.pledgeDeadline.getTime() < Date.now(),
    may: {
      edit: can(user, { action: "course.edit", course: access }) && access.status !== "cancelled",
      // A cancelled course takes no pledges; a form sent anyway is answered by setPledge (400).
      pledge:
        can(user, { action: "course.pledge", course: access }) && access.status !== "cancelled",
    },
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, course, ip } = await requireCourse(request, params.courseId);
  // Whoever may not see the course learns nothing about it, not even that an intent is wrong.
  await authorize(user, { action: "course.view", course }, ip);
  const form = await readForm(request, { intents: ["pledge"] });
  if (!form.ok) return form.response;
  const { formData } = form;
  await authorize(user, { action: "course.pledge", course }, ip);
  const parsed = parsePledgeForm(formData);
  if (!parsed.ok) return parsed.response;
  const result = await setPledge(user, course.id, parsed.seats, ip);
  if (!result.ok) return formFailure(formValues(formData), { seats: result.message });
  return redirectWithFlash(
    `/massnahmen/${course.id}`,
    parsed.seats === 0 ? "pledgeWithdrawn" : "pledgeSaved",
  );
}

export default function CoursePage() {
  const { course, deadlinePassed, may } = useLoaderData<typeof loader>();
  const feedback = feedbackFor(useActionData<typeof action>(), "pledge");
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  // The bar updates itself; the table of pledges comes fresh through the loader.
  const revalidator = useRevalidator();
  useLiveEvent("course:changed", (change) => {
    // A newer revalidation supersedes one in flight, so the table never lags behind the bar.
    if (change.courseId === course.id) revalidator.revalidate();
  });
  const free = course.maxParticipants - course.pledgedSeats;
  const takesPledges = course.status !== "cancelled" && !deadlinePassed;

  return (
    <div className="stack-lg">
      <p>
        <Link to="/massnahmen">← Zum Maßnahmen-Pool</Link>
      </p>
      <div className="stack">
        <h1>{course.title}</h1>
        <p className="muted">
          {course.organizationName} · {course.networkName} ·{" "}
          {courseInstrumentLabels[course.instrument]}
        </p>
        <CourseProgressBar progress={progressOf(course)} />
      </div>

      <div className="columns">
        <div className="stack-lg">
          <section className="card stack" aria-labelledby="eckdaten">
            <h2 id="eckdaten">Eckdaten</h2>
            <dl className="details">
              <dt>Beginn</dt>
              <dd>{formatDay(course.startDate)}</dd>
              <dt>Dauer</dt>
              <dd>{course.duration}</dd>
              <dt>Ort</dt>
              <dd>{course.place}</dd>
              <dt>Teilnehmende</dt>
              <dd>
                mindestens {course.minParticipants}, höchstens {course.maxParticipants}
              </dd>
              <dt>Meldefrist</dt>
              <dd>bis einschließlich {formatDay(course.pledgeDeadlineDay)}</dd>
              <dt>Zusagen von</dt>
              <dd>{course.admittedKinds.map((kind) => organizationKindLabels[kind]).join(", ")}</dd>
            </dl>
          </section>
          <section className="card stack" aria-labelledby="beschreibung">
            <h2 id="beschreibung">Beschreibung</h2>
            {/* Rendered from tiptap JSON and sanitized on the server (renderRichText). */}
            <div
              className="rich-text"
              dangerouslySetInnerHTML={{ __html: course.descriptionHtml }}
            />
            <p className="muted">Zuletzt geändert {formatDateTime(course.updatedAt)}</p>
          </section>
        </div>

        <div className="stack-lg">
          <section className="card stack" aria-labelledby="zusagen">
            <h2 id="zusagen">Zusagen der Organisationen</h2>
            {course.pledges.length === 0 ? (
              <p>Noch hat keine Organisation Plätze zugesagt.</p>
            ) : (
              <TableScroller label="Zusagen je Organisation">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">Organisation</th>
                      <th scope="col">Plätze</th>
                    </tr>
                  </thead>
                  <tbody>
                    {course.pledges.map((pledge) => (
                      <tr key={pledge.organizationId}>
                        <td>{pledge.organizationName}</td>
                        <td>{pledge.seats}</td>
                      </tr>
                    ))}
                  </tbody>
                  <tfoot>
                    <tr>
                      <th scope="row">zusammen</th>
                      <td>{course.pledgedSeats}</td>
                    </tr>
                  </tfoot>
                </table>
              </TableScroller>
            )}
          </section>

          {may.pledge ? (
            <section className="card stack" aria-labelledby="plaetze-zusagen">
              <h2 id="plaetze-zusagen">Plätze zusagen</h2>
              <p>
                Ihre Organisation hat {seatsText(course.ownPledge)} zugesagt.{" "}
                {takesPledges ? `Noch frei: ${seatsText(free)}.` : null}
              </p>
              {takesPledges ? (
                <Form method="post" className="stack" noValidate>
                  <input type="hidden" name="intent" value="pledge" />
                  <FormErrorSummary errors={feedback.errors} />
                  <div className="pledge-form">
                    <TextField
                      id="seats"
                      name="seats"
                      type="number"
                      inputMode="numeric"
                      min={0}
                      max={course.ownPledge + free}
                      label="Plätze Ihrer Organisation insgesamt"
                      hint="Die ganze Zusage Ihrer Organisation, nicht nur zusätzliche Plätze. 0 nimmt die Zusage zurück."
                      defaultValue={submitted(feedback, "seats", String(course.ownPledge))}
                      error={feedback.errors?.seats}
                    />
                    <button type="submit" className="button" disabled={busy}>
                      {busy ? "Wird gespeichert …" : "Zusage speichern"}
                    </button>
                  </div>
                </Form>
              ) : (
                <p>
                  {course.status === "cancelled"
                    ? "Die Maßnahme wurde abgesagt."
                    : "Die Meldefrist ist abgelaufen; Zusagen können nicht mehr geändert werden."}
                </p>
              )}
            </section>
          ) : null}

          {may.edit ? (
            <section className="card stack" aria-labelledby="aktionen">
              <h2 id="aktionen">Aktionen</h2>
              <p>
                <Link
                  to={`/massnahmen/${course.id}/bearbeiten`}
                  className="button button--secondary"
                >
                  Bearbeiten
                </Link>
              </p>
            </section>
          ) : null}
        </div>
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
