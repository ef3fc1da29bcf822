import { eq, inArray, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { organizations } from "~/db/schema";
import { secrecyBoundKinds } from "./professional-secrecy";

/**
 * `isSecrecyBound` as SQL, for the statement that sends a referral: the receiver's kind is read
 * in that statement, so the stored flag is the kind at the moment of sending.
 */
export function receiverSecrecyBoundNow(
  receiverOrganizationId: AnyPgColumn | string,
): SQL<boolean> {
  return sql<boolean>`(select ${inArray(organizations.kind, [...secrecyBoundKinds])} from ${organizations} where ${eq(organizations.id, receiverOrganizationId)})`;
}
