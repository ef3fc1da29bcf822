import { and, eq, inArray, isNotNull, isNull, lt, sql } from "drizzle-orm";
import { recordJobAudits } from "~/audit/audit.server";
import { getDb } from "~/db/client.server";
import { inUnitOfWork } from "~/db/unit-of-work.server";
import { networks, referralConsents, referrals, referralTransitions } from "~/db/schema";
import { eraseReferralThreads } from "~/discussions/erasure.server";

const BATCH_SIZE = 500;

/**
 * Erases what identifies a client in referrals that ended longer ago than their network's
 * retention period: pseudonym, free text, notes, the consent's details and the posts of the
 * referral's discussion thread. Status history, dates
 * and codes stay for the figures. Each anonymisation is written to the audit log.
 */
export async function anonymiseExpiredReferrals(
  now = new Date(),
  onProgress?: (done: number) => void,
): Promise<number> {
  let done = 0;
  for (;;) {
    const due = await getDb()
      .select({ id: referrals.id, networkId: referrals.networkId })
      .from(referrals)
      .innerJoin(networks, eq(networks.id, referrals.networkId))
      .where(
        and(
          isNull(referrals.anonymisedAt),
          isNotNull(referrals.closedAt),
          lt(
            sql`${referrals.closedAt} + make_interval(months => ${networks.referralRetentionMonths})`,
            now,
          ),
        ),
      )
      .limit(BATCH_SIZE);
    if (due.length === 0) return done;
    const ids = due.map((referral) => referral.id);
    await inUnitOfWork(async ({ tx }) => {
      await tx
        .update(referrals)
        .set({ pseudonym: null, reason: null, anonymisedAt: now })
        .where(inArray(referrals.id, ids));
      await tx
        .update(referralTransitions)
        .set({ note: null })
        .where(inArray(referralTransitions.referralId, ids));
      await tx
        .update(referralConsents)
        .set({ obtainedBy: null, purpose: null })
        .where(inArray(referralConsents.referralId, ids));
      await eraseReferralThreads(tx, ids);
      await recordJobAudits(tx, { action: "referral.anonymised", targetType: "referral" }, due);
    });
    done += due.length;
    onProgress?.(done);
  }
}
