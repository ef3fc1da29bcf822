import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { requireUser } from "~/auth/request.server";
import { eventPageAction, eventPageData } from "~/events/event-page.server";
import { EventView } from "~/events/event-view";
import eventStyles from "~/events/events.css";
import { requireEvent } from "~/events/route-access.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { stylesheetLinks } from "~/ui/stylesheet";

export const links = stylesheetLinks(eventStyles);

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.event.title ?? "Veranstaltung"} – Veranstaltungen – Netzwerke ABC` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const event = await requireEvent(user, params.eventId, "event.view");
  return json(await eventPageData(user, event));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  // Whoever may not see the event must not learn from any answer that it exists.
  const event = await requireEvent(user, params.eventId, "event.view");
  return eventPageAction(request, user, event);
}

export default function EventPage() {
  return <EventView />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
