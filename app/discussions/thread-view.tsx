import type { useLoaderData } from "@remix-run/react";
import {
  Form,
  Link,
  useActionData,
  useFetcher,
  useNavigation,
  useRevalidator,
} from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import type { action, loader } from "~/routes/_app.diskussionen.thema.$threadId";
import type { PostView } from "~/realtime/hub.server";
import { typedDocument } from "~/rich-text/typed-document";
import { SubmissionKeyField } from "~/submissions/submission-key-field";
import { feedbackFor, FormErrorSummary, type FormFeedback } from "~/ui/form";
import { useLiveThread, type LiveStatus } from "./live-thread";
import { threadPageTexts as texts } from "./page-texts";
import { PostEditor } from "./post-editor";
import { PostItem, type PostActions } from "./post-item";
import type { ThreadOrigin } from "./thread-page.server";

/** The thread page's view: breadcrumb, live line, posts, moderation and the reply form. */

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

function Breadcrumb({ origin, title }: { origin: ThreadOrigin; title: string }) {
  return (
    <nav aria-label="Brotkrumen" className="breadcrumb">
      <ol>
        {origin.kind === "channel" ? (
          <>
            <li>
              <Link to="/diskussionen">Diskussionen</Link>
            </li>
            <li>
              <Link to={`/diskussionen/${origin.channelId}`}>
                {texts.backToChannel(origin.channelName)}
              </Link>
            </li>
          </>
        ) : origin.kind === "idea" ? (
          <>
            <li>
              <Link to="/ideen">Ideenbörse</Link>
            </li>
            <li>
              <Link to={`/ideen/${origin.ideaId}`}>{texts.backToIdea(origin.ideaTitle)}</Link>
            </li>
          </>
        ) : origin.kind === "event" ? (
          <>
            <li>
              <Link to="/veranstaltungen">Veranstaltungen</Link>
            </li>
            <li>
              <Link to={`/veranstaltungen/${origin.eventId}`}>
                {texts.backToEvent(origin.eventTitle)}
              </Link>
            </li>
          </>
        ) : (
          <li>
            <Link to={`/uebergaben/${origin.referralId}`}>{texts.backToReferral}</Link>
          </li>
        )}
        <li>
          <span aria-current="page">{title}</span>
        </li>
      </ol>
    </nav>
  );
}

function LiveLine({
  status,
  viewers,
  moreViewers,
  typists,
}: {
  status: LiveStatus;
  viewers: { id: string; name: string }[];
  /** Viewers beyond the named ones. */
  moreViewers: number;
  typists: string[];
}) {
  if (status === "idle") return null;
  return (
    <div className="live-line" role="status">
      {status === "live" ? (
        <p className="muted">
          <span className="live-dot" aria-hidden="true" />
          Live
          {viewers.length > 0
            ? ` · ${texts.viewers(
                viewers.map((viewer) => viewer.name),
                moreViewers,
              )}`
            : ""}
        </p>
      ) : (
        <p className="muted">{texts.live[status]}</p>
      )}
      {typists.length > 0 ? <p className="typing">{texts.typing(typists)}</p> : null}
    </div>
  );
}

