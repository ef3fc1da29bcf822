import { clientIp } from "~/request-context.server";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { authorize } from "~/auth/permissions.server";
import { requireUser } from "~/auth/request.server";
import { CourseEditor } from "~/courses/course-editor";
import { courseMultiValued, courseSchema } from "~/courses/course-form";
import { createCourse } from "~/courses/courses.server";
import { courseFormTexts } from "~/courses/texts";
import { redirectWithFlash } from "~/flash.server";
import { parseSubmission } from "~/form-schema";
import { readForm, rejectSubmission } from "~/forms.server";
import { listNetworkNames } from "~/networks/networks.server";
import { submissionOf } from "~/submissions/submission-key.server";
import { berlinDate } from "~/time/berlin";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { SubPage } from "~/ui/sub-page";

export const meta: MetaFunction = () => [{ title: "Maßnahme anbieten – Netzwerke ABC" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  await authorize(user, { action: "course.create" }, clientIp());
  const networks = await listNetworkNames(user.networkIds);
  return json({ networks, today: berlinDate(new Date()) });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const ip = clientIp();
  await authorize(user, { action: "course.create" }, ip);
  const form = await readForm(request, { multiValued: courseMultiValued });
  if (!form.ok) return form.response;
  const schema = courseSchema({ today: berlinDate(new Date()) });
  const submission = parseSubmission(form.formData, schema);
  if (submission.status !== "success") return rejectSubmission(submission);
  if (!user.networkIds.includes(submission.value.networkId)) {
    return rejectSubmission(submission, { fields: { networkId: courseFormTexts.networkInvalid } });
  }
  const id = await createCourse(user, submission.value, ip, submissionOf(user.id, form.formData));
  return redirectWithFlash(`/massnahmen/${id}`, "courseCreated");
}

export default function NewCoursePage() {
  const { networks, today } = useLoaderData<typeof loader>();
  return (
    <SubPage backTo="/massnahmen" backLabel="Zum Maßnahmen-Pool" title="Maßnahme anbieten">
      <p className="lead">
        Die Jobcenter (und die Organisationen, die Sie zulassen) Ihres Netzwerks sagen Plätze zu.
        Sobald die Mindestteilnehmerzahl erreicht ist, kommt die Maßnahme zustande.
      </p>
      <CourseEditor networks={networks} today={today} submitLabel="Maßnahme anbieten" />
    </SubPage>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
