import { eq } from "drizzle-orm";
import type { AnyPgColumn, PgTable, SelectedFields } from "drizzle-orm/pg-core";
import { getDb } from "~/db/client.server";
import type { Executor } from "~/db/unit-of-work.server";

/**
 * The chosen columns of the record a route, a permission decision or a heading names by its id;
 * null when there is no such record (the caller answers 404 or falls back).
 */
export async function findById<Columns extends SelectedFields>(
  table: PgTable & { id: AnyPgColumn },
  columns: Columns,
  id: string,
  executor: Executor = getDb(),
) {
  const [row] = await executor.select(columns).from(table).where(eq(table.id, id));
  return row ?? null;
}
