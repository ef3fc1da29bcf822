import { sql } from "drizzle-orm";
import {
  boolean,
  date,
  index,
  integer,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { networks, organizations } from "./organizations";

/** What a service (Angebot) is about; a referral names the needs from the same list. */
export const serviceCategories = [
  "schuldnerberatung",
  "suchtberatung",
  "psychosoziale_beratung",
  "kinderbetreuung",
  "jugendhilfe",
  "sprachkurs",
  "qualifizierung",
  "gesundheit",
  "mobilitaet",
  "sonstige",
] as const;
export type ServiceCategory = (typeof serviceCategories)[number];
export const serviceCategory = pgEnum("service_category", serviceCategories);

/** A service an organisation offers to the network, possibly accepting referrals. */
export const services = pgTable(
  "services",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id),
    name: text("name").notNull(),
    category: serviceCategory("category").notNull(),
    description: text("description").notNull().default(""),
    targetGroups: text("target_groups")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    languages: text("languages")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    acceptsReferrals: boolean("accepts_referrals").notNull().default(true),
    /** Promised time to answer a referral, in working days (Mon–Fri without nationwide holidays). */
    responseWorkingDays: integer("response_working_days").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("services_organization_idx").on(table.organizationId)],
);

export const referralStatuses = [
  "draft",
  "sent",
  "accepted",
  "declined",
  "in_progress",
  "completed",
  "withdrawn",
  "consent_revoked",
] as const;
export type ReferralStatus = (typeof referralStatuses)[number];
export const referralStatus = pgEnum("referral_status", referralStatuses);

export const ageBands = [
  "unter_18",
  "18_bis_24",
  "25_bis_34",
  "35_bis_49",
  "50_bis_64",
  "ab_65",
] as const;
export type AgeBand = (typeof ageBands)[number];
export const ageBand = pgEnum("age_band", ageBands);

export const urgencies = ["normal", "dringend"] as const;
export type Urgency = (typeof urgencies)[number];
export const urgency = pgEnum("referral_urgency", urgencies);

export const contactPreferences = ["telefon", "brief", "persoenlich", "ueber_jobcenter"] as const;
export type ContactPreference = (typeof contactPreferences)[number];
export const contactPreference = pgEnum("contact_preference", contactPreferences);

export const declineReasons = [
  "keine_kapazitaet",
  "nicht_zustaendig",
  "einwilligung_unzureichend",
  "nicht_erreichbar",
  "sonstiges",
] as const;
export type DeclineReason = (typeof declineReasons)[number];
export const declineReason = pgEnum("decline_reason", declineReasons);

/** Outcome codes: what flows back even where § 203 StGB forbids free-text feedback. */
export const outcomeCodes = [
  "beratung_aufgenommen",
  "beratung_abgeschlossen",
  "nicht_erschienen",
  "an_andere_stelle_vermittelt",
  "abgebrochen",
] as const;
export type OutcomeCode = (typeof outcomeCodes)[number];
export const outcomeCode = pgEnum("outcome_code", outcomeCodes);

/**
 * A referral carries the minimum about the client (Datensparsamkeit, § 67 ff. SGB X).
 * Pseudonym and reason are nulled by the retention job; status and dates stay for the figures.
 */
