import { bigserial, index, jsonb, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { instant } from "./columns";

/**
 * Append-only: a trigger (migration 0001) rejects UPDATE, DELETE and TRUNCATE.
 * No foreign keys, so the log outlives what it describes.
 */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    occurredAt: instant("occurred_at").notNull().defaultNow(),
    action: text("action").notNull(),
    actorUserId: uuid("actor_user_id"),
    actorOrganizationId: uuid("actor_organization_id"),
    targetType: text("target_type"),
    targetId: text("target_id"),
    networkId: uuid("network_id"),
    ipHash: text("ip_hash"),
    details: jsonb("details").$type<Record<string, string | number | boolean | null>>(),
  },
  (table) => [
    index("audit_log_network_idx").on(table.networkId, table.occurredAt),
    index("audit_log_actor_idx").on(table.actorUserId, table.occurredAt),
  ],
);
