import { recordAudit } from "~/audit/audit.server";
import { authorize, notFound, referralSide } from "~/auth/permissions.server";
import { clientIp, requireUser } from "~/auth/request.server";
import { getDb } from "~/db/client.server";
import { requireUuid } from "~/params.server";
import { getReferralForSide } from "./referral-detail.server";
import { getReferralParties } from "./referral-parties.server";

/**
 * Loads a referral for the detail page or the print view: 404 for everyone outside the two
 * organisations, and every opening is written to the audit log (PRODUCT.md, data protection).
 */
export async function loadReferralForViewer(
  request: Request,
  referralIdParam: string | undefined,
  auditAction: "referral.viewed" | "referral.printed",
) {
  const user = await requireUser(request);
  const ip = clientIp(request);
  const referralId = requireUuid(referralIdParam);
  const referral = await getReferralParties(referralId);
  if (!referral) throw notFound();
  await authorize(user, { action: "referral.view", referral }, ip);
  const detail = await getReferralForSide(referralId, referralSide(user, referral)!);
  if (!detail) throw notFound();
  // A read changes nothing: its entry stands on its own.
  await recordAudit(getDb(), {
    action: auditAction,
    actor: user,
    ip,
    targetType: "referral",
    targetId: referralId,
  });
  return detail;
}
