import type {
  ActionFunctionArgs,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { authorize, can, notFound } from "~/auth/permissions.server";
import { clientIp, requireUser } from "~/auth/request.server";
import { getChannelAccess } from "~/discussions/access.server";
import { ChannelFields } from "~/discussions/channel-fields";
import {
  getChannelDetails,
  listThreads,
  parseChannelForm,
  parseThreadTitle,
  updateChannel,
} from "~/discussions/channels.server";
import discussionStyles from "~/discussions/discussions.css";
import { channelTexts } from "~/discussions/page-texts";
import { PostEditor } from "~/discussions/post-editor";
import { typedDocument } from "~/rich-text/typed-document";
import { parsePostInput } from "~/discussions/post-input.server";
import { startChannelThread } from "~/discussions/posts.server";
import { seeOther } from "~/discussions/responses.server";
import { employerAccessLabels, MAX_TITLE } from "~/discussions/texts";
import {
  formFailure,
  formValues,
  readForm,
  unhandledIntent,
  type FieldErrors,
} from "~/forms.server";
import { requireUuid } from "~/params.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { feedbackFor, FormErrorSummary, submitted, TextField } from "~/ui/form";
import { formatDateTime } from "~/ui/format";
import { CountBadge } from "~/ui/count-badge";
import { submissionOf } from "~/submissions/submission-key.server";
import { SubmissionKeyField } from "~/submissions/submission-key-field";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: discussionStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.channel.name ?? "Kanal"} – Diskussionen – Netzwerke ABC` },
];

/** The channel, or 404 for an unknown one and for anyone who may not see it (audited). */
async function requireChannel(request: Request, channelIdParam: string | undefined) {
  const user = await requireUser(request);
  const ip = clientIp(request);
  const channel = await getChannelAccess(requireUuid(channelIdParam));
  if (!channel) throw notFound();
  await authorize(user, { action: "channel.view", channel }, ip);
  return { user, ip, channel };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, channel } = await requireChannel(request, params.channelId);
  const [details, threads] = await Promise.all([
    getChannelDetails(channel.id),
    listThreads(channel.id, user.id),
  ]);
  if (!details) throw notFound();
  return json({
    channel: { ...details, ...channel },
    threads,
    may: {
      start: can(user, { action: "thread.start", channel }),
      manage: can(user, { action: "channel.manage", networkId: channel.networkId }),
    },
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, ip, channel } = await requireChannel(request, params.channelId);
  const form = await readForm(request, { intents: ["start", "settings", "archive", "restore"] });
  if (!form.ok) return form.response;
  const { formData, intent } = form;
  const here = `/diskussionen/${channel.id}`;

  if (intent === "start") {
    await authorize(user, { action: "thread.start", channel }, ip);
    const title = parseThreadTitle(formData);
    const post = parsePostInput(formData);
    const errors: FieldErrors = {};
    if (title.error) errors.title = title.error;
    if (!post.ok) errors.body = post.message;
    if (!post.ok || title.error) return formFailure(formValues(formData), errors);
    const threadId = await startChannelThread(
      { id: user.id, organizationId: user.organizationId, name: user.name },
      channel,
      title.title,
      post,
      submissionOf(user.id, formData),
    );
    return seeOther(`/diskussionen/thema/${threadId}`);
  }

  await authorize(user, { action: "channel.manage", networkId: channel.networkId }, ip);
  if (intent === "settings") {
    const parsed = parseChannelForm(formData);
    if (!parsed.ok) return formFailure(formValues(formData), parsed.errors);
    const result = await updateChannel(user, channel, parsed.input, ip);
    if ("error" in result) return formFailure(formValues(formData), { name: result.error });
    return seeOther(here, { replace: true });
  }
  if (intent === "archive" || intent === "restore") {
    await updateChannel(user, channel, { archived: intent === "archive" }, ip);
    return seeOther(here, { replace: true });
  }
  return unhandledIntent(intent);
}

export default function ChannelPage() {
  const { channel, threads, may } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const startFeedback = feedbackFor(actionData, "start");
  const settingsFeedback = feedbackFor(actionData, "settings");
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" ? navigation.formData?.get("intent") : null;

  return (
    <div className="stack-lg">
      <nav aria-label="Brotkrumen" className="breadcrumb">
        <ol>
          <li>
            <Link to="/diskussionen">Diskussionen</Link>
          </li>
          <li>
            <span aria-current="page">{channel.name}</span>
          </li>
        </ol>
      </nav>
      <div className="stack">
        <h1>
          {channel.name}
          {channel.archived ? <span className="badge badge--ended">Archiviert</span> : null}
        </h1>
        {channel.description ? <p className="lead">{channel.description}</p> : null}
        <p className="muted">
          {channel.networkName} · {employerAccessLabels[channel.employerAccess]}
        </p>
        {channel.archived ? (
          <p className="alert">{channelTexts.archivedNotice}</p>
        ) : !may.start ? (
          <p className="alert">{channelTexts.readOnlyNotice}</p>
        ) : null}
      </div>

      <section className="stack" aria-labelledby="themen">
        <h2 id="themen">Themen ({threads.length})</h2>
        {threads.length === 0 ? (
          <p className="card">{may.start ? channelTexts.noThreadsStart : channelTexts.noThreads}</p>
        ) : (
          <ul className="thread-list">
            {threads.map((thread) => (
              <li key={thread.id} className="card thread-list__item">
                <h3>
                  <Link to={`/diskussionen/thema/${thread.id}`}>{thread.title}</Link>
                  <CountBadge count={thread.unread} label="ungelesen" />
                  {thread.locked ? (
                    <span className="badge badge--ended">
                      <span aria-hidden="true">🔒 </span>Gesperrt
                    </span>
                  ) : null}
                </h3>
                <p className="muted">
                  {thread.startedBy ? `Begonnen von ${thread.startedBy} · ` : ""}
                  {thread.postCount === 1 ? "1 Beitrag" : `${thread.postCount} Beiträge`}
                  {thread.lastPostAt ? (
                    <>
                      {" · letzte Aktivität "}
                      <time dateTime={thread.lastPostAt}>{formatDateTime(thread.lastPostAt)}</time>
                    </>
                  ) : null}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>

      {may.start ? (
        <section className="card stack" aria-labelledby="neues-thema">
          <h2 id="neues-thema">{channelTexts.newThreadHeading}</h2>
          <Form method="post" className="stack" noValidate>
            <input type="hidden" name="intent" value="start" />
            <FormErrorSummary errors={startFeedback.errors} />
            <SubmissionKeyField />
            <TextField
              id="thema-titel"
              name="title"
              label="Titel"
              required
              maxLength={MAX_TITLE}
              defaultValue={submitted(startFeedback, "title")}
              error={startFeedback.errors?.title}
            />
            <PostEditor
              id="thema-beitrag"
              label="Erster Beitrag"
              error={startFeedback.errors?.body}
              initialDocument={typedDocument(startFeedback)}
            />
            <p>
              <button type="submit" className="button" disabled={busy === "start"}>
                {busy === "start" ? "Wird gesendet …" : channelTexts.newThreadButton}
              </button>
            </p>
          </Form>
        </section>
      ) : null}

      {may.manage ? (
        <section className="card stack" aria-labelledby="kanal-verwalten">
          <h2 id="kanal-verwalten">{channelTexts.settingsHeading}</h2>
          <Form method="post" className="stack" noValidate>
            <input type="hidden" name="intent" value="settings" />
            <FormErrorSummary errors={settingsFeedback.errors} />
            <ChannelFields idPrefix="kanal" feedback={settingsFeedback} current={channel} />
            <p>
              <button type="submit" className="button" disabled={busy === "settings"}>
                {channelTexts.saveSettings}
              </button>
            </p>
          </Form>
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value={channel.archived ? "restore" : "archive"} />
            <p className="field__hint">{channelTexts.archiveHint}</p>
            <p>
              <button
                type="submit"
                className={channel.archived ? "button button--secondary" : "button button--danger"}
                disabled={busy === "archive" || busy === "restore"}
              >
                {channel.archived ? channelTexts.restore : channelTexts.archive}
              </button>
            </p>
          </Form>
        </section>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
