import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/request.server";
import { eventTitle } from "~/events/access.server";
import { requireEvent } from "~/events/route-access.server";
import { redirectToAttachedThread, requireTitle } from "./__attached-thread.server";

/**
 * "Zur Diskussion" on an event page: everyone of the event's network gets its thread, created on
 * the first visit.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const event = await requireEvent(user, params.eventId, "event.view");
  const title = requireTitle(await eventTitle(event.id));
  return redirectToAttachedThread({ kind: "event", eventId: event.id, eventTitle: title });
}
