import { sql } from "drizzle-orm";
import {
  customType,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { networks, organizations } from "./organizations";

export const ideaStatuses = ["draft", "published", "archived"] as const;
export type IdeaStatus = (typeof ideaStatuses)[number];
export const ideaStatus = pgEnum("idea_status", ideaStatuses);

/** "network": only the idea's network finds it; "nationwide": every network of the installation. */
export const ideaVisibilities = ["network", "nationwide"] as const;
export type IdeaVisibility = (typeof ideaVisibilities)[number];
export const ideaVisibility = pgEnum("idea_visibility", ideaVisibilities);

export interface IdeaResult {
  label: string;
  value: string;
}

/** A practice that worked, with what it achieved and whom to call. */
export const ideas = pgTable(
  "ideas",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id),
    /** The network "nur mein Netzwerk" means. */
    networkId: uuid("network_id")
      .notNull()
      .references(() => networks.id),
    authorUserId: uuid("author_user_id")
      .notNull()
      .references(() => users.id),
    status: ideaStatus("status").notNull().default("draft"),
    visibility: ideaVisibility("visibility").notNull().default("network"),
    title: text("title").notNull(),
    summary: text("summary").notNull(),
    /** tiptap JSON, validated against app/rich-text/schema.ts. */
    body: jsonb("body").notNull(),
    /** Derived from the body, for search and previews. */
    bodyText: text("body_text").notNull().default(""),
    targetGroups: text("target_groups")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    fieldsOfAction: text("fields_of_action")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    region: text("region").notNull().default(""),
    partnerKinds: text("partner_kinds")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    funding: text("funding")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    results: jsonb("results").$type<IdeaResult[]>().notNull().default([]),
    period: text("period").notNull().default(""),
    contactName: text("contact_name").notNull().default(""),
    contactEmail: text("contact_email").notNull().default(""),
    contactPhone: text("contact_phone").notNull().default(""),
    adoptionCount: integer("adoption_count").notNull().default(0),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index("ideas_organization_idx").on(table.organizationId, table.updatedAt),
    index("ideas_author_idx").on(table.authorUserId),
  ],
);

/** Every saved version of an idea's text. */
export const ideaRevisions = pgTable(
  "idea_revisions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    ideaId: uuid("idea_id")
      .notNull()
      .references(() => ideas.id),
    editorUserId: uuid("editor_user_id")
      .notNull()
      .references(() => users.id),
    title: text("title").notNull(),
    summary: text("summary").notNull(),
    body: jsonb("body").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("idea_revisions_idea_idx").on(table.ideaId, table.createdAt)],
);

/** "Das setzen wir auch um": one adoption per organisation and idea. */
export const ideaAdoptions = pgTable(
  "idea_adoptions",
  {
    ideaId: uuid("idea_id")
      .notNull()
      .references(() => ideas.id),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    note: text("note").notNull().default(""),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.ideaId, table.organizationId] })],
);

/** A user's Merkliste. */
export const ideaBookmarks = pgTable(
  "idea_bookmarks",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    ideaId: uuid("idea_id")
      .notNull()
      .references(() => ideas.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.userId, table.ideaId] })],
);

export const searchOperations = ["upsert", "remove"] as const;
export const searchOperation = pgEnum("search_operation", searchOperations);

/**
 * Changes waiting to reach the search engine, written in the same transaction as the change
 * itself; a worker drains it with retries, so nothing is lost while the engine is down.
 */
export const searchOutbox = pgTable(
  "search_outbox",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    entityId: uuid("entity_id").notNull(),
    operation: searchOperation("operation").notNull(),
    attempts: integer("attempts").notNull().default(0),
    availableAt: timestamp("available_at", { withTimezone: true }).notNull().defaultNow(),
    lastError: text("last_error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("search_outbox_available_idx").on(table.availableAt)],
);

const tsvector = customType<{ data: string }>({
  dataType: () => "tsvector",
});

/**
 * The PostgreSQL engine's index: one row per indexed idea with what visibility, facets and
 * ranking need. The row is kept narrow so that counting thousands of matches stays fast: facets
 * are bit masks (positions in `search_facet_values`), the texts and the full tsvector are stored
 * out of line (migration 0009), only the small `head` vector (title A, summary B) used for
 * ranking stays in the row. `document` is the weighted German tsvector that is searched (title A,
 * summary B, body C, results and tags D).
 */
export const searchDocuments = pgTable(
  "search_documents",
  {
    id: uuid("id").primaryKey(),
    networkId: uuid("network_id").notNull(),
    organizationId: uuid("organization_id").notNull(),
    status: ideaStatus("status").notNull(),
    visibility: ideaVisibility("visibility").notNull(),
    targetGroupsMask: integer("target_groups_mask").notNull(),
    fieldsOfActionMask: integer("fields_of_action_mask").notNull(),
    partnerKindsMask: integer("partner_kinds_mask").notNull(),
    fundingMask: integer("funding_mask").notNull(),
    /** Position of the region in `search_facet_values`; 0 when the idea names none. */
    regionCode: integer("region_code").notNull(),
    adoptionCount: integer("adoption_count").notNull(),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
    title: text("title").notNull(),
    summary: text("summary").notNull(),
    bodyText: text("body_text").notNull(),
    head: tsvector("head").notNull(),
    document: tsvector("document").notNull(),
  },
  (table) => [
    index("search_documents_document_idx").using("gin", table.document),
    index("search_documents_scope_idx").on(table.status, table.visibility, table.networkId),
    index("search_documents_organization_idx").on(table.organizationId),
  ],
);

/**
 * The facet values the PostgreSQL engine has seen, each with its position: the bit in the
 * document's mask for list facets (at most 31 values each), the code for the region. Positions
 * never change, so every server process may cache them.
 */
export const searchFacetValues = pgTable(
  "search_facet_values",
  {
    facet: text("facet").notNull(),
    value: text("value").notNull(),
    position: integer("position").notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.facet, table.value] }),
    uniqueIndex("search_facet_values_position_idx").on(table.facet, table.position),
  ],
);

/** Every word of the indexed texts once: typo and word-part matching look words up here. */
export const searchTerms = pgTable(
  "search_terms",
  {
    term: text("term").primaryKey(),
  },
  (table) => [index("search_terms_trigram_idx").using("gin", sql`${table.term} gin_trgm_ops`)],
);
