import { authorize, notFound, type EventAccess } from "~/auth/permissions.server";
import type { CurrentUser } from "~/auth/session.server";
import { requireUuid } from "~/params.server";
import { clientIp } from "~/request-context.server";
import { getEventAccess } from "./access.server";

/**
 * The event a route names, if the user may do this with it: 404 for a malformed or unknown id
 * and for everyone outside its network, 403 for a member who may not; every refusal is audited.
 */
export async function requireEvent(
  user: CurrentUser,
  eventIdParam: string | undefined,
  action: "event.view" | "event.edit",
): Promise<EventAccess> {
  const event = await getEventAccess(requireUuid(eventIdParam));
  if (!event) throw notFound();
  await authorize(user, { action, event }, clientIp());
  return event;
}
