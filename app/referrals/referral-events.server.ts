import { eq } from "drizzle-orm";
import type { Executor, UnitOfWork } from "~/db/unit-of-work.server";
import { organizations, type ReferralStatus } from "~/db/schema";
import { notifyUsers } from "~/notifications/notifications.server";
import { activeCaseWorkers } from "~/organizations/members.server";
import { emitReferralChanged } from "~/realtime/hub.server";
import {
  referralMailTexts as mailTexts,
  referralNotificationTexts as notificationTexts,
  statusLabels,
} from "./texts";

/**
 * Tells the people involved that a referral changed: live to both organisations' open pages,
 * and as a notice (portal, mail or digest as each person chose) to the receiver's case workers
 * on arrival and to the sender on every later change.
 * Messages never carry the pseudonym, needs or free text, only a link.
 */
export interface ReferralChange {
  referralId: string;
  status: ReferralStatus;
  senderOrganizationId: string;
  receiverOrganizationId: string;
  createdByUserId: string;
  link: string;
}

async function organizationName(executor: Executor, id: string): Promise<string> {
  const [row] = await executor
    .select({ name: organizations.name })
    .from(organizations)
    .where(eq(organizations.id, id));
  return row?.name ?? "";
}

/** In the unit of work of the change: notifications and mails commit with it. */
export async function announceReferralChange(
  unit: UnitOfWork,
  change: ReferralChange,
  actorUserId: string,
): Promise<void> {
  const { tx } = unit;
  const visibleTo =
    change.status === "draft"
      ? [change.senderOrganizationId]
      : [change.senderOrganizationId, change.receiverOrganizationId];
  unit.afterCommit(() => emitReferralChanged(visibleTo, change.referralId));
  if (change.status === "draft") return;

  const relativeLink = `/uebergaben/${change.referralId}`;
  if (change.status === "sent") {
    const senderName = await organizationName(tx, change.senderOrganizationId);
    const workers = await activeCaseWorkers(tx, change.receiverOrganizationId);
    await notifyUsers(
      unit,
      workers.map((worker) => worker.id),
      notificationTexts.arrived(senderName),
      relativeLink,
      {
        kind: "referral_received",
        mail: {
          subject: mailTexts.arrivedSubject,
          body: mailTexts.arrived(senderName, change.link),
        },
        triggeredByUserId: actorUserId,
        // Nobody can switch the arrival off for the whole receiving organisation.
        organizationMustHear: change.receiverOrganizationId,
      },
    );
    return;
  }
  // The sender learns of every change the receiver makes; their own actions need no message.
  if (actorUserId === change.createdByUserId) return;
  const receiverName = await organizationName(tx, change.receiverOrganizationId);
  const label = statusLabels[change.status];
  await notifyUsers(
    unit,
    [change.createdByUserId],
    notificationTexts.statusChanged(label, receiverName),
    relativeLink,
    {
      kind: "referral_status",
      mail: { subject: mailTexts.statusSubject, body: mailTexts.status(label, change.link) },
      triggeredByUserId: actorUserId,
    },
  );
}
