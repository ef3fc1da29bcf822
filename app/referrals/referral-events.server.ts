import { eq } from "drizzle-orm";
import type { Executor, UnitOfWork } from "~/db/unit-of-work.server";
import { organizations, users, type ReferralStatus } from "~/db/schema";
import { queueMail } from "~/mail/mail.server";
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
 * in-app and by e-mail to the receiver on arrival, and to the sender on every later change.
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
    );
    for (const { email } of workers) {
      await queueMail(unit, {
        to: email,
        subject: mailTexts.arrivedSubject,
        body: mailTexts.arrived(senderName, change.link),
        triggeredByUserId: actorUserId,
      });
    }
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
  );
  const [creator] = await tx
    .select({ email: users.email, deactivatedAt: users.deactivatedAt })
    .from(users)
    .where(eq(users.id, change.createdByUserId));
  if (creator && !creator.deactivatedAt) {
    await queueMail(unit, {
      to: creator.email,
      subject: mailTexts.statusSubject,
      body: mailTexts.status(label, change.link),
      triggeredByUserId: actorUserId,
    });
  }
}
