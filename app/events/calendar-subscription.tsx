import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import type { action, loader } from "~/routes/_app.veranstaltungen.kalender-abo";
import { FormErrorSummary } from "~/ui/form";
import { formProps, usePortalForm } from "~/ui/portal-form";
import { formatDateTime } from "~/ui/format";
import { FeedAddress } from "./calendar-feed-address";
import { subscriptionTexts as text } from "./calendar-texts";

/** Making and ending the subscription ask for nothing but the button. */
const buttonOnly = z.object({});

/** The personal subscription: its state, a new address shown once, how to set it up. */
export function CalendarSubscriptionView() {
  const { subscription } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [createForm] = usePortalForm({ schema: buttonOnly, actionData: result, intent: "create" });
  const [revokeForm] = usePortalForm({ schema: buttonOnly, actionData: result, intent: "revoke" });
  const shown = result && "feedUrl" in result ? result : null;
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

      {shown?.feedUrl ? <FeedAddress url={shown.feedUrl} /> : null}
      {/* Always on the page, so screen readers announce the text when it appears. */}
      <div role="status">
        {shown?.intent === "revoke" ? <p className="alert alert--success">{text.revoked}</p> : null}
      </div>

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
            <SubscriptionForm
              form={createForm}
              intent="create"
              label={text.renew}
              hint={text.renewHint}
              className="button button--secondary"
            />
            <SubscriptionForm
              form={revokeForm}
              intent="revoke"
              label={text.revoke}
              hint={text.revokeHint}
              className="button button--danger"
            />
          </>
        ) : (
          <>
            <p>{text.none}</p>
            <SubscriptionForm
              form={createForm}
              intent="create"
              label={text.create}
              className="button"
            />
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

/** One button of the page, with what it does to the address said beside it. */
function SubscriptionForm({
  form,
  intent,
  label,
  hint,
  className,
}: {
  form: ReturnType<typeof usePortalForm>[0];
  intent: "create" | "revoke";
  label: string;
  hint?: string;
  className: string;
}) {
  const busy = useNavigation().state === "submitting";
  const hintId = hint ? `${form.id}-hinweis` : undefined;
  return (
    <Form method="post" className="stack" {...formProps(form)}>
      <FormErrorSummary form={form} />
      {hint ? (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      <button
        type="submit"
        name="intent"
        value={intent}
        className={className}
        aria-describedby={hintId}
        disabled={busy}
      >
        {label}
      </button>
    </Form>
  );
}
