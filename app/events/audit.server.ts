import { recordAudit, type AuditAction, type AuditEntry } from "~/audit/audit.server";

/** An audit entry about an event or its seats (the log keeps no pseudonyms). */
export function recordEventAudit(
  entry: Omit<AuditEntry, "action" | "targetType"> & {
    action: Extract<AuditAction, `event.${string}`>;
  },
): Promise<void> {
  return recordAudit({ ...entry, targetType: "event" });
}
