import { clientIp } from "~/request-context.server";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { notFound } from "~/auth/permissions.server";
import { requireUser } from "~/auth/request.server";
import { requireCourse } from "~/courses/access.server";
import { CourseEditor } from "~/courses/course-editor";
import { courseMultiValued, courseSchema } from "~/courses/course-form";
import { loadCourseForEditing, updateCourse } from "~/courses/courses.server";
import { courseFormTexts } from "~/courses/texts";
import { redirectWithFlash } from "~/flash.server";
import { parseSubmission } from "~/form-schema";
import { readForm, rejectSubmission } from "~/forms.server";
import { listNetworkNames } from "~/networks/networks.server";
import { mailLimitReached } from "~/rate-limits.server";
import { berlinDate } from "~/time/berlin";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { SubPage } from "~/ui/sub-page";

export const meta: MetaFunction = () => [{ title: "Maßnahme bearbeiten – Netzwerke ABC" }];

/** The course as its form starts, or 404. */
async function editableCourse(courseId: string) {
  const editing = await loadCourseForEditing(courseId);
  if (!editing) throw notFound();
  return editing;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const course = await requireCourse(user, params.courseId, "course.edit");
  const [{ stored, pledgedSeats }, networks] = await Promise.all([
    editableCourse(course.id),
    listNetworkNames([course.networkId]),
  ]);
  return json({
    courseId: course.id,
    status: course.status,
    stored,
    pledgedSeats,
    networks,
    today: berlinDate(new Date()),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const course = await requireCourse(user, params.courseId, "course.edit");
  const { stored } = await editableCourse(course.id);
  const form = await readForm(request, { multiValued: courseMultiValued });
  if (!form.ok) return form.response;
  const schema = courseSchema({
    today: berlinDate(new Date()),
    keptDeadline: stored.pledgeDeadline,
  });
  const submission = parseSubmission(form.formData, schema);
  // A lowered minimum may confirm the course, which every party learns by mail.
  const ip = clientIp();
  const tooMany = await mailLimitReached("notifyingChanges", user.id, ip);
  if (tooMany) return rejectSubmission(submission, { form: tooMany }, 429);
  if (submission.status !== "success") return rejectSubmission(submission);
  // The network stays: the pledges were made in it.
  if (submission.value.networkId !== course.networkId) {
    return rejectSubmission(submission, { fields: { networkId: courseFormTexts.networkInvalid } });
  }
  const saved = await updateCourse(user, course.id, submission.value, ip);
  if (!saved.ok) return rejectSubmission(submission, saved.rejection);
  return redirectWithFlash(`/massnahmen/${course.id}`, "courseSaved");
}

export default function EditCoursePage() {
  const { courseId, status, stored, pledgedSeats, networks, today } =
    useLoaderData<typeof loader>();
  return (
    <SubPage
      backTo={`/massnahmen/${courseId}`}
      backLabel="Zurück zur Maßnahme"
      title="Maßnahme bearbeiten"
    >
      {status === "cancelled" ? (
        <p className="alert">{courseFormTexts.cancelled}</p>
      ) : (
        <>
          <p>
            {status === "confirmed"
              ? "Die Maßnahme kommt zustande: Die Mindestteilnehmerzahl kann nicht mehr über die zugesagten Plätze angehoben werden."
              : "Senken Sie die Mindestteilnehmerzahl auf die bereits zugesagten Plätze, kommt die Maßnahme sofort zustande."}{" "}
            Die Höchstteilnehmerzahl kann nicht unter den zugesagten Plätzen liegen.
          </p>
          <CourseEditor
            networks={networks}
            today={today}
            stored={stored}
            pledgedSeats={pledgedSeats}
            submitLabel="Änderungen speichern"
          />
        </>
      )}
    </SubPage>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
