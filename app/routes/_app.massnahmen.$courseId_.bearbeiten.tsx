import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { authorize, notFound } from "~/auth/permissions.server";
import { CourseForm } from "~/courses/course-form";
import { courseMultiValuedFields, parseCourseForm } from "~/courses/course-form.server";
import { requireCourse } from "~/events/route-access.server";
import { loadCourseForEditing, storedPledgeDeadline, updateCourse } from "~/courses/courses.server";
import { courseFormTexts } from "~/courses/texts";
import { redirectWithFlash } from "~/flash.server";
import { formFailure, formValues, readForm } from "~/forms.server";
import { listNetworkNames } from "~/networks/networks.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { feedbackFor } from "~/ui/form";

export const meta: MetaFunction = () => [{ title: "Maßnahme bearbeiten – Netzwerke ABC" }];

async function requireEditableCourse(request: Request, courseIdParam: string | undefined) {
  const access = await requireCourse(request, courseIdParam);
  await authorize(access.user, { action: "course.edit", course: access.course }, access.ip);
  return access;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { course } = await requireEditableCourse(request, params.courseId);
  const [initial, networks] = await Promise.all([
    loadCourseForEditing(course.id),
    listNetworkNames([course.networkId]),
  ]);
  if (!initial) throw notFound();
  return json({ courseId: course.id, status: course.status, initial, networks });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, course, ip } = await requireEditableCourse(request, params.courseId);
  const form = await readForm(request, { multiValued: courseMultiValuedFields });
  if (!form.ok) return form.response;
  const { formData } = form;
  const parsed = parseCourseForm(formData, {
    // The network stays: the pledges were made in it.
    allowedNetworkIds: [course.networkId],
    now: new Date(),
    currentDeadline: (await storedPledgeDeadline(course.id)) ?? undefined,
  });
  if (!parsed.ok) return parsed.response;
  const saved = await updateCourse(user, course.id, parsed.data, ip);
  if (!saved.ok) return formFailure(formValues(formData, courseMultiValuedFields), saved.errors);
  return redirectWithFlash(`/massnahmen/${course.id}`, "courseSaved");
}

export default function EditCoursePage() {
  const { courseId, status, initial, networks } = useLoaderData<typeof loader>();
  const feedback = feedbackFor(useActionData<typeof action>());
  return (
    <div className="stack-lg">
      <p>
        <Link to={`/massnahmen/${courseId}`}>← Zurück zur Maßnahme</Link>
      </p>
      <h1>Maßnahme bearbeiten</h1>
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
          <CourseForm
            initial={initial}
            networks={networks}
            feedback={feedback}
            submitLabel="Änderungen speichern"
            pledgedSeats={initial.pledgedSeats}
          />
        </>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
