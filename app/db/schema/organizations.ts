import { boolean, index, integer, pgEnum, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { createdAt, id, instant, ref } from "./columns";
import { organizationKinds } from "../vocabularies";

export const organizationKind = pgEnum("organization_kind", organizationKinds);

export const networks = pgTable("networks", {
  id: id(),
  name: text("name").notNull().unique(),
  region: text("region").notNull(),
  description: text("description").notNull().default(""),
  /** Months after a referral ended until it is anonymised; set by the coordinator. */
  referralRetentionMonths: integer("referral_retention_months").notNull().default(6),
  createdAt: createdAt(),
});

export const organizations = pgTable("organizations", {
  id: id(),
  name: text("name").notNull(),
  kind: organizationKind("kind").notNull(),
  city: text("city").notNull().default(""),
  description: text("description").notNull().default(""),
  contactEmail: text("contact_email").notNull().default(""),
  phone: text("phone").notNull().default(""),
  website: text("website").notNull().default(""),
  /** Set by the organisation admin: every member must sign in with a second factor. */
  requireSecondFactor: boolean("require_second_factor").notNull().default(false),
  /** Set by the organisation admin: members sign in only through an identity provider. */
  requireSso: boolean("require_sso").notNull().default(false),
  createdAt: createdAt(),
});

/** An organisation admitted to a network by its coordinator. */
export const networkMemberships = pgTable(
  "network_memberships",
  {
    networkId: ref("network_id", () => networks.id).notNull(),
    organizationId: ref("organization_id", () => organizations.id).notNull(),
    admittedAt: instant("admitted_at").notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.networkId, table.organizationId] }),
    index("network_memberships_organization_idx").on(table.organizationId),
  ],
);
