import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import { alias, type PgSelect } from "drizzle-orm/pg-core";
import { recordAudit } from "~/audit/audit.server";
import type { Actor } from "~/auth/permissions.server";
import { getDb } from "~/db/client.server";
import { inUnitOfWork } from "~/db/unit-of-work.server";
import {
  discussionChannels,
  discussionPosts,
  discussionReports,
  discussionThreads,
  events,
  ideas,
  networks,
  users,
} from "~/db/schema";
import { sanitizeRichHtml } from "~/rich-text/render.server";
import type { ThreadRecord } from "./access.server";
import { isUuid } from "~/params.server";
import { mayOpenIdeaSql, type IdeaViewer } from "~/ideas/visibility.server";

/**
 * "Meldungen": reported posts for the coordinators of the networks their threads belong to
 * (channel threads by the channel's network, idea and event threads by the idea's or event's).
 * Referral threads
 * cannot be reported (nobody outside the two organisations may read them).
 */

const reporters = alias(users, "reporters");
const authors = alias(users, "authors");
const threadNetworkId = sql<string>`coalesce(${discussionChannels.networkId}, ${ideas.networkId}, ${events.networkId})`;
/**
 * The coordinator moderates only what they may read (moderatesThread in the permissions module):
 * channel and event threads, and threads of ideas the coordinator may open (mayOpenIdeaSql, the
 * one idea rule). An unpublished idea's thread belongs to its organisation, reports included.
 */
const moderatedThread = (viewer: IdeaViewer) =>
  sql`(${discussionThreads.ideaId} IS NULL OR ${mayOpenIdeaSql(viewer, ideas)})`;

/**
 * The open reports the viewer moderates in the networks, with post, thread and what the thread
 * hangs off joined: where the list and the count both start.
 */
function openReports<Query extends PgSelect>(
  query: Query,
  viewer: IdeaViewer,
  networkIds: string[],
) {
  return query
    .innerJoin(discussionPosts, eq(discussionPosts.id, discussionReports.postId))
    .innerJoin(discussionThreads, eq(discussionThreads.id, discussionPosts.threadId))
    .leftJoin(discussionChannels, eq(discussionChannels.id, discussionThreads.channelId))
    .leftJoin(ideas, eq(ideas.id, discussionThreads.ideaId))
    .leftJoin(events, eq(events.id, discussionThreads.eventId))
    .where(
      and(
        isNull(discussionReports.resolvedAt),
        inArray(threadNetworkId, networkIds),
        moderatedThread(viewer),
      ),
    );
}

export interface OpenReport {
  id: string;
  reason: string;
  createdAt: Date;
  reporterName: string;
  postId: string;
  postState: "visible" | "deleted" | "hidden";
  /** Sanitized HTML of the post while it is visible. */
  postHtml: string | null;
  authorName: string;
  threadId: string;
  threadTitle: string;
  networkName: string;
}

/** Open reports in the given networks, oldest first (the longest waiting comes first). */
export async function listOpenReports(
  viewer: IdeaViewer,
  networkIds: string[],
): Promise<OpenReport[]> {
  if (networkIds.length === 0) return [];
  const query = getDb()
    .select({
      id: discussionReports.id,
      reason: discussionReports.reason,
      createdAt: discussionReports.createdAt,
      reporterName: reporters.name,
      postId: discussionPosts.id,
      deletedAt: discussionPosts.deletedAt,
      hiddenAt: discussionPosts.hiddenAt,
      bodyHtml: discussionPosts.bodyHtml,
      authorName: authors.name,
      threadId: discussionThreads.id,
      threadTitle: discussionThreads.title,
      networkName: networks.name,
    })
    .from(discussionReports)
    .$dynamic();
  const rows = await openReports(query, viewer, networkIds)
    .innerJoin(networks, eq(networks.id, threadNetworkId))
    .innerJoin(reporters, eq(reporters.id, discussionReports.reporterUserId))
    .innerJoin(authors, eq(authors.id, discussionPosts.authorUserId))
    .orderBy(asc(discussionReports.createdAt));
  return rows.map(({ deletedAt, hiddenAt, bodyHtml, ...row }) => {
    const postState = hiddenAt ? "hidden" : deletedAt ? "deleted" : "visible";
    return {
      ...row,
      postState,
      // Sanitized when written; sanitized again here because it is shown outside its thread.
      postHtml: postState === "visible" ? sanitizeRichHtml(bodyHtml) : null,
    };
  });
}

/** How many reports wait in each of the networks (for the link on the overview). */
export async function openReportCount(viewer: IdeaViewer, networkIds: string[]): Promise<number> {
  if (networkIds.length === 0) return 0;
  const [row] = await openReports(
    getDb()
      .select({ count: sql<number>`cast(count(*) as int)` })
      .from(discussionReports)
      .$dynamic(),
    viewer,
    networkIds,
  );
  return row?.count ?? 0;
}

export interface ReportRecord {
  id: string;
  postId: string;
  threadId: string;
  resolved: boolean;
}

export async function getReportRecord(reportId: string): Promise<ReportRecord | null> {
  if (!isUuid(reportId)) return null;
  const [row] = await getDb()
    .select({
      id: discussionReports.id,
      postId: discussionReports.postId,
      threadId: discussionPosts.threadId,
      resolvedAt: discussionReports.resolvedAt,
    })
    .from(discussionReports)
    .innerJoin(discussionPosts, eq(discussionPosts.id, discussionReports.postId))
    .where(eq(discussionReports.id, reportId));
  if (!row) return null;
  const { resolvedAt, ...record } = row;
  return { ...record, resolved: resolvedAt !== null };
}

/** "Meldung zurückweisen": the post stays; the report is closed and the decision audited. */
export async function dismissReport(
  actor: Actor,
  report: ReportRecord,
  thread: ThreadRecord,
  ip: string | null,
): Promise<void> {
  await inUnitOfWork(async ({ tx }) => {
    const [dismissed] = await tx
      .update(discussionReports)
      .set({ resolvedAt: sql`now()`, resolvedByUserId: actor.id, resolution: "dismissed" })
      .where(and(eq(discussionReports.id, report.id), isNull(discussionReports.resolvedAt)))
      .returning({ id: discussionReports.id });
    if (!dismissed) return;
    await recordAudit(tx, {
      action: "discussion.report_dismissed",
      actor,
      ip,
      networkId: thread.networkId ?? undefined,
      targetType: "discussion_report",
      targetId: report.id,
      details: { postId: report.postId, threadId: thread.access.id },
    });
  });
}
