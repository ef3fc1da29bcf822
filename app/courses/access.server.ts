import type { CourseAccess } from "~/auth/permissions.server";
import { requireRecord } from "~/auth/require-record.server";
import type { CurrentUser } from "~/auth/session.server";
import { findById } from "~/db/find-by-id.server";
import { courses } from "~/db/schema";

/** What a route wants to do with the course it names. */
export type CourseAction = "course.view" | "course.edit" | "course.pledge";

/**
 * The course a route names, with what permission decisions need, if the user may do this with
 * it: 404 for a malformed or unknown id and for everyone outside its network, 403 for a member
 * who may not; every refusal is audited.
 */
export function requireCourse(
  user: CurrentUser,
  courseIdParam: string | undefined,
  action: CourseAction,
): Promise<CourseAccess> {
  return requireRecord(
    user,
    courseIdParam,
    (id) =>
      findById(
        courses,
        {
          id: courses.id,
          networkId: courses.networkId,
          organizationId: courses.organizationId,
          admittedKinds: courses.admittedKinds,
          status: courses.status,
        },
        id,
      ),
    (course) => ({ action, course }),
  );
}
