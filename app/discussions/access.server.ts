import { eq } from "drizzle-orm";
import type {
  ChannelAccess,
  IdeaAccess,
  PostAccess,
  ThreadAccess,
} from "~/auth/permissions.server";
import { getDb } from "~/db/client.server";
import { discussionChannels, discussionPosts, discussionThreads } from "~/db/schema";
import { getIdeaAccess } from "~/ideas/ideas.server";
import { getReferralParties } from "~/referrals/referral-parties.server";
import { discussionTexts } from "./texts";

/**
 * What permission decisions about discussions need, read from the database in one place. A
 * thread's rules are those of what it hangs off (channel, idea or referral), so the access
 * carries that thing's own access record.
 */

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function getChannelAccess(channelId: string): Promise<ChannelAccess | null> {
  if (!uuidPattern.test(channelId)) return null;
  const [row] = await getDb()
    .select({
      id: discussionChannels.id,
      networkId: discussionChannels.networkId,
      employerAccess: discussionChannels.employerAccess,
      archivedAt: discussionChannels.archivedAt,
    })
    .from(discussionChannels)
    .where(eq(discussionChannels.id, channelId));
  if (!row) return null;
  return {
    id: row.id,
    networkId: row.networkId,
    employerAccess: row.employerAccess,
    archived: row.archivedAt !== null,
  };
}

/** The idea's access record; null for anything that is no idea id. */
async function ideaAccess(ideaId: string): Promise<IdeaAccess | null> {
  return uuidPattern.test(ideaId) ? getIdeaAccess(ideaId) : null;
}

export interface ThreadRecord {
  access: ThreadAccess;
  title: string;
  /** The network the thread's activity is announced in (null for referral threads). */
  networkId: string | null;
  lastPostSequence: number;
}

export async function getThreadRecord(threadId: string): Promise<ThreadRecord | null> {
  if (!uuidPattern.test(threadId)) return null;
  const [row] = await getDb()
    .select({
      id: discussionThreads.id,
      subject: discussionThreads.subject,
      channelId: discussionThreads.channelId,
      ideaId: discussionThreads.ideaId,
      referralId: discussionThreads.referralId,
      title: discussionThreads.title,
      lockedAt: discussionThreads.lockedAt,
      lastPostSequence: discussionThreads.lastPostSequence,
    })
    .from(discussionThreads)
    .where(eq(discussionThreads.id, threadId));
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
  }
}

export async function getPostAccess(
  postId: string,
): Promise<(PostAccess & { threadId: string }) | null> {
  if (!uuidPattern.test(postId)) return null;
  const [row] = await getDb()
    .select({
      id: discussionPosts.id,
      threadId: discussionPosts.threadId,
      authorUserId: discussionPosts.authorUserId,
      deletedAt: discussionPosts.deletedAt,
      hiddenAt: discussionPosts.hiddenAt,
    })
    .from(discussionPosts)
    .where(eq(discussionPosts.id, postId));
  if (!row) return null;
  return {
    id: row.id,
    threadId: row.threadId,
    authorUserId: row.authorUserId,
    removed: row.deletedAt !== null || row.hiddenAt !== null,
  };
}

/**
 * The thread of an idea or a referral, created on first use. Unique indexes make two
 * simultaneous first visits end with one thread.
 */
export async function attachedThreadId(
  subject:
    { kind: "idea"; ideaId: string; ideaTitle: string } | { kind: "referral"; referralId: string },
): Promise<string> {
  const db = getDb();
  const column = subject.kind === "idea" ? discussionThreads.ideaId : discussionThreads.referralId;
  const key = subject.kind === "idea" ? subject.ideaId : subject.referralId;
  const existing = async () =>
    (
      await db.select({ id: discussionThreads.id }).from(discussionThreads).where(eq(column, key))
    )[0];
  const found = await existing();
  if (found) return found.id;
  await db
    .insert(discussionThreads)
    .values(
      subject.kind === "idea"
        ? {
            subject: "idea",
            ideaId: subject.ideaId,
            title: discussionTexts.ideaThreadTitle(subject.ideaTitle),
          }
        : {
            subject: "referral",
            referralId: subject.referralId,
            title: discussionTexts.referralThreadTitle,
          },
    )
    .onConflictDoNothing();
  return (await existing())!.id;
}
