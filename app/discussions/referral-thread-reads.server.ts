import { recordAudit } from "~/audit/audit.server";
import { getDb } from "~/db/client.server";

/**
 * Reading a referral's private thread is on record like opening the referral itself, whether the
 * page was loaded or a live connection joined the thread: one entry shape, found by the
 * referral's id (the answer to "who has seen my referral?").
 */
export function recordReferralThreadRead(
  actor: { id: string; organizationId: string },
  read: { referralId: string; threadId: string; via: "page" | "live" },
  ip: string | null,
): Promise<void> {
  return recordAudit(getDb(), {
    action: "discussion.referral_thread_viewed",
    actor,
    ip,
    targetType: "referral",
    targetId: read.referralId,
    details:
      read.via === "page" ? { threadId: read.threadId } : { threadId: read.threadId, via: "live" },
  });
}
