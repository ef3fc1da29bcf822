import type {
  ActionFunctionArgs,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/request.server";
import { newEventForm, submitNewEvent } from "~/events/editor-page.server";
import { EventEditor } from "~/events/event-editor";
import eventStyles from "~/events/events.css";
import { GeneralErrorBoundary } from "~/ui/error-boundary";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: eventStyles }];

export const meta: MetaFunction = () => [{ title: "Veranstaltung anlegen – Netzwerke ABC" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return json(await newEventForm(user));
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  return submitNewEvent(request, user);
}

export default function NewEventPage() {
  const editor = useLoaderData<typeof loader>();
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
      <EventEditor {...editor} />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
