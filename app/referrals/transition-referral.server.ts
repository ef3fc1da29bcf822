import { and, desc, eq } from "drizzle-orm";
import type { PgUpdateSetSource } from "drizzle-orm/pg-core";
import { recordAudit } from "~/audit/audit.server";
import type { CurrentUser } from "~/auth/session.server";
import { getDb } from "~/db/client.server";
import { findById } from "~/db/find-by-id.server";
import { inUnitOfWork } from "~/db/unit-of-work.server";
import {
  organizations,
  referralConsents,
  referrals,
  referralTransitions,
  users,
  type ReferralStatus,
} from "~/db/schema";
import { findReferableService } from "~/directory/services.server";
import { consentProblem } from "./consent";
import { receiverSecrecyBoundNow } from "./professional-secrecy.server";
import { findReferralConsent } from "./referral-detail.server";
import { announceReferralChange } from "./referral-events.server";
import { transitionRules, type TransitionName } from "./state-machine";
import { concurrentChangeMessage, referralTexts as texts } from "./texts";
import type { TransitionInput } from "./transition-form";
import { berlinDate } from "~/time/berlin";
import { addWorkingDays } from "~/time/working-days.server";

type Actor = Pick<CurrentUser, "id" | "organizationId">;

export type TransitionResult =
  { ok: true; status: ReferralStatus } | { ok: false; message: string; conflict: boolean };

/** What the winner of a race did, for the loser's message. */
async function describeCurrentState(referralId: string, attempted: TransitionName) {
  const [latest] = await getDb()
    .select({
      status: referralTransitions.toStatus,
      actorName: users.name,
      organizationName: organizations.name,
    })
    .from(referralTransitions)
    // The transition that led to the current status, whatever else happened in the same instant.
    .innerJoin(
      referrals,
      and(
        eq(referrals.id, referralTransitions.referralId),
        eq(referrals.status, referralTransitions.toStatus),
      ),
    )
    .leftJoin(users, eq(users.id, referralTransitions.actorUserId))
    .leftJoin(organizations, eq(organizations.id, referralTransitions.actorOrganizationId))
    .where(eq(referralTransitions.referralId, referralId))
    .orderBy(desc(referralTransitions.occurredAt))
    .limit(1);
  if (!latest) return texts.notAllowedNow;
  return concurrentChangeMessage({ attempted, ...latest });
}

/** Status-specific columns a transition sets besides the status itself. */
async function columnsFor<Name extends TransitionName>(
  name: Name,
  input: TransitionInput[Name],
  referralId: string,
  now: Date,
): Promise<
  { ok: true; set: PgUpdateSetSource<typeof referrals> } | { ok: false; message: string }
> {
  switch (name) {
    case "send": {
      const [referral, consent] = await Promise.all([
        findById(
          referrals,
          {
            serviceId: referrals.serviceId,
            networkId: referrals.networkId,
            senderOrganizationId: referrals.senderOrganizationId,
            receiverOrganizationId: referrals.receiverOrganizationId,
          },
          referralId,
        ),
        findReferralConsent(referralId),
      ]);
      if (!referral) return { ok: false, message: texts.notAllowedNow };
      // Asked as when the draft was saved: the service must still take referrals, from an
      // organisation of the referral's network that is no employer.
      const service = await findReferableService(
        { organizationId: referral.senderOrganizationId, networkIds: [referral.networkId] },
        referral.serviceId,
      );
      if (!service) return { ok: false, message: texts.serviceUnavailable };
      const today = berlinDate(now);
      const problem = consentProblem(consent, referral.receiverOrganizationId, today);
      if (problem) return { ok: false, message: problem };
      return {
        ok: true,
        set: {
          sentAt: now,
          dueOn: addWorkingDays(today, service.responseWorkingDays),
          // Evaluated by the UPDATE that sends: the receiver's kind at that moment.
          receiverSecrecyBound: receiverSecrecyBoundNow(referrals.receiverOrganizationId),
        },
      };
    }
    case "decline":
      return {
        ok: true,
        set: { declineReason: (input as TransitionInput["decline"]).declineReason, closedAt: now },
      };
    case "start":
      return {
        ok: true,
        set: { firstAppointmentOn: (input as TransitionInput["start"]).firstAppointmentOn },
      };
    case "complete":
      return {
        ok: true,
        set: { outcome: (input as TransitionInput["complete"]).outcome, closedAt: now },
      };
    case "withdraw":
    case "revokeConsent":
      return { ok: true, set: { closedAt: now } };
    default:
      return { ok: true, set: {} };
  }
}

/**
 * Moves a referral along its lifecycle. The status is checked and changed under a row lock, so
 * of two people acting at the same moment exactly one wins; the other learns in German what
 * happened instead. The caller has authorized the actor for this transition.
 */
export async function transitionReferral<Name extends TransitionName>(
  actor: Actor,
  referralId: string,
  name: Name,
  input: TransitionInput[Name],
  options: { ip: string | null; linkFor: (referralId: string) => string; now?: Date },
): Promise<TransitionResult> {
  const now = options.now ?? new Date();
  const rule = transitionRules[name];
  const columns = await columnsFor(name, input, referralId, now);
  if (!columns.ok) return { ok: false, message: columns.message, conflict: false };
  const note = "note" in input ? (input.note as string | null) : null;

  const changed = await inUnitOfWork(async (unit) => {
    const { tx } = unit;
    // The row lock makes a concurrent transition wait here and then see the new status.
    const [current] = await tx
      .select({ status: referrals.status })
      .from(referrals)
      .where(eq(referrals.id, referralId))
      .for("update");
    const from = current?.status;
    if (!from || !(rule.from as readonly ReferralStatus[]).includes(from)) return null;
    const [row] = await tx
      .update(referrals)
      .set({ ...columns.set, status: rule.to, updatedAt: now })
      .where(eq(referrals.id, referralId))
      .returning({
        networkId: referrals.networkId,
        senderOrganizationId: referrals.senderOrganizationId,
        receiverOrganizationId: referrals.receiverOrganizationId,
        createdByUserId: referrals.createdByUserId,
      });
    await tx.insert(referralTransitions).values({
      referralId,
      fromStatus: from,
      toStatus: rule.to,
      actorUserId: actor.id,
      actorOrganizationId: actor.organizationId,
      note,
      occurredAt: now,
    });
    if (name === "revokeConsent") {
      await tx
        .update(referralConsents)
        .set({ revokedAt: now, revokedByUserId: actor.id })
        .where(eq(referralConsents.referralId, referralId));
    }
    await recordAudit(tx, {
      action: "referral.transitioned",
      actor,
      ip: options.ip,
      targetType: "referral",
      targetId: referralId,
      networkId: row!.networkId,
      details: { transition: name, to: rule.to },
    });
    await announceReferralChange(
      unit,
      { referralId, status: rule.to, ...row!, link: options.linkFor(referralId) },
      actor.id,
    );
    return row!;
  });
  if (!changed) {
    return { ok: false, message: await describeCurrentState(referralId, name), conflict: true };
  }
  return { ok: true, status: rule.to };
}
