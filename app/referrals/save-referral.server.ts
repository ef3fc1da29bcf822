import { and, eq } from "drizzle-orm";
import { recordAudit } from "~/audit/audit.server";
import { inUnitOfWork } from "~/db/unit-of-work.server";
import { recordSubmission, type Submission } from "~/submissions/submission-key.server";
import type { CurrentUser } from "~/auth/session.server";
import type { Transaction } from "~/db/client.server";
import { referralConsents, referrals, referralTransitions } from "~/db/schema";
import { findReferableService } from "~/directory/services.server";
import { consentProblem, type ConsentFormInput } from "./consent";
import { receiverSecrecyBoundNow } from "./professional-secrecy.server";
import { announceReferralChange } from "./referral-events.server";
import type { ParsedReferralForm } from "./referral-form";
import { referralTexts as texts } from "./texts";
import { berlinDate } from "~/time/berlin";
import { addWorkingDays } from "~/time/working-days.server";

type Actor = Pick<CurrentUser, "id" | "organizationId" | "networkIds">;

export type SaveResult =
  | { ok: true; referralId: string; sent: boolean }
  | { ok: false; errors: Record<string, string> }
  | { ok: false; notFound: true };

function consentValues(consent: ConsentFormInput, actorId: string) {
  return {
    obtainedBy: consent.consentObtainedBy,
    obtainedOn: consent.consentObtainedOn,
    form: consent.consentForm,
    organizationId: consent.consentOrganizationId,
    purpose: consent.consentPurpose,
    validUntil: consent.consentValidUntil,
    coversFeedback: consent.consentCoversFeedback,
    recordedByUserId: actorId,
    recordedAt: new Date(),
  };
}

async function storeConsent(
  tx: Transaction,
  referralId: string,
  consent: ConsentFormInput | null,
  actorId: string,
) {
  if (!consent) {
    await tx.delete(referralConsents).where(eq(referralConsents.referralId, referralId));
    return;
  }
  const values = consentValues(consent, actorId);
  await tx
    .insert(referralConsents)
    .values({ referralId, ...values })
    .onConflictDoUpdate({ target: referralConsents.referralId, set: values });
}

/**
 * Creates a referral or updates the sender's draft, with its consent, and sends it when asked:
 * all in one transaction, so a referral is never sent without the consent that allowed it.
 */
export async function saveReferral(
  actor: Actor,
  form: ParsedReferralForm,
  options: {
    draftId?: string;
    send: boolean;
    linkFor: (referralId: string) => string;
    /** A new referral's form key (see submission-key.server.ts). */
    submission?: Submission | null;
  },
  ip: string | null,
  now = new Date(),
): Promise<SaveResult> {
  const service = await findReferableService(actor, form.referral.serviceId);
  if (!service) return { ok: false, errors: { serviceId: texts.serviceUnavailable } };
  const today = berlinDate(now);
  if (options.send) {
    const problem = consentProblem(
      form.consent && {
        organizationId: form.consent.consentOrganizationId,
        validUntil: form.consent.consentValidUntil,
        revokedAt: null,
      },
      service.organizationId,
      today,
    );
    if (problem) return { ok: false, errors: { consent: problem } };
  }

  const fields = {
    ...form.referral,
    networkId: service.networkId,
    receiverOrganizationId: service.organizationId,
    updatedAt: now,
    ...(options.send
      ? {
          status: "sent" as const,
          sentAt: now,
          dueOn: addWorkingDays(today, service.responseWorkingDays),
          // Evaluated by the statement that stores the sent referral, inside its transaction.
          receiverSecrecyBound: receiverSecrecyBoundNow(service.organizationId),
        }
      : {}),
  };

  const referralId = await inUnitOfWork(async (unit) => {
    const { tx } = unit;
    let id: string;
    if (options.draftId) {
      const updated = await tx
        .update(referrals)
        .set(fields)
        .where(
          and(
            eq(referrals.id, options.draftId),
            eq(referrals.senderOrganizationId, actor.organizationId),
            eq(referrals.status, "draft"),
          ),
        )
        .returning({ id: referrals.id });
      if (updated.length === 0) return null;
      id = options.draftId;
    } else {
      const [created] = await tx
        .insert(referrals)
        .values({
          ...fields,
          senderOrganizationId: actor.organizationId,
          createdByUserId: actor.id,
        })
        .returning({ id: referrals.id });
      id = created!.id;
      await tx.insert(referralTransitions).values({
        referralId: id,
        fromStatus: null,
        toStatus: "draft",
        actorUserId: actor.id,
        actorOrganizationId: actor.organizationId,
        occurredAt: now,
      });
    }
    await storeConsent(tx, id, form.consent, actor.id);
    if (options.send) {
      await tx.insert(referralTransitions).values({
        referralId: id,
        fromStatus: "draft",
        toStatus: "sent",
        actorUserId: actor.id,
        actorOrganizationId: actor.organizationId,
        occurredAt: now,
      });
    }
    await recordAudit(tx, {
      action: options.draftId ? "referral.updated" : "referral.created",
      actor,
      ip,
      targetType: "referral",
      targetId: id,
      networkId: service.networkId,
    });
    if (options.send) {
      await recordAudit(tx, {
        action: "referral.transitioned",
        actor,
        ip,
        targetType: "referral",
        targetId: id,
        networkId: service.networkId,
        details: { transition: "send", to: "sent" },
      });
    }
    await announceReferralChange(
      unit,
      {
        referralId: id,
        status: options.send ? "sent" : "draft",
        senderOrganizationId: actor.organizationId,
        receiverOrganizationId: service.organizationId,
        createdByUserId: actor.id,
        link: options.linkFor(id),
      },
      actor.id,
    );
    if (!options.draftId)
      await recordSubmission(unit, options.submission ?? null, `/uebergaben/${id}`);
    return id;
  });
  if (!referralId) return { ok: false, notFound: true };
  return { ok: true, referralId, sent: options.send };
}
