import { useFetcher } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import type { action } from "~/routes/_app.diskussionen.thema.$threadId";
import { SubmissionKeyField } from "~/submissions/submission-key-field";
import { FormErrorSummary } from "~/ui/form";
import { formProps, isFormResult, usePortalForm } from "~/ui/portal-form";
import { threadPageTexts as texts } from "./page-texts";
import { PostEditor } from "./post-editor";
import { postSchema } from "./post-form";

/**
 * The reply goes through a fetcher: no full page load, and after a reply that went through the
 * form starts afresh (an empty editor, nothing of an earlier refusal).
 */
export function ReplyForm({
  threadId,
  actionData,
  onTyping,
}: {
  threadId: string;
  /** The page's answer, for a reply sent without JavaScript. */
  actionData: unknown;
  onTyping: () => void;
}) {
  const reply = useFetcher<typeof action>({ key: `antwort-${threadId}` });
  const [sent, setSent] = useState(0);
  const wasSending = useRef(false);
  useEffect(() => {
    if (reply.state !== "idle") {
      wasSending.current = true;
      return;
    }
    if (!wasSending.current) return;
    wasSending.current = false;
    if (!isFormResult(reply.data)) setSent((count) => count + 1);
  }, [reply.state, reply.data]);

  return (
    <section className="card stack" aria-labelledby="antworten">
      <h2 id="antworten">{texts.replyHeading}</h2>
      <ReplyFields
        key={sent}
        fetcher={reply}
        actionData={reply.data ?? (sent === 0 ? actionData : undefined)}
        threadId={threadId}
        onTyping={onTyping}
      />
    </section>
  );
}

function ReplyFields({
  fetcher,
  actionData,
  threadId,
  onTyping,
}: {
  fetcher: ReturnType<typeof useFetcher<typeof action>>;
  actionData: unknown;
  threadId: string;
  onTyping: () => void;
}) {
  const [form, fields] = usePortalForm({ schema: postSchema, actionData, intent: "reply" });
  const sending = fetcher.state !== "idle";
  return (
    <fetcher.Form method="post" className="stack" preventScrollReset {...formProps(form)}>
      <input type="hidden" name="intent" value="reply" />
      <FormErrorSummary form={form} />
      <SubmissionKeyField />
      <PostEditor
        fields={fields}
        label={texts.replyLabel}
        hint={texts.replyHint}
        threadId={threadId}
        onTyping={onTyping}
      />
      <p>
        <button type="submit" className="button" disabled={sending}>
          {sending ? texts.replySending : texts.replyButton}
        </button>
      </p>
    </fetcher.Form>
  );
}
