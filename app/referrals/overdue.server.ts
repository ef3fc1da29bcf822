import { and, eq, inArray, isNull, lt } from "drizzle-orm";
import { recordAudit } from "~/audit/audit.server";
import { inUnitOfWork } from "~/db/unit-of-work.server";
import { organizations, referrals } from "~/db/schema";
import { notifyUsers } from "~/notifications/notifications.server";
import { emitReferralChanged } from "~/realtime/hub.server";
import { activeCaseWorkers } from "~/organizations/members.server";
import { referralNotificationTexts } from "./texts";
import { berlinDate } from "~/time/berlin";

/**
 * Marks sent referrals whose answer day has passed as escalated and tells the receiving
 * organisation's admins. The conditional UPDATE makes each escalation happen exactly once,
 * even when the timer and `npm run jobs:overdue` run at the same time.
 */
export async function escalateOverdueReferrals(now = new Date()): Promise<number> {
  return inUnitOfWork(async (unit) => {
    const { tx } = unit;
    const today = berlinDate(now);
    const escalated = await tx
      .update(referrals)
      .set({ escalatedAt: now })
      .where(
        and(
          eq(referrals.status, "sent"),
          lt(referrals.dueOn, today),
          isNull(referrals.escalatedAt),
        ),
      )
      .returning({
        id: referrals.id,
        networkId: referrals.networkId,
        senderOrganizationId: referrals.senderOrganizationId,
        receiverOrganizationId: referrals.receiverOrganizationId,
      });
    if (escalated.length === 0) return 0;

    const senderNames = new Map(
      (
        await tx
          .select({ id: organizations.id, name: organizations.name })
          .from(organizations)
          .where(
            inArray(organizations.id, [...new Set(escalated.map((r) => r.senderOrganizationId))]),
          )
      ).map((organization) => [organization.id, organization.name]),
    );
    for (const referral of escalated) {
      const admins = await activeCaseWorkers(tx, referral.receiverOrganizationId, ["org_admin"]);
      await notifyUsers(
        unit,
        admins.map((admin) => admin.id),
        referralNotificationTexts.overdue(senderNames.get(referral.senderOrganizationId) ?? ""),
        `/uebergaben/${referral.id}`,
        // The referral's state changed (escalated): mailed by default like every status change.
        { kind: "referral_status" },
      );
      await recordAudit(tx, {
        action: "referral.escalated",
        targetType: "referral",
        targetId: referral.id,
        networkId: referral.networkId,
      });
      unit.afterCommit(() =>
        emitReferralChanged(
          [referral.senderOrganizationId, referral.receiverOrganizationId],
          referral.id,
        ),
      );
    }
    return escalated.length;
  });
}
