import { desc, eq } from "drizzle-orm";
import { can, type Actor, type ThreadAccess } from "~/auth/permissions.server";
import { getDb } from "~/db/client.server";
import { discussionPostRevisions, discussionPosts } from "~/db/schema";
import { validateRichTextDocument, type RichTextDocument } from "~/rich-text/schema";
import { eventTitle } from "~/events/access.server";
import type { ThreadRecord } from "./access.server";
import { ideaTitle } from "./attached.server";
import { getChannelDetails } from "./channels.server";

/**
 * What the thread page needs besides the posts: where the thread hangs off (for the
 * breadcrumb), what the viewer may do, the document of a post being edited and, for
 * moderators, the earlier versions of edited posts.
 */

export type ThreadOrigin =
  | { kind: "channel"; channelId: string; channelName: string; archived: boolean }
  | { kind: "idea"; ideaId: string; ideaTitle: string }
  | { kind: "referral"; referralId: string }
  | { kind: "event"; eventId: string; eventTitle: string };

export async function threadOrigin(thread: ThreadRecord): Promise<ThreadOrigin> {
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

/** The stored document of a post, to prefill the editor; null if it is not a valid document. */
export async function postDocument(postId: string): Promise<RichTextDocument | null> {
  const [row] = await getDb()
    .select({ body: discussionPosts.body })
    .from(discussionPosts)
    .where(eq(discussionPosts.id, postId));
  if (!row) return null;
  const checked = validateRichTextDocument(row.body);
  return checked.ok ? checked.doc : null;
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
