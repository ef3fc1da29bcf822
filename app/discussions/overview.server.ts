import { asc, inArray } from "drizzle-orm";
import { can, type Actor } from "~/auth/permissions.server";
import { getDb } from "~/db/client.server";
import { networks } from "~/db/schema";
import { listChannelsFor, type ChannelSummary } from "./channels.server";
import { openReportCount } from "./reports.server";

/** The Diskussionen overview: channels grouped by network, and what the coordinator manages. */

export interface NetworkChannels {
  networkId: string;
  networkName: string;
  active: ChannelSummary[];
  archived: ChannelSummary[];
}

/** The overview page: the user's channels by network, what they manage, waiting reports. */
export async function loadOverview(user: Actor) {
  const reportNetworks = reportNetworkIds(user);
  const [channels, managed, openReports] = await Promise.all([
    listChannelsFor(user),
    managedNetworks(user),
    openReportCount(user, reportNetworks),
  ]);
  return {
    groups: groupByNetwork(channels),
    managed,
    reports: reportNetworks.length > 0 ? { open: openReports } : null,
  };
}

/** Groups the channels (already ordered by network and name) by network. */
function groupByNetwork(channels: ChannelSummary[]): NetworkChannels[] {
  const groups = new Map<string, NetworkChannels>();
  for (const channel of channels) {
    let group = groups.get(channel.networkId);
    if (!group) {
      group = {
        networkId: channel.networkId,
        networkName: channel.networkName,
        active: [],
        archived: [],
      };
      groups.set(channel.networkId, group);
    }
    (channel.archived ? group.archived : group.active).push(channel);
  }
  return [...groups.values()];
}

/** Networks in which the user may create channels and read reports, with their names. */
async function managedNetworks(user: Actor): Promise<{ id: string; name: string }[]> {
  const ids = user.coordinatedNetworkIds.filter((networkId) =>
    can(user, { action: "channel.manage", networkId }),
  );
  if (ids.length === 0) return [];
  return getDb()
    .select({ id: networks.id, name: networks.name })
    .from(networks)
    .where(inArray(networks.id, ids))
    .orderBy(asc(networks.name));
}

/** Networks whose reported posts the user handles. */
export function reportNetworkIds(user: Actor): string[] {
  return [...new Set([...user.coordinatedNetworkIds, ...user.networkIds])].filter((networkId) =>
    can(user, { action: "discussion.viewReports", networkId }),
  );
}

/** Unread posts over all channels the user sees: the badge in the main navigation. */
export async function unreadTotal(user: Actor): Promise<number> {
  const channels = await listChannelsFor(user);
  return channels.reduce((sum, channel) => sum + channel.unread, 0);
}
