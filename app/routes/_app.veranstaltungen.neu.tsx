import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/request.server";
import { newEventForm, submitNewEvent } from "~/events/editor-page.server";
import { EventEditor } from "~/events/event-editor";
import eventStyles from "~/events/events.css";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { SubPage } from "~/ui/sub-page";
import { stylesheetLinks } from "~/ui/stylesheet";

export const links = stylesheetLinks(eventStyles);

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
    <SubPage
      backTo="/veranstaltungen"
      backLabel="Zum Veranstaltungskalender"
      title="Veranstaltung anlegen"
    >
      <p>
        Die Veranstaltung erscheint sofort im Kalender des Netzwerks. Fachkräfte können dann Plätze
        für ihre Kundinnen und Kunden reservieren – nur mit Pseudonym.
      </p>
      <EventEditor {...editor} />
    </SubPage>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
