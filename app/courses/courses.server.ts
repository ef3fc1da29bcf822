import { and, asc, eq, gte, inArray, ne } from "drizzle-orm";
import { recordAudit } from "~/audit/audit.server";
import { networksSeenBy } from "~/auth/permissions.server";
import { getDb } from "~/db/client.server";
import { inUnitOfWork } from "~/db/unit-of-work.server";
import { createRecord, offeredBy } from "~/submissions/create-record.server";
import type { Submission } from "~/submissions/submission-key.server";
import { coursePledges, courses, networks, organizations } from "~/db/schema";
import { berlinDate } from "~/time/berlin";
import type { FieldErrors, Rejection } from "~/forms.server";
import { organizationKindLabels } from "~/organizations/texts";
import { emitCourseProgress } from "~/realtime/hub.server";
import { renderRichText } from "~/rich-text/render.server";
import type { RichTextDocument } from "~/rich-text/schema";
import type { CourseInput } from "./course-form";
import { courseFormTexts } from "./texts";
import {
  announceTransition,
  confirmIfMinimumReached,
  transitionedColumns,
  type CourseActor,
} from "./transitions.server";
import { progressOf } from "./course-progress";

/** The columns a course's own fields map to, shared by create and update. */
function courseColumns(input: CourseInput) {
  return {
    title: input.title,
    description: input.description,
    instrument: input.instrument,
    startDate: input.startDate,
    duration: input.duration,
    place: input.place,
    minParticipants: input.minParticipants,
    maxParticipants: input.maxParticipants,
    pledgeDeadline: input.pledgeDeadline,
    admittedKinds: input.admittedKinds,
  };
}

/** Offers a course to one of the actor's networks, on behalf of the actor's Bildungsträger. */
export async function createCourse(
  actor: CourseActor,
  input: CourseInput,
  ip: string | null,
  submission: Submission | null = null,
): Promise<string> {
  return createRecord({
    table: courses,
    values: { ...courseColumns(input), ...offeredBy(actor, input.networkId) },
    audit: {
      action: "course.created",
      actor,
      ip,
      targetType: "course",
      networkId: input.networkId,
    },
    submission,
    location: (id) => `/massnahmen/${id}`,
  });
}

/**
 * Saves an edit of a course that is not cancelled. The maximum may not fall below the seats
 * already pledged; a confirmed course keeps its minimum within them. Lowering the minimum of an
 * open course to the pledged seats confirms it, in the same transaction. The network stays.
 */
export async function updateCourse(
  actor: CourseActor,
  courseId: string,
  input: CourseInput,
  ip: string | null,
  options: { now?: Date } = {},
): Promise<{ ok: true } | { ok: false; rejection: Rejection }> {
  const now = options.now ?? new Date();
  return inUnitOfWork(async (unit) => {
    const { tx } = unit;
    const [current] = await tx
      .select({ status: courses.status, pledgedSeats: courses.pledgedSeats })
      .from(courses)
      .where(eq(courses.id, courseId))
      .for("update");
    if (!current) {
      return { ok: false as const, rejection: { form: courseFormTexts.cancelledMeanwhile } };
    }
    const form = current.status === "cancelled" ? courseFormTexts.cancelledMeanwhile : undefined;
    const errors: FieldErrors = {};
    if (input.maxParticipants < current.pledgedSeats) {
      errors.maxParticipants = courseFormTexts.maximumBelowPledged(current.pledgedSeats);
    }
    // Organisations that pledged keep their say: their kind cannot be taken off the list.
    const pledgingKinds = await tx
      .selectDistinct({ kind: organizations.kind })
      .from(coursePledges)
      .innerJoin(organizations, eq(organizations.id, coursePledges.organizationId))
      .where(eq(coursePledges.courseId, courseId));
    const dropped = pledgingKinds.filter(({ kind }) => !input.admittedKinds.includes(kind));
    if (dropped.length > 0) {
      errors.admittedKinds = courseFormTexts.kindStillPledging(
        dropped.map(({ kind }) => organizationKindLabels[kind]),
      );
    }
    if (current.status === "confirmed" && input.minParticipants > current.pledgedSeats) {
      errors.minParticipants = courseFormTexts.minimumAbovePledgedWhenConfirmed(
        current.pledgedSeats,
      );
    }
    if (form || Object.keys(errors).length > 0) {
      return { ok: false as const, rejection: { form, fields: errors } };
    }
    const [course] = await tx
      .update(courses)
      .set({ ...courseColumns(input), updatedAt: now })
      .where(eq(courses.id, courseId))
      .returning(transitionedColumns);
    const confirmed = await confirmIfMinimumReached(tx, courseId, now);
    const updated = { ...course!, status: confirmed ? ("confirmed" as const) : course!.status };
    await recordAudit(tx, {
      action: "course.updated",
      actor,
      ip,
      targetType: "course",
      targetId: courseId,
      networkId: updated.networkId,
    });
    if (confirmed) await announceTransition(unit, updated, "confirmed", { actor, ip });
    unit.afterCommit(() => emitCourseProgress(updated.networkId, progressOf(updated)));
    return { ok: true as const };
  });
}

