import { and, asc, eq, gt, inArray, isNull, sql, type SQL } from "drizzle-orm";
import { recordAudit } from "~/audit/audit.server";
import { can, type Actor, type ChannelAccess } from "~/auth/permissions.server";
import { actorColumns } from "~/auth/session.server";
import { getDb, type Database, type Transaction } from "~/db/client.server";
import { inUnitOfWork } from "~/db/unit-of-work.server";
import { recordSubmission, type Submission } from "~/submissions/submission-key.server";
import {
  discussionMentions,
  discussionPostRevisions,
  discussionPosts,
  discussionReads,
  discussionReports,
  discussionThreads,
  networkCoordinators,
  networkMemberships,
  organizations,
  users,
} from "~/db/schema";
import { notifyUsers } from "~/notifications/notifications.server";
import {
  emitDiscussionActivity,
  emitPost,
  emitThreadState,
  rooms,
  wholeNetwork,
  type PostView,
} from "~/realtime/hub.server";
import { renderRichText } from "~/rich-text/render.server";
import { mapMentions, mentionedUserIds, type RichTextDocument } from "~/rich-text/schema";
import type { ThreadRecord } from "./access.server";
import { erasePosts } from "./erasure.server";
import { discussionTexts } from "./texts";

/**
 * Writing, changing and reading posts. Every change takes a new number from
 * `discussion_change_sequence`, is stored first and only then sent to the thread's room, so a
 * page that catches up from the database after a reconnect sees exactly what live pages saw.
 */

type Author = Pick<Actor, "id" | "organizationId"> & { name: string };
type Executor = Pick<Database, "select">;

const postViewColumns = {
  id: discussionPosts.id,
  threadId: discussionPosts.threadId,
  sequence: discussionPosts.sequence,
  changeSequence: discussionPosts.changeSequence,
  authorId: discussionPosts.authorUserId,
  authorName: users.name,
  organizationName: organizations.name,
  createdAt: discussionPosts.createdAt,
  editedAt: discussionPosts.editedAt,
  deletedAt: discussionPosts.deletedAt,
  hiddenAt: discussionPosts.hiddenAt,
  bodyHtml: discussionPosts.bodyHtml,
};

type PostRow = Awaited<ReturnType<typeof selectPostViews>>[number];

/** Deleted and hidden posts keep their place in the thread, without their text. */
function toView(row: PostRow): PostView {
  const state = row.hiddenAt ? "hidden" : row.deletedAt ? "deleted" : "visible";
  return {
    id: row.id,
    threadId: row.threadId,
    sequence: row.sequence,
    changeSequence: row.changeSequence,
    authorId: row.authorId,
    authorName: row.authorName,
    organizationName: row.organizationName,
    createdAt: row.createdAt.toISOString(),
    editedAt: row.editedAt?.toISOString() ?? null,
    state,
    html: state === "visible" ? row.bodyHtml : null,
  };
}

function selectPostViews(executor: Executor) {
  return executor
    .select(postViewColumns)
    .from(discussionPosts)
    .innerJoin(users, eq(users.id, discussionPosts.authorUserId))
    .innerJoin(organizations, eq(organizations.id, discussionPosts.authorOrganizationId));
}

/** The thread's posts in order; with `afterChange` only those changed since (catch-up). */
export async function listPostViews(
  threadId: string,
  options: { afterChange?: number } = {},
): Promise<PostView[]> {
  const rows = await selectPostViews(getDb())
    .where(
      options.afterChange === undefined
        ? eq(discussionPosts.threadId, threadId)
        : and(
            eq(discussionPosts.threadId, threadId),
            gt(discussionPosts.changeSequence, options.afterChange),
          ),
    )
    .orderBy(asc(discussionPosts.sequence));
  return rows.map(toView);
}

async function postView(postId: string): Promise<PostView> {
  const [row] = await selectPostViews(getDb()).where(eq(discussionPosts.id, postId));
  return toView(row!);
}

/** A post's current state to the thread's room, and a ping to those who may see the thread. */
async function announceChange(postId: string, thread: ThreadRecord): Promise<PostView> {
  const view = await postView(postId);
  emitPost(view);
  emitDiscussionActivity(activityRooms(thread), thread.access.id);
  return view;
}

