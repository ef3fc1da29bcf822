import { useMemo } from "react";
import type { ReactNode } from "react";
import { RichTextField } from "~/rich-text/rich-text-field";
import type { MentionSource } from "~/rich-text/editor";

/**
 * The post editor of the discussion pages: RichTextEditor on the `body` field of a post form
 * (post-form.ts; the textarea without JavaScript is `bodyText`), @mention suggestions from the
 * thread's audience, and a hook for "schreibt gerade".
 */

/** Asks the mention resource route (`/diskussionen/personen`) for people who may read the thread. */
export function mentionSourceFor(threadId: string): MentionSource {
  return async (query) => {
    const params = new URLSearchParams({ thema: threadId, q: query });
    const response = await fetch(`/diskussionen/personen?${params.toString()}`, {
      headers: { accept: "application/json" },
      credentials: "same-origin",
    });
    if (!response.ok) throw new Error(`Vorschläge nicht geladen (${response.status})`);
    return (await response.json()) as Awaited<ReturnType<MentionSource>>;
  };
}

/** What the editor needs of conform's metadata of the two fields. */
interface PostFields {
  body: { id: string; name: string; initialValue?: unknown; errors?: string[] };
  bodyText: { initialValue?: unknown };
}

export function PostEditor({
  fields,
  label,
  hint,
  threadId,
  onTyping,
}: {
  fields: PostFields;
  label: string;
  hint?: ReactNode;
  /** The thread whose readers can be mentioned; none for a thread not yet started. */
  threadId?: string;
  onTyping?: () => void;
}) {
  const mentionSource = useMemo(
    () => (threadId ? mentionSourceFor(threadId) : undefined),
    [threadId],
  );
  return (
    // Input events bubble up from the editor (and from the textarea before it mounts).
    <div onInput={onTyping}>
      <RichTextField
        field={fields.body}
        textField={fields.bodyText}
        label={label}
        hint={hint}
        mentionSource={mentionSource}
      />
    </div>
  );
}
