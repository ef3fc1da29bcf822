import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/request.server";
import { requireReferral } from "~/referrals/referral-parties.server";
import { redirectToAttachedThread } from "./__attached-thread.server";

/**
 * "Zur Diskussion" on a referral: only the two organisations may open (and so create) the
 * referral's private thread; everyone else gets 404, like for the referral itself.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const referral = await requireReferral(user, params.referralId, "referral.view");
  return redirectToAttachedThread({ kind: "referral", referralId: referral.id });
}
