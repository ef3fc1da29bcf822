import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound } from "~/auth/permissions.server";
import { requireUser } from "~/auth/request.server";
import { icsTexts } from "~/events/calendar-texts";
import { buildCalendar, icsEventById } from "~/events/ics.server";
import { requireEvent } from "~/events/route-access.server";
import { absoluteUrl } from "~/mail/mail.server";

/** GET /veranstaltungen/:eventId/ics – the event as a calendar file to open in Outlook & Co. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const access = await requireEvent(user, params.eventId, "event.view");
  const event = await icsEventById(access.id);
  if (!event) throw notFound();
  const body = buildCalendar([event], {
    name: icsTexts.calendarName,
    pageUrl: (eventId) => absoluteUrl(`/veranstaltungen/${eventId}`),
  });
  return new Response(body, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `attachment; filename="veranstaltung-${event.id.slice(0, 8)}.ics"`,
      "Cache-Control": "private, no-store",
    },
  });
}
