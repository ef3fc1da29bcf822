import { and, eq, gte, lt } from "drizzle-orm";
import { recordAudit } from "~/audit/audit.server";
import { getDb, type Transaction } from "~/db/client.server";
import { inUnitOfWork, type UnitOfWork } from "~/db/unit-of-work.server";
import { coursePledges, courses, type CourseStatus } from "~/db/schema";
import { absoluteUrl } from "~/mail/mail.server";
import { notifyOrganization } from "~/notifications/notifications.server";
import { emitCourseProgress } from "~/realtime/hub.server";
import { progressOf } from "./course-progress";
import { courseMailTexts, courseNotificationTexts } from "./texts";

/**
 * The two transitions of a course: open → confirmed ("kommt zustande") once the minimum is
 * pledged, open → cancelled when the pledge deadline passes below it. Both are conditional
 * UPDATEs on `status = 'open'`, so each happens exactly once however many pledges, edits and
 * job runs race for it: PostgreSQL re-checks the condition after waiting for the row lock.
 */

export const coursePath = (courseId: string) => `/massnahmen/${courseId}`;

/** What the announcements and the live progress need of a course that changed state. */
export const transitionedColumns = {
  id: courses.id,
  networkId: courses.networkId,
  organizationId: courses.organizationId,
  title: courses.title,
  pledgedSeats: courses.pledgedSeats,
  minParticipants: courses.minParticipants,
  maxParticipants: courses.maxParticipants,
  status: courses.status,
};

export interface TransitionedCourse {
  id: string;
  networkId: string;
  organizationId: string;
  title: string;
  pledgedSeats: number;
  minParticipants: number;
  maxParticipants: number;
  status: CourseStatus;
}

/**
 * Confirms the course if it is still open and its pledges reach the minimum; true only for the
 * one call that did it. Runs inside the transaction that changed the pledges or the minimum.
 */
export async function confirmIfMinimumReached(
  tx: Transaction,
  courseId: string,
  now: Date,
): Promise<boolean> {
  const confirmed = await tx
    .update(courses)
    .set({ status: "confirmed", confirmedAt: now, updatedAt: now })
    .where(
      and(
        eq(courses.id, courseId),
        eq(courses.status, "open"),
        gte(courses.pledgedSeats, courses.minParticipants),
      ),
    )
    .returning({ id: courses.id });
  return confirmed.length > 0;
}

/** Who changes a course: a person, on behalf of their organisation. */
export interface CourseActor {
  id: string;
  organizationId: string;
}

interface AnnouncementContext {
  actor: CourseActor | null;
  ip: string | null;
}

/**
 * In the unit of work of a transition: audit it and tell the offering Bildungsträger and every
 * pledging organisation's members (portal, mail or digest as each chose). The texts name
 * the course and link to it, nothing else.
 */
export async function announceTransition(
  unit: UnitOfWork,
  course: TransitionedCourse,
  outcome: "confirmed" | "cancelled",
  context: AnnouncementContext,
): Promise<void> {
  const { tx } = unit;
  await recordAudit(tx, {
    action: outcome === "confirmed" ? "course.confirmed" : "course.cancelled",
    actor: context.actor,
    ip: context.ip,
    targetType: "course",
    targetId: course.id,
    networkId: course.networkId,
    details: { pledgedSeats: course.pledgedSeats, minParticipants: course.minParticipants },
  });
  const pledging = await tx
    .select({ organizationId: coursePledges.organizationId })
    .from(coursePledges)
    .where(eq(coursePledges.courseId, course.id));
  const organizationIds = new Set([
    course.organizationId,
    ...pledging.map((pledge) => pledge.organizationId),
  ]);
  const message =
    outcome === "confirmed"
      ? courseNotificationTexts.confirmed(course.title)
      : courseNotificationTexts.cancelled(course.title);
  const subject =
    outcome === "confirmed" ? courseMailTexts.confirmedSubject : courseMailTexts.cancelledSubject;
  const body = courseMailTexts.body(message, absoluteUrl(coursePath(course.id)));
  for (const organizationId of organizationIds) {
    await notifyOrganization(unit, organizationId, message, coursePath(course.id), {
      kind: "course_outcome",
      mail: { subject, body },
      triggeredByUserId: context.actor?.id ?? null,
    });
  }
}

/**
 * The scheduled job: open courses whose pledge deadline has passed are cancelled when below the
 * minimum (and confirmed otherwise, which pledging normally did already). Each course is settled
 * in a unit of work of its own with its announcements, by a conditional update: safe to run twice
 * at once. Returns how many courses each transition took.
 */
export async function settleExpiredCourses(
  now = new Date(),
  onProgress?: (done: number) => void,
): Promise<{ confirmed: number; cancelled: number }> {
  const expired = and(eq(courses.status, "open"), lt(courses.pledgeDeadline, now));
  const candidates = await getDb().select({ id: courses.id }).from(courses).where(expired);
  const settled = { confirmed: 0, cancelled: 0 };
  for (const [index, { id }] of candidates.entries()) {
    const outcome = await inUnitOfWork(async (unit) => {
      const reachedMinimum = gte(courses.pledgedSeats, courses.minParticipants);
      const [confirmed] = await unit.tx
        .update(courses)
        .set({ status: "confirmed", confirmedAt: now, updatedAt: now })
        .where(and(eq(courses.id, id), expired, reachedMinimum))
        .returning(transitionedColumns);
      const [cancelled] = confirmed
        ? []
        : await unit.tx
            .update(courses)
            .set({ status: "cancelled", cancelledAt: now, updatedAt: now })
            .where(
              and(eq(courses.id, id), expired, lt(courses.pledgedSeats, courses.minParticipants)),
            )
            .returning(transitionedColumns);
      const course = confirmed ?? cancelled;
      if (!course) return null;
      const outcome = confirmed ? ("confirmed" as const) : ("cancelled" as const);
      await announceTransition(unit, course, outcome, { actor: null, ip: null });
      unit.afterCommit(() => emitCourseProgress(course.networkId, progressOf(course)));
      return outcome;
    });
    if (outcome) settled[outcome] += 1;
    onProgress?.(index + 1);
  }
  return settled;
}