interface AudienceMember extends Actor {
  name: string;
  organizationName: string;
}

/** Active users who may read the thread (or those of `among` who may): who can be mentioned and notified. */
export async function threadAudience(
  thread: ThreadRecord,
  among?: string[],
): Promise<AudienceMember[]> {
  if (among?.length === 0) return [];
  const access = thread.access;
  const organizationCondition =
    access.subject === "referral"
      ? inArray(users.organizationId, [
          access.referral.senderOrganizationId,
          access.referral.receiverOrganizationId,
        ])
      : sql`${users.organizationId} IN (SELECT ${networkMemberships.organizationId} FROM ${networkMemberships} WHERE ${networkMemberships.networkId} = ${thread.networkId}::uuid)
          OR ${users.id} IN (SELECT ${networkCoordinators.userId} FROM ${networkCoordinators} WHERE ${networkCoordinators.networkId} = ${thread.networkId}::uuid)`;
  const candidates = await getDb()
    .select({ ...actorColumns(), name: users.name, organizationName: organizations.name })
    .from(users)
    .innerJoin(organizations, eq(organizations.id, users.organizationId))
    .where(
      and(
        isNull(users.deactivatedAt),
        organizationCondition,
        among ? inArray(users.id, among) : undefined,
      ),
    );
  return candidates.filter((candidate) =>
    can(candidate, { action: "thread.view", thread: access }),
  );
}

/**
 * The rooms told about news in a thread (the thread id only): the two organisations of a
 * referral; a channel's staff, and its employers only where the channel is open to them; a
 * published idea's network (employers may open ideas), an unpublished one's own organisation.
 */
function activityRooms(thread: ThreadRecord): string[] {
  const access = thread.access;
  switch (access.subject) {
    case "referral":
      return [
        rooms.organization(access.referral.senderOrganizationId),
        rooms.organization(access.referral.receiverOrganizationId),
      ];
    case "channel":
      return [
        rooms.networkStaff(access.channel.networkId),
        ...(access.channel.employerAccess === "none"
          ? []
          : [rooms.networkEmployers(access.channel.networkId)]),
      ];
    case "idea":
      return access.idea.status === "published"
        ? wholeNetwork(access.idea.networkId)
        : [rooms.organization(access.idea.organizationId)];
    case "event":
      return wholeNetwork(access.event.networkId);
  }
}

async function markReadUpTo(
  executor: Pick<Database, "insert">,
  userId: string,
  threadId: string,
  sequence: number,
): Promise<void> {
  await executor
    .insert(discussionReads)
    .values({ userId, threadId, lastReadSequence: sequence, previousReadSequence: sequence })
    .onConflictDoUpdate({
      target: [discussionReads.userId, discussionReads.threadId],
      set: {
        lastReadSequence: sql`greatest(${discussionReads.lastReadSequence}, excluded.last_read_sequence)`,
        lastVisitedAt: sql`now()`,
      },
    });
}

/** What a post form delivers: the checked document (see post-form.ts). */
type PostDraft = { document: RichTextDocument };
type PreparedPost = { document: RichTextDocument; html: string; mentionedUserIds: string[] };

/**
 * The post as it is stored: a mention's label is only the author's word, so each mention of a
 * person who may read the thread gets that person's name from the directory, and a mention of
 * anyone else becomes plain "@Name" text (no link, no notification). Then it is rendered and
 * sanitized once.
 */
async function preparePost(thread: ThreadRecord, draft: PostDraft): Promise<PreparedPost> {
  const mentioned = mentionedUserIds(draft.document);
  const audience = new Map(
    (await threadAudience(thread, mentioned)).map((member) => [member.id, member.name]),
  );
  const document =
    mentioned.length === 0
      ? draft.document
      : mapMentions(draft.document, (mention) => {
          const name = audience.get(mention.attrs.id);
          return name
            ? { ...mention, attrs: { id: mention.attrs.id, label: name } }
            : { type: "text", text: `@${mention.attrs.label}` };
        });
  return {
    document,
    html: renderRichText(document),
    mentionedUserIds: mentioned.filter((id) => audience.has(id)),
  };
}

