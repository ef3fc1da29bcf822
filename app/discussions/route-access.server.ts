import {
  authorize,
  notFound,
  type ChannelAccess,
  type PostAccess,
} from "~/auth/permissions.server";
import { requireRecord } from "~/auth/require-record.server";
import type { CurrentUser } from "~/auth/session.server";
import { clientIp } from "~/request-context.server";
import {
  getChannelAccess,
  getPostAccess,
  getThreadRecord,
  type ThreadRecord,
} from "./access.server";
import { reportNetworkIds } from "./overview.server";
import { getReportRecord, type ReportRecord } from "./reports.server";

/**
 * What the Diskussionen routes load, if the user may: 404 for a malformed or unknown id and for
 * anyone who may not see the thing, 403 for one who sees it but may not act; every refusal is
 * audited by the permission module.
 */

export function requireChannel(
  user: CurrentUser,
  channelIdParam: string | undefined,
): Promise<ChannelAccess> {
  return requireRecord(user, channelIdParam, getChannelAccess, (channel) => ({
    action: "channel.view",
    channel,
  }));
}

/** The thread, to read it or (for mention suggestions) to write in it. */
export function requireThread(
  user: CurrentUser,
  threadIdParam: string | null | undefined,
  action: "thread.view" | "thread.reply" = "thread.view",
): Promise<ThreadRecord> {
  return requireRecord(user, threadIdParam, getThreadRecord, (thread) => ({
    action,
    thread: thread.access,
  }));
}

/** The post a form names, if it is one of this thread's and the user may do this with it. */
export async function requirePost(
  user: CurrentUser,
  thread: ThreadRecord,
  postId: FormDataEntryValue | null,
  action: "post.edit" | "post.delete" | "post.report" | "thread.moderate",
): Promise<PostAccess> {
  const post = typeof postId === "string" ? await getPostAccess(postId) : null;
  if (!post || post.threadId !== thread.access.id) throw notFound();
  const ip = clientIp();
  if (action === "thread.moderate") await authorize(user, { action, thread: thread.access }, ip);
  else await authorize(user, { action, thread: thread.access, post }, ip);
  return post;
}

/** No network's id: asking about it lets the permission module answer (and audit) a denial. */
const NO_NETWORK = "00000000-0000-0000-0000-000000000000";

/** The networks whose reported posts the user handles; the permission module answers anyone else. */
export async function requireReportNetworks(user: CurrentUser): Promise<string[]> {
  const networkIds = reportNetworkIds(user);
  if (networkIds.length === 0) {
    const anyNetwork = user.networkIds[0] ?? user.coordinatedNetworkIds[0] ?? NO_NETWORK;
    await authorize(user, { action: "discussion.viewReports", networkId: anyNetwork }, clientIp());
  }
  return networkIds;
}

/** The report a form names and its thread, if the user moderates that thread. */
export async function requireModeratedReport(
  user: CurrentUser,
  reportId: FormDataEntryValue | null,
): Promise<{ report: ReportRecord; thread: ThreadRecord }> {
  const report = typeof reportId === "string" ? await getReportRecord(reportId) : null;
  const thread = report ? await getThreadRecord(report.threadId) : null;
  if (!report || !thread) throw notFound();
  const ip = clientIp();
  await authorize(user, { action: "thread.view", thread: thread.access }, ip);
  await authorize(user, { action: "thread.moderate", thread: thread.access }, ip);
  return { report, thread };
}
