import { and, eq, sql } from "drizzle-orm";
import { recordAudit } from "~/audit/audit.server";
import { notFound } from "~/auth/permissions.server";
import { inUnitOfWork } from "~/db/unit-of-work.server";
import { coursePledges, courses, type CourseStatus } from "~/db/schema";
import { toBerlinLocal } from "~/time/berlin";
import { emitCourseProgress, type CourseProgress } from "~/realtime/hub.server";
import { formatDay } from "~/ui/format";
import { pledgeTexts } from "./texts";
import {
  announceTransition,
  confirmIfMinimumReached,
  transitionedColumns,
  type CourseActor,
} from "./transitions.server";
import { progressOf } from "./course-progress";

export interface PledgeState {
  status: CourseStatus;
  pledgeDeadline: Date;
  minParticipants: number;
  maxParticipants: number;
  /** All organisations' pledges together, the actor's own included. */
  pledgedSeats: number;
}

/**
 * Why an organisation may not change its pledge from `previous` to `seats` seats, in German, or
 * null when it may. These are business rules (deadline, capacity, state), not permissions.
 */
export function pledgeProblem(
  course: PledgeState,
  previous: number,
  seats: number,
  now: Date,
): string | null {
  if (course.status === "cancelled") return pledgeTexts.cancelled;
  if (now.getTime() > course.pledgeDeadline.getTime()) {
    return pledgeTexts.deadlinePassed(formatDay(toBerlinLocal(course.pledgeDeadline).date));
  }
  const others = course.pledgedSeats - previous;
  if (others + seats > course.maxParticipants) {
    return pledgeTexts.overMaximum(
      course.maxParticipants - course.pledgedSeats,
      course.maxParticipants - others,
    );
  }
  // Once the course "kommt zustande", the others plan with it: it may not fall below the minimum.
  if (
    course.status === "confirmed" &&
    seats < previous &&
    others + seats < course.minParticipants
  ) {
    return pledgeTexts.belowMinimumAfterConfirmation(
      course.minParticipants,
      Math.max(0, course.minParticipants - others),
    );
  }
  return null;
}

export type PledgeResult =
  | { ok: true; seats: number; previous: number; progress: CourseProgress }
  | { ok: false; message: string };

/**
 * Sets the actor's organisation's pledge for a course to `seats` (0 withdraws it). The course
 * row is locked for the whole transaction, so concurrent pledges queue up and each one checks
 * the maximum against the total the previous one left; the minimum's confirmation happens in
 * the same transaction. The caller has authorized the actor (course.pledge).
 */
export async function setPledge(
  actor: CourseActor,
  courseId: string,
  seats: number,
  ip: string | null,
  options: { now?: Date } = {},
): Promise<PledgeResult> {
  const now = options.now ?? new Date();
  return inUnitOfWork(async (unit) => {
    const { tx } = unit;
    const [course] = await tx
      .select({ ...transitionedColumns, pledgeDeadline: courses.pledgeDeadline })
      .from(courses)
      .where(eq(courses.id, courseId))
      .for("update");
    if (!course) throw notFound();
    const own = and(
      eq(coursePledges.courseId, courseId),
      eq(coursePledges.organizationId, actor.organizationId),
    );
    const [pledge] = await tx.select({ seats: coursePledges.seats }).from(coursePledges).where(own);
    const previous = pledge?.seats ?? 0;
    const problem = pledgeProblem(course, previous, seats, now);
    if (problem) return { ok: false as const, message: problem };
    if (seats === previous)
      return { ok: true as const, seats, previous, progress: progressOf(course) };

    if (seats === 0) {
      await tx.delete(coursePledges).where(own);
    } else {
      await tx
        .insert(coursePledges)
        .values({
          courseId,
          organizationId: actor.organizationId,
          seats,
          pledgedByUserId: actor.id,
          updatedAt: now,
        })
        .onConflictDoUpdate({
          target: [coursePledges.courseId, coursePledges.organizationId],
          set: { seats, pledgedByUserId: actor.id, updatedAt: now },
        });
    }
    await tx
      .update(courses)
      .set({ pledgedSeats: sql`${courses.pledgedSeats} + ${seats - previous}`, updatedAt: now })
      .where(eq(courses.id, courseId));
    const confirmed = await confirmIfMinimumReached(tx, courseId, now);
    const updated = {
      ...course,
      pledgedSeats: course.pledgedSeats + seats - previous,
      status: confirmed ? ("confirmed" as const) : course.status,
    };
    await recordAudit(tx, {
      action: "course.pledged",
      actor,
      ip,
      targetType: "course",
      targetId: courseId,
      networkId: course.networkId,
      details: { seats, previous },
    });
    if (confirmed) await announceTransition(unit, updated, "confirmed", { actor, ip });
    unit.afterCommit(() => emitCourseProgress(updated.networkId, progressOf(updated)));
    return { ok: true as const, seats, previous, progress: progressOf(updated) };
  });
}
