import { clientIp } from "~/request-context.server";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { authorize, can, networksSeenBy } from "~/auth/permissions.server";
import { requireUser } from "~/auth/request.server";
import { CoursePoolView } from "~/courses/course-pool-view";
import courseStyles from "~/courses/courses.css";
import { listCourses } from "~/courses/courses.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { stylesheetLinks } from "~/ui/stylesheet";

export const links = stylesheetLinks(courseStyles);

export const meta: MetaFunction = () => [{ title: "Maßnahmen-Pool – Netzwerke ABC" }];

/** `?anzeige=alle` shows every course; by default only those still taking pledges. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  await authorize(user, { action: "course.browse" }, clientIp());
  const onlyOpen = new URL(request.url).searchParams.get("anzeige") !== "alle";
  return json({
    onlyOpen,
    courses: await listCourses(user, { onlyOpen }),
    showNetwork: networksSeenBy(user).length > 1,
    canCreate: can(user, { action: "course.create" }),
  });
}

export default function CoursePoolPage() {
  return <CoursePoolView />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
