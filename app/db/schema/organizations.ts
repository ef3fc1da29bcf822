import {
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";

export const organizationKinds = [
  "jobcenter",
  "agentur_fuer_arbeit",
  "jugendamt",
  "schuldnerberatung",
  "suchtberatung",
  "psychosozialer_dienst",
  "bildungstraeger",
  "arbeitgeber",
  "kammer",
  "krankenkasse",
  "kommune",
  "migrationsberatung",
  "sonstige",
] as const;
export type OrganizationKind = (typeof organizationKinds)[number];

export const organizationKind = pgEnum("organization_kind", organizationKinds);

export const networks = pgTable("networks", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull().unique(),
  region: text("region").notNull(),
  description: text("description").notNull().default(""),
  /** Months after a referral ended until it is anonymised; set by the coordinator. */
  referralRetentionMonths: integer("referral_retention_months").notNull().default(6),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const organizations = pgTable("organizations", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  kind: organizationKind("kind").notNull(),
  city: text("city").notNull().default(""),
  description: text("description").notNull().default(""),
  contactEmail: text("contact_email").notNull().default(""),
  phone: text("phone").notNull().default(""),
  website: text("website").notNull().default(""),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** An organisation admitted to a network by its coordinator. */
export const networkMemberships = pgTable(
  "network_memberships",
  {
    networkId: uuid("network_id")
      .notNull()
      .references(() => networks.id),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id),
    admittedAt: timestamp("admitted_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.networkId, table.organizationId] }),
    index("network_memberships_organization_idx").on(table.organizationId),
  ],
);
