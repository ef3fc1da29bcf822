import { eq } from "drizzle-orm";
import type { EventAccess } from "~/auth/permissions.server";
import { getDb } from "~/db/client.server";
import { events } from "~/db/schema";
import { isUuid } from "~/params.server";

/** What permission decisions about events need, read in one place. */

export async function getEventAccess(eventId: string): Promise<EventAccess | null> {
  if (!isUuid(eventId)) return null;
  const [row] = await getDb()
    .select({
      id: events.id,
      networkId: events.networkId,
      organizationId: events.organizationId,
    })
    .from(events)
    .where(eq(events.id, eventId));
  return row ?? null;
}

export async function eventTitle(eventId: string): Promise<string | null> {
  const [row] = await getDb()
    .select({ title: events.title })
    .from(events)
    .where(eq(events.id, eventId));
  return row?.title ?? null;
}
