import * as eventRoute from "~/routes/_app.veranstaltungen.$eventId";
import { onEvent } from "#tests/helpers/event-records";
import { callRoute } from "#tests/helpers/routes";

/** Submits a form of an event's page (reserve, cancel, record outcomes …) with the session. */
export const eventAction = (
  eventId: string,
  cookie: string | undefined,
  form: Record<string, string>,
) => callRoute(eventRoute.action, `/veranstaltungen/${eventId}`, onEvent(eventId, cookie, form));

/** Opens an event's page with the session. */
export const eventPage = (eventId: string, cookie: string | undefined) =>
  callRoute(eventRoute.loader, `/veranstaltungen/${eventId}`, onEvent(eventId, cookie));
