import { aliasedTable, and, count, desc, eq, isNotNull, lt, type SQL } from "drizzle-orm";
import { getDb } from "~/db/client.server";
import { organizations, referrals, services, type ReferralStatus } from "~/db/schema";
import { berlinDate } from "~/time/berlin";

export type Box = "inbox" | "outbox";
export const PAGE_SIZE = 25;

export interface ListFilters {
  status?: ReferralStatus;
  serviceId?: string;
  overdue?: boolean;
}

const counterpart = aliasedTable(organizations, "counterpart");

function boxCondition(box: Box, organizationId: string): SQL {
  // The receiver sees what was sent, not a draft that ended unsent (consent revoked as a draft).
  return box === "inbox"
    ? and(eq(referrals.receiverOrganizationId, organizationId), isNotNull(referrals.sentAt))!
    : eq(referrals.senderOrganizationId, organizationId);
}

function overdueCondition(today: string): SQL {
  return and(eq(referrals.status, "sent"), lt(referrals.dueOn, today))!;
}

/**
 * One page of the organisation's inbox or outbox, newest first, with the total for paging.
 * The pseudonym is shown: only members of the two organisations reach these lists.
 */
export async function listReferrals(
  box: Box,
  organizationId: string,
  filters: ListFilters,
  page: number,
  now = new Date(),
) {
  const today = berlinDate(now);
  const conditions = [boxCondition(box, organizationId)];
  if (filters.status) conditions.push(eq(referrals.status, filters.status));
  if (filters.serviceId) conditions.push(eq(referrals.serviceId, filters.serviceId));
  if (filters.overdue) conditions.push(overdueCondition(today));
  const where = and(...conditions);
  const counterpartId =
    box === "inbox" ? referrals.senderOrganizationId : referrals.receiverOrganizationId;

  const [rows, [total]] = await Promise.all([
    getDb()
      .select({
        id: referrals.id,
        pseudonym: referrals.pseudonym,
        status: referrals.status,
        urgency: referrals.urgency,
        createdAt: referrals.createdAt,
        sentAt: referrals.sentAt,
        dueOn: referrals.dueOn,
        serviceName: services.name,
        counterpartName: counterpart.name,
      })
      .from(referrals)
      .innerJoin(services, eq(services.id, referrals.serviceId))
      .innerJoin(counterpart, eq(counterpart.id, counterpartId))
      .where(where)
      .orderBy(desc(referrals.createdAt))
      .limit(PAGE_SIZE)
      .offset((page - 1) * PAGE_SIZE),
    getDb().select({ value: count() }).from(referrals).where(where),
  ]);
  return {
    rows: rows.map((row) => ({
      ...row,
      overdue: row.status === "sent" && row.dueOn !== null && row.dueOn < today,
    })),
    total: total?.value ?? 0,
  };
}

/**
 * The services to filter a box by: for the inbox the organisation's own services (what others
 * refer to), for the outbox the services it has referred to.
 */
export function servicesInBox(box: Box, organizationId: string) {
  if (box === "inbox") {
    return getDb()
      .select({ id: services.id, name: services.name })
      .from(services)
      .where(eq(services.organizationId, organizationId))
      .orderBy(services.name);
  }
  return getDb()
    .selectDistinct({ id: services.id, name: services.name })
    .from(referrals)
    .innerJoin(services, eq(services.id, referrals.serviceId))
    .where(boxCondition(box, organizationId))
    .orderBy(services.name);
}

/** The badges in the navigation: answers the organisation owes, and its overdue referrals. */
export async function referralNavCounts(organizationId: string, now = new Date()) {
  const today = berlinDate(now);
  const [[unanswered], [overdueSent]] = await Promise.all([
    getDb()
      .select({ value: count() })
      .from(referrals)
      .where(
        and(eq(referrals.receiverOrganizationId, organizationId), eq(referrals.status, "sent")),
      ),
    getDb()
      .select({ value: count() })
      .from(referrals)
      .where(and(eq(referrals.senderOrganizationId, organizationId), overdueCondition(today))),
  ]);
  return { unanswered: unanswered?.value ?? 0, overdueSent: overdueSent?.value ?? 0 };
}
