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
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { createdAt, id, instant, ref } from "./columns";
import { users } from "./accounts";
import { events } from "./events";
import { ideas } from "./ideas";
import { networks, organizations } from "./organizations";
import { referrals } from "./referrals";
import { channelEmployerAccesses, threadSubjects, reportResolutions } from "../vocabularies";

export const channelEmployerAccess = pgEnum("channel_employer_access", channelEmployerAccesses);

/** A network's place for conversation ("Allgemein", "U25 und Jugendberufsagentur" …). */
export const discussionChannels = pgTable(
  "discussion_channels",
  {
    id: id(),
    networkId: ref("network_id", () => networks.id).notNull(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    employerAccess: channelEmployerAccess("employer_access").notNull().default("none"),
    archivedAt: instant("archived_at"),
    createdByUserId: ref("created_by_user_id", () => users.id),
    createdAt: createdAt(),
  },
  (table) => [
    uniqueIndex("discussion_channels_name_idx").on(table.networkId, sql`lower(${table.name})`),
  ],
);

export const threadSubject = pgEnum("thread_subject", threadSubjects);

export const discussionThreads = pgTable(
  "discussion_threads",
  {
    id: id(),
    subject: threadSubject("subject").notNull(),
    channelId: ref("channel_id", () => discussionChannels.id),
    ideaId: ref("idea_id", () => ideas.id),
    referralId: ref("referral_id", () => referrals.id),
    eventId: ref("event_id", () => events.id),
    title: text("title").notNull(),
    createdByUserId: ref("created_by_user_id", () => users.id),
    createdAt: createdAt(),
    /** Visible posts; the channel's thread list shows it without counting. */
    postCount: integer("post_count").notNull().default(0),
    lastPostAt: instant("last_post_at"),
    lastPostSequence: bigint("last_post_sequence", { mode: "number" }).notNull().default(0),
    lockedAt: instant("locked_at"),
    lockedByUserId: ref("locked_by_user_id", () => users.id),
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
    id: id(),
    threadId: ref("thread_id", () => discussionThreads.id).notNull(),
    /** Order of creation; "new since your last visit" compares with it. */
    sequence: bigint("sequence", { mode: "number" })
      .notNull()
      .default(sql`nextval('discussion_change_sequence')`),
    /** The latest change to this post (see discussionChangeSequence). */
    changeSequence: bigint("change_sequence", { mode: "number" })
      .notNull()
      .default(sql`nextval('discussion_change_sequence')`),
    authorUserId: ref("author_user_id", () => users.id).notNull(),
    authorOrganizationId: ref("author_organization_id", () => organizations.id).notNull(),
    /** tiptap JSON, validated against app/rich-text/schema.ts. */
    body: jsonb("body").notNull(),
    /** Rendered and sanitized once when written; what pages and live updates show. */
    bodyHtml: text("body_html").notNull(),
    createdAt: createdAt(),
    editedAt: instant("edited_at"),
    deletedAt: instant("deleted_at"),
    hiddenAt: instant("hidden_at"),
    hiddenByUserId: ref("hidden_by_user_id", () => users.id),
  },
  (table) => [
    index("discussion_posts_thread_idx").on(table.threadId, table.sequence),
    index("discussion_posts_change_idx").on(table.threadId, table.changeSequence),
    // A person's own posts (Meine Daten).
    index("discussion_posts_author_idx").on(table.authorUserId, table.sequence),
  ],
);

/** Earlier versions of an edited post, for moderators. */
export const discussionPostRevisions = pgTable(
  "discussion_post_revisions",
  {
    id: id(),
    postId: ref("post_id", () => discussionPosts.id).notNull(),
    body: jsonb("body").notNull(),
    bodyHtml: text("body_html").notNull(),
    /** When this version was replaced. */
    replacedAt: instant("replaced_at").notNull().defaultNow(),
  },
  (table) => [index("discussion_post_revisions_post_idx").on(table.postId, table.replacedAt)],
);

/** How far a user has read a thread: unread counts and "neue Beiträge seit Ihrem letzten Besuch". */
export const discussionReads = pgTable(
  "discussion_reads",
  {
    userId: ref("user_id", () => users.id).notNull(),
    threadId: ref("thread_id", () => discussionThreads.id).notNull(),
    lastReadSequence: bigint("last_read_sequence", { mode: "number" }).notNull().default(0),
    /** The sequence read up to before the current visit: the "new since" marker. */
    previousReadSequence: bigint("previous_read_sequence", { mode: "number" }).notNull().default(0),
    lastVisitedAt: instant("last_visited_at").notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.userId, table.threadId] })],
);

/** People mentioned in a post; each is notified once. */
export const discussionMentions = pgTable(
  "discussion_mentions",
  {
    postId: ref("post_id", () => discussionPosts.id).notNull(),
    userId: ref("user_id", () => users.id).notNull(),
  },
  (table) => [primaryKey({ columns: [table.postId, table.userId] })],
);

export const reportResolution = pgEnum("report_resolution", reportResolutions);

/** "Beitrag melden": a post someone finds inappropriate, for the coordinator. */
export const discussionReports = pgTable(
  "discussion_reports",
  {
    id: id(),
    postId: ref("post_id", () => discussionPosts.id).notNull(),
    reporterUserId: ref("reporter_user_id", () => users.id).notNull(),
    reason: text("reason").notNull(),
    createdAt: createdAt(),
    resolvedAt: instant("resolved_at"),
    resolvedByUserId: ref("resolved_by_user_id", () => users.id),
    resolution: reportResolution("resolution"),
  },
  (table) => [index("discussion_reports_open_idx").on(table.resolvedAt, table.createdAt)],
);
