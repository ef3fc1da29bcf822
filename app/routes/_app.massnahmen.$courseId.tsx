import { clientIp } from "~/request-context.server";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { authorize, can, notFound } from "~/auth/permissions.server";
import { requireUser } from "~/auth/request.server";
import { requireCourse } from "~/courses/access.server";
import { pledgeIntents, pledgeSchema } from "~/courses/course-form";
import { CourseView } from "~/courses/course-view";
import courseStyles from "~/courses/courses.css";
import { loadCourse } from "~/courses/courses.server";
import { setPledge } from "~/courses/pledges.server";
import { redirectWithFlash } from "~/flash.server";
import { parseSubmission } from "~/form-schema";
import { readForm, rejectSubmission } from "~/forms.server";
import { mailLimitReached } from "~/rate-limits.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { stylesheetLinks } from "~/ui/stylesheet";

export const links = stylesheetLinks(courseStyles);

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.course.title ?? "Maßnahme"} – Maßnahmen-Pool – Netzwerke ABC` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const access = await requireCourse(user, params.courseId, "course.view");
  const course = await loadCourse(access.id, user.organizationId);
  if (!course) throw notFound();
  return json({
    course,
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
  const user = await requireUser(request);
  // Whoever may not see the course learns nothing about it, not even that an intent is wrong.
  const course = await requireCourse(user, params.courseId, "course.view");
  const form = await readForm(request, { intents: pledgeIntents });
  if (!form.ok) return form.response;
  const ip = clientIp();
  await authorize(user, { action: "course.pledge", course }, ip);
  const submission = parseSubmission(form.formData, pledgeSchema);
  // A pledge that reaches the minimum confirms the course, which every party learns by mail.
  const tooMany = await mailLimitReached("notifyingChanges", user.id, ip);
  if (tooMany) return rejectSubmission(submission, { form: tooMany }, 429);
  if (submission.status !== "success") return rejectSubmission(submission);
  const { seats } = submission.value;
  const result = await setPledge(user, course.id, seats, ip);
  if (!result.ok) return rejectSubmission(submission, { fields: { seats: result.message } });
  return redirectWithFlash(
    `/massnahmen/${course.id}`,
    seats === 0 ? "pledgeWithdrawn" : "pledgeSaved",
  );
}

export default function CoursePage() {
  return <CourseView />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
