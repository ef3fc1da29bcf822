import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { authorize } from "~/auth/permissions.server";
import { clientIp, requireUser } from "~/auth/request.server";
import { CourseForm, emptyCourse } from "~/courses/course-form";
import { courseMultiValuedFields, parseCourseForm } from "~/courses/course-form.server";
import { createCourse } from "~/courses/courses.server";
import { redirectWithFlash } from "~/flash.server";
import { readForm } from "~/forms.server";
import { listNetworkNames } from "~/networks/networks.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { feedbackFor } from "~/ui/form";
import { submissionOf } from "~/submissions/submission-key.server";

export const meta: MetaFunction = () => [{ title: "Maßnahme anbieten – Netzwerke ABC" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  await authorize(user, { action: "course.create" }, clientIp(request));
  const networks = await listNetworkNames(user.networkIds);
  return json({ networks, initial: emptyCourse(networks[0]?.id ?? "") });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const ip = clientIp(request);
  await authorize(user, { action: "course.create" }, ip);
  const form = await readForm(request, { multiValued: courseMultiValuedFields });
  if (!form.ok) return form.response;
  const { formData } = form;
  const parsed = parseCourseForm(formData, {
    allowedNetworkIds: user.networkIds,
    now: new Date(),
  });
  if (!parsed.ok) return parsed.response;
  const id = await createCourse(user, parsed.data, ip, submissionOf(user.id, formData));
  return redirectWithFlash(`/massnahmen/${id}`, "courseCreated");
}

export default function NewCoursePage() {
  const { networks, initial } = useLoaderData<typeof loader>();
  const feedback = feedbackFor(useActionData<typeof action>());
  return (
    <div className="stack-lg">
      <p>
        <Link to="/massnahmen">← Zum Maßnahmen-Pool</Link>
      </p>
      <h1>Maßnahme anbieten</h1>
      <p className="lead">
        Die Jobcenter (und die Organisationen, die Sie zulassen) Ihres Netzwerks sagen Plätze zu.
        Sobald die Mindestteilnehmerzahl erreicht ist, kommt die Maßnahme zustande.
      </p>
      <CourseForm
        initial={initial}
        networks={networks}
        feedback={feedback}
        submitLabel="Maßnahme anbieten"
      />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
