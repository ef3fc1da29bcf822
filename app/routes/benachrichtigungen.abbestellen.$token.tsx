import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { getDb } from "~/db/client.server";
import { readForm } from "~/forms.server";
import { notificationKindLabels, unsubscribeTexts as texts } from "~/notifications/texts";
import {
  readUnsubscribeToken,
  unsubscribe,
  type UnsubscribeScope,
} from "~/notifications/unsubscribe.server";
import { clientIp } from "~/request-context.server";
import { PublicErrorBoundary, PublicLayout } from "~/ui/public-layout";

export const meta: MetaFunction = () => [{ title: `${texts.title} – Netzwerke ABC` }];

/**
 * The unsubscribe link of a notice mail, without login: the signed token is the only
 * credential (~/notifications/unsubscribe.server). GET only asks (link scanners of mail servers
 * open links), the POST stops the mails: from the button here or straight from the mail program
 * (RFC 8058 "List-Unsubscribe=One-Click").
 */

const scopeLabel = (scope: UnsubscribeScope) =>
  scope === "digest" ? texts.digestLabel : notificationKindLabels[scope];

export async function loader({ params }: LoaderFunctionArgs) {
  const reader = await readUnsubscribeToken(getDb(), params.token ?? "");
  if (!reader) return json({ scope: null }, { status: 404 });
  return json({ scope: reader.scope });
}

export async function action({ request, params }: ActionFunctionArgs) {
  // The button's form and the mail program's one-click body alike: no field is needed.
  const form = await readForm(request);
  if (!form.ok) return form.response;
  const done = await unsubscribe(params.token ?? "", clientIp());
  return json({ done }, { status: done ? 200 : 404 });
}

export default function UnsubscribePage() {
  const { scope } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const submitting = useNavigation().state === "submitting";
  const settings = (
    <p>
      <Link to="/konto/benachrichtigungen">{texts.settingsLink}</Link>
    </p>
  );
  if (!scope || (answer && "done" in answer && !answer.done)) {
    return (
      <PublicLayout title={texts.invalidTitle}>
        <p>{texts.invalid}</p>
        {settings}
      </PublicLayout>
    );
  }
  const label = scopeLabel(scope);
  if (answer && "done" in answer) {
    return (
      <PublicLayout title={texts.title}>
        <p role="status">{scope === "digest" ? texts.digestDone : texts.done(label)}</p>
        {settings}
      </PublicLayout>
    );
  }
  return (
    <PublicLayout title={texts.title}>
      <p>{scope === "digest" ? texts.digestQuestion : texts.question(label)}</p>
      <p>{texts.keepsPortal}</p>
      <Form method="post">
        <input type="hidden" name="List-Unsubscribe" value="One-Click" />
        <button type="submit" className="button" disabled={submitting}>
          {texts.confirm}
        </button>
      </Form>
      {settings}
    </PublicLayout>
  );
}

export function ErrorBoundary() {
  return <PublicErrorBoundary title={texts.title} />;
}