export const referrals = pgTable(
  "referrals",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    networkId: uuid("network_id")
      .notNull()
      .references(() => networks.id),
    serviceId: uuid("service_id")
      .notNull()
      .references(() => services.id),
    senderOrganizationId: uuid("sender_organization_id")
      .notNull()
      .references(() => organizations.id),
    receiverOrganizationId: uuid("receiver_organization_id")
      .notNull()
      .references(() => organizations.id),
    createdByUserId: uuid("created_by_user_id")
      .notNull()
      .references(() => users.id),
    status: referralStatus("status").notNull().default("draft"),
    pseudonym: text("pseudonym"),
    ageBand: ageBand("age_band").notNull(),
    needs: serviceCategory("needs").array().notNull(),
    reason: text("reason"),
    urgency: urgency("urgency").notNull().default("normal"),
    contactPreference: contactPreference("contact_preference").notNull(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    /**
     * Whether the receiver was bound by § 203 StGB when the referral was sent. Fixed at sending
     * and never derived from the receiver's kind later: a changed kind must not open old notes.
     */
    receiverSecrecyBound: boolean("receiver_secrecy_bound"),
    /** Last working day for an answer (Europe/Berlin calendar date). */
    dueOn: date("due_on"),
    escalatedAt: timestamp("escalated_at", { withTimezone: true }),
    declineReason: declineReason("decline_reason"),
    firstAppointmentOn: date("first_appointment_on"),
    outcome: outcomeCode("outcome"),
    /** When the referral reached an end state: the retention period counts from here. */
    closedAt: timestamp("closed_at", { withTimezone: true }),
    anonymisedAt: timestamp("anonymised_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index("referrals_receiver_list_idx").on(
      table.receiverOrganizationId,
      table.status,
      table.createdAt.desc().nullsFirst(),
    ),
    index("referrals_sender_list_idx").on(
      table.senderOrganizationId,
      table.status,
      table.createdAt.desc().nullsFirst(),
    ),
    // The unfiltered first page of each list: newest first without sorting the whole box.
    // NULLS FIRST matches `ORDER BY created_at DESC`; otherwise PostgreSQL sorts anyway.
    index("referrals_inbox_recent_idx")
      .on(table.receiverOrganizationId, table.createdAt.desc().nullsFirst())
      .where(sql`${table.sentAt} is not null`),
    index("referrals_outbox_recent_idx").on(
      table.senderOrganizationId,
      table.createdAt.desc().nullsFirst(),
    ),
    index("referrals_overdue_idx")
      .on(table.dueOn)
      .where(sql`${table.status} = 'sent' and ${table.escalatedAt} is null`),
    index("referrals_retention_idx")
      .on(table.closedAt)
      .where(sql`${table.anonymisedAt} is null`),
  ],
);

export const consentForms = ["schriftlich", "elektronisch", "muendlich_dokumentiert"] as const;
export type ConsentForm = (typeof consentForms)[number];
export const consentForm = pgEnum("consent_form", consentForms);

/**
 * The client's consent (Einwilligung / Schweigepflichtentbindung) as documented by the sender.
 * Without a valid one naming the receiving organisation, a referral cannot be sent.
 */
export const referralConsents = pgTable("referral_consents", {
  referralId: uuid("referral_id")
    .primaryKey()
    .references(() => referrals.id),
  obtainedBy: text("obtained_by"),
  obtainedOn: date("obtained_on").notNull(),
  form: consentForm("form").notNull(),
  organizationId: uuid("organization_id")
    .notNull()
    .references(() => organizations.id),
  purpose: text("purpose"),
  validUntil: date("valid_until").notNull(),
  /** The client explicitly allowed the receiver to report back in free text (§ 203 StGB). */
  coversFeedback: boolean("covers_feedback").notNull().default(false),
  recordedByUserId: uuid("recorded_by_user_id")
    .notNull()
    .references(() => users.id),
  recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().defaultNow(),
  revokedAt: timestamp("revoked_at", { withTimezone: true }),
  revokedByUserId: uuid("revoked_by_user_id").references(() => users.id),
});

/** Every status change with actor, time and optional note: the referral's timeline. */
export const referralTransitions = pgTable(
  "referral_transitions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    referralId: uuid("referral_id")
      .notNull()
      .references(() => referrals.id),
    fromStatus: referralStatus("from_status"),
    toStatus: referralStatus("to_status").notNull(),
    actorUserId: uuid("actor_user_id").references(() => users.id),
    actorOrganizationId: uuid("actor_organization_id").references(() => organizations.id),
    note: text("note"),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("referral_transitions_referral_idx").on(table.referralId, table.occurredAt)],
);
