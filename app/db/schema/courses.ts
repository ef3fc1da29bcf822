import { sql } from "drizzle-orm";
import {
  check,
  date,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
} from "drizzle-orm/pg-core";
import { id, instant, ref, timestamps, updatedAt } from "./columns";
import { networkOfferColumns } from "./network-offers";
import { users } from "./accounts";
import { organizationKind, organizations } from "./organizations";
import { courseInstruments, courseStatuses } from "../vocabularies";

export const courseInstrument = pgEnum("course_instrument", courseInstruments);

export const courseStatus = pgEnum("course_status", courseStatuses);

/** A course a Bildungsträger offers to the network, started once enough seats are pledged. */
export const courses = pgTable(
  "courses",
  {
    id: id(),
    ...networkOfferColumns(),
    instrument: courseInstrument("instrument").notNull(),
    startDate: date("start_date", { mode: "string" }).notNull(),
    /** Free text such as "6 Monate, Vollzeit". */
    duration: text("duration").notNull(),
    place: text("place").notNull(),
    minParticipants: integer("min_participants").notNull(),
    maxParticipants: integer("max_participants").notNull(),
    /** The end of the last day on which seats can be pledged (Europe/Berlin), as an instant. */
    pledgeDeadline: instant("pledge_deadline").notNull(),
    /** Kinds of organisation that may pledge seats. */
    admittedKinds: organizationKind("admitted_kinds")
      .array()
      .notNull()
      .default(sql`'{jobcenter}'::organization_kind[]`),
    /** Sum of the pledges, kept in step under the course row's lock. */
    pledgedSeats: integer("pledged_seats").notNull().default(0),
    status: courseStatus("status").notNull().default("open"),
    confirmedAt: instant("confirmed_at"),
    cancelledAt: instant("cancelled_at"),
    ...timestamps(),
  },
  (table) => [
    index("courses_network_idx").on(table.networkId, table.startDate),
    index("courses_open_deadline_idx").on(table.status, table.pledgeDeadline),
    check("courses_pledges_within_maximum", sql`${table.pledgedSeats} <= ${table.maxParticipants}`),
    check(
      "courses_minimum_within_maximum",
      sql`${table.minParticipants} <= ${table.maxParticipants}`,
    ),
  ],
);

/** Seats one organisation pledged for a course; a row with 0 seats is deleted. */
export const coursePledges = pgTable(
  "course_pledges",
  {
    courseId: ref("course_id", () => courses.id).notNull(),
    organizationId: ref("organization_id", () => organizations.id).notNull(),
    seats: integer("seats").notNull(),
    pledgedByUserId: ref("pledged_by_user_id", () => users.id),
    updatedAt: updatedAt(),
  },
  (table) => [
    primaryKey({ columns: [table.courseId, table.organizationId] }),
    check("course_pledges_positive", sql`${table.seats} > 0`),
  ],
);
