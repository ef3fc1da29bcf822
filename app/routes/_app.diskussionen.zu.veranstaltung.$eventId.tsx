import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { notFound } from "~/auth/permissions.server";
import { requireUser } from "~/auth/request.server";
import { attachedThreadId } from "~/discussions/access.server";
import { eventTitle } from "~/events/access.server";
import { requireEvent } from "~/events/route-access.server";

/**
 * "Zur Diskussion" on an event page: everyone of the event's network gets its thread, created on
 * the first visit.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const event = await requireEvent(user, params.eventId, "event.view");
  const title = await eventTitle(event.id);
  if (title === null) throw notFound();
  const threadId = await attachedThreadId({ kind: "event", eventId: event.id, eventTitle: title });
  return redirect(`/diskussionen/thema/${threadId}`);
}
