import { sql } from "drizzle-orm";
import {
  check,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { networks, organizationKind, organizations } from "./organizations";

/** How a course is funded (Förderinstrument). */
export const courseInstruments = ["fbw", "avgs", "paragraph_45", "esf", "sonstige"] as const;
export type CourseInstrument = (typeof courseInstruments)[number];
export const courseInstrument = pgEnum("course_instrument", courseInstruments);

/** open → confirmed ("kommt zustande") at the minimum, or → cancelled at the deadline below it. */
export const courseStatuses = ["open", "confirmed", "cancelled"] as const;
export type CourseStatus = (typeof courseStatuses)[number];
export const courseStatus = pgEnum("course_status", courseStatuses);

/** A course a Bildungsträger offers to the network, started once enough seats are pledged. */
export const courses = pgTable(
  "courses",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    networkId: uuid("network_id")
      .notNull()
      .references(() => networks.id),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id),
    createdByUserId: uuid("created_by_user_id").references(() => users.id),
    title: text("title").notNull(),
    /** tiptap JSON, validated against app/rich-text/schema.ts. */
    description: jsonb("description").notNull(),
    instrument: courseInstrument("instrument").notNull(),
    startDate: date("start_date", { mode: "string" }).notNull(),
    /** Free text such as "6 Monate, Vollzeit". */
    duration: text("duration").notNull(),
    place: text("place").notNull(),
    minParticipants: integer("min_participants").notNull(),
    maxParticipants: integer("max_participants").notNull(),
    /** The end of the last day on which seats can be pledged (Europe/Berlin), as an instant. */
    pledgeDeadline: timestamp("pledge_deadline", { withTimezone: true }).notNull(),
    /** Kinds of organisation that may pledge seats. */
    admittedKinds: organizationKind("admitted_kinds")
      .array()
      .notNull()
      .default(sql`'{jobcenter}'::organization_kind[]`),
    /** Sum of the pledges, kept in step under the course row's lock. */
    pledgedSeats: integer("pledged_seats").notNull().default(0),
    status: courseStatus("status").notNull().default("open"),
    confirmedAt: timestamp("confirmed_at", { withTimezone: true }),
    cancelledAt: timestamp("cancelled_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
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
    courseId: uuid("course_id")
      .notNull()
      .references(() => courses.id),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id),
    seats: integer("seats").notNull(),
    pledgedByUserId: uuid("pledged_by_user_id").references(() => users.id),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.courseId, table.organizationId] }),
    check("course_pledges_positive", sql`${table.seats} > 0`),
  ],
);
