import { notFound } from "~/auth/permissions.server";
import { clientIp, requireUser } from "~/auth/request.server";
import { requireUuid } from "~/params.server";
import { getCourseAccess, getEventAccess } from "./access.server";

/**
 * The first step of every loader and action of an event or course page: the signed-in user and
 * what permission decisions need about the record. A malformed or unknown id answers 404.
 */
export async function requireEvent(request: Request, eventIdParam: string | undefined) {
  const user = await requireUser(request);
  const event = await getEventAccess(requireUuid(eventIdParam));
  if (!event) throw notFound();
  return { user, event, ip: clientIp(request) };
}

export async function requireCourse(request: Request, courseIdParam: string | undefined) {
  const user = await requireUser(request);
  const course = await getCourseAccess(requireUuid(courseIdParam));
  if (!course) throw notFound();
  return { user, course, ip: clientIp(request) };
}
