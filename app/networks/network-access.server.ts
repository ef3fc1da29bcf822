import type { Capability } from "~/auth/permissions.server";
import { requireRecord } from "~/auth/require-record.server";
import type { CurrentUser } from "~/auth/session.server";
import { getNetwork } from "./networks.server";

/** What a route wants to do with the network it names. */
export type NetworkAction = Extract<
  Capability,
  { action: `network.${string}`; networkId: string }
>["action"];

/** A network as requireNetwork hands it to a page. */
export type Network = NonNullable<Awaited<ReturnType<typeof getNetwork>>>;

/**
 * The network a route names, if the user may do this with it: 404 for a malformed or unknown id
 * and for everyone who does not see the network, 403 for one who sees it but may not; every
 * refusal is audited.
 */
export function requireNetwork(
  user: CurrentUser,
  networkIdParam: string | null | undefined,
  action: NetworkAction,
): Promise<Network> {
  return requireRecord(user, networkIdParam, getNetwork, (network) => ({
    action,
    networkId: network.id,
  }));
}
