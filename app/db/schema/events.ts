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
} from "drizzle-orm/pg-core";
import { contactColumns, createdAt, id, instant, ref, textList, timestamps } from "./columns";
import { networkOfferColumns } from "./network-offers";
import { users } from "./accounts";
import { organizations } from "./organizations";
import { eventKinds, reservationStatuses } from "../vocabularies";

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
    id: id(),
    // The organisation is the organiser: its members edit the event, see every reservation and
    // record outcomes.
    ...networkOfferColumns(),
    kind: eventKind("kind").notNull(),
    startsAt: instant("starts_at").notNull(),
    endsAt: instant("ends_at").notNull(),
    /** Address of the venue; empty for online events. */
    place: text("place").notNull().default(""),
    onlineUrl: text("online_url").notNull().default(""),
    capacity: integer("capacity").notNull(),
    registrationDeadline: instant("registration_deadline").notNull(),
    targetGroups: textList("target_groups"),
    jobs: jsonb("jobs").$type<EventJob[]>().notNull().default([]),
    languageRequirements: text("language_requirements").notNull().default(""),
    accessibility: text("accessibility").notNull().default(""),
    ...contactColumns(),
    /**
     * Confirmed seats, kept in step with the reservations inside the transaction that holds the
     * event row's lock; the check constraint is the last line against overbooking.
     */
    confirmedSeats: integer("confirmed_seats").notNull().default(0),
    waitlistedSeats: integer("waitlisted_seats").notNull().default(0),
    /** Raised when time or place changes: calendar files carry it as SEQUENCE. */
    revision: integer("revision").notNull().default(0),
    cancelledAt: instant("cancelled_at"),
    /** Set by the reminder job when it claimed the day-before reminder: sent exactly once. */
    reminderSentAt: instant("reminder_sent_at"),
    /** Totals recorded by the organiser after the event (null: not recorded yet). */
    attended: integer("attended"),
    interviews: integer("interviews"),
    internships: integer("internships"),
    hires: integer("hires"),
    outcomesRecordedAt: instant("outcomes_recorded_at"),
    ...timestamps(),
  },
  (table) => [
    index("events_network_start_idx").on(table.networkId, table.startsAt),
    check("events_seats_within_capacity", sql`${table.confirmedSeats} <= ${table.capacity}`),
    check("events_ends_after_start", sql`${table.endsAt} > ${table.startsAt}`),
  ],
);

export const reservationStatus = pgEnum("reservation_status", reservationStatuses);

/** One seat for one candidate, named only by a pseudonym or initials (see referrals/pseudonym). */
export const eventReservations = pgTable(
  "event_reservations",
  {
    id: id(),
    eventId: ref("event_id", () => events.id).notNull(),
    organizationId: ref("organization_id", () => organizations.id).notNull(),
    reservedByUserId: ref("reserved_by_user_id", () => users.id),
    pseudonym: text("pseudonym").notNull(),
    status: reservationStatus("status").notNull(),
    createdAt: createdAt(),
    /** When a waiting-list place became a seat. */
    promotedAt: instant("promoted_at"),
    cancelledAt: instant("cancelled_at"),
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
    eventId: ref("event_id", () => events.id).notNull(),
    organizationId: ref("organization_id", () => organizations.id).notNull(),
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
  userId: ref("user_id", () => users.id).primaryKey(),
  tokenHash: text("token_hash").notNull().unique(),
  createdAt: createdAt(),
  lastUsedAt: instant("last_used_at"),
});
