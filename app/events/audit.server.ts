import { recordAudit, type AuditAction, type AuditEntry } from "~/audit/audit.server";
import type { Executor } from "~/db/unit-of-work.server";

/** An audit entry about an event or its seats (the log keeps no pseudonyms). */
export function recordEventAudit(
  executor: Executor,
  entry: Omit<AuditEntry, "action" | "targetType"> & {
    action: Extract<AuditAction, `event.${string}`>;
  },
): Promise<void> {
  return recordAudit(executor, { ...entry, targetType: "event" });
}
