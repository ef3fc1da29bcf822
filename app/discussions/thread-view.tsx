import type { useLoaderData } from "@remix-run/react";
import { useActionData, useNavigation, useRevalidator } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import type { action, loader } from "~/routes/_app.diskussionen.thema.$threadId";
import type { PostView } from "~/realtime/hub.server";
import { ActionForm, answerAbout } from "./action-form";
import { Breadcrumb, overviewStep } from "./breadcrumb";
import { useLiveThread, type LiveStatus } from "./live-thread";
import { threadPageTexts as texts } from "./page-texts";
import { PostItem, type PostActions } from "./post-item";
import { ReplyForm } from "./reply-form";
import type { ThreadOrigin } from "./thread-page.server";

/** The thread page's view: breadcrumb, live line, posts, moderation and the reply form. */

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

/** Where the thread hangs off: a channel, an idea, an event or a referral. */
function trailOf(origin: ThreadOrigin) {
  switch (origin.kind) {
    case "channel":
      return [
        overviewStep,
        { to: `/diskussionen/${origin.channelId}`, label: texts.backToChannel(origin.channelName) },
      ];
    case "idea":
      return [
        { to: "/ideen", label: "Ideenbörse" },
        { to: `/ideen/${origin.ideaId}`, label: texts.backToIdea(origin.ideaTitle) },
      ];
    case "event":
      return [
        { to: "/veranstaltungen", label: "Veranstaltungen" },
        { to: `/veranstaltungen/${origin.eventId}`, label: texts.backToEvent(origin.eventTitle) },
      ];
    case "referral":
      return [{ to: `/uebergaben/${origin.referralId}`, label: texts.backToReferral }];
  }
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
  const { thread, origin, may, viewerId, revisions, editing } = data;
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

  return (
    <div className="stack-lg thread-page">
      <Breadcrumb trail={trailOf(origin)} current={thread.title} />
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
          <ActionForm
            id="thema-sperren"
            intent={locked ? "unlock" : "lock"}
            actionData={actionData}
            preventScrollReset
          >
            <button type="submit" className="button button--secondary" disabled={lockBusy}>
              {locked ? texts.unlock : texts.lock}
            </button>
          </ActionForm>
        ) : null}
      </div>

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
                  editBody={editing?.postId === post.id ? editing.body : undefined}
                  actionData={answerAbout(actionData, "postId", post.id)}
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
        <ReplyForm threadId={thread.id} actionData={actionData} onTyping={live.notifyTyping} />
      ) : (
        <p className="alert" role="status">
          {locked ? texts.lockedNotice : texts.readOnlyNotice}
        </p>
      )}
    </div>
  );
}
