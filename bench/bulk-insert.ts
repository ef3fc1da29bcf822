import { getTableColumns, sql } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Database } from "~/db/client.server";

/**
 * One INSERT … SELECT FROM unnest(…) per batch: one array parameter per column instead of one
 * parameter per value. Drizzle's `.values([...])` spends ~0.1 ms per row building the statement,
 * which would make seeding 100,000 rows take over a minute; this takes seconds.
 * Values are converted with the columns' own Drizzle mappers and cast to the columns' types.
 */
export async function insertUnnest(
  db: Database,
  table: PgTable,
  rows: readonly Record<string, unknown>[],
): Promise<void> {
  const columns = getTableColumns(table) as Record<string, PgColumn>;
  const parts = Object.keys(rows[0]!).map((key, index) => {
    const column = columns[key];
    if (!column) throw new Error(`Spalte ${key} gibt es nicht.`);
    const type = column.getSQLType();
    // unnest() flattens nested arrays, so array columns travel as text and are cast per row.
    const isArray = type.endsWith("[]");
    const values = rows.map((row) => {
      const value = row[key];
      return value === null || value === undefined ? null : column.mapToDriverValue(value);
    });
    return {
      name: sql.identifier(column.name),
      parameter: sql`${sql.param(values)}::${sql.raw(isArray ? "text" : type)}[]`,
      alias: `c${index}`,
      select: sql.raw(isArray ? `c${index}::${type}` : `c${index}`),
    };
  });
  await db.execute(
    sql`insert into ${table} (${sql.join(
      parts.map((part) => part.name),
      sql`, `,
    )}) select ${sql.join(
      parts.map((part) => part.select),
      sql`, `,
    )} from unnest(${sql.join(
      parts.map((part) => part.parameter),
      sql`, `,
    )}) as batch(${sql.raw(parts.map((part) => part.alias).join(", "))})`,
  );
}
