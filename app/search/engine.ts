import { type IdeaStatus, type IdeaVisibility } from "~/db/vocabularies";

/**
 * The search behind the Ideenbörse. Two engines implement it: PostgreSQL full-text search (the
 * default, also on PGlite) and Meilisearch (when MEILI_HOST is set). Both must pass the same
 * contract suite (tests/integration/search-contract.test.ts).
 */

/** What an engine stores about an idea: enough to decide visibility and count facets. */
export interface SearchDocument {
  id: string;
  networkId: string;
  organizationId: string;
  status: IdeaStatus;
  visibility: IdeaVisibility;
  title: string;
  summary: string;
  bodyText: string;
  /** Results as "label: value" lines, e.g. "Praktika: 13". */
  resultsText: string;
  targetGroups: string[];
  fieldsOfAction: string[];
  region: string;
  partnerKinds: string[];
  funding: string[];
  adoptionCount: number;
  publishedAt: Date | null;
  updatedAt: Date;
}

/**
 * Who searches. Each engine applies `listedInSearch` (app/ideas/visibility.server.ts) inside its
 * query, never afterwards, so nothing the viewer may not find is counted or returned.
 */
export interface SearchViewer {
  organizationId: string;
  networkIds: string[];
}

export const facetNames = [
  "targetGroups",
  "fieldsOfAction",
  "region",
  "partnerKinds",
  "funding",
  "scope",
] as const;
export type FacetName = (typeof facetNames)[number];

/** "scope" facet values: the idea is network-only or nationwide. */
export type ScopeValue = IdeaVisibility;

export const searchSorts = ["relevance", "newest", "adopted"] as const;
export type SearchSort = (typeof searchSorts)[number];

export interface SearchQuery {
  /** What the person typed; empty lists everything visible. */
  text: string;
  /** Within a facet values are OR-ed, across facets AND-ed. */
  filters: Partial<Record<FacetName, string[]>>;
  sort: SearchSort;
  /** 1-based. */
  page: number;
  pageSize: number;
  viewer: SearchViewer;
}

export interface SearchHit {
  id: string;
  /** Plain title; `titleHighlighted` and `snippet` are HTML containing only text and <mark>. */
  title: string;
  titleHighlighted: string;
  snippet: string;
  status: IdeaStatus;
  visibility: IdeaVisibility;
  organizationId: string;
  networkId: string;
  adoptionCount: number;
  publishedAt: Date | null;
}

export interface FacetCount {
  value: string;
  count: number;
}

export interface SearchResult {
  hits: SearchHit[];
  total: number;
  /** Counts over everything matching the text and the *other* facets' filters. */
  facets: Record<FacetName, FacetCount[]>;
}

export interface SearchEngine {
  readonly name: "postgres" | "meilisearch";
  /** Adds or replaces documents. */
  index(documents: SearchDocument[]): Promise<void>;
  remove(ids: string[]): Promise<void>;
  search(query: SearchQuery): Promise<SearchResult>;
  /** Removes everything, before a full reindex. */
  clear(): Promise<void>;
}

/** Snippet markers engines put around matches before escaping; turned into <mark> after. */
export const MATCH_START = "\u0002";
export const MATCH_END = "\u0003";

/** Escapes text for HTML and turns the match markers into <mark> elements. */
export function markMatches(text: string): string {
  const escaped = text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
  return escaped.replaceAll(MATCH_START, "<mark>").replaceAll(MATCH_END, "</mark>");
}
