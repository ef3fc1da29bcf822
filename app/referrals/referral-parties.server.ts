import { eq } from "drizzle-orm";
import type { ReferralParties } from "~/auth/permissions.server";
import { getDb } from "~/db/client.server";
import { referrals } from "~/db/schema";

/** The little a permission decision needs about a referral; null when there is no such referral. */
export async function getReferralParties(referralId: string): Promise<ReferralParties | null> {
  const [row] = await getDb()
    .select({
      id: referrals.id,
      senderOrganizationId: referrals.senderOrganizationId,
      receiverOrganizationId: referrals.receiverOrganizationId,
      status: referrals.status,
    })
    .from(referrals)
    .where(eq(referrals.id, referralId));
  return row ?? null;
}
