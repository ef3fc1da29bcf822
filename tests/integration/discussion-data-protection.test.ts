import { eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "~/db/client.server";
import {
  discussionPostRevisions,
  discussionPosts,
  discussionThreads,
  referrals,
} from "~/db/schema";
import { createPost, deletePost, editPost, reportPost } from "~/discussions/posts.server";
import { attachedThreadId, getThreadRecord } from "~/discussions/access.server";
import { listOpenReports, openReportCount } from "~/discussions/reports.server";
import { anonymiseExpiredReferrals } from "~/referrals/retention.server";
import { buildDiscussionWorld, postInputFromText } from "#tests/helpers/discussion-world";
import { createEventFor } from "~/demo/event-factories.server";
import { builtBeforeAll } from "#tests/integration/world-steps";

/**
 * What discussions keep of what people wrote: a referral's thread may hold social data, so its
 * text goes with the referral's retention period, with a deletion, and no old versions are kept;
 * reports of an unpublished idea's thread stay with its organisation.
 */

const world = builtBeforeAll(buildDiscussionWorld);

async function storedPosts(threadId: string) {
  return getDb()
    .select({
      id: discussionPosts.id,
      bodyHtml: discussionPosts.bodyHtml,
      deletedAt: discussionPosts.deletedAt,
    })
    .from(discussionPosts)
    .where(eq(discussionPosts.threadId, threadId));
}

async function revisionsOf(postIds: string[]) {
  return getDb()
    .select({ postId: discussionPostRevisions.postId })
    .from(discussionPostRevisions)
    .where(inArray(discussionPostRevisions.postId, postIds));
}

describe("referral threads", () => {
  it("keep no earlier version of an edited post, and nothing of a deleted one", async () => {
    const thread = await world.thread("referral");
    const post = await createPost(
      world.author.user,
      thread,
      postInputFromText("Frau K. hat 3 Kinder"),
    );
    await editPost(post.id, thread, postInputFromText("Termin am Dienstag"));
    expect(await revisionsOf([post.id])).toEqual([]);

    await deletePost(world.author.user, post.id, thread, null);
    const [stored] = (await storedPosts(thread.access.id)).filter((row) => row.id === post.id);
    expect(stored!.bodyHtml).toBe("");
    expect(stored!.deletedAt).not.toBeNull();
  });

  it("are erased with the referral when its retention period has passed", async () => {
    const thread = await world.thread("referral");
    await createPost(world.author.user, thread, postInputFromText("Schulden bei der Stadtkasse"));
    const [row] = await getDb()
      .select({ referralId: discussionThreads.referralId })
      .from(discussionThreads)
      .where(eq(discussionThreads.id, thread.access.id));
    await getDb()
      .update(referrals)
      .set({ closedAt: new Date("2020-01-01T00:00:00Z") })
      .where(eq(referrals.id, row!.referralId!));

    await anonymiseExpiredReferrals(new Date());

    const posts = await storedPosts(thread.access.id);
    expect(posts.length).toBeGreaterThan(0);
    for (const post of posts) {
      expect(post.bodyHtml).toBe("");
      expect(post.deletedAt).not.toBeNull();
    }
    expect(await revisionsOf(posts.map((post) => post.id))).toEqual([]);
  });
});

describe("reports", () => {
  it("of an unpublished idea's thread do not reach the coordinator", async () => {
    const { user: coordinator } = await world.persona("coordinator");
    const draft = await world.thread("ideaDraft");
    const colleague = await world.persona("ownOrgStaff");
    const post = await createPost(world.author.user, draft, postInputFromText("Entwurfstext"));
    const before = await openReportCount(coordinator, [world.networks.north.id]);
    await reportPost(colleague.user, post.id, draft, "Bitte prüfen");

    expect(await openReportCount(coordinator, [world.networks.north.id])).toBe(before);
    const listed = await listOpenReports(coordinator, [world.networks.north.id]);
    expect(listed.map((report) => report.postId)).not.toContain(post.id);

    // A channel thread's report does reach them.
    const channel = await world.thread("channelClosedToEmployers");
    const channelPost = await createPost(world.author.user, channel, postInputFromText("Hinweis"));
    await reportPost(colleague.user, channelPost.id, channel, "Unpassend");
    expect(
      (await listOpenReports(coordinator, [world.networks.north.id])).map((r) => r.postId),
    ).toContain(channelPost.id);
  });

  it("of an event's thread reach the network's coordinator, who moderates it", async () => {
    const { user: coordinator } = await world.persona("coordinator");
    const eventId = await createEventFor(world.author.user, { networkId: world.networks.north.id });
    const threadId = await attachedThreadId({ kind: "event", eventId, eventTitle: "Inforunde" });
    const thread = (await getThreadRecord(threadId))!;
    const colleague = await world.persona("ownOrgStaff");
    const post = await createPost(world.author.user, thread, postInputFromText("Wer kommt mit?"));
    const before = await openReportCount(coordinator, [world.networks.north.id]);
    await reportPost(colleague.user, post.id, thread, "Nennt eine Kundin beim Namen");

    expect(await openReportCount(coordinator, [world.networks.north.id])).toBe(before + 1);
    const listed = await listOpenReports(coordinator, [world.networks.north.id]);
    expect(listed.map((report) => report.postId)).toContain(post.id);
  });
});
