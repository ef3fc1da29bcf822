import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/request.server";
import { eventEditForm, submitEventEdit } from "~/events/editor-page.server";
import { EventEditor } from "~/events/event-editor";
import eventStyles from "~/events/events.css";
import { requireEvent } from "~/events/route-access.server";
import { eventFormTexts } from "~/events/texts";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { SubPage } from "~/ui/sub-page";
import { stylesheetLinks } from "~/ui/stylesheet";

export const links = stylesheetLinks(eventStyles);

export const meta: MetaFunction = () => [{ title: "Veranstaltung bearbeiten – Netzwerke ABC" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const event = await requireEvent(user, params.eventId, "event.edit");
  return json(await eventEditForm(event));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const event = await requireEvent(user, params.eventId, "event.edit");
  return submitEventEdit(request, user, event);
}

export default function EditEventPage() {
  const { eventId, cancelled, ...editor } = useLoaderData<typeof loader>();
  return (
    <SubPage
      backTo={`/veranstaltungen/${eventId}`}
      backLabel="Zurück zur Veranstaltung"
      title="Veranstaltung bearbeiten"
    >
      {cancelled ? (
        <p className="alert">{eventFormTexts.cancelled}</p>
      ) : (
        <>
          <p>
            Ändern sich Zeit oder Ort, werden alle mit Reservierungen benachrichtigt und ihre
            Kalenderdateien aktualisiert.
          </p>
          <EventEditor {...editor} />
        </>
      )}
    </SubPage>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
