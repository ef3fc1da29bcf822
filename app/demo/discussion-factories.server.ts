import { randomUUID } from "node:crypto";
import type { Actor } from "~/auth/permissions.server";
import type { ChannelInput } from "~/discussions/channel-form";
import { createChannel } from "~/discussions/channels.server";

/**
 * Creates a channel of the network through the domain function the form uses and returns its id;
 * fails loudly if refused. Unless given, the name is unique and employers have no access.
 */
export async function createChannelFor(
  actor: Pick<Actor, "id" | "organizationId">,
  networkId: string,
  overrides: Partial<ChannelInput> = {},
): Promise<string> {
  const created = await createChannel(
    actor,
    networkId,
    {
      name: `Kanal ${randomUUID().slice(0, 8)}`,
      description: "",
      employerAccess: "none",
      ...overrides,
    },
    null,
  );
  if ("error" in created) throw new Error(created.error);
  return created.id;
}
