import {
  parseRichTextJson,
  parseRichTextPlainText,
  plainTextOf,
  type RichTextDocument,
} from "~/rich-text/schema";
import { MAX_POST_TEXT, discussionTexts } from "./texts";

/**
 * A post as typed: tiptap JSON from the editor (`body`), or plain text from the textarea that
 * takes its place without JavaScript (`bodyText`). It is checked against the rich-text
 * allow-list here; posts.server.ts settles the mentions against who may read the thread and
 * renders and sanitizes it once before it is stored or broadcast.
 */
export type PostInput = { ok: true; document: RichTextDocument } | { ok: false; message: string };

export function parsePostInput(form: FormData): PostInput {
  const json = form.get("body");
  const text = form.get("bodyText");
  const parsed =
    typeof json === "string" && json.trim() !== ""
      ? parseRichTextJson(json)
      : parseRichTextPlainText(typeof text === "string" ? text : "");
  if (!parsed.ok) return { ok: false, message: parsed.message };
  const plain = plainTextOf(parsed.doc).trim();
  if (plain === "") return { ok: false, message: discussionTexts.postRequired };
  if (plain.length > MAX_POST_TEXT) return { ok: false, message: discussionTexts.postTooLong };
  return { ok: true, document: parsed.doc };
}
