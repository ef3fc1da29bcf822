import { Form, Link, useNavigation } from "@remix-run/react";
import type { PostView } from "~/realtime/hub.server";
import type { RichTextDocument } from "~/rich-text/schema";
import { submitted, TextAreaField, type FormFeedback } from "~/ui/form";
import { formatDateTime } from "~/ui/format";
import { threadPageTexts as texts } from "./page-texts";
import { PostEditor } from "./post-editor";
import { discussionTexts, MAX_REPORT_REASON } from "./texts";

export interface PostActions {
  edit: boolean;
  delete: boolean;
  report: boolean;
  hide: boolean;
}

export interface PostRevisionView {
  bodyHtml: string;
  replacedAt: string;
}

/**
 * One post of a thread, with its anchor `beitrag-<id>`. Deleted and hidden posts keep their
 * place as a placeholder. Every action is a plain form (works without JavaScript); the
 * confirmations live in <details>, so they need no script either.
 */
export function PostItem({
  post,
  actions,
  revisions,
  editing,
  reportFeedback,
}: {
  post: PostView;
  actions: PostActions;
  revisions?: PostRevisionView[];
  /** Set while this post is being edited: the document to start from and the last feedback. */
  editing?: { document?: RichTextDocument; feedback: FormFeedback } | null;
  /** The rejected report of this post, to show it again with its error. */
  reportFeedback?: FormFeedback | null;
}) {
  const navigation = useNavigation();
  const submittingHere =
    navigation.state === "submitting" && navigation.formData?.get("postId") === post.id
      ? navigation.formData.get("intent")
      : null;
  const headingId = `beitrag-${post.id}-von`;

  return (
    <article id={`beitrag-${post.id}`} className="post" aria-labelledby={headingId} tabIndex={-1}>
      <header className="post__header">
        <h3 id={headingId} className="post__author">
          {post.authorName}
          <span className="post__organization"> · {post.organizationName}</span>
        </h3>
        <p className="post__meta">
          <time dateTime={post.createdAt}>{formatDateTime(post.createdAt)}</time>
          {post.editedAt && post.state === "visible" ? (
            <>
              {" · "}
              <span title={`Zuletzt bearbeitet ${formatDateTime(post.editedAt)}`}>
                {texts.edited}
              </span>
            </>
          ) : null}
        </p>
      </header>

      {post.state === "visible" && editing ? (
        <Form method="post" className="stack" noValidate preventScrollReset>
          <input type="hidden" name="intent" value="edit" />
          <input type="hidden" name="postId" value={post.id} />
          <PostEditor
            id={`bearbeiten-${post.id}`}
            label={texts.editLabel}
            error={editing.feedback.errors?.body}
            initialDocument={editing.document}
            threadId={post.threadId}
          />
          <p className="actions">
            <button type="submit" className="button" disabled={submittingHere === "edit"}>
              {texts.saveEdit}
            </button>
            <Link to={`?#beitrag-${post.id}`} preventScrollReset>
              {texts.cancel}
            </Link>
          </p>
        </Form>
      ) : post.state === "visible" && post.html !== null ? (
        // Rendered from tiptap JSON and sanitized on the server when it was written.
        <div className="rich-text post__body" dangerouslySetInnerHTML={{ __html: post.html }} />
      ) : (
        <p className="post__removed">
          {post.state === "hidden" ? discussionTexts.hiddenPost : discussionTexts.deletedPost}
        </p>
      )}

      {post.state === "visible" && !editing ? (
        <div className="post__actions">
          {actions.edit ? (
            <Link to={`?bearbeiten=${post.id}#beitrag-${post.id}`} preventScrollReset>
              {texts.edit}
              <span className="visually-hidden"> (Beitrag von {post.authorName})</span>
            </Link>
          ) : null}
          {actions.delete ? (
            <ConfirmedPostAction
              intent="delete"
              post={post}
              label={texts.delete}
              question={texts.deleteQuestion}
              confirm={texts.deleteConfirm}
              submitting={submittingHere === "delete"}
            />
          ) : null}
          {actions.report ? (
            <details className="post__confirm" open={reportFeedback ? true : undefined}>
              <summary>
                {texts.report}
                <span className="visually-hidden"> (Beitrag von {post.authorName})</span>
              </summary>
              <Form method="post" className="stack" noValidate preventScrollReset>
                <input type="hidden" name="intent" value="report" />
                <input type="hidden" name="postId" value={post.id} />
                <TextAreaField
                  id={`melden-${post.id}`}
                  name="reason"
                  label={texts.reportReason}
                  hint={texts.reportHint}
                  rows={2}
                  maxLength={MAX_REPORT_REASON}
                  required
                  defaultValue={reportFeedback ? submitted(reportFeedback, "reason") : ""}
                  error={reportFeedback?.errors?.reason}
                />
                <p>
                  <button
                    type="submit"
                    className="button button--secondary"
                    disabled={submittingHere === "report"}
                  >
                    {texts.reportSend}
                  </button>
                </p>
              </Form>
            </details>
          ) : null}
          {actions.hide ? (
            <ConfirmedPostAction
              intent="hide"
              post={post}
              label={texts.hide}
              question={texts.hideQuestion}
              confirm={texts.hideConfirm}
              submitting={submittingHere === "hide"}
            />
          ) : null}
        </div>
      ) : null}

      {revisions && revisions.length > 0 ? (
        <details className="post__history">
          <summary>{texts.history(revisions.length)}</summary>
          <ol className="post__revisions">
            {revisions.map((revision) => (
              <li key={revision.replacedAt}>
                <p className="muted">{texts.replacedAt(formatDateTime(revision.replacedAt))}</p>
                {/* Sanitized when it was written, like the post itself. */}
                <div
                  className="rich-text"
                  dangerouslySetInnerHTML={{ __html: revision.bodyHtml }}
                />
              </li>
            ))}
          </ol>
        </details>
      ) : null}
    </article>
  );
}

/** An action on a post that asks first (delete, hide): a disclosure with a small form, no JavaScript needed. */
function ConfirmedPostAction({
  intent,
  post,
  label,
  question,
  confirm,
  submitting,
}: {
  intent: "delete" | "hide";
  post: PostView;
  label: string;
  question: string;
  confirm: string;
  submitting: boolean;
}) {
  return (
    <details className="post__confirm">
      <summary>
        {label}
        <span className="visually-hidden"> (Beitrag von {post.authorName})</span>
      </summary>
      <Form method="post" className="stack" preventScrollReset>
        <input type="hidden" name="intent" value={intent} />
        <input type="hidden" name="postId" value={post.id} />
        <p>{question}</p>
        <p>
          <button type="submit" className="button button--danger" disabled={submitting}>
            {confirm}
          </button>
        </p>
      </Form>
    </details>
  );
}
