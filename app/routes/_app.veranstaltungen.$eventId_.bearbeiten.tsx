import type {
  ActionFunctionArgs,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { authorize, notFound } from "~/auth/permissions.server";
import { clientIp } from "~/auth/request.server";
import { requireEvent } from "~/events/route-access.server";
import { submitEventEdit } from "~/events/editor-page.server";
import { EventForm } from "~/events/event-form";
import { loadEventForEditing } from "~/events/events.server";
import { eventFormTexts } from "~/events/texts";
import eventStyles from "~/events/events.css";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { feedbackFor } from "~/ui/form";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: eventStyles }];

export const meta: MetaFunction = () => [{ title: "Veranstaltung bearbeiten – Netzwerke ABC" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, event } = await requireEvent(request, params.eventId);
  await authorize(user, { action: "event.edit", event }, clientIp(request));
  const stored = await loadEventForEditing(event.id);
  if (!stored) throw notFound();
  const { cancelled, ...initial } = stored;
  return json({ eventId: event.id, cancelled, initial });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, event } = await requireEvent(request, params.eventId);
  return submitEventEdit(request, user, event);
}

export default function EditEventPage() {
  const { eventId, cancelled, initial } = useLoaderData<typeof loader>();
  const feedback = feedbackFor(useActionData<typeof action>());
  return (
    <div className="stack-lg">
      <p>
        <Link to={`/veranstaltungen/${eventId}`}>← Zurück zur Veranstaltung</Link>
      </p>
      <h1>Veranstaltung bearbeiten</h1>
      {cancelled ? (
        <p className="alert">{eventFormTexts.cancelled}</p>
      ) : (
        <>
          <p>
            Ändern sich Zeit oder Ort, werden alle mit Reservierungen benachrichtigt und ihre
            Kalenderdateien aktualisiert.
          </p>
          <EventForm initial={initial} networks={[]} feedback={feedback} editing />
        </>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
