import { Link, useActionData, useLoaderData } from "@remix-run/react";
import type { action, loader } from "~/routes/_app.diskussionen.$channelId";
import { SubmissionKeyField } from "~/submissions/submission-key-field";
import { CountBadge } from "~/ui/count-badge";
import { CardSection } from "~/ui/card-section";
import { TextField } from "~/ui/form";
import { IntentForm, SubmitButton, useBusyIntent } from "~/ui/intent-form";
import { usePortalForm } from "~/ui/portal-form";
import { formatDateTime } from "~/ui/format";
import { plural } from "~/ui/plural";
import { ActionForm } from "./action-form";
import { Breadcrumb, overviewStep } from "./breadcrumb";
import { ChannelFields } from "./channel-fields";
import { channelSchema } from "./channel-form";
import { channelTexts } from "./page-texts";
import { PostEditor } from "./post-editor";
import { newThreadSchema } from "./post-form";
import { employerAccessLabels, MAX_TITLE } from "./texts";

type ChannelPageData = ReturnType<typeof useLoaderData<typeof loader>>;

/** A channel: its threads, a new thread, and for its coordinator the settings. */
export function ChannelView() {
  const { channel, threads, may } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useBusyIntent();

  return (
    <div className="stack-lg">
      <Breadcrumb trail={[overviewStep]} current={channel.name} />
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

      <ThreadList threads={threads} mayStart={may.start} />

      {may.start ? <NewThread actionData={actionData} busy={busy === "start"} /> : null}

      {may.manage ? (
        <CardSection id="kanal-verwalten" title={channelTexts.settingsHeading}>
          <ChannelSettings channel={channel} actionData={actionData} busy={busy === "settings"} />
          <ActionForm
            id="kanal-archivieren"
            intent={channel.archived ? "restore" : "archive"}
            actionData={actionData}
            className="stack"
          >
            <p className="field__hint">{channelTexts.archiveHint}</p>
            <p>
              <SubmitButton
                className={channel.archived ? "button button--secondary" : "button button--danger"}
                disabled={busy === "archive" || busy === "restore"}
              >
                {channel.archived ? channelTexts.restore : channelTexts.archive}
              </SubmitButton>
            </p>
          </ActionForm>
        </CardSection>
      ) : null}
    </div>
  );
}

function ThreadList({
  threads,
  mayStart,
}: {
  threads: ChannelPageData["threads"];
  mayStart: boolean;
}) {
  return (
    <section className="stack" aria-labelledby="themen">
      <h2 id="themen">Themen ({threads.length})</h2>
      {threads.length === 0 ? (
        <p className="card">{mayStart ? channelTexts.noThreadsStart : channelTexts.noThreads}</p>
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
                {plural(thread.postCount, { one: "Beitrag", other: "Beiträge" })}
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
  );
}

function NewThread({ actionData, busy }: { actionData: unknown; busy: boolean }) {
  const [form, fields] = usePortalForm({ schema: newThreadSchema, actionData, intent: "start" });
  return (
    <CardSection id="neues-thema" title={channelTexts.newThreadHeading}>
      <IntentForm intent="start" form={form} className="stack">
        <SubmissionKeyField />
        <TextField field={fields.title} label="Titel" required maxLength={MAX_TITLE} />
        <PostEditor fields={fields} label="Erster Beitrag" />
        <p>
          <SubmitButton pending={busy} pendingLabel="Wird gesendet …">
            {channelTexts.newThreadButton}
          </SubmitButton>
        </p>
      </IntentForm>
    </CardSection>
  );
}

function ChannelSettings({
  channel,
  actionData,
  busy,
}: {
  channel: ChannelPageData["channel"];
  actionData: unknown;
  busy: boolean;
}) {
  const [form, fields] = usePortalForm({
    schema: channelSchema,
    actionData,
    intent: "settings",
    defaultValue: channel,
  });
  return (
    <IntentForm intent="settings" form={form} className="stack">
      <ChannelFields fields={fields} />
      <p>
        <SubmitButton disabled={busy}>{channelTexts.saveSettings}</SubmitButton>
      </p>
    </IntentForm>
  );
}
