import { and, desc, eq, ne, sql } from "drizzle-orm";
import { aliasedTable } from "drizzle-orm";
import { can, notFound, type IdeaAccess } from "~/auth/permissions.server";
import type { CurrentUser } from "~/auth/session.server";
import { getDb } from "~/db/client.server";
import { ideaBookmarks, ideas, networks, organizations, users } from "~/db/schema";
import { attachedPostCount } from "~/discussions/attached.server";
import { renderRichText } from "~/rich-text/render.server";
import type { RichTextDocument } from "~/rich-text/schema";
import { ideaFieldColumns, listAdoptions, revisionCount } from "./ideas.server";
import { mayOpenIdeaSql, type IdeaViewer } from "./visibility.server";

const author = aliasedTable(users, "author");

/** Everything the idea page shows the user, who may open the idea (see requireIdea). */
export async function loadIdeaPage(user: CurrentUser, access: IdeaAccess) {
  const idea = await ideaOfPage(access.id, user.id);
  if (!idea) throw notFound();
  const [adoptions, revisions, similar, discussionPosts] = await Promise.all([
    listAdoptions(access.id),
    revisionCount(access.id),
    similarIdeas(idea, user),
    attachedPostCount({ kind: "idea", ideaId: access.id }),
  ]);
  return {
    idea,
    adoptions,
    revisions,
    similar,
    discussionPosts,
    may: {
      edit: can(user, { action: "idea.edit", idea: access }),
      adopt:
        can(user, { action: "idea.adopt", idea: access }) &&
        !adoptions.some((adoption) => adoption.organizationId === user.organizationId),
    },
  };
}

/** The idea with its body rendered and sanitized here, on the server. */
async function ideaOfPage(ideaId: string, userId: string) {
  const [row] = await getDb()
    .select({
      ...ideaFieldColumns,
      id: ideas.id,
      status: ideas.status,
      adoptionCount: ideas.adoptionCount,
      publishedAt: ideas.publishedAt,
      updatedAt: ideas.updatedAt,
      organizationId: ideas.organizationId,
      organizationName: organizations.name,
      networkName: networks.name,
      authorName: author.name,
      bookmarked: sql<boolean>`exists (select 1 from ${ideaBookmarks} where ${ideaBookmarks.ideaId} = ${ideas.id} and ${ideaBookmarks.userId} = ${userId})`,
    })
    .from(ideas)
    .innerJoin(organizations, eq(organizations.id, ideas.organizationId))
    .innerJoin(networks, eq(networks.id, ideas.networkId))
    .innerJoin(author, eq(author.id, ideas.authorUserId))
    .where(eq(ideas.id, ideaId));
  if (!row) return null;
  const { body, ...idea } = row;
  return { ...idea, bodyHtml: renderRichText(body as RichTextDocument) };
}

/** Published ideas the viewer may open that share the most fields of action and target groups. */
export function similarIdeas(
  idea: { id: string; fieldsOfAction: string[]; targetGroups: string[] },
  viewer: IdeaViewer,
  limit = 4,
) {
  const shared = sql<number>`(
    cardinality(array(select unnest(${ideas.fieldsOfAction}) intersect select unnest(${sql.param(idea.fieldsOfAction)}::text[])))
    + cardinality(array(select unnest(${ideas.targetGroups}) intersect select unnest(${sql.param(idea.targetGroups)}::text[])))
  )`;
  return getDb()
    .select({ id: ideas.id, title: ideas.title, summary: ideas.summary })
    .from(ideas)
    .where(
      and(
        ne(ideas.id, idea.id),
        eq(ideas.status, "published"),
        mayOpenIdeaSql(viewer, ideas),
        sql`${shared} > 0`,
      ),
    )
    .orderBy(desc(shared), desc(ideas.adoptionCount), desc(ideas.publishedAt))
    .limit(limit);
}

/** „Meine Ideen“: the organisation's ideas and the user's Merkliste. */
export async function loadMyIdeas(user: CurrentUser) {
  const [own, bookmarks] = await Promise.all([
    listOrganizationIdeas(user.organizationId),
    listBookmarkedIdeas(user.id, user),
  ]);
  return {
    organizationName: user.organizationName,
    own,
    bookmarks,
    canWrite: can(user, { action: "idea.create" }),
  };
}

/** "Meine Ideen": every idea of the organisation, drafts and archived included. */
export function listOrganizationIdeas(organizationId: string) {
  return getDb()
    .select({
      id: ideas.id,
      title: ideas.title,
      status: ideas.status,
      visibility: ideas.visibility,
      adoptionCount: ideas.adoptionCount,
      updatedAt: ideas.updatedAt,
    })
    .from(ideas)
    .where(eq(ideas.organizationId, organizationId))
    .orderBy(desc(ideas.updatedAt));
}

/**
 * The user's Merkliste, limited to ideas they may still open (their organisation's archived
 * ones included: the Merkliste is no search).
 */
export function listBookmarkedIdeas(userId: string, viewer: IdeaViewer) {
  return getDb()
    .select({ id: ideas.id, title: ideas.title, summary: ideas.summary })
    .from(ideaBookmarks)
    .innerJoin(ideas, eq(ideas.id, ideaBookmarks.ideaId))
    .where(and(eq(ideaBookmarks.userId, userId), mayOpenIdeaSql(viewer, ideas)))
    .orderBy(desc(ideaBookmarks.createdAt));
}
