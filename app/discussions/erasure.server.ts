import { inArray, sql } from "drizzle-orm";
import type { Database } from "~/db/client.server";
import { discussionPostRevisions, discussionPosts, discussionThreads } from "~/db/schema";

type Executor = Pick<Database, "select" | "update" | "delete">;

/** What an erased post holds: an empty document, and no HTML. */
export const erasedBody = { type: "doc", content: [] };

/**
 * Erases the text of posts and of their earlier versions; the posts stay as "Beitrag gelöscht"
 * so the thread keeps its shape. Used for referral threads, whose free text may hold social data.
 */
export async function erasePosts(executor: Executor, postIds: string[]): Promise<void> {
  if (postIds.length === 0) return;
  await executor
    .delete(discussionPostRevisions)
    .where(inArray(discussionPostRevisions.postId, postIds));
  await executor
    .update(discussionPosts)
    .set({
      body: erasedBody,
      bodyHtml: "",
      deletedAt: sql`coalesce(${discussionPosts.deletedAt}, now())`,
      changeSequence: sql`nextval('discussion_change_sequence')`,
    })
    .where(inArray(discussionPosts.id, postIds));
}

/** The referral retention job: every post of the referrals' threads is erased. */
export async function eraseReferralThreads(
  executor: Executor,
  referralIds: string[],
): Promise<void> {
  if (referralIds.length === 0) return;
  const posts = await executor
    .select({ id: discussionPosts.id })
    .from(discussionPosts)
    .innerJoin(discussionThreads, sql`${discussionThreads.id} = ${discussionPosts.threadId}`)
    .where(inArray(discussionThreads.referralId, referralIds));
  await erasePosts(
    executor,
    posts.map((post) => post.id),
  );
}
