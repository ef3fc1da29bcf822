import { sql } from "drizzle-orm";
import { index, integer, pgEnum, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { createdAt, id, instant, ref } from "./columns";
import { users } from "./accounts";
import { mailStatuses, notificationKinds } from "../vocabularies";

export const mailStatus = pgEnum("mail_status", mailStatuses);
export const notificationKind = pgEnum("notification_kind", notificationKinds);

/**
 * Every mail is written here in the transaction of its cause and sent by the mail worker, so a
 * rolled-back change sends nothing and an SMTP outage delays mail without losing it. Without
 * SMTP_URL mails stay pending and the Postausgang page shows them.
 */
export const mailOutbox = pgTable(
  "mail_outbox",
  {
    id: id(),
    recipient: text("recipient").notNull(),
    subject: text("subject").notNull(),
    body: text("body").notNull(),
    triggeredByUserId: ref("triggered_by_user_id", () => users.id),
    /** The one-click unsubscribe link of a notice mail (List-Unsubscribe, RFC 8058). */
    unsubscribeUrl: text("unsubscribe_url"),
    createdAt: createdAt(),
    status: mailStatus("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: instant("next_attempt_at").notNull().defaultNow(),
    lastError: text("last_error"),
    sentAt: instant("sent_at"),
  },
  (table) => [
    index("mail_outbox_due_idx")
      .on(table.nextAttemptAt)
      .where(sql`${table.status} = 'pending'`),
    index("mail_outbox_triggered_by_idx").on(table.triggeredByUserId, table.createdAt),
  ],
);

/**
 * The idempotency key of a creating form, stored in the transaction that created the record: a
 * second post of the same form (the browser lost the first answer) is led to what the first
 * created instead of creating it again.
 */
export const submissionReceipts = pgTable(
  "submission_receipts",
  {
    userId: ref("user_id", () => users.id).notNull(),
    key: text("key").notNull(),
    /** Where the first submission led: the created record's page. */
    location: text("location").notNull(),
    createdAt: createdAt(),
  },
  (table) => [primaryKey({ columns: [table.userId, table.key] })],
);

export const notifications = pgTable(
  "notifications",
  {
    id: id(),
    userId: ref("user_id", () => users.id).notNull(),
    message: text("message").notNull(),
    link: text("link"),
    /** Which kind of notice it is; the person's settings for the kind decide the channels. */
    kind: notificationKind("kind").notNull().default("network_change"),
    /** Set when it went out in a digest mail (only notices of kinds set to the digest). */
    digestedAt: instant("digested_at"),
    createdAt: createdAt(),
    readAt: instant("read_at"),
  },
  (table) => [
    index("notifications_user_idx").on(table.userId, table.createdAt),
    // The hourly digest looks only at notices not yet sent in one.
    index("notifications_undigested_idx")
      .on(table.userId)
      .where(sql`${table.digestedAt} is null`),
  ],
);

/** Secrets generated once per installation (e.g. the key for hashing IP addresses). */
export const instanceSettings = pgTable("instance_settings", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
});
