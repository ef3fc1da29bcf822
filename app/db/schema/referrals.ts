import { sql } from "drizzle-orm";
import { boolean, date, index, integer, pgEnum, pgTable, text } from "drizzle-orm/pg-core";
import { id, instant, ref, textList, timestamps } from "./columns";
import { users } from "./accounts";
import { networks, organizations } from "./organizations";
import {
  serviceCategories,
  referralStatuses,
  ageBands,
  urgencies,
  contactPreferences,
  declineReasons,
  outcomeCodes,
  consentForms,
} from "../vocabularies";

export const serviceCategory = pgEnum("service_category", serviceCategories);

/** A service an organisation offers to the network, possibly accepting referrals. */
export const services = pgTable(
  "services",
  {
    id: id(),
    organizationId: ref("organization_id", () => organizations.id).notNull(),
    name: text("name").notNull(),
    category: serviceCategory("category").notNull(),
    description: text("description").notNull().default(""),
    targetGroups: textList("target_groups"),
    languages: textList("languages"),
    acceptsReferrals: boolean("accepts_referrals").notNull().default(true),
    /** Promised time to answer a referral, in working days (Mon–Fri without nationwide holidays). */
    responseWorkingDays: integer("response_working_days").notNull(),
    ...timestamps(),
  },
  (table) => [index("services_organization_idx").on(table.organizationId)],
);

export const referralStatus = pgEnum("referral_status", referralStatuses);

export const ageBand = pgEnum("age_band", ageBands);

export const urgency = pgEnum("referral_urgency", urgencies);

export const contactPreference = pgEnum("contact_preference", contactPreferences);

export const declineReason = pgEnum("decline_reason", declineReasons);

export const outcomeCode = pgEnum("outcome_code", outcomeCodes);

/**
 * A referral carries the minimum about the client (Datensparsamkeit, § 67 ff. SGB X).
 * Pseudonym and reason are nulled by the retention job; status and dates stay for the figures.
 */
export const referrals = pgTable(
  "referrals",
  {
    id: id(),
    networkId: ref("network_id", () => networks.id).notNull(),
    serviceId: ref("service_id", () => services.id).notNull(),
    senderOrganizationId: ref("sender_organization_id", () => organizations.id).notNull(),
    receiverOrganizationId: ref("receiver_organization_id", () => organizations.id).notNull(),
    createdByUserId: ref("created_by_user_id", () => users.id).notNull(),
    status: referralStatus("status").notNull().default("draft"),
    pseudonym: text("pseudonym"),
    ageBand: ageBand("age_band").notNull(),
    needs: serviceCategory("needs").array().notNull(),
    reason: text("reason"),
    urgency: urgency("urgency").notNull().default("normal"),
    contactPreference: contactPreference("contact_preference").notNull(),
    sentAt: instant("sent_at"),
    /**
     * Whether the receiver was bound by § 203 StGB when the referral was sent. Fixed at sending
     * and never derived from the receiver's kind later: a changed kind must not open old notes.
     */
    receiverSecrecyBound: boolean("receiver_secrecy_bound"),
    /** Last working day for an answer (Europe/Berlin calendar date). */
    dueOn: date("due_on"),
    escalatedAt: instant("escalated_at"),
    declineReason: declineReason("decline_reason"),
    firstAppointmentOn: date("first_appointment_on"),
    outcome: outcomeCode("outcome"),
    /** When the referral reached an end state: the retention period counts from here. */
    closedAt: instant("closed_at"),
    anonymisedAt: instant("anonymised_at"),
    ...timestamps(),
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

export const consentForm = pgEnum("consent_form", consentForms);

/**
 * The client's consent (Einwilligung / Schweigepflichtentbindung) as documented by the sender.
 * Without a valid one naming the receiving organisation, a referral cannot be sent.
 */
export const referralConsents = pgTable("referral_consents", {
  referralId: ref("referral_id", () => referrals.id).primaryKey(),
  obtainedBy: text("obtained_by"),
  obtainedOn: date("obtained_on").notNull(),
  form: consentForm("form").notNull(),
  organizationId: ref("organization_id", () => organizations.id).notNull(),
  purpose: text("purpose"),
  validUntil: date("valid_until").notNull(),
  /** The client explicitly allowed the receiver to report back in free text (§ 203 StGB). */
  coversFeedback: boolean("covers_feedback").notNull().default(false),
  recordedByUserId: ref("recorded_by_user_id", () => users.id).notNull(),
  recordedAt: instant("recorded_at").notNull().defaultNow(),
  revokedAt: instant("revoked_at"),
  revokedByUserId: ref("revoked_by_user_id", () => users.id),
});

/** Every status change with actor, time and optional note: the referral's timeline. */
export const referralTransitions = pgTable(
  "referral_transitions",
  {
    id: id(),
    referralId: ref("referral_id", () => referrals.id).notNull(),
    fromStatus: referralStatus("from_status"),
    toStatus: referralStatus("to_status").notNull(),
    actorUserId: ref("actor_user_id", () => users.id),
    actorOrganizationId: ref("actor_organization_id", () => organizations.id),
    note: text("note"),
    occurredAt: instant("occurred_at").notNull().defaultNow(),
  },
  (table) => [index("referral_transitions_referral_idx").on(table.referralId, table.occurredAt)],
);
