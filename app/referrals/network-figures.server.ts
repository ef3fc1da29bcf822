import { and, eq, isNotNull, sql } from "drizzle-orm";
import { recordAudit } from "~/audit/audit.server";
import { getDb } from "~/db/client.server";
import { inUnitOfWork } from "~/db/unit-of-work.server";
import { networks, referrals } from "~/db/schema";
import { berlinDate } from "~/time/berlin";

const countWhere = (condition: ReturnType<typeof sql>) =>
  sql<number>`cast(count(*) filter (where ${condition}) as int)`;

export interface ReferralCounts {
  sent: number;
  received: number;
  open: number;
  overdue: number;
  completed: number;
  declined: number;
}
export const emptyReferralCounts: ReferralCounts = {
  sent: 0,
  received: 0,
  open: 0,
  overdue: 0,
  completed: 0,
  declined: 0,
};

/**
 * Counts per organisation for the network coordinator: how many referrals each sent and
 * received and how they stand. Nothing about any single referral leaves this query.
 */
export async function referralFiguresForNetwork(networkId: string, now = new Date()) {
  const today = berlinDate(now);
  // Only what was sent counts: a draft can also end unsent, when its consent is revoked.
  const wasSent = and(eq(referrals.networkId, networkId), isNotNull(referrals.sentAt));
  const [sent, received] = await Promise.all([
    getDb()
      .select({
        organizationId: referrals.senderOrganizationId,
        total: sql<number>`cast(count(*) as int)`,
      })
      .from(referrals)
      .where(wasSent)
      .groupBy(referrals.senderOrganizationId),
    getDb()
      .select({
        organizationId: referrals.receiverOrganizationId,
        total: sql<number>`cast(count(*) as int)`,
        open: countWhere(sql`${referrals.status} in ('sent', 'accepted', 'in_progress')`),
        overdue: countWhere(sql`${referrals.status} = 'sent' and ${referrals.dueOn} < ${today}`),
        completed: countWhere(sql`${referrals.status} = 'completed'`),
        declined: countWhere(sql`${referrals.status} = 'declined'`),
      })
      .from(referrals)
      .where(wasSent)
      .groupBy(referrals.receiverOrganizationId),
  ]);
  const figures = new Map<string, ReferralCounts>();
  for (const row of sent)
    figures.set(row.organizationId, { ...emptyReferralCounts, sent: row.total });
  for (const { organizationId, total, ...rest } of received) {
    figures.set(organizationId, {
      ...(figures.get(organizationId) ?? emptyReferralCounts),
      received: total,
      ...rest,
    });
  }
  return figures;
}

export async function setReferralRetention(
  actor: { id: string; organizationId: string },
  networkId: string,
  months: number,
  ip: string | null,
): Promise<void> {
  await inUnitOfWork(async ({ tx }) => {
    await tx
      .update(networks)
      .set({ referralRetentionMonths: months })
      .where(eq(networks.id, networkId));
    await recordAudit(tx, {
      action: "network.retention_changed",
      actor,
      ip,
      targetType: "network",
      targetId: networkId,
      networkId,
      details: { months },
    });
  });
}
