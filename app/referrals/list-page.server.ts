import { json } from "@remix-run/node";
import { z } from "zod";
import { authorize } from "~/auth/permissions.server";
import type { CurrentUser } from "~/auth/session.server";
import { referralStatuses } from "~/db/schema";
import { clientIp } from "~/request-context.server";
import { listReferrals, PAGE_SIZE, servicesInBox, type Box } from "./referral-lists.server";

const filterSchema = z.object({
  status: z.enum(referralStatuses).optional().catch(undefined),
  serviceId: z.string().uuid().optional().catch(undefined),
  overdue: z
    .literal("1")
    .optional()
    .catch(undefined)
    .transform((value) => value === "1"),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

/** The loader of the Eingang and Gesendet pages; unknown filter values are ignored. */
export async function loadReferralList(user: CurrentUser, box: Box, search: URLSearchParams) {
  await authorize(user, { action: "referral.work" }, clientIp());
  const filters = filterSchema.parse(Object.fromEntries(search));
  const [{ rows, total }, services] = await Promise.all([
    listReferrals(box, user.organizationId, filters, filters.page),
    servicesInBox(box, user.organizationId),
  ]);
  return json({
    box,
    filters,
    referrals: rows,
    total,
    pageCount: Math.max(1, Math.ceil(total / PAGE_SIZE)),
    services,
    hasNetwork: user.networkIds.length > 0,
  });
}
