import type { EventAccess } from "~/auth/permissions.server";
import { findById } from "~/db/find-by-id.server";
import { events } from "~/db/schema";
import { isUuid } from "~/params.server";

/** What permission decisions about events need, read in one place. */

export async function getEventAccess(eventId: string): Promise<EventAccess | null> {
  if (!isUuid(eventId)) return null;
  return findById(
    events,
    { id: events.id, networkId: events.networkId, organizationId: events.organizationId },
    eventId,
  );
}

export async function eventTitle(eventId: string): Promise<string | null> {
  return (await findById(events, { title: events.title }, eventId))?.title ?? null;
}
