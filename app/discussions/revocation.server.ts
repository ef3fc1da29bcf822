import { eq } from "drizzle-orm";
import type { UnitOfWork } from "~/db/unit-of-work.server";
import { discussionThreads } from "~/db/schema";
import { revokeThreadRooms } from "~/realtime/hub.server";

/**
 * An idea's visibility or status changed: pages open in its thread join again, so that whoever
 * may no longer read it stops receiving its posts at once.
 */
export async function revokeIdeaThreadRooms(
  { tx, afterCommit }: UnitOfWork,
  ideaId: string,
): Promise<void> {
  const threads = await tx
    .select({ id: discussionThreads.id })
    .from(discussionThreads)
    .where(eq(discussionThreads.ideaId, ideaId));
  afterCommit(() => revokeThreadRooms(threads.map((thread) => thread.id)));
}
