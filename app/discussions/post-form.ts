import { z } from "zod";
import { richTextField } from "~/rich-text/form-field";
import { plainTextOf, type RichTextDocument } from "~/rich-text/schema";
import { discussionTexts as texts, MAX_POST_TEXT, MAX_REPORT_REASON, MAX_TITLE } from "./texts";

/** The forms of a thread's page. */
export const threadIntents = [
  "reply",
  "edit",
  "delete",
  "report",
  "hide",
  "lock",
  "unlock",
] as const;

/**
 * A post as typed: tiptap JSON from the editor (`body`), or plain text from the textarea that
 * takes its place without JavaScript (`bodyText`), checked against the rich-text allow-list.
 * posts.server.ts settles the mentions against who may read the thread and renders and
 * sanitizes it once before it is stored or broadcast.
 */
export const postSchema = richTextField("body", texts.postRequired).pipe(
  // Only a document that was read gets this far (a pipe stops at the first refusal).
  z.object({
    body: z
      .custom<RichTextDocument>()
      .refine((body) => plainTextOf(body).trim().length <= MAX_POST_TEXT, texts.postTooLong),
  }),
);

/** A new thread in a channel: its title and first post. */
export const newThreadSchema = z
  .object({
    title: z.string().trim().min(3, texts.titleRequired).max(MAX_TITLE, texts.titleTooLong),
  })
  .and(postSchema);

/** Why someone reports a post (the post itself comes as `postId`, checked by the action). */
export const reportSchema = z.object({
  reason: z
    .string()
    .trim()
    .min(1, texts.reportReasonRequired)
    .max(MAX_REPORT_REASON, texts.reportReasonTooLong),
});
