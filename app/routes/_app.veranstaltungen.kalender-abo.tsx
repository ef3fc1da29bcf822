import { clientIp } from "~/request-context.server";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { authorize } from "~/auth/permissions.server";
import { requireUser } from "~/auth/request.server";
import calendarStyles from "~/events/calendar.css";
import { CalendarSubscriptionView } from "~/events/calendar-subscription";
import { createFeedToken, feedTokenOf, revokeFeedToken } from "~/events/feed-tokens.server";
import { absoluteUrl } from "~/mail/mail.server";
import { readForm, unhandledIntent } from "~/forms.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { stylesheetLinks } from "~/ui/stylesheet";

export const links = stylesheetLinks(calendarStyles);

export const meta: MetaFunction = () => [{ title: "Kalender-Abo – Netzwerke ABC" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  await authorize(user, { action: "event.browse" }, clientIp());
  const subscription = await feedTokenOf(user.id);
  return json({
    subscription: subscription && {
      createdAt: subscription.createdAt.toISOString(),
      lastUsedAt: subscription.lastUsedAt?.toISOString() ?? null,
    },
  });
}

/**
 * intent=create makes (or replaces) the address and shows it once; intent=revoke ends it. The
 * forms are buttons: nothing to parse beyond the intent.
 */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const ip = clientIp();
  await authorize(user, { action: "event.browse" }, ip);
  const form = await readForm(request, { intents: ["create", "revoke"] });
  if (!form.ok) return form.response;
  const { intent } = form;
  switch (intent) {
    case "create": {
      const token = await createFeedToken(user, ip);
      return json({ intent, feedUrl: absoluteUrl(`/kalender/${token}.ics`) });
    }
    case "revoke":
      await revokeFeedToken(user, ip);
      return json({ intent, feedUrl: null });
    default:
      return unhandledIntent(intent);
  }
}

export default function CalendarSubscriptionPage() {
  return <CalendarSubscriptionView />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