/** The fields of a course every page reads: the list, the course page and the edit form. */
const courseFieldColumns = {
  title: courses.title,
  instrument: courses.instrument,
  startDate: courses.startDate,
  duration: courses.duration,
  place: courses.place,
  minParticipants: courses.minParticipants,
  maxParticipants: courses.maxParticipants,
  pledgeDeadline: courses.pledgeDeadline,
  pledgedSeats: courses.pledgedSeats,
};

/** What the pool's list and the course page both show of a course (and its deadline's day). */
const courseSummaryColumns = {
  ...courseFieldColumns,
  id: courses.id,
  status: courses.status,
  organizationName: organizations.name,
  networkName: networks.name,
};

export interface CourseListViewer {
  organizationId: string;
  networkIds: string[];
  coordinatedNetworkIds: string[];
}

/**
 * The courses of the viewer's networks, with the figures of their progress bars and the
 * viewer's organisation's own pledge. `onlyOpen` keeps those that still take pledges.
 */
export async function listCourses(
  viewer: CourseListViewer,
  options: { onlyOpen: boolean; now?: Date },
) {
  const networkIds = networksSeenBy(viewer);
  if (networkIds.length === 0) return [];
  const now = options.now ?? new Date();
  const rows = await getDb()
    .select({ ...courseSummaryColumns, ownPledge: coursePledges.seats })
    .from(courses)
    .innerJoin(organizations, eq(organizations.id, courses.organizationId))
    .innerJoin(networks, eq(networks.id, courses.networkId))
    .leftJoin(
      coursePledges,
      and(
        eq(coursePledges.courseId, courses.id),
        eq(coursePledges.organizationId, viewer.organizationId),
      ),
    )
    .where(
      and(
        inArray(courses.networkId, networkIds),
        options.onlyOpen
          ? and(ne(courses.status, "cancelled"), gte(courses.pledgeDeadline, now))
          : undefined,
      ),
    )
    .orderBy(asc(courses.startDate), asc(courses.title));
  return rows.map((row) => ({
    ...row,
    pledgeDeadlineDay: berlinDate(row.pledgeDeadline),
    ownPledge: row.ownPledge ?? 0,
  }));
}

/** Everything the course page shows; the description is rendered and sanitized here. */
export async function loadCourse(courseId: string, viewerOrganizationId: string) {
  const [row] = await getDb()
    .select({
      ...courseSummaryColumns,
      description: courses.description,
      admittedKinds: courses.admittedKinds,
      confirmedAt: courses.confirmedAt,
      cancelledAt: courses.cancelledAt,
      updatedAt: courses.updatedAt,
      organizationId: courses.organizationId,
    })
    .from(courses)
    .innerJoin(organizations, eq(organizations.id, courses.organizationId))
    .innerJoin(networks, eq(networks.id, courses.networkId))
    .where(eq(courses.id, courseId));
  if (!row) return null;
  // Seats per organisation are the network's planning figures: no person is named.
  const pledges = await getDb()
    .select({
      organizationId: coursePledges.organizationId,
      organizationName: organizations.name,
      seats: coursePledges.seats,
      updatedAt: coursePledges.updatedAt,
    })
    .from(coursePledges)
    .innerJoin(organizations, eq(organizations.id, coursePledges.organizationId))
    .where(eq(coursePledges.courseId, courseId))
    .orderBy(asc(organizations.name));
  const { description, ...course } = row;
  return {
    ...course,
    pledgeDeadlineDay: berlinDate(course.pledgeDeadline),
    descriptionHtml: renderRichText(description as RichTextDocument),
    pledges,
    ownPledge: pledges.find((pledge) => pledge.organizationId === viewerOrganizationId)?.seats ?? 0,
  };
}

/**
 * The stored course as the edit form starts with it (conform turns the numbers and the list into
 * field values): the description as the editor's JSON, the deadline as its Berlin day.
 */
export async function loadCourseForEditing(courseId: string) {
  const [row] = await getDb()
    .select({
      ...courseFieldColumns,
      description: courses.description,
      admittedKinds: courses.admittedKinds,
      networkId: courses.networkId,
    })
    .from(courses)
    .where(eq(courses.id, courseId));
  if (!row) return null;
  const { pledgedSeats, ...course } = row;
  return {
    pledgedSeats,
    stored: {
      ...course,
      description: JSON.stringify(course.description),
      pledgeDeadline: berlinDate(course.pledgeDeadline),
    },
  };
}
