import { eq } from "drizzle-orm";
import type { CourseAccess, EventAccess } from "~/auth/permissions.server";
import { getDb } from "~/db/client.server";
import { courses, events } from "~/db/schema";

/** What permission decisions about events and courses need, read in one place. */

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function getEventAccess(eventId: string): Promise<EventAccess | null> {
  if (!uuidPattern.test(eventId)) return null;
  const [row] = await getDb()
    .select({
      id: events.id,
      networkId: events.networkId,
      organizationId: events.organizationId,
    })
    .from(events)
    .where(eq(events.id, eventId));
  return row ?? null;
}

export async function getCourseAccess(courseId: string): Promise<CourseAccess | null> {
  if (!uuidPattern.test(courseId)) return null;
  const [row] = await getDb()
    .select({
      id: courses.id,
      networkId: courses.networkId,
      organizationId: courses.organizationId,
      admittedKinds: courses.admittedKinds,
      status: courses.status,
    })
    .from(courses)
    .where(eq(courses.id, courseId));
  return row ?? null;
}

export async function eventTitle(eventId: string): Promise<string | null> {
  const [row] = await getDb()
    .select({ title: events.title })
    .from(events)
    .where(eq(events.id, eventId));
  return row?.title ?? null;
}
