import type { EventAccess } from "~/auth/permissions.server";
import { requireRecord } from "~/auth/require-record.server";
import type { CurrentUser } from "~/auth/session.server";
import { getEventAccess } from "./access.server";

/**
 * The event a route names, if the user may do this with it: 404 for a malformed or unknown id
 * and for everyone outside its network, 403 for a member who may not; every refusal is audited.
 */
export function requireEvent(
  user: CurrentUser,
  eventIdParam: string | undefined,
  action: "event.view" | "event.edit",
): Promise<EventAccess> {
  return requireRecord(user, eventIdParam, getEventAccess, (event) => ({ action, event }));
}
