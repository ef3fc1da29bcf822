import { sql } from "drizzle-orm";
import {
  bigint,
  index,
  integer,
  jsonb,
  pgEnum,
  pgSequence,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { events } from "./events";
import { ideas } from "./ideas";
import { networks, organizations } from "./organizations";
import { referrals } from "./referrals";

/** Whether employer members of the network may read a channel, and write in it. */
export const channelEmployerAccesses = ["none", "read", "write"] as const;
export type ChannelEmployerAccess = (typeof channelEmployerAccesses)[number];
export const channelEmployerAccess = pgEnum("channel_employer_access", channelEmployerAccesses);

/** A network's place for conversation ("Allgemein", "U25 und Jugendberufsagentur" …). */
export const discussionChannels = pgTable(
  "discussion_channels",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    networkId: uuid("network_id")
      .notNull()
      .references(() => networks.id),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    employerAccess: channelEmployerAccess("employer_access").notNull().default("none"),
    archivedAt: timestamp("archived_at", { withTimezone: true }),
    createdByUserId: uuid("created_by_user_id").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex("discussion_channels_name_idx").on(table.networkId, sql`lower(${table.name})`),
  ],
);

/** What a thread belongs to: a channel, or one idea, referral or event (one thread each). */
export const threadSubjects = ["channel", "idea", "referral", "event"] as const;
export type ThreadSubject = (typeof threadSubjects)[number];
export const threadSubject = pgEnum("thread_subject", threadSubjects);

export const discussionThreads = pgTable(
  "discussion_threads",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    subject: threadSubject("subject").notNull(),
    channelId: uuid("channel_id").references(() => discussionChannels.id),
    ideaId: uuid("idea_id").references(() => ideas.id),
    referralId: uuid("referral_id").references(() => referrals.id),
    eventId: uuid("event_id").references(() => events.id),
    title: text("title").notNull(),
    createdByUserId: uuid("created_by_user_id").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    /** Visible posts; the channel's thread list shows it without counting. */
    postCount: integer("post_count").notNull().default(0),
    lastPostAt: timestamp("last_post_at", { withTimezone: true }),
    lastPostSequence: bigint("last_post_sequence", { mode: "number" }).notNull().default(0),
    lockedAt: timestamp("locked_at", { withTimezone: true }),
    lockedByUserId: uuid("locked_by_user_id").references(() => users.id),
  },
  (table) => [
    index("discussion_threads_channel_idx").on(table.channelId, table.lastPostAt),
    uniqueIndex("discussion_threads_idea_idx").on(table.ideaId),
    uniqueIndex("discussion_threads_referral_idx").on(table.referralId),
    uniqueIndex("discussion_threads_event_idx").on(table.eventId),
  ],
);

/**
 * One counter for every change to any post (created, edited, deleted, hidden). A client that
 * saw everything up to change N asks for the changes after N when it reconnects, so nothing
 * that happened while it was away is missed, and nothing is applied twice.
 */
export const discussionChangeSequence = pgSequence("discussion_change_sequence");

export const discussionPosts = pgTable(
  "discussion_posts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    threadId: uuid("thread_id")
      .notNull()
      .references(() => discussionThreads.id),
    /** Order of creation; "new since your last visit" compares with it. */
    sequence: bigint("sequence", { mode: "number" })
      .notNull()
      .default(sql`nextval('discussion_change_sequence')`),
    /** The latest change to this post (see discussionChangeSequence). */
    changeSequence: bigint("change_sequence", { mode: "number" })
      .notNull()
      .default(sql`nextval('discussion_change_sequence')`),
    authorUserId: uuid("author_user_id")
      .notNull()
      .references(() => users.id),
    authorOrganizationId: uuid("author_organization_id")
      .notNull()
      .references(() => organizations.id),
    /** tiptap JSON, validated against app/rich-text/schema.ts. */
    body: jsonb("body").notNull(),
    /** Rendered and sanitized once when written; what pages and live updates show. */
    bodyHtml: text("body_html").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    editedAt: timestamp("edited_at", { withTimezone: true }),
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
    hiddenAt: timestamp("hidden_at", { withTimezone: true }),
    hiddenByUserId: uuid("hidden_by_user_id").references(() => users.id),
  },
  (table) => [
    index("discussion_posts_thread_idx").on(table.threadId, table.sequence),
    index("discussion_posts_change_idx").on(table.threadId, table.changeSequence),
  ],
);

/** Earlier versions of an edited post, for moderators. */
export const discussionPostRevisions = pgTable(
  "discussion_post_revisions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    postId: uuid("post_id")
      .notNull()
      .references(() => discussionPosts.id),
    body: jsonb("body").notNull(),
    bodyHtml: text("body_html").notNull(),
    /** When this version was replaced. */
    replacedAt: timestamp("replaced_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("discussion_post_revisions_post_idx").on(table.postId, table.replacedAt)],
);

/** How far a user has read a thread: unread counts and "neue Beiträge seit Ihrem letzten Besuch". */
export const discussionReads = pgTable(
  "discussion_reads",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    threadId: uuid("thread_id")
      .notNull()
      .references(() => discussionThreads.id),
    lastReadSequence: bigint("last_read_sequence", { mode: "number" }).notNull().default(0),
    /** The sequence read up to before the current visit: the "new since" marker. */
    previousReadSequence: bigint("previous_read_sequence", { mode: "number" }).notNull().default(0),
    lastVisitedAt: timestamp("last_visited_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.userId, table.threadId] })],
);

/** People mentioned in a post; each is notified once. */
export const discussionMentions = pgTable(
  "discussion_mentions",
  {
    postId: uuid("post_id")
      .notNull()
      .references(() => discussionPosts.id),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
  },
  (table) => [primaryKey({ columns: [table.postId, table.userId] })],
);

export const reportResolutions = ["hidden", "dismissed"] as const;
export type ReportResolution = (typeof reportResolutions)[number];
export const reportResolution = pgEnum("report_resolution", reportResolutions);

/** "Beitrag melden": a post someone finds inappropriate, for the coordinator. */
export const discussionReports = pgTable(
  "discussion_reports",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    postId: uuid("post_id")
      .notNull()
      .references(() => discussionPosts.id),
    reporterUserId: uuid("reporter_user_id")
      .notNull()
      .references(() => users.id),
    reason: text("reason").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    resolvedByUserId: uuid("resolved_by_user_id").references(() => users.id),
    resolution: reportResolution("resolution"),
  },
  (table) => [index("discussion_reports_open_idx").on(table.resolvedAt, table.createdAt)],
);

/**
 * Mentions and replies for someone who was not online when they happened: sent as one e-mail
 * digest by a job, then marked sent. Only the notification's text and link, never post content.
 */
export const discussionDigestItems = pgTable(
  "discussion_digest_items",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    message: text("message").notNull(),
    link: text("link").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
  },
  (table) => [index("discussion_digest_items_pending_idx").on(table.sentAt, table.userId)],
);
