import { and, asc, desc, eq, inArray, isNull, sql, type SQL } from "drizzle-orm";
import { recordAudit } from "~/audit/audit.server";
import { can, notFound, type Actor, type ChannelAccess } from "~/auth/permissions.server";
import { getDb, isUniqueViolation } from "~/db/client.server";
import { inUnitOfWork } from "~/db/unit-of-work.server";
import {
  discussionChannels,
  discussionPosts,
  discussionReads,
  discussionThreads,
  networks,
  users,
  type ChannelEmployerAccess,
} from "~/db/schema";
import { revokeThreadRooms } from "~/realtime/hub.server";
import type { ChannelInput } from "./channel-form";
import { discussionTexts } from "./texts";

/**
 * Channels and their threads: listing with unread counts, and the coordinator's channel
 * settings. Unread means: visible posts by others after what the user has read.
 */

/** Posts by others after the user's read mark, per thread (deleted and hidden ones do not count). */
function unreadPerThread(userId: string, channels: SQL) {
  return getDb()
    .select({
      threadId: discussionPosts.threadId,
      unread: sql<number>`cast(count(*) as int)`.as("unread"),
    })
    .from(discussionPosts)
    .leftJoin(
      discussionReads,
      and(
        eq(discussionReads.threadId, discussionPosts.threadId),
        eq(discussionReads.userId, userId),
      ),
    )
    .where(
      and(
        sql`${discussionPosts.sequence} > coalesce(${discussionReads.lastReadSequence}, 0)`,
        sql`${discussionPosts.authorUserId} <> ${userId}`,
        isNull(discussionPosts.deletedAt),
        isNull(discussionPosts.hiddenAt),
        // Only the threads of the channels asked about, not every post of the installation.
        sql`${discussionPosts.threadId} IN (SELECT ${discussionThreads.id} FROM ${discussionThreads} WHERE ${channels})`,
      ),
    )
    .groupBy(discussionPosts.threadId)
    .as("unread_per_thread");
}

export interface ChannelSummary extends ChannelAccess {
  name: string;
  description: string;
  networkName: string;
  threadCount: number;
  unread: number;
}

/** The channels of the user's (and coordinated) networks that the user may see. */
export async function listChannelsFor(user: Actor): Promise<ChannelSummary[]> {
  const networkIds = [...new Set([...user.networkIds, ...user.coordinatedNetworkIds])];
  if (networkIds.length === 0) return [];
  const unread = unreadPerThread(
    user.id,
    sql`${discussionThreads.channelId} IN (SELECT ${discussionChannels.id} FROM ${discussionChannels} WHERE ${inArray(discussionChannels.networkId, networkIds)})`,
  );
  const rows = await getDb()
    .select({
      id: discussionChannels.id,
      networkId: discussionChannels.networkId,
      networkName: networks.name,
      name: discussionChannels.name,
      description: discussionChannels.description,
      employerAccess: discussionChannels.employerAccess,
      archivedAt: discussionChannels.archivedAt,
      threadCount: sql<number>`cast(count(${discussionThreads.id}) as int)`,
      unread: sql<number>`cast(coalesce(sum(${unread.unread}), 0) as int)`,
    })
    .from(discussionChannels)
    .innerJoin(networks, eq(networks.id, discussionChannels.networkId))
    .leftJoin(discussionThreads, eq(discussionThreads.channelId, discussionChannels.id))
    .leftJoin(unread, eq(unread.threadId, discussionThreads.id))
    .where(inArray(discussionChannels.networkId, networkIds))
    .groupBy(discussionChannels.id, networks.name)
    .orderBy(asc(networks.name), asc(discussionChannels.name));
  return rows
    .map(({ archivedAt, ...row }) => ({ ...row, archived: archivedAt !== null }))
    .filter((channel) => can(user, { action: "channel.view", channel }));
}

export interface ThreadSummary {
  id: string;
  title: string;
  postCount: number;
  lastPostAt: Date | null;
  locked: boolean;
  startedBy: string | null;
  unread: number;
}

