import { eq } from "drizzle-orm";
import type { SelectResultFields } from "drizzle-orm/query-builders/select.types";
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
): Promise<SelectResultFields<Columns> | null> {
  const [row] = await executor.select(columns).from(table).where(eq(table.id, id));
  // drizzle cannot infer the row of a table given as a type parameter; the columns name it.
  return (row as SelectResultFields<Columns> | undefined) ?? null;
}
