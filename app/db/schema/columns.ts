import { sql } from "drizzle-orm";
import { text, timestamp, uuid, type AnyPgColumn } from "drizzle-orm/pg-core";

// Column builders the tables share. Each produces exactly the SQL of the builder chain it names,
// so using them never changes the schema (`npx drizzle-kit generate` finds nothing to do).

/** The random UUID primary key of most tables. */
export const id = () => uuid("id").primaryKey().defaultRandom();

/** A point in time: the schema stores every one as timestamptz. */
export const instant = <TName extends string>(name: TName) =>
  timestamp(name, { withTimezone: true });

export const createdAt = () => instant("created_at").notNull().defaultNow();
export const updatedAt = () => instant("updated_at").notNull().defaultNow();

/** A foreign key to another table's uuid id; chain `.notNull()` where it is required. */
export const ref = <TName extends string>(name: TName, target: () => AnyPgColumn) =>
  uuid(name).references(target);

/** A list of free-text values (target groups, languages …), empty by default. */
export const textList = <TName extends string>(name: TName) =>
  text(name)
    .array()
    .notNull()
    .default(sql`'{}'::text[]`);

/** When a row was created and last changed; the code that changes it sets `updatedAt`. */
export const timestamps = () => ({ createdAt: createdAt(), updatedAt: updatedAt() });

/** Whom to ask about an idea or event; each part may be left empty. */
export const contactColumns = () => ({
  contactName: text("contact_name").notNull().default(""),
  contactEmail: text("contact_email").notNull().default(""),
  contactPhone: text("contact_phone").notNull().default(""),
});