async function listThreads(channelId: string, userId: string): Promise<ThreadSummary[]> {
  const unread = unreadPerThread(userId, sql`${discussionThreads.channelId} = ${channelId}`);
  const rows = await getDb()
    .select({
      id: discussionThreads.id,
      title: discussionThreads.title,
      postCount: discussionThreads.postCount,
      lastPostAt: discussionThreads.lastPostAt,
      lockedAt: discussionThreads.lockedAt,
      startedBy: users.name,
      unread: sql<number>`coalesce(${unread.unread}, 0)`,
    })
    .from(discussionThreads)
    .leftJoin(users, eq(users.id, discussionThreads.createdByUserId))
    .leftJoin(unread, eq(unread.threadId, discussionThreads.id))
    .where(eq(discussionThreads.channelId, channelId))
    .orderBy(desc(sql`coalesce(${discussionThreads.lastPostAt}, ${discussionThreads.createdAt})`));
  return rows.map(({ lockedAt, ...row }) => ({ ...row, locked: lockedAt !== null }));
}

/** The channel page: the channel, its threads, and whether the user may start one or manage it. */
export async function loadChannelPage(user: Actor, channel: ChannelAccess) {
  const [details, threads] = await Promise.all([
    getChannelDetails(channel.id),
    listThreads(channel.id, user.id),
  ]);
  if (!details) throw notFound();
  return {
    channel: { ...details, ...channel },
    threads,
    may: {
      start: can(user, { action: "thread.start", channel }),
      manage: can(user, { action: "channel.manage", networkId: channel.networkId }),
    },
  };
}

export async function getChannelDetails(channelId: string) {
  const [row] = await getDb()
    .select({
      name: discussionChannels.name,
      description: discussionChannels.description,
      networkName: networks.name,
    })
    .from(discussionChannels)
    .innerJoin(networks, eq(networks.id, discussionChannels.networkId))
    .where(eq(discussionChannels.id, channelId));
  return row ?? null;
}

/** Creates a channel; null with the German message when the name is taken in the network. */
export async function createChannel(
  actor: Pick<Actor, "id" | "organizationId">,
  networkId: string,
  input: ChannelInput,
  ip: string | null,
): Promise<{ id: string } | { error: string }> {
  try {
    return await inUnitOfWork(async ({ tx }) => {
      const [created] = await tx
        .insert(discussionChannels)
        .values({ networkId, ...input, createdByUserId: actor.id })
        .returning({ id: discussionChannels.id });
      await recordAudit(tx, {
        action: "discussion.channel_created",
        actor,
        ip,
        networkId,
        targetType: "discussion_channel",
        targetId: created!.id,
        details: { employerAccess: input.employerAccess },
      });
      return { id: created!.id };
    });
  } catch (error) {
    if (isUniqueViolation(error)) return { error: discussionTexts.channelNameTaken };
    throw error;
  }
}

const accessRank: Record<ChannelEmployerAccess, number> = { none: 0, read: 1, write: 2 };

/**
 * Renames a channel, changes its description or employer access, archives or restores it. When
 * fewer may read or write than before, the pages open in its threads must join again.
 */
export async function updateChannel(
  actor: Pick<Actor, "id" | "organizationId">,
  channel: ChannelAccess,
  change: Partial<ChannelInput> & { archived?: boolean },
  ip: string | null,
): Promise<{ ok: true } | { error: string }> {
  const { archived, ...fields } = change;
  try {
    await inUnitOfWork(async ({ tx, afterCommit }) => {
      const [before] = await tx
        .select({
          name: discussionChannels.name,
          employerAccess: discussionChannels.employerAccess,
        })
        .from(discussionChannels)
        .where(eq(discussionChannels.id, channel.id))
        .for("update");
      await tx
        .update(discussionChannels)
        .set({
          ...fields,
          ...(archived === undefined ? {} : { archivedAt: archived ? sql`now()` : null }),
        })
        .where(eq(discussionChannels.id, channel.id));
      const narrowed =
        (fields.employerAccess !== undefined &&
          before !== undefined &&
          accessRank[fields.employerAccess] < accessRank[before.employerAccess]) ||
        archived === true;
      if (narrowed) {
        const threads = await tx
          .select({ id: discussionThreads.id })
          .from(discussionThreads)
          .where(eq(discussionThreads.channelId, channel.id));
        afterCommit(() => revokeThreadRooms(threads.map((thread) => thread.id)));
      }
      await recordAudit(tx, {
        action: "discussion.channel_updated",
        actor,
        ip,
        networkId: channel.networkId,
        targetType: "discussion_channel",
        targetId: channel.id,
        details: {
          ...(fields.employerAccess && fields.employerAccess !== before?.employerAccess
            ? { employerAccess: fields.employerAccess }
            : {}),
          ...(fields.name && fields.name !== before?.name ? { renamed: true } : {}),
          ...(archived === undefined ? {} : { archived }),
        },
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) return { error: discussionTexts.channelNameTaken };
    throw error;
  }
  return { ok: true };
}
