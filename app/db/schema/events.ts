import { sql } from "drizzle-orm";
import {
  check,
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
import { networks, organizations } from "./organizations";

export const eventKinds = [
  "inforunde",
  "infostand",
  "informationsveranstaltung",
  "speed_dating",
  "praktikumsboerse",
  "fachveranstaltung",
  "aktionswoche",
] as const;
export type EventKind = (typeof eventKinds)[number];
export const eventKind = pgEnum("event_kind", eventKinds);

/** A job on offer at an event, e.g. "Montagehelfer Solar" with 25 positions. */
export interface EventJob {
  title: string;
  positions: number;
}

/**
 * An info session or other event of a network, posted by an employer or a network organisation.
 * Times are instants (UTC); forms and pages convert from and to Europe/Berlin.
 */
export const events = pgTable(
  "events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    networkId: uuid("network_id")
      .notNull()
      .references(() => networks.id),
    /** The organiser: its members edit the event, see every reservation and record outcomes. */
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id),
    createdByUserId: uuid("created_by_user_id").references(() => users.id),
    kind: eventKind("kind").notNull(),
    title: text("title").notNull(),
    /** tiptap JSON, validated against app/rich-text/schema.ts. */
    description: jsonb("description").notNull(),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
    /** Address of the venue; empty for online events. */
    place: text("place").notNull().default(""),
    onlineUrl: text("online_url").notNull().default(""),
    capacity: integer("capacity").notNull(),
    registrationDeadline: timestamp("registration_deadline", { withTimezone: true }).notNull(),
    targetGroups: text("target_groups")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    jobs: jsonb("jobs").$type<EventJob[]>().notNull().default([]),
    languageRequirements: text("language_requirements").notNull().default(""),
    accessibility: text("accessibility").notNull().default(""),
    contactName: text("contact_name").notNull().default(""),
    contactEmail: text("contact_email").notNull().default(""),
    contactPhone: text("contact_phone").notNull().default(""),
    /**
     * Confirmed seats, kept in step with the reservations inside the transaction that holds the
     * event row's lock; the check constraint is the last line against overbooking.
     */
    confirmedSeats: integer("confirmed_seats").notNull().default(0),
    waitlistedSeats: integer("waitlisted_seats").notNull().default(0),
    /** Raised when time or place changes: calendar files carry it as SEQUENCE. */
    revision: integer("revision").notNull().default(0),
    cancelledAt: timestamp("cancelled_at", { withTimezone: true }),
    /** Set by the reminder job when it claimed the day-before reminder: sent exactly once. */
    reminderSentAt: timestamp("reminder_sent_at", { withTimezone: true }),
    /** Totals recorded by the organiser after the event (null: not recorded yet). */
    attended: integer("attended"),
    interviews: integer("interviews"),
    internships: integer("internships"),
    hires: integer("hires"),
    outcomesRecordedAt: timestamp("outcomes_recorded_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index("events_network_start_idx").on(table.networkId, table.startsAt),
    check("events_seats_within_capacity", sql`${table.confirmedSeats} <= ${table.capacity}`),
    check("events_ends_after_start", sql`${table.endsAt} > ${table.startsAt}`),
  ],
);

export const reservationStatuses = ["confirmed", "waitlisted", "cancelled"] as const;
export type ReservationStatus = (typeof reservationStatuses)[number];
export const reservationStatus = pgEnum("reservation_status", reservationStatuses);

/** One seat for one candidate, named only by a pseudonym or initials (see referrals/pseudonym). */
export const eventReservations = pgTable(
  "event_reservations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    eventId: uuid("event_id")
      .notNull()
      .references(() => events.id),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id),
    reservedByUserId: uuid("reserved_by_user_id").references(() => users.id),
    pseudonym: text("pseudonym").notNull(),
    status: reservationStatus("status").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    /** When a waiting-list place became a seat. */
    promotedAt: timestamp("promoted_at", { withTimezone: true }),
    cancelledAt: timestamp("cancelled_at", { withTimezone: true }),
  },
  (table) => [
    index("event_reservations_event_idx").on(table.eventId, table.status, table.createdAt),
    index("event_reservations_organization_idx").on(table.organizationId, table.eventId),
  ],
);

/** Outcomes per reserving organisation, when the organiser records them that finely. */
export const eventOutcomesByOrganization = pgTable(
  "event_outcomes_by_organization",
  {
    eventId: uuid("event_id")
      .notNull()
      .references(() => events.id),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id),
    attended: integer("attended").notNull().default(0),
    interviews: integer("interviews").notNull().default(0),
    internships: integer("internships").notNull().default(0),
    hires: integer("hires").notNull().default(0),
  },
  (table) => [primaryKey({ columns: [table.eventId, table.organizationId] })],
);

/**
 * A personal calendar subscription: the URL carries a secret token; only its SHA-256 hash is
 * stored (like session tokens), so the address is shown once and can be replaced or revoked.
 */
export const calendarFeedTokens = pgTable("calendar_feed_tokens", {
  userId: uuid("user_id")
    .primaryKey()
    .references(() => users.id),
  tokenHash: text("token_hash").notNull().unique(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
});
