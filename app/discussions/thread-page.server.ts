import { desc, eq } from "drizzle-orm";
import { can, type Actor, type ThreadAccess } from "~/auth/permissions.server";
import { getDb } from "~/db/client.server";
import { discussionPostRevisions, discussionPosts } from "~/db/schema";
import { eventTitle } from "~/events/access.server";
import { clientIp } from "~/request-context.server";
import { validateRichTextDocument } from "~/rich-text/schema";
import { getPostAccess, type ThreadRecord } from "./access.server";
import { ideaTitle } from "./attached.server";
import { getChannelDetails } from "./channels.server";
import { listPostViews, recordVisit } from "./posts.server";
import { recordReferralThreadRead } from "./referral-thread-reads.server";

/**
 * The thread page: the posts, where the thread hangs off (for the breadcrumb), what the viewer
 * may do, the post being edited and, for moderators, the earlier versions of edited posts.
 */

/**
 * Everything the page shows the user, who may read the thread (see requireThread). Opening it
 * counts as a visit: the posts are read from here on. `editPostId` (`?bearbeiten=`) opens the
 * editor on that post if the user may edit it.
 */
export async function loadThreadPage(user: Actor, thread: ThreadRecord, editPostId: string | null) {
  const access = thread.access;
  if (access.subject === "referral") {
    // Like the referral itself, every opening of its private thread is on record.
    await recordReferralThreadRead(
      user,
      { referralId: access.referral.id, threadId: access.id, via: "page" },
      clientIp(),
    );
  }
  const { newSinceSequence } = await recordVisit(user.id, thread);
  const may = threadPermissions(user, access);
  const [posts, origin, revisions, editing] = await Promise.all([
    listPostViews(access.id),
    threadOrigin(thread),
    may.moderate
      ? revisionsOfThread(access.id)
      : Promise.resolve<Record<string, PostRevision[]>>({}),
    editingPost(user, thread, editPostId),
  ]);
  return {
    thread: { id: access.id, title: thread.title, locked: access.locked },
    origin,
    posts,
    newSinceSequence,
    viewerId: user.id,
    may,
    revisions,
    editing,
  };
}

/** The post to edit, with its stored document as the editor's JSON; null if the user may not. */
async function editingPost(user: Actor, thread: ThreadRecord, postId: string | null) {
  const post = postId ? await getPostAccess(postId) : null;
  if (!post || post.threadId !== thread.access.id) return null;
  if (!can(user, { action: "post.edit", thread: thread.access, post })) return null;
  const body = await postBody(post.id);
  return body ? { postId: post.id, body } : null;
}

export type ThreadOrigin =
  | { kind: "channel"; channelId: string; channelName: string; archived: boolean }
  | { kind: "idea"; ideaId: string; ideaTitle: string }
  | { kind: "referral"; referralId: string }
  | { kind: "event"; eventId: string; eventTitle: string };

async function threadOrigin(thread: ThreadRecord): Promise<ThreadOrigin> {
  const access = thread.access;
  switch (access.subject) {
    case "channel": {
      const details = await getChannelDetails(access.channel.id);
      return {
        kind: "channel",
        channelId: access.channel.id,
        channelName: details?.name ?? "",
        archived: access.channel.archived,
      };
    }
    case "idea": {
      return {
        kind: "idea",
        ideaId: access.idea.id,
        ideaTitle: (await ideaTitle(access.idea.id)) ?? "",
      };
    }
    case "referral":
      return { kind: "referral", referralId: access.referral.id };
    case "event":
      return {
        kind: "event",
        eventId: access.event.id,
        eventTitle: (await eventTitle(access.event.id)) ?? "",
      };
  }
}

/**
 * What the viewer may do in the thread, asked of the permission module with a stand-in post of
 * the viewer's own and one of somebody else. Posts that arrive live are judged with these flags
 * in the browser; every action is authorized again on the server. "ifUnlocked" flags let the
 * page follow a live lock or unlock without reloading.
 */
export function threadPermissions(user: Actor, access: ThreadAccess) {
  const unlocked: ThreadAccess = { ...access, locked: false };
  const ownPost = { id: "own", authorUserId: user.id, removed: false };
  const othersPost = { id: "other", authorUserId: "someone-else", removed: false };
  return {
    replyIfUnlocked: can(user, { action: "thread.reply", thread: unlocked }),
    editOwnIfUnlocked: can(user, { action: "post.edit", thread: unlocked, post: ownPost }),
    deleteOwn: can(user, { action: "post.delete", thread: access, post: ownPost }),
    reportOthers: can(user, { action: "post.report", thread: access, post: othersPost }),
    moderate: can(user, { action: "thread.moderate", thread: access }),
  };
}
export type ThreadPermissions = ReturnType<typeof threadPermissions>;

/** The stored document of a post as JSON, to prefill the editor; null if it is not a valid one. */
async function postBody(postId: string): Promise<string | null> {
  const [row] = await getDb()
    .select({ body: discussionPosts.body })
    .from(discussionPosts)
    .where(eq(discussionPosts.id, postId));
  if (!row) return null;
  const checked = validateRichTextDocument(row.body);
  return checked.ok ? JSON.stringify(checked.doc) : null;
}

export interface PostRevision {
  bodyHtml: string;
  replacedAt: Date;
}

/**
 * Earlier versions of every edited post of the thread, newest first, in one query (the thread
 * page would otherwise ask once per post).
 */
export async function revisionsOfThread(threadId: string): Promise<Record<string, PostRevision[]>> {
  const rows = await getDb()
    .select({
      postId: discussionPostRevisions.postId,
      bodyHtml: discussionPostRevisions.bodyHtml,
      replacedAt: discussionPostRevisions.replacedAt,
    })
    .from(discussionPostRevisions)
    .innerJoin(discussionPosts, eq(discussionPosts.id, discussionPostRevisions.postId))
    .where(eq(discussionPosts.threadId, threadId))
    .orderBy(desc(discussionPostRevisions.replacedAt));
  const byPost: Record<string, PostRevision[]> = {};
  for (const { postId, ...revision } of rows) (byPost[postId] ??= []).push(revision);
  return byPost;
}
