import { z } from "zod";
import { can } from "~/auth/permissions.server";
import type { CurrentUser } from "~/auth/session.server";
import { facetNames, searchSorts, type FacetName, type SearchQuery } from "~/search/engine";
import { getSearchEngine } from "~/search/search-index.server";

const SEARCH_PAGE_SIZE = 10;

/** The Ideenbörse: the search its address holds, one page of hits and the facets. */
export async function loadSearchPage(user: CurrentUser, url: URL) {
  const query = searchFromUrl(url, user);
  const result = await runSearch(query);
  return {
    query: { text: query.text, sort: query.sort, filters: query.filters, page: query.page },
    result,
    pageCount: Math.max(1, Math.ceil(result.total / SEARCH_PAGE_SIZE)),
    canWrite: can(user, { action: "idea.create" }),
  };
}

const urlSchema = z.object({
  q: z.string().max(200).catch(""),
  sort: z.enum(searchSorts).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(1000).catch(1),
});

/** Reads the search from the URL, so a search can be shared as a link. */
function searchFromUrl(url: URL, viewer: CurrentUser): SearchQuery {
  const { q, sort, page } = urlSchema.parse({
    q: url.searchParams.get("q") ?? "",
    sort: url.searchParams.get("sortierung") ?? undefined,
    page: url.searchParams.get("seite") ?? 1,
  });
  const filters: Partial<Record<FacetName, string[]>> = {};
  for (const facet of facetNames) {
    const values = url.searchParams
      .getAll(facet)
      .filter((value) => value.length > 0 && value.length <= 120)
      .slice(0, 20);
    if (values.length > 0) filters[facet] = values;
  }
  return {
    text: q.trim(),
    filters,
    sort: sort ?? (q.trim() ? "relevance" : "newest"),
    page,
    pageSize: SEARCH_PAGE_SIZE,
    viewer: { organizationId: viewer.organizationId, networkIds: viewer.networkIds },
  };
}

async function runSearch(query: SearchQuery) {
  const engine = await getSearchEngine();
  const result = await engine.search(query);
  return {
    ...result,
    hits: result.hits.map((hit) => ({
      ...hit,
      publishedAt: hit.publishedAt ? hit.publishedAt.toISOString() : null,
    })),
  };
}
