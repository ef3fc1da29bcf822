import type { SerializeFrom } from "@remix-run/node";
import {
  Link,
  useActionData,
  useLoaderData,
  useNavigation,
  useRevalidator,
} from "@remix-run/react";
import { organizationKindLabels } from "~/organizations/texts";
import type { loader } from "~/routes/_app.massnahmen.$courseId";
import { CardSection } from "~/ui/card-section";
import { NumberField } from "~/ui/number-field";
import { IntentForm, SubmitButton } from "~/ui/intent-form";
import { usePortalForm } from "~/ui/portal-form";
import { formatDateTime, formatDay } from "~/ui/format";
import { useLiveEvent } from "~/ui/live-connection";
import { DataTable } from "~/ui/data-table";
import { CourseProgressBar, progressOf } from "./course-progress";
import { pledgeSchema } from "./course-form";
import { courseInstrumentLabels, seatsText } from "./texts";

type Course = SerializeFrom<typeof loader>["course"];

/** The course page: its facts and description, the pledges, and the viewer's own pledge. */
export function CourseView() {
  const { course, deadlinePassed, may } = useLoaderData<typeof loader>();
  // The bar updates itself; the table of pledges comes fresh through the loader.
  const revalidator = useRevalidator();
  useLiveEvent("course:changed", (change) => {
    // A newer revalidation supersedes one in flight, so the table never lags behind the bar.
    if (change.courseId === course.id) revalidator.revalidate();
  });

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
          <CardSection id="eckdaten" title="Eckdaten">
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
          </CardSection>
          <CardSection id="beschreibung" title="Beschreibung">
            {/* Rendered from tiptap JSON and sanitized on the server (renderRichText). */}
            <div
              className="rich-text"
              dangerouslySetInnerHTML={{ __html: course.descriptionHtml }}
            />
            <p className="muted">Zuletzt geändert {formatDateTime(course.updatedAt)}</p>
          </CardSection>
        </div>

        <div className="stack-lg">
          <CardSection id="zusagen" title="Zusagen der Organisationen">
            {course.pledges.length === 0 ? (
              <p>Noch hat keine Organisation Plätze zugesagt.</p>
            ) : (
              <DataTable
                label="Zusagen je Organisation"
                columns={["Organisation", "Plätze"]}
                foot={
                  <tr>
                    <th scope="row">zusammen</th>
                    <td>{course.pledgedSeats}</td>
                  </tr>
                }
              >
                {course.pledges.map((pledge) => (
                  <tr key={pledge.organizationId}>
                    <td>{pledge.organizationName}</td>
                    <td>{pledge.seats}</td>
                  </tr>
                ))}
              </DataTable>
            )}
          </CardSection>

          {may.pledge ? <PledgePanel course={course} deadlinePassed={deadlinePassed} /> : null}

          {may.edit ? (
            <CardSection id="aktionen" title="Aktionen">
              <p>
                <Link
                  to={`/massnahmen/${course.id}/bearbeiten`}
                  className="button button--secondary"
                >
                  Bearbeiten
                </Link>
              </p>
            </CardSection>
          ) : null}
        </div>
      </div>
    </div>
  );
}

/** The viewer's organisation's pledge, and the form that sets it while pledges are taken. */
function PledgePanel({ course, deadlinePassed }: { course: Course; deadlinePassed: boolean }) {
  const [form, fields] = usePortalForm({
    schema: pledgeSchema,
    actionData: useActionData(),
    intent: "pledge",
    defaultValue: { seats: course.ownPledge },
  });
  const busy = useNavigation().state === "submitting";
  const free = course.maxParticipants - course.pledgedSeats;
  const takesPledges = course.status !== "cancelled" && !deadlinePassed;

  return (
    <CardSection id="plaetze-zusagen" title="Plätze zusagen">
      <p>
        Ihre Organisation hat {seatsText(course.ownPledge)} zugesagt.{" "}
        {takesPledges ? `Noch frei: ${seatsText(free)}.` : null}
      </p>
      {takesPledges ? (
        <IntentForm intent="pledge" form={form} className="stack">
          <div className="pledge-form">
            <NumberField
              field={fields.seats}
              min={0}
              max={course.ownPledge + free}
              label="Plätze Ihrer Organisation insgesamt"
              hint="Die ganze Zusage Ihrer Organisation, nicht nur zusätzliche Plätze. 0 nimmt die Zusage zurück."
            />
            <SubmitButton pending={busy} pendingLabel="Wird gespeichert …">
              Zusage speichern
            </SubmitButton>
          </div>
        </IntentForm>
      ) : (
        <p>
          {course.status === "cancelled"
            ? "Die Maßnahme wurde abgesagt."
            : "Die Meldefrist ist abgelaufen; Zusagen können nicht mehr geändert werden."}
        </p>
      )}
    </CardSection>
  );
}
