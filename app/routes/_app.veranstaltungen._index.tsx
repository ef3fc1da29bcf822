import { clientIp } from "~/request-context.server";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { authorize, can } from "~/auth/permissions.server";
import { requireUser } from "~/auth/request.server";
import { loadCalendarPage } from "~/events/calendar.server";
import { berlinToday, parseCalendarQuery } from "~/events/calendar-period";
import calendarStyles from "~/events/calendar.css";
import { CalendarView } from "~/events/calendar-view";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { stylesheetLinks } from "~/ui/stylesheet";

export const links = stylesheetLinks(calendarStyles);

export const meta: MetaFunction = () => [{ title: "Veranstaltungen – Netzwerke ABC" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  await authorize(user, { action: "event.browse" }, clientIp());
  const today = berlinToday();
  const query = parseCalendarQuery(new URL(request.url).searchParams, today);
  const page = await loadCalendarPage(user, query, today);
  return json({ page, canCreate: can(user, { action: "event.create" }) });
}

export default function CalendarPage() {
  const { page, canCreate } = useLoaderData<typeof loader>();
  return <CalendarView page={page} canCreate={canCreate} />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
