import { clientIp } from "~/request-context.server";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, replace } from "@remix-run/node";
import type { ShouldRevalidateFunction } from "@remix-run/react";
import { useLoaderData } from "@remix-run/react";
import { authorize } from "~/auth/permissions.server";
import { requireUser } from "~/auth/request.server";
import discussionStyles from "~/discussions/discussions.css";
import { postSchema, reportSchema, threadIntents } from "~/discussions/post-form";
import {
  createPost,
  deletePost,
  editPost,
  hidePost,
  reportPost,
  setThreadLocked,
} from "~/discussions/posts.server";
import { requirePost, requireThread } from "~/discussions/route-access.server";
import { loadThreadPage } from "~/discussions/thread-page.server";
import { ThreadView } from "~/discussions/thread-view";
import { redirectWithFlash } from "~/flash.server";
import { parseSubmission } from "~/form-schema";
import { readForm, rejectSubmission, unhandledIntent } from "~/forms.server";
import { submissionOf } from "~/submissions/submission-key.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { stylesheetLinks } from "~/ui/stylesheet";
import type { FlashKey } from "~/ui/flash-messages";

export const links = stylesheetLinks(discussionStyles);

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.thread.title ?? "Thema"} – Diskussionen – Netzwerke ABC` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const thread = await requireThread(user, params.threadId);
  const editPostId = new URL(request.url).searchParams.get("bearbeiten");
  return json(await loadThreadPage(user, thread, editPostId));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const thread = await requireThread(user, params.threadId);
  const form = await readForm(request, { intents: threadIntents });
  if (!form.ok) return form.response;
  const { formData, intent } = form;
  const ip = clientIp();
  const postId = formData.get("postId");
  // 303: the browser loads the thread with GET, so a reload never sends the form again; the
  // thread replaces itself in the history.
  const back = (anchor?: string, flash?: FlashKey) => {
    const url = `/diskussionen/thema/${thread.access.id}${anchor ? `#${anchor}` : ""}`;
    return flash
      ? redirectWithFlash(url, flash, { status: 303, replace: true })
      : replace(url, 303);
  };

  switch (intent) {
    case "reply": {
      await authorize(user, { action: "thread.reply", thread: thread.access }, ip);
      const submission = parseSubmission(formData, postSchema);
      if (submission.status !== "success") return rejectSubmission(submission);
      const post = await createPost(
        user,
        thread,
        { document: submission.value.body },
        submissionOf(user.id, formData),
      );
      return back(`beitrag-${post.id}`);
    }
    case "edit": {
      const post = await requirePost(user, thread, postId, "post.edit");
      const submission = parseSubmission(formData, postSchema);
      if (submission.status !== "success") return rejectSubmission(submission);
      await editPost(post.id, thread, { document: submission.value.body });
      return back(`beitrag-${post.id}`, "postSaved");
    }
    case "delete": {
      const post = await requirePost(user, thread, postId, "post.delete");
      await deletePost(user, post.id, thread, ip);
      return back(`beitrag-${post.id}`, "postDeleted");
    }
    case "report": {
      const post = await requirePost(user, thread, postId, "post.report");
      const submission = parseSubmission(formData, reportSchema);
      if (submission.status !== "success") return rejectSubmission(submission);
      await reportPost(user, post.id, thread, submission.value.reason);
      return back(`beitrag-${post.id}`, "postReported");
    }
    case "hide": {
      const post = await requirePost(user, thread, postId, "thread.moderate");
      await hidePost(user, post.id, thread, ip);
      return back(`beitrag-${post.id}`, "postHidden");
    }
    case "lock":
    case "unlock": {
      await authorize(user, { action: "thread.moderate", thread: thread.access }, ip);
      await setThreadLocked(user, thread, intent === "lock", ip);
      return back(undefined, intent === "lock" ? "threadLocked" : "threadUnlocked");
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