/** Inserts a post and moves the thread's counters and the author's read mark along. */
async function insertPost(
  tx: Transaction,
  author: Author,
  threadId: string,
  input: PreparedPost,
): Promise<{ id: string; threadStarter: string | null }> {
  const [post] = await tx
    .insert(discussionPosts)
    .values({
      threadId,
      authorUserId: author.id,
      authorOrganizationId: author.organizationId,
      body: input.document,
      bodyHtml: input.html,
    })
    .returning({ id: discussionPosts.id, sequence: discussionPosts.sequence });
  const [updated] = await tx
    .update(discussionThreads)
    .set({
      postCount: sql`${discussionThreads.postCount} + 1`,
      lastPostAt: sql`now()`,
      lastPostSequence: sql`greatest(${discussionThreads.lastPostSequence}, ${post!.sequence})`,
    })
    .where(eq(discussionThreads.id, threadId))
    .returning({ createdByUserId: discussionThreads.createdByUserId });
  await markReadUpTo(tx, author.id, threadId, post!.sequence);
  return { id: post!.id, threadStarter: updated?.createdByUserId ?? null };
}

/** After a post is stored: its thread's room, the audience's unread counts, notifications. */
async function announcePost(
  author: Author,
  thread: ThreadRecord,
  created: { id: string; threadStarter: string | null },
  mentioned: string[],
): Promise<PostView> {
  const view = await announceChange(created.id, thread);
  try {
    await notifyAboutPost(author, thread, created.id, mentioned, created.threadStarter);
  } catch (error) {
    // The post is stored and delivered; a failed notice must not turn that into an error page.
    console.warn(`Diskussionen: Benachrichtigung fehlgeschlagen (${String(error)})`);
  }
  return view;
}

/** Writes a reply, then tells the thread's room, pings the audience and notifies. */
export async function createPost(
  author: Author,
  thread: ThreadRecord,
  draft: PostDraft,
  submission: Submission | null = null,
): Promise<PostView> {
  const input = await preparePost(thread, draft);
  const created = await inUnitOfWork(async (unit) => {
    const post = await insertPost(unit.tx, author, thread.access.id, input);
    await recordSubmission(
      unit,
      submission,
      `/diskussionen/thema/${thread.access.id}#beitrag-${post.id}`,
    );
    return post;
  });
  return announcePost(author, thread, created, input.mentionedUserIds);
}

/** A new thread in a channel and its first post, stored together. Returns the thread id. */
export async function startChannelThread(
  author: Author,
  channel: ChannelAccess,
  title: string,
  draft: PostDraft,
  submission: Submission | null = null,
): Promise<string> {
  const thread: ThreadRecord = {
    access: { id: "", locked: false, subject: "channel", channel },
    title,
    networkId: channel.networkId,
    lastPostSequence: 0,
  };
  const input = await preparePost(thread, draft);
  const created = await inUnitOfWork(async (unit) => {
    const { tx } = unit;
    const [thread] = await tx
      .insert(discussionThreads)
      .values({ subject: "channel", channelId: channel.id, title, createdByUserId: author.id })
      .returning({ id: discussionThreads.id });
    const post = await insertPost(tx, author, thread!.id, input);
    await recordSubmission(unit, submission, `/diskussionen/thema/${thread!.id}`);
    return { threadId: thread!.id, post };
  });
  thread.access.id = created.threadId;
  await announcePost(author, thread, created.post, input.mentionedUserIds);
  return created.threadId;
}

/**
 * After the post's commit, in a unit of work of its own: mentions and notifications (each
 * person's setting decides portal, mail or digest, see ~/notifications/notifications.server).
 * `mentioned` are readers already (preparePost); the thread's starter is checked here.
 */
async function notifyAboutPost(
  author: Author,
  thread: ThreadRecord,
  postId: string,
  mentioned: string[],
  threadStarter: string | null,
): Promise<void> {
  const mentionedReaders = mentioned.filter((id) => id !== author.id);
  const link = `/diskussionen/thema/${thread.access.id}#beitrag-${postId}`;
  const starterToTell =
    threadStarter &&
    threadStarter !== author.id &&
    !mentionedReaders.includes(threadStarter) &&
    (await threadAudience(thread, [threadStarter])).length > 0
      ? threadStarter
      : null;
  await inUnitOfWork(async (unit) => {
    if (mentionedReaders.length > 0) {
      await unit.tx
        .insert(discussionMentions)
        .values(mentionedReaders.map((userId) => ({ postId, userId })))
        .onConflictDoNothing();
      await notifyUsers(
        unit,
        mentionedReaders,
        discussionTexts.mentionNotification(author.name, thread.title),
        link,
        { kind: "mention" },
      );
    }
    if (starterToTell) {
      await notifyUsers(
        unit,
        [starterToTell],
        discussionTexts.replyNotification(author.name, thread.title),
        link,
        { kind: "thread_reply" },
      );
    }
  });
}

