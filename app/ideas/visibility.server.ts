import { sql, type SQL, type SQLWrapper } from "drizzle-orm";
import type { IdeaStatus, IdeaVisibility } from "~/db/schema";
import { isUuid } from "~/params.server";

/**
 * Which ideas a person sees: two rules, each written once as a boolean for one idea (permission
 * checks) and right beside it as an SQL condition (lists, the PostgreSQL search). The two forms
 * are proven to agree on generated worlds in tests/integration/idea-visibility-rules.test.ts;
 * the Meilisearch filter (`buildVisibilityFilter`) is checked against the boolean form with the
 * same worlds in its unit test.
 */

/** Who looks: their organisation and the networks it belongs to now. */
export interface IdeaViewer {
  organizationId: string;
  networkIds: readonly string[];
}

/** What the rules read of an idea. */
export interface IdeaScope {
  organizationId: string;
  networkId: string;
  status: IdeaStatus;
  visibility: IdeaVisibility;
}

/**
 * The same facts as columns of whichever table holds them: `ideas` itself can be passed, or
 * `scopeColumnsOf(alias)` in a statement written over an aliased table.
 */
export type IdeaScopeColumns = Record<keyof IdeaScope, SQLWrapper>;

/** `ideas` and `search_documents` name the rule's columns alike. */
export function scopeColumnsOf(alias: string): IdeaScopeColumns {
  const column = (name: string) => sql.raw(`${alias}.${name}`);
  return {
    organizationId: column("organization_id"),
    networkId: column("network_id"),
    status: column("status"),
    visibility: column("visibility"),
  };
}

/**
 * Who may open an idea: its own organisation always (drafts and archived included); others only
 * once published, in its network or, when nationwide, in every network.
 */
export function mayOpenIdea(viewer: IdeaViewer, idea: IdeaScope): boolean {
  if (idea.organizationId === viewer.organizationId) return true;
  if (idea.status !== "published") return false;
  return idea.visibility === "nationwide" || viewer.networkIds.includes(idea.networkId);
}

/**
 * `mayOpenIdea` branch by branch. Written as CASE on purpose: the planner cannot turn it into
 * index scans over the search's scope index, which match most of the table anyway and only slow
 * down the full-text scan they would be AND-ed with. Ids that are no UUID match nothing (as in
 * the boolean form) instead of failing the cast.
 */
export function mayOpenIdeaSql(viewer: IdeaViewer, columns: IdeaScopeColumns): SQL {
  const ownOrganization = isUuid(viewer.organizationId)
    ? sql`${columns.organizationId} = ${viewer.organizationId}::uuid`
    : sql`false`;
  const networkIds = [...new Set(viewer.networkIds.filter(isUuid))];
  const ownNetworks =
    networkIds.length > 0
      ? sql` OR ${columns.networkId} = ANY(ARRAY[${sql.join(
          networkIds.map((id) => sql`${id}`),
          sql`, `,
        )}]::uuid[])`
      : sql``;
  return sql`CASE
      WHEN ${ownOrganization} THEN true
      WHEN ${columns.status} <> 'published' THEN false
      ELSE ${columns.visibility} = 'nationwide'${ownNetworks}
    END`;
}

/**
 * What the Ideenbörse search lists: what the viewer may open, except archived ideas. Archiving
 * takes an idea out of the Ideenbörse; its organisation still opens it (from "Meine Ideen" or
 * the Merkliste), but nobody finds it, not even that organisation.
 */
export function listedInSearch(viewer: IdeaViewer, idea: IdeaScope): boolean {
  return idea.status !== "archived" && mayOpenIdea(viewer, idea);
}

/** `listedInSearch` as SQL; CASE for the reason given at `mayOpenIdeaSql`. */
export function listedInSearchSql(viewer: IdeaViewer, columns: IdeaScopeColumns): SQL {
  return sql`CASE
      WHEN ${columns.status} = 'archived' THEN false
      ELSE ${mayOpenIdeaSql(viewer, columns)}
    END`;
}
