import { redirect } from "@remix-run/node";
import type { ReferralParties } from "~/auth/permissions.server";
import { requireRecord } from "~/auth/require-record.server";
import type { CurrentUser } from "~/auth/session.server";
import { findById } from "~/db/find-by-id.server";
import { referrals } from "~/db/schema";
import type { TransitionName } from "./state-machine";

/** The little a permission decision needs about a referral. */
const partiesColumns = {
  id: referrals.id,
  senderOrganizationId: referrals.senderOrganizationId,
  receiverOrganizationId: referrals.receiverOrganizationId,
  status: referrals.status,
};

/** Null when there is no such referral. */
export function getReferralParties(referralId: string): Promise<ReferralParties | null> {
  return findById(referrals, partiesColumns, referralId);
}

/** What a route wants to do with the referral it names. */
export type ReferralAccess =
  "referral.view" | "referral.editDraft" | { transition: TransitionName };

/**
 * The referral a route names, if the user may do this with it: 404 for a malformed or unknown
 * id and for everyone outside its two organisations (the receiver of a draft included), 403 for
 * a party that may not do this; every refusal is audited.
 */
export function requireReferral(
  user: CurrentUser,
  referralIdParam: string | undefined,
  access: ReferralAccess,
): Promise<ReferralParties> {
  return requireRecord(user, referralIdParam, getReferralParties, (referral) =>
    typeof access === "string"
      ? { action: access, referral }
      : { action: "referral.transition", referral, transition: access.transition },
  );
}

/** A draft the user's organisation may edit; once sent, its page shows what happened instead. */
export async function requireDraft(
  user: CurrentUser,
  referralIdParam: string | undefined,
): Promise<ReferralParties> {
  const referral = await requireReferral(user, referralIdParam, "referral.editDraft");
  if (referral.status !== "draft") throw redirect(`/uebergaben/${referral.id}`);
  return referral;
}
