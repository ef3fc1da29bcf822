import { eq } from "drizzle-orm";
import { findById } from "~/db/find-by-id.server";
import { getDb } from "~/db/client.server";
import { discussionThreads, ideas } from "~/db/schema";

/**
 * The discussion beside an idea or a referral: its number of posts for the "Diskussion"
 * section (0 while nobody opened it; the thread itself is created when the link is followed).
 */
export async function attachedPostCount(
  subject: { kind: "idea"; ideaId: string } | { kind: "referral"; referralId: string },
): Promise<number> {
  const [row] = await getDb()
    .select({ postCount: discussionThreads.postCount })
    .from(discussionThreads)
    .where(
      subject.kind === "idea"
        ? eq(discussionThreads.ideaId, subject.ideaId)
        : eq(discussionThreads.referralId, subject.referralId),
    );
  return row?.postCount ?? 0;
}

export async function ideaTitle(ideaId: string): Promise<string | null> {
  return (await findById(ideas, { title: ideas.title }, ideaId))?.title ?? null;
}
