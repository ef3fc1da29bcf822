import { eq } from "drizzle-orm";
import type { AnyPgColumn, PgTable, SelectedFields } from "drizzle-orm/pg-core";
import type {
  ChannelAccess,
  IdeaAccess,
  PostAccess,
  ThreadAccess,
} from "~/auth/permissions.server";
import { getDb } from "~/db/client.server";
import { findById } from "~/db/find-by-id.server";
import { discussionChannels, discussionPosts, discussionThreads } from "~/db/schema";
import { getEventAccess } from "~/events/access.server";
import { getIdeaAccess } from "~/ideas/idea-access.server";
import { getReferralParties } from "~/referrals/referral-parties.server";
import { discussionTexts } from "./texts";
import { isUuid } from "~/params.server";

/**
 * What permission decisions about discussions need, read from the database in one place. A
 * thread's rules are those of what it hangs off (channel, idea or referral), so the access
 * carries that thing's own access record.
 */

/** The record's row, as findById reads it; null also for anything that is no record id. */
function findByParam<Columns extends SelectedFields>(
  table: PgTable & { id: AnyPgColumn },
  columns: Columns,
  id: string,
) {
  return isUuid(id) ? findById(table, columns, id) : null;
}

const channelAccessColumns = {
  id: discussionChannels.id,
  networkId: discussionChannels.networkId,
  employerAccess: discussionChannels.employerAccess,
  archivedAt: discussionChannels.archivedAt,
};

export async function getChannelAccess(channelId: string): Promise<ChannelAccess | null> {
  const row = await findByParam(discussionChannels, channelAccessColumns, channelId);
  if (!row) return null;
  const { archivedAt, ...access } = row;
  return { ...access, archived: archivedAt !== null };
}

/** The idea's access record; null for anything that is no idea id. */
async function ideaAccess(ideaId: string): Promise<IdeaAccess | null> {
  return isUuid(ideaId) ? getIdeaAccess(ideaId) : null;
}

export interface ThreadRecord {
  access: ThreadAccess;
  title: string;
  /** The network the thread's activity is announced in (null for referral threads). */
  networkId: string | null;
  lastPostSequence: number;
}

const threadRecordColumns = {
  id: discussionThreads.id,
  subject: discussionThreads.subject,
  channelId: discussionThreads.channelId,
  ideaId: discussionThreads.ideaId,
  referralId: discussionThreads.referralId,
  eventId: discussionThreads.eventId,
  title: discussionThreads.title,
  lockedAt: discussionThreads.lockedAt,
  lastPostSequence: discussionThreads.lastPostSequence,
};

export async function getThreadRecord(threadId: string): Promise<ThreadRecord | null> {
  const row = await findByParam(discussionThreads, threadRecordColumns, threadId);
  if (!row) return null;
  const base = { id: row.id, locked: row.lockedAt !== null };
  const record = (access: ThreadAccess, networkId: string | null): ThreadRecord => ({
    access,
    title: row.title,
    networkId,
    lastPostSequence: row.lastPostSequence,
  });
  switch (row.subject) {
    case "channel": {
      const channel = row.channelId ? await getChannelAccess(row.channelId) : null;
      return channel ? record({ ...base, subject: "channel", channel }, channel.networkId) : null;
    }
    case "idea": {
      const idea = row.ideaId ? await ideaAccess(row.ideaId) : null;
      return idea ? record({ ...base, subject: "idea", idea }, idea.networkId) : null;
    }
    case "referral": {
      const referral = row.referralId ? await getReferralParties(row.referralId) : null;
      return referral ? record({ ...base, subject: "referral", referral }, null) : null;
    }
    case "event": {
      const event = row.eventId ? await getEventAccess(row.eventId) : null;
      return event ? record({ ...base, subject: "event", event }, event.networkId) : null;
    }
  }
}

const postAccessColumns = {
  id: discussionPosts.id,
  threadId: discussionPosts.threadId,
  authorUserId: discussionPosts.authorUserId,
  deletedAt: discussionPosts.deletedAt,
  hiddenAt: discussionPosts.hiddenAt,
};

export async function getPostAccess(
  postId: string,
): Promise<(PostAccess & { threadId: string }) | null> {
  const row = await findByParam(discussionPosts, postAccessColumns, postId);
  if (!row) return null;
  const { deletedAt, hiddenAt, ...access } = row;
  return { ...access, removed: deletedAt !== null || hiddenAt !== null };
}

export type AttachedSubject =
  | { kind: "idea"; ideaId: string; ideaTitle: string }
  | { kind: "referral"; referralId: string }
  | { kind: "event"; eventId: string; eventTitle: string };

/** The thread row to insert for a subject, and the unique column that finds it again. */
function attachedThreadOf(subject: AttachedSubject) {
  switch (subject.kind) {
    case "idea":
      return {
        column: discussionThreads.ideaId,
        key: subject.ideaId,
        values: {
          subject: "idea" as const,
          ideaId: subject.ideaId,
          title: discussionTexts.ideaThreadTitle(subject.ideaTitle),
        },
      };
    case "referral":
      return {
        column: discussionThreads.referralId,
        key: subject.referralId,
        values: {
          subject: "referral" as const,
          referralId: subject.referralId,
          title: discussionTexts.referralThreadTitle,
        },
      };
    case "event":
      return {
        column: discussionThreads.eventId,
        key: subject.eventId,
        values: {
          subject: "event" as const,
          eventId: subject.eventId,
          title: discussionTexts.eventThreadTitle(subject.eventTitle),
        },
      };
  }
}

/**
 * The thread of an idea, a referral or an event, created on first use. Unique indexes make two
 * simultaneous first visits end with one thread.
 */
export async function attachedThreadId(subject: AttachedSubject): Promise<string> {
  const db = getDb();
  const { column, key, values } = attachedThreadOf(subject);
  const existing = async () =>
    (
      await db.select({ id: discussionThreads.id }).from(discussionThreads).where(eq(column, key))
    )[0];
  const found = await existing();
  if (found) return found.id;
  await db.insert(discussionThreads).values(values).onConflictDoNothing();
  return (await existing())!.id;
}
