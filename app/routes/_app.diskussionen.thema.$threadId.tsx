import type {
  ActionFunctionArgs,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { json } from "@remix-run/node";
import type { ShouldRevalidateFunction } from "@remix-run/react";
import { useLoaderData } from "@remix-run/react";
import { authorize, can, notFound, type Actor } from "~/auth/permissions.server";
import { clientIp, requireUser } from "~/auth/request.server";
import { getPostAccess, getThreadRecord, type ThreadRecord } from "~/discussions/access.server";
import discussionStyles from "~/discussions/discussions.css";
import { isThreadNotice } from "~/discussions/page-texts";
import { parsePostInput } from "~/discussions/post-input.server";
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
} from "~/discussions/thread-page.server";
import { formFailure, formValues, readForm, unhandledIntent } from "~/forms.server";
import { requireUuid } from "~/params.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { submissionOf } from "~/submissions/submission-key.server";
import { ThreadView } from "~/discussions/thread-view";

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

export default function ThreadPage() {
  const data = useLoaderData<typeof loader>();
  // A new thread starts with fresh live state (posts, marker, typing).
  return <ThreadView key={data.thread.id} data={data} />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