/** Replaces a post's text, keeping the old version for moderators. */
export async function editPost(
  postId: string,
  thread: ThreadRecord,
  draft: PostDraft,
): Promise<PostView> {
  const input = await preparePost(thread, draft);
  await inUnitOfWork(async ({ tx }) => {
    const [old] = await tx
      .select({ body: discussionPosts.body, bodyHtml: discussionPosts.bodyHtml })
      .from(discussionPosts)
      .where(eq(discussionPosts.id, postId))
      .for("update");
    // Earlier versions are kept for moderators; referral threads have none, so an edit there
    // (perhaps removing a client's name) keeps nothing of the old text.
    if (thread.access.subject !== "referral") {
      await tx
        .insert(discussionPostRevisions)
        .values({ postId, body: old!.body, bodyHtml: old!.bodyHtml });
    }
    await tx
      .update(discussionPosts)
      .set({
        body: input.document,
        bodyHtml: input.html,
        editedAt: sql`now()`,
        changeSequence: sql`nextval('discussion_change_sequence')`,
      })
      .where(eq(discussionPosts.id, postId));
  });
  return announceChange(postId, thread);
}

/** Deleted by its author or a moderator: "Beitrag gelöscht" stays in its place. */
export async function deletePost(
  actor: Actor,
  postId: string,
  thread: ThreadRecord,
  ip: string | null,
): Promise<PostView> {
  return removePost(postId, thread, { deletedAt: sql`now()` }, async (tx, removed) => {
    // In a referral's thread a deleted post may hold social data: nothing of it is kept.
    if (thread.access.subject === "referral") await erasePosts(tx, [postId]);
    if (removed.authorUserId !== actor.id) {
      await auditRemoval(tx, "discussion.post_deleted", actor, postId, thread, ip);
    }
  });
}

type Removal = { deletedAt: SQL } | { hiddenAt: SQL; hiddenByUserId: string };

/**
 * Deleting and hiding alike: in one unit of work the post is taken out of its thread and, when
 * this removal was the one that did it, `consequences` run; then the change is announced.
 */
async function removePost(
  postId: string,
  thread: ThreadRecord,
  removal: Removal,
  consequences: (tx: Transaction, removed: { authorUserId: string }) => Promise<void>,
): Promise<PostView> {
  await inUnitOfWork(async ({ tx }) => {
    const removed = await takeOutOfThread(tx, postId, thread, removal);
    if (removed) await consequences(tx, removed);
  });
  return announceChange(postId, thread);
}

/**
 * Deletes or hides a post that is still visible, and counts it out of the thread. Returns its
 * author, or nothing when it was gone already (so two removals at once count it out once).
 */
async function takeOutOfThread(
  tx: Transaction,
  postId: string,
  thread: ThreadRecord,
  removal: Removal,
): Promise<{ authorUserId: string } | undefined> {
  const [removed] = await tx
    .update(discussionPosts)
    .set({ ...removal, changeSequence: sql`nextval('discussion_change_sequence')` })
    .where(
      and(
        eq(discussionPosts.id, postId),
        isNull(discussionPosts.deletedAt),
        isNull(discussionPosts.hiddenAt),
      ),
    )
    .returning({ authorUserId: discussionPosts.authorUserId });
  if (!removed) return undefined;
  await tx
    .update(discussionThreads)
    .set({ postCount: sql`greatest(${discussionThreads.postCount} - 1, 0)` })
    .where(eq(discussionThreads.id, thread.access.id));
  return removed;
}

