import { recordAudit } from "~/audit/audit.server";
import { notFound, referralSide } from "~/auth/permissions.server";
import type { CurrentUser } from "~/auth/session.server";
import { getDb } from "~/db/client.server";
import { clientIp } from "~/request-context.server";
import { getReferralForSide } from "./referral-detail.server";
import { requireReferral } from "./referral-parties.server";

/**
 * Loads a referral for the detail page or the print view: 404 for everyone outside the two
 * organisations, and every opening is written to the audit log (PRODUCT.md, data protection).
 */
export async function loadReferralForViewer(
  user: CurrentUser,
  referralIdParam: string | undefined,
  auditAction: "referral.viewed" | "referral.printed",
) {
  const referral = await requireReferral(user, referralIdParam, "referral.view");
  const detail = await getReferralForSide(referral.id, referralSide(user, referral)!);
  if (!detail) throw notFound();
  // A read changes nothing: its entry stands on its own.
  await recordAudit(getDb(), {
    action: auditAction,
    actor: user,
    ip: clientIp(),
    targetType: "referral",
    targetId: referral.id,
  });
  return detail;
}
