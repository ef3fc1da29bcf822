import type { LoaderFunctionArgs } from "@remix-run/node";
import { can, notFound } from "~/auth/permissions.server";
import { icsTexts } from "~/events/calendar-texts";
import { userForFeedToken } from "~/events/feed-tokens.server";
import { buildCalendar, feedEventsFor } from "~/events/ics.server";
import { absoluteUrl } from "~/mail/mail.server";

/** Calendar programs fetch again about this often (a hint; Outlook and others decide). */
const REFRESH_HOURS = 1;

/**
 * GET /kalender/<token>.ics – a personal subscription for calendar programs, which cannot log in:
 * the secret token in the address stands for the user. Every failure is the same plain 404, so a
 * guessed, replaced or revoked token learns nothing. Membership is checked afresh on every fetch:
 * whoever belongs to no network any more (or was deactivated) gets nothing.
 */
export async function loader({ params }: LoaderFunctionArgs) {
  const token = /^(.+)\.ics$/.exec(params.feedFile ?? "")?.[1];
  const user = token ? await userForFeedToken(token) : null;
  if (!user || !can(user, { action: "event.browse" })) throw notFound();
  const body = buildCalendar(await feedEventsFor(user), {
    name: icsTexts.feedName,
    pageUrl: (eventId) => absoluteUrl(`/veranstaltungen/${eventId}`),
    refreshHours: REFRESH_HOURS,
  });
  return new Response(body, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": 'inline; filename="netzwerke-abc-veranstaltungen.ics"',
      "Cache-Control": "private, no-store",
    },
  });
}
