import type {
  ActionFunctionArgs,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { json } from "@remix-run/node";
import type { ShouldRevalidateFunction } from "@remix-run/react";
import {
  Form,
  Link,
  useActionData,
  useFetcher,
  useLoaderData,
  useNavigation,
  useRevalidator,
} from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { authorize, can, notFound, type Actor } from "~/auth/permissions.server";
import { clientIp, requireUser } from "~/auth/request.server";
import { getPostAccess, getThreadRecord, type ThreadRecord } from "~/discussions/access.server";
import discussionStyles from "~/discussions/discussions.css";
import { useLiveThread, type LiveStatus } from "~/discussions/live-thread";
import { isThreadNotice, threadPageTexts as texts } from "~/discussions/page-texts";
import { PostEditor } from "~/discussions/post-editor";
import { typedDocument } from "~/rich-text/typed-document";
import { parsePostInput } from "~/discussions/post-input.server";
import { PostItem, type PostActions } from "~/discussions/post-item";
import { recordReferralThreadRead } from "~/discussions/referral-thread-reads.server";
import {
  createPost,
  deletePost,
  editPost,
  hidePost,
  listPostViews,
  recordVisit,
  reportPost,
  setThreadLocked,
} from "~/discussions/posts.server";
import { seeOther } from "~/discussions/responses.server";
import { discussionTexts, MAX_REPORT_REASON } from "~/discussions/texts";
import {
  postDocument,
  revisionsOfThread,
  threadOrigin,
  threadPermissions,
  type PostRevision,
  type ThreadOrigin,
} from "~/discussions/thread-page.server";
import { formFailure, formValues, readForm, unhandledIntent } from "~/forms.server";
import { requireUuid } from "~/params.server";
import type { PostView } from "~/realtime/hub.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { feedbackFor, FormErrorSummary, type FormFeedback } from "~/ui/form";
import { submissionOf } from "~/submissions/submission-key.server";
import { SubmissionKeyField } from "~/submissions/submission-key-field";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: discussionStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.thread.title ?? "Thema"} – Diskussionen – Netzwerke ABC` },
];

/** The thread, or 404 for an unknown one and for anyone who may not read it (audited). */
async function requireThread(request: Request, threadIdParam: string | undefined) {
  const user = await requireUser(request);
  const ip = clientIp(request);
  const thread = await getThreadRecord(requireUuid(threadIdParam));
  if (!thread) throw notFound();
  await authorize(user, { action: "thread.view", thread: thread.access }, ip);
  return { user, ip, thread };
}

/** `?bearbeiten=<postId>`: the editor replaces the post, prefilled, if the viewer may edit it. */
async function editingPost(user: Actor, thread: ThreadRecord, postId: string | null) {
  if (!postId) return null;
  const post = await getPostAccess(postId);
  if (!post || post.threadId !== thread.access.id) return null;
  if (!can(user, { action: "post.edit", thread: thread.access, post })) return null;
  const document = await postDocument(post.id);
  return document ? { postId: post.id, document } : null;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, ip, thread } = await requireThread(request, params.threadId);
  const access = thread.access;
  if (access.subject === "referral") {
    // Like the referral itself, every opening of its private thread is on record.
    await recordReferralThreadRead(
      user,
      { referralId: access.referral.id, threadId: access.id, via: "page" },
      ip,
    );
  }
  const { newSinceSequence } = await recordVisit(user.id, thread);
  const may = threadPermissions(user, access);
  const url = new URL(request.url);
  const notice = url.searchParams.get("hinweis");
  const [posts, origin, revisions, editing] = await Promise.all([
    listPostViews(access.id),
    threadOrigin(thread),
    may.moderate
      ? revisionsOfThread(access.id)
      : Promise.resolve<Record<string, PostRevision[]>>({}),
    editingPost(user, thread, url.searchParams.get("bearbeiten")),
  ]);
  return json({
    thread: { id: access.id, title: thread.title, locked: access.locked },
    origin,
    posts,
    newSinceSequence,
    viewerId: user.id,
    may,
    revisions,
    editing,
    notice: isThreadNotice(notice) ? notice : null,
  });
}

/** The post named by the form; 404 when it is not a post of this thread. */
async function requirePost(formData: FormData, thread: ThreadRecord) {
  const post = await getPostAccess(String(formData.get("postId") ?? ""));
  if (!post || post.threadId !== thread.access.id) throw notFound();
  return post;
}

function parseReason(formData: FormData): { reason: string; error?: string } {
  const reason = String(formData.get("reason") ?? "").trim();
  if (reason === "") return { reason, error: discussionTexts.reportReasonRequired };
  if (reason.length > MAX_REPORT_REASON)
    return { reason, error: discussionTexts.reportReasonTooLong };
  return { reason };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, ip, thread } = await requireThread(request, params.threadId);
  const access = thread.access;
  const form = await readForm(request, {
    intents: ["reply", "edit", "delete", "report", "hide", "lock", "unlock"],
  });
  if (!form.ok) return form.response;
  const { formData, intent } = form;
  const here = `/diskussionen/thema/${access.id}`;
  const back = (anchor?: string, notice?: string) =>
    seeOther(`${here}${notice ? `?hinweis=${notice}` : ""}${anchor ? `#${anchor}` : ""}`, {
      replace: true,
    });

  switch (intent) {
    case "reply": {
      await authorize(user, { action: "thread.reply", thread: access }, ip);
      const input = parsePostInput(formData);
      if (!input.ok) return formFailure(formValues(formData), { body: input.message });
      const post = await createPost(
        { id: user.id, organizationId: user.organizationId, name: user.name },
        thread,
        input,
        submissionOf(user.id, formData),
      );
      return back(`beitrag-${post.id}`);
    }
    case "edit": {
      const post = await requirePost(formData, thread);
      await authorize(user, { action: "post.edit", thread: access, post }, ip);
      const input = parsePostInput(formData);
      if (!input.ok) return formFailure(formValues(formData), { body: input.message });
      await editPost(post.id, thread, input);
      return back(`beitrag-${post.id}`, "gespeichert");
    }
    case "delete": {
      const post = await requirePost(formData, thread);
      await authorize(user, { action: "post.delete", thread: access, post }, ip);
      await deletePost(user, post.id, thread, ip);
      return back(`beitrag-${post.id}`, "geloescht");
    }
    case "report": {
      const post = await requirePost(formData, thread);
      await authorize(user, { action: "post.report", thread: access, post }, ip);
      const { reason, error } = parseReason(formData);
      if (error) return formFailure(formValues(formData), { reason: error });
      await reportPost(user, post.id, thread, reason);
      return back(`beitrag-${post.id}`, "gemeldet");
    }
    case "hide": {
      const post = await requirePost(formData, thread);
      await authorize(user, { action: "thread.moderate", thread: access }, ip);
      await hidePost(user, post.id, thread, ip);
      return back(`beitrag-${post.id}`, "ausgeblendet");
    }
    case "lock":
    case "unlock": {
      await authorize(user, { action: "thread.moderate", thread: access }, ip);
      await setThreadLocked(user, thread, intent === "lock", ip);
      return back(undefined, intent === "lock" ? "gesperrt" : "entsperrt");
    }
    default:
      return unhandledIntent(intent);
  }
}

/**
 * Live events keep an open thread current; a background revalidation (e.g. the layout's
 * reaction to discussion activity) must not reload it, because every load records a visit and
 * would count posts as read in a tab nobody looks at. Submissions and navigations reload.
 */
export const shouldRevalidate: ShouldRevalidateFunction = ({
  formMethod,
  currentUrl,
  nextUrl,
  defaultShouldRevalidate,
}) => {
  if (
    !formMethod &&
    currentUrl.pathname === nextUrl.pathname &&
    currentUrl.search === nextUrl.search
  ) {
    return false;
  }
  return defaultShouldRevalidate;
};

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

export default function ThreadPage() {
  const data = useLoaderData<typeof loader>();
  // A new thread starts with fresh live state (posts, marker, typing).
  return <ThreadView key={data.thread.id} data={data} />;
}

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

function ThreadView({ data }: { data: LoaderData }) {
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

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