export function ThreadView({ data }: { data: LoaderData }) {
  const { thread, origin, may, viewerId, revisions, editing, notice } = data;
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const live = useLiveThread({
    threadId: thread.id,
    viewerId,
    posts: data.posts as PostView[],
    locked: thread.locked,
  });
  const locked = live.locked;
  const mayReply = may.replyIfUnlocked && !locked;

  // "Neu seit Ihrem letzten Besuch" stays where it was when the page was opened; only shown
  // when some posts had been seen before (on a first visit everything is new).
  const [newSince] = useState(data.newSinceSequence);
  const [firstNewId] = useState(() => {
    const seenBefore = data.posts.some((post) => post.sequence <= newSince);
    if (!seenBefore) return null;
    return data.posts.find((post) => post.sequence > newSince && post.authorId !== viewerId)?.id;
  });

  // The layout's unread badge was loaded next to this page, before this visit counted: reload
  // it (only it, see shouldRevalidate) when the visit has just read something.
  const revalidator = useRevalidator();
  const readOnArrival = useRef(
    data.posts.some(
      (post) => post.sequence > newSince && post.authorId !== viewerId && post.state === "visible",
    ),
  );
  useEffect(() => {
    if (!readOnArrival.current) return;
    readOnArrival.current = false;
    revalidator.revalidate();
  }, [revalidator]);

  // The reply goes through a fetcher: no full page load, and the editor is emptied afterwards.
  const reply = useFetcher<typeof action>({ key: `antwort-${thread.id}` });
  const replyFeedback = feedbackFor(reply.data ?? actionData, "reply");
  const [editorKey, setEditorKey] = useState(0);
  const wasSending = useRef(false);
  useEffect(() => {
    if (reply.state !== "idle") {
      wasSending.current = true;
      return;
    }
    if (!wasSending.current) return;
    wasSending.current = false;
    if (!feedbackFor(reply.data, "reply").errors) setEditorKey((key) => key + 1);
  }, [reply.state, reply.data]);

  const feedback: FormFeedback = feedbackFor(actionData);
  const failedPostId = typeof feedback.values?.postId === "string" ? feedback.values.postId : null;
  const lockBusy =
    navigation.state === "submitting" &&
    ["lock", "unlock"].includes(String(navigation.formData?.get("intent")));

  function actionsFor(post: PostView): PostActions {
    const own = post.authorId === viewerId;
    const visible = post.state === "visible";
    return {
      edit: visible && own && may.editOwnIfUnlocked && !locked,
      delete: visible && own && may.deleteOwn,
      report: visible && !own && may.reportOthers,
      hide: visible && may.moderate,
    };
  }

  function editingFor(post: PostView) {
    if (feedback.intent === "edit" && failedPostId === post.id) {
      const fromLoader = editing?.postId === post.id ? editing.document : undefined;
      return { document: typedDocument(feedback) ?? fromLoader, feedback };
    }
    if (editing?.postId === post.id) return { document: editing.document, feedback: {} };
    return null;
  }

  return (
    <div className="stack-lg thread-page">
      <Breadcrumb origin={origin} title={thread.title} />
      <div className="stack">
        <h1>
          {thread.title}
          {locked ? (
            <span className="badge badge--ended">
              <span aria-hidden="true">🔒 </span>
              {texts.locked}
            </span>
          ) : null}
        </h1>
        {origin.kind === "referral" ? <p className="alert">{texts.referralPrivacy}</p> : null}
        {origin.kind === "event" ? <p className="alert">{texts.eventPrivacy}</p> : null}
        {notice ? (
          <p className="alert alert--success" role="status">
            {texts.notices[notice]}
          </p>
        ) : null}
        <LiveLine
          status={live.status}
          viewers={live.viewers}
          moreViewers={live.moreViewers}
          typists={live.typists}
        />
        {firstNewId ? (
          <p>
            <a href="#neu">{texts.toFirstNew}</a>
          </p>
        ) : null}
        {may.moderate ? (
          <Form method="post" preventScrollReset>
            <input type="hidden" name="intent" value={locked ? "unlock" : "lock"} />
            <button type="submit" className="button button--secondary" disabled={lockBusy}>
              {locked ? texts.unlock : texts.lock}
            </button>
          </Form>
        ) : null}
      </div>

      {feedback.intent && feedback.intent !== "reply" && feedback.errors ? (
        <FormErrorSummary errors={feedback.errors} />
      ) : null}

      <section aria-labelledby="beitraege" className="stack">
        <h2 id="beitraege" className="visually-hidden">
          Beiträge
        </h2>
        {live.posts.length === 0 ? (
          <p className="card">{mayReply ? texts.noPosts : texts.noPostsReadOnly}</p>
        ) : (
          <ol className="post-list">
            {live.posts.map((post) => (
              <li key={post.id} className="post-list__item">
                {post.id === firstNewId ? (
                  <p id="neu" className="new-marker" tabIndex={-1}>
                    {texts.newSinceLastVisit}
                  </p>
                ) : null}
                <PostItem
                  post={post}
                  actions={actionsFor(post)}
                  revisions={revisions[post.id]}
                  editing={editingFor(post)}
                  reportFeedback={
                    feedback.intent === "report" && failedPostId === post.id ? feedback : null
                  }
                />
              </li>
            ))}
          </ol>
        )}
      </section>

      {/* Announces posts of others as they arrive (screen readers; visually the post appears). */}
      <div className="visually-hidden" aria-live="polite">
        {live.announcements.map((announcement) => (
          <p key={announcement.key}>{announcement.text}</p>
        ))}
      </div>

      {mayReply ? (
        <section className="card stack" aria-labelledby="antworten">
          <h2 id="antworten">{texts.replyHeading}</h2>
          <reply.Form method="post" className="stack" noValidate preventScrollReset>
            <input type="hidden" name="intent" value="reply" />
            <FormErrorSummary errors={replyFeedback.errors} />
            <SubmissionKeyField />
            <PostEditor
              key={editorKey}
              id="antwort"
              label={texts.replyLabel}
              hint={texts.replyHint}
              error={replyFeedback.errors?.body}
              initialDocument={editorKey === 0 ? typedDocument(replyFeedback) : undefined}
              threadId={thread.id}
              onTyping={live.notifyTyping}
            />
            <p>
              <button type="submit" className="button" disabled={reply.state !== "idle"}>
                {reply.state !== "idle" ? texts.replySending : texts.replyButton}
              </button>
            </p>
          </reply.Form>
        </section>
      ) : (
        <p className="alert" role="status">
          {locked ? texts.lockedNotice : texts.readOnlyNotice}
        </p>
      )}
    </div>
  );
}
