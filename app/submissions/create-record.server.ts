import type { AnyPgColumn, PgInsertValue, PgTable } from "drizzle-orm/pg-core";
import { recordAudit, type AuditEntry } from "~/audit/audit.server";
import { inUnitOfWork, type UnitOfWork } from "~/db/unit-of-work.server";
import { recordSubmission, type Submission } from "./submission-key.server";

type TableWithId = PgTable & { id: AnyPgColumn };

export interface NewRecord<Table extends TableWithId> {
  table: Table;
  values: PgInsertValue<Table>;
  /** What else the record implies, written in the same unit before the audit entry. */
  implies?: (unit: UnitOfWork, id: string) => Promise<void>;
  /** The audit entry of the creation; its target is the new record. */
  audit: Omit<AuditEntry, "targetId">;
  submission: Submission | null;
  /** The new record's page, where a repeated submission of the form leads. */
  location: (id: string) => string;
}

/**
 * The unit of work of a creating form: inserts the record, writes what it implies, audits the
 * creation and stores the form's submission key (see recordSubmission). Returns the new id.
 */
export function createRecord<Table extends TableWithId>(record: NewRecord<Table>): Promise<string> {
  return inUnitOfWork(async (unit) => {
    const [created] = await unit.tx
      .insert(record.table)
      .values(record.values)
      .returning({ id: record.table.id });
    const id = (created as { id: string }).id;
    await record.implies?.(unit, id);
    await recordAudit(unit.tx, { ...record.audit, targetId: id });
    await recordSubmission(unit, record.submission, record.location(id));
    return id;
  });
}

/** Who offers a new course or event: the actor's organisation, to one of its networks. */
export function offeredBy(actor: { id: string; organizationId: string }, networkId: string) {
  return { networkId, organizationId: actor.organizationId, createdByUserId: actor.id };
}
