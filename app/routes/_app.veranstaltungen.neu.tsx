import type {
  ActionFunctionArgs,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { authorize } from "~/auth/permissions.server";
import { clientIp, requireUser } from "~/auth/request.server";
import { eventNetworksOf, submitNewEvent } from "~/events/editor-page.server";
import { emptyEvent, EventForm } from "~/events/event-form";
import eventStyles from "~/events/events.css";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { feedbackFor } from "~/ui/form";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: eventStyles }];

export const meta: MetaFunction = () => [{ title: "Veranstaltung anlegen – Netzwerke ABC" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  await authorize(user, { action: "event.create" }, clientIp(request));
  const networks = await eventNetworksOf(user);
  return json({ networks, initial: emptyEvent(networks[0]?.id ?? "", user.name, user.email) });
}

export async function action({ request }: ActionFunctionArgs) {
  return submitNewEvent(request, await requireUser(request));
}

export default function NewEventPage() {
  const { networks, initial } = useLoaderData<typeof loader>();
  const feedback = feedbackFor(useActionData<typeof action>());
  return (
    <div className="stack-lg">
      <p>
        <Link to="/veranstaltungen">← Zum Veranstaltungskalender</Link>
      </p>
      <h1>Veranstaltung anlegen</h1>
      <p>
        Die Veranstaltung erscheint sofort im Kalender des Netzwerks. Fachkräfte können dann Plätze
        für ihre Kundinnen und Kunden reservieren – nur mit Pseudonym.
      </p>
      <EventForm initial={initial} networks={networks} feedback={feedback} editing={false} />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