function auditRemoval(
  tx: Transaction,
  action: "discussion.post_deleted" | "discussion.post_hidden",
  actor: Actor,
  postId: string,
  thread: ThreadRecord,
  ip: string | null,
): Promise<void> {
  return recordAudit(tx, {
    action,
    actor,
    ip,
    targetType: "discussion_post",
    targetId: postId,
    details: { threadId: thread.access.id },
  });
}

/** A moderator hides a post; its open reports are resolved with it. Audited. */
export async function hidePost(
  actor: Actor,
  postId: string,
  thread: ThreadRecord,
  ip: string | null,
): Promise<PostView> {
  const removal = { hiddenAt: sql`now()`, hiddenByUserId: actor.id };
  return removePost(postId, thread, removal, async (tx) => {
    await tx
      .update(discussionReports)
      .set({ resolvedAt: sql`now()`, resolvedByUserId: actor.id, resolution: "hidden" })
      .where(and(eq(discussionReports.postId, postId), isNull(discussionReports.resolvedAt)));
    await auditRemoval(tx, "discussion.post_hidden", actor, postId, thread, ip);
  });
}

/** Locks or unlocks a thread (moderators). Audited. */
export async function setThreadLocked(
  actor: Actor,
  thread: ThreadRecord,
  locked: boolean,
  ip: string | null,
): Promise<void> {
  await inUnitOfWork(async ({ tx, afterCommit }) => {
    await tx
      .update(discussionThreads)
      .set(
        locked
          ? { lockedAt: sql`now()`, lockedByUserId: actor.id }
          : { lockedAt: null, lockedByUserId: null },
      )
      .where(eq(discussionThreads.id, thread.access.id));
    await recordAudit(tx, {
      action: locked ? "discussion.thread_locked" : "discussion.thread_unlocked",
      actor,
      ip,
      targetType: "discussion_thread",
      targetId: thread.access.id,
    });
    afterCommit(() => emitThreadState(thread.access.id, locked));
  });
}

/** "Beitrag melden": stored for the coordinators of the thread's network, who are notified. */
export async function reportPost(
  actor: Actor,
  postId: string,
  thread: ThreadRecord,
  reason: string,
): Promise<void> {
  const { networkId } = thread;
  await inUnitOfWork(async (unit) => {
    await unit.tx.insert(discussionReports).values({ postId, reporterUserId: actor.id, reason });
    // Coordinators hear only of reports they can act on (see reports.server.ts).
    const moderated =
      thread.access.subject === "channel" ||
      thread.access.subject === "event" ||
      (thread.access.subject === "idea" && thread.access.idea.status === "published");
    if (!networkId || !moderated) return;
    const coordinators = await unit.tx
      .select({ userId: networkCoordinators.userId })
      .from(networkCoordinators)
      .where(eq(networkCoordinators.networkId, networkId));
    await notifyUsers(
      unit,
      coordinators.map((coordinator) => coordinator.userId),
      discussionTexts.reportNotification(thread.title),
      `/diskussionen/meldungen`,
      { kind: "network_change" },
    );
  });
}

/**
 * Records a visit: "new since your last visit" starts after what was read before this visit,
 * and everything up to the thread's last post counts as read from now on.
 */
export async function recordVisit(
  userId: string,
  thread: ThreadRecord,
): Promise<{ newSinceSequence: number }> {
  const [previous] = await getDb()
    .select({ lastReadSequence: discussionReads.lastReadSequence })
    .from(discussionReads)
    .where(and(eq(discussionReads.userId, userId), eq(discussionReads.threadId, thread.access.id)));
  const before = previous?.lastReadSequence ?? 0;
  await getDb()
    .insert(discussionReads)
    .values({
      userId,
      threadId: thread.access.id,
      lastReadSequence: thread.lastPostSequence,
      previousReadSequence: before,
    })
    .onConflictDoUpdate({
      target: [discussionReads.userId, discussionReads.threadId],
      set: {
        previousReadSequence: discussionReads.lastReadSequence,
        lastReadSequence: sql`greatest(${discussionReads.lastReadSequence}, excluded.last_read_sequence)`,
        lastVisitedAt: sql`now()`,
      },
    });
  return { newSinceSequence: before };
}

/** A live page read posts up to `sequence` (sent by the socket while the thread is open). */
export async function markRead(userId: string, threadId: string, sequence: number): Promise<void> {
  await markReadUpTo(getDb(), userId, threadId, sequence);
}
