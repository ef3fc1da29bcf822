import { useMemo } from "react";
import type { ReactNode } from "react";
import { RichTextEditor } from "~/rich-text/editor";
import type { MentionSource } from "~/rich-text/editor";
import type { RichTextDocument } from "~/rich-text/schema";

/**
 * The post editor of the discussion pages: RichTextEditor with the field name `body` (the
 * textarea without JavaScript is `bodyText`, as parsePostInput expects), @mention suggestions
 * from the thread's audience, and a hook for "schreibt gerade".
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

export function PostEditor({
  id,
  label,
  hint,
  error,
  initialDocument,
  threadId,
  onTyping,
}: {
  id: string;
  label: string;
  hint?: ReactNode;
  error?: string;
  initialDocument?: RichTextDocument;
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
      <RichTextEditor
        name="body"
        id={id}
        label={label}
        hint={hint}
        error={error}
        initialDocument={initialDocument}
        mentionSource={mentionSource}
      />
    </div>
  );
}
