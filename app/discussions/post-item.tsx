import { Link, useNavigation } from "@remix-run/react";
import type { ComponentProps, ReactNode } from "react";
import type { PostView } from "~/realtime/hub.server";
import { TextAreaField } from "~/ui/form";
import { IntentForm, SubmitButton } from "~/ui/intent-form";
import { usePortalForm, type FormResult } from "~/ui/portal-form";
import { formatDateTime } from "~/ui/format";
import { ActionForm } from "./action-form";
import { threadPageTexts as texts } from "./page-texts";
import { PostEditor } from "./post-editor";
import { postSchema, reportSchema } from "./post-form";
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
  editBody,
  actionData,
}: {
  post: PostView;
  actions: PostActions;
  revisions?: PostRevisionView[];
  /** The stored document as the editor's JSON while the address (`?bearbeiten=`) names this post. */
  editBody?: string;
  /** The action's answer to a form of this post (see answerAbout): shown again at that form. */
  actionData?: FormResult;
}) {
  const navigation = useNavigation();
  const submittingHere =
    navigation.state === "submitting" && navigation.formData?.get("postId") === post.id
      ? navigation.formData.get("intent")
      : null;
  const answered = actionData?.initialValue?.intent;
  const editing = post.state === "visible" && (editBody !== undefined || answered === "edit");
  const headingId = `beitrag-${post.id}-von`;
  const confirmed = (intent: keyof typeof confirmations) => (
    <ConfirmedPostAction
      intent={intent}
      post={post}
      actionData={actionData}
      submitting={submittingHere === intent}
    />
  );

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

      {editing ? (
        <EditForm
          post={post}
          body={editBody}
          actionData={actionData}
          submitting={submittingHere === "edit"}
        />
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
          {actions.delete ? confirmed("delete") : null}
          {actions.report ? (
            <PostDisclosure label={texts.report} post={post} open={answered === "report"}>
              <ReportForm
                post={post}
                actionData={actionData}
                submitting={submittingHere === "report"}
              />
            </PostDisclosure>
          ) : null}
          {actions.hide ? confirmed("hide") : null}
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

/** What each form about one post gets: the post, the page's last answer, whether it is being sent. */
type PostFormProps = {
  post: PostView;
  actionData?: FormResult;
  submitting: boolean;
};

/** The editor in the post's place: the stored document, or what was typed before a refusal. */
function EditForm({ post, body, actionData, submitting }: PostFormProps & { body?: string }) {
  const [form, fields] = usePortalForm({
    schema: postSchema,
    actionData,
    intent: "edit",
    id: `bearbeiten-${post.id}`,
    defaultValue: body === undefined ? undefined : { body },
  });
  return (
    <PostForm intent="edit" post={post} form={form}>
      <PostEditor fields={fields} label={texts.editLabel} threadId={post.threadId} />
      <p className="actions">
        <SubmitButton disabled={submitting}>{texts.saveEdit}</SubmitButton>
        <Link to={`?#beitrag-${post.id}`} preventScrollReset>
          {texts.cancel}
        </Link>
      </p>
    </PostForm>
  );
}

function ReportForm({ post, actionData, submitting }: PostFormProps) {
  const [form, fields] = usePortalForm({
    schema: reportSchema,
    actionData,
    intent: "report",
    id: `melden-${post.id}`,
  });
  return (
    <PostForm intent="report" post={post} form={form}>
      <TextAreaField
        field={fields.reason}
        label={texts.reportReason}
        hint={texts.reportHint}
        rows={2}
        maxLength={MAX_REPORT_REASON}
        required
      />
      <p>
        <SubmitButton className="button button--secondary" disabled={submitting}>
          {texts.reportSend}
        </SubmitButton>
      </p>
    </PostForm>
  );
}

/** A form about one post; the page stays where it is when it is sent. */
function PostForm({
  intent,
  post,
  form,
  children,
}: {
  intent: string;
  post: PostView;
  form: ComponentProps<typeof IntentForm>["form"];
  children: ReactNode;
}) {
  return (
    <IntentForm
      intent={intent}
      form={form}
      hidden={{ postId: post.id }}
      className="stack"
      preventScrollReset
    >
      {children}
    </IntentForm>
  );
}

/** An action under a post that asks first, in a disclosure: no JavaScript needed. */
function PostDisclosure({
  label,
  post,
  open,
  children,
}: {
  label: string;
  post: PostView;
  /** Open when the action's answer to its form is shown. */
  open: boolean;
  children: ReactNode;
}) {
  return (
    <details className="post__confirm" open={open ? true : undefined}>
      <summary>
        {label}
        <span className="visually-hidden"> (Beitrag von {post.authorName})</span>
      </summary>
      {children}
    </details>
  );
}

const confirmations = {
  delete: { label: texts.delete, question: texts.deleteQuestion, confirm: texts.deleteConfirm },
  hide: { label: texts.hide, question: texts.hideQuestion, confirm: texts.hideConfirm },
};

/** Delete or hide: a question and one button. */
function ConfirmedPostAction({
  intent,
  post,
  actionData,
  submitting,
}: PostFormProps & { intent: keyof typeof confirmations }) {
  const { label, question, confirm } = confirmations[intent];
  return (
    <PostDisclosure label={label} post={post} open={actionData?.initialValue?.intent === intent}>
      <ActionForm
        id={`${intent}-${post.id}`}
        intent={intent}
        fields={{ postId: post.id }}
        actionData={actionData}
        className="stack"
        preventScrollReset
      >
        <p>{question}</p>
        <p>
          <SubmitButton className="button button--danger" disabled={submitting}>
            {confirm}
          </SubmitButton>
        </p>
      </ActionForm>
    </PostDisclosure>
  );
}
