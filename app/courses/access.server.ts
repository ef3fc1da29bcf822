import { eq } from "drizzle-orm";
import { authorize, notFound, type CourseAccess } from "~/auth/permissions.server";
import type { CurrentUser } from "~/auth/session.server";
import { getDb } from "~/db/client.server";
import { courses } from "~/db/schema";
import { requireUuid } from "~/params.server";
import { clientIp } from "~/request-context.server";

/** What a route wants to do with the course it names. */
export type CourseAction = "course.view" | "course.edit" | "course.pledge";

/**
 * The course a route names, with what permission decisions need, if the user may do this with
 * it: 404 for a malformed or unknown id and for everyone outside its network, 403 for a member
 * who may not; every refusal is audited.
 */
export async function requireCourse(
  user: CurrentUser,
  courseIdParam: string | undefined,
  action: CourseAction,
): Promise<CourseAccess> {
  const [course] = await getDb()
    .select({
      id: courses.id,
      networkId: courses.networkId,
      organizationId: courses.organizationId,
      admittedKinds: courses.admittedKinds,
      status: courses.status,
    })
    .from(courses)
    .where(eq(courses.id, requireUuid(courseIdParam)));
  if (!course) throw notFound();
  await authorize(user, { action, course }, clientIp());
  return course;
}
