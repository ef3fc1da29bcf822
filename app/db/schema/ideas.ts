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
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { contactColumns, createdAt, id, instant, ref, textList, timestamps } from "./columns";
import { users } from "./accounts";
import { networks, organizations } from "./organizations";
import { ideaStatuses, ideaVisibilities, searchOperations } from "../vocabularies";

export const ideaStatus = pgEnum("idea_status", ideaStatuses);

export const ideaVisibility = pgEnum("idea_visibility", ideaVisibilities);

export interface IdeaResult {
  label: string;
  value: string;
}

/** A practice that worked, with what it achieved and whom to call. */
export const ideas = pgTable(
  "ideas",
  {
    id: id(),
    organizationId: ref("organization_id", () => organizations.id).notNull(),
    /** The network "nur mein Netzwerk" means. */
    networkId: ref("network_id", () => networks.id).notNull(),
    authorUserId: ref("author_user_id", () => users.id).notNull(),
    status: ideaStatus("status").notNull().default("draft"),
    visibility: ideaVisibility("visibility").notNull().default("network"),
    title: text("title").notNull(),
    summary: text("summary").notNull(),
    /** tiptap JSON, validated against app/rich-text/schema.ts. */
    body: jsonb("body").notNull(),
    /** Derived from the body, for search and previews. */
    bodyText: text("body_text").notNull().default(""),
    targetGroups: textList("target_groups"),
    fieldsOfAction: textList("fields_of_action"),
    region: text("region").notNull().default(""),
    partnerKinds: textList("partner_kinds"),
    funding: textList("funding"),
    results: jsonb("results").$type<IdeaResult[]>().notNull().default([]),
    period: text("period").notNull().default(""),
    ...contactColumns(),
    adoptionCount: integer("adoption_count").notNull().default(0),
    publishedAt: instant("published_at"),
    ...timestamps(),
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
    id: id(),
    ideaId: ref("idea_id", () => ideas.id).notNull(),
    editorUserId: ref("editor_user_id", () => users.id).notNull(),
    title: text("title").notNull(),
    summary: text("summary").notNull(),
    body: jsonb("body").notNull(),
    createdAt: createdAt(),
  },
  (table) => [index("idea_revisions_idea_idx").on(table.ideaId, table.createdAt)],
);

/** "Das setzen wir auch um": one adoption per organisation and idea. */
export const ideaAdoptions = pgTable(
  "idea_adoptions",
  {
    ideaId: ref("idea_id", () => ideas.id).notNull(),
    organizationId: ref("organization_id", () => organizations.id).notNull(),
    userId: ref("user_id", () => users.id).notNull(),
    note: text("note").notNull().default(""),
    createdAt: createdAt(),
  },
  (table) => [primaryKey({ columns: [table.ideaId, table.organizationId] })],
);

/** A user's Merkliste. */
export const ideaBookmarks = pgTable(
  "idea_bookmarks",
  {
    userId: ref("user_id", () => users.id).notNull(),
    ideaId: ref("idea_id", () => ideas.id).notNull(),
    createdAt: createdAt(),
  },
  (table) => [primaryKey({ columns: [table.userId, table.ideaId] })],
);

export const searchOperation = pgEnum("search_operation", searchOperations);

/**
 * Changes waiting to reach the search engine, written in the same transaction as the change
 * itself; a worker drains it with retries, so nothing is lost while the engine is down.
 */
export const searchOutbox = pgTable(
  "search_outbox",
  {
    id: id(),
    entityId: uuid("entity_id").notNull(),
    operation: searchOperation("operation").notNull(),
    attempts: integer("attempts").notNull().default(0),
    availableAt: instant("available_at").notNull().defaultNow(),
    lastError: text("last_error"),
    createdAt: createdAt(),
  },
  (table) => [index("search_outbox_available_idx").on(table.availableAt)],
);

const tsvector = customType<{ data: string }>({
  dataType: () => "tsvector",
});

/** One mask per list facet of an idea: bit n is set when the idea has the facet's value n. */
const facetMasks = () => ({
  targetGroupsMask: integer("target_groups_mask").notNull(),
  fieldsOfActionMask: integer("fields_of_action_mask").notNull(),
  partnerKindsMask: integer("partner_kinds_mask").notNull(),
  fundingMask: integer("funding_mask").notNull(),
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
    ...facetMasks(),
    /** Position of the region in `search_facet_values`; 0 when the idea names none. */
    regionCode: integer("region_code").notNull(),
    adoptionCount: integer("adoption_count").notNull(),
    publishedAt: instant("published_at"),
    updatedAt: instant("updated_at").notNull(),
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
