import type {
  ActionFunctionArgs,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { authorize } from "~/auth/permissions.server";
import { clientIp, requireUser } from "~/auth/request.server";
import calendarStyles from "~/events/calendar.css";
import { FeedAddress } from "~/events/calendar-feed-address";
import { subscriptionTexts as text } from "~/events/calendar-texts";
import { createFeedToken, feedTokenOf, revokeFeedToken } from "~/events/feed-tokens.server";
import { absoluteUrl } from "~/mail/mail.server";
import { readForm, unhandledIntent } from "~/forms.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { formatDateTime } from "~/ui/format";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: calendarStyles }];

export const meta: MetaFunction = () => [{ title: "Kalender-Abo – Netzwerke ABC" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  await authorize(user, { action: "event.browse" }, clientIp(request));
  const subscription = await feedTokenOf(user.id);
  return json({
    subscription: subscription && {
      createdAt: subscription.createdAt.toISOString(),
      lastUsedAt: subscription.lastUsedAt?.toISOString() ?? null,
    },
  });
}

/** intent=create makes (or replaces) the address and shows it once; intent=revoke ends it. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const ip = clientIp(request);
  await authorize(user, { action: "event.browse" }, ip);
  const form = await readForm(request, { intents: ["create", "revoke"] });
  if (!form.ok) return form.response;
  const { intent } = form;
  if (intent === "create") {
    const token = await createFeedToken(user, ip);
    return json({ intent, feedUrl: absoluteUrl(`/kalender/${token}.ics`) });
  }
  if (intent === "revoke") {
    await revokeFeedToken(user, ip);
    return json({ intent, feedUrl: null });
  }
  return unhandledIntent(intent);
}

export default function CalendarSubscriptionPage() {
  const { subscription } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  return (
    <div className="stack-lg">
      <div className="stack">
        <p>
          <Link to="/veranstaltungen">{text.backToCalendar}</Link>
        </p>
        <h1>{text.title}</h1>
        <p className="lead">{text.lead}</p>
        <p>{text.contents}</p>
      </div>

      {result && "feedUrl" in result && result.feedUrl ? (
        <FeedAddress url={result.feedUrl} />
      ) : null}
      {/* Always on the page, so screen readers announce the text when it appears. */}
      <div role="status">
        {result?.intent === "revoke" ? (
          <p className="alert alert--success">{text.revoked}</p>
        ) : null}
      </div>
      {result && "errors" in result ? (
        <p className="alert alert--error" role="alert">
          {result.errors.form}
        </p>
      ) : null}

      <section aria-labelledby="abo-status" className="card stack">
        <h2 id="abo-status">{text.statusHeading}</h2>
        {subscription ? (
          <>
            <p>
              {text.active(formatDateTime(subscription.createdAt))}{" "}
              {subscription.lastUsedAt
                ? text.lastUsed(formatDateTime(subscription.lastUsedAt))
                : text.neverUsed}
            </p>
            <Form method="post" className="stack">
              <p className="field__hint" id="neu-hinweis">
                {text.renewHint}
              </p>
              <button
                type="submit"
                name="intent"
                value="create"
                className="button button--secondary"
                aria-describedby="neu-hinweis"
                disabled={busy}
              >
                {text.renew}
              </button>
            </Form>
            <Form method="post" className="stack">
              <p className="field__hint" id="beenden-hinweis">
                {text.revokeHint}
              </p>
              <button
                type="submit"
                name="intent"
                value="revoke"
                className="button button--danger"
                aria-describedby="beenden-hinweis"
                disabled={busy}
              >
                {text.revoke}
              </button>
            </Form>
          </>
        ) : (
          <>
            <p>{text.none}</p>
            <Form method="post">
              <button type="submit" name="intent" value="create" className="button" disabled={busy}>
                {text.create}
              </button>
            </Form>
          </>
        )}
      </section>

      <section aria-labelledby="abo-anleitung" className="stack">
        <h2 id="abo-anleitung">{text.howToHeading}</h2>
        <ul>
          <li>{text.howToOutlook}</li>
          <li>{text.howToThunderbird}</li>
          <li>{text.howToOther}</li>
        </ul>
        <p className="note">{text.personalWarning}</p>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
