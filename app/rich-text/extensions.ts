import type { Extensions } from "@tiptap/core";
import { Mention } from "@tiptap/extension-mention";
import type { MentionOptions } from "@tiptap/extension-mention";
import { StarterKit } from "@tiptap/starter-kit";
import type { MentionNode } from "./schema";
import { HEADING_LEVELS, LINK_REL, isAllowedLinkHref } from "./schema";

/**
 * An @mention of a person, exactly as schema.ts allows it: attributes id and label and nothing
 * else (tiptap's Mention would also store the trigger character), no marks (selecting a mention
 * with other text and pressing "Fett" must not produce a document the schema refuses).
 *
 * HTML is only ever output: `<span class="mention" data-user-id="…">@Label</span>`. Pasted HTML
 * never becomes a mention, because only the suggestion list may decide whom a post mentions.
 * The suggestion plugin is only added where an editor configures `suggestion.render`
 * (see withMentionSuggestions), so the server renderer and editors without a source of people
 * know the node but offer nothing.
 */
const RichTextMention = Mention.extend<MentionOptions<unknown, MentionNode["attrs"]>>({
  marks: "",
  addAttributes() {
    return {
      id: { default: null, rendered: false },
      label: { default: null, rendered: false },
    };
  },
  parseHTML() {
    return [];
  },
  renderHTML({ node }) {
    const { id, label } = node.attrs as MentionNode["attrs"];
    return ["span", { class: "mention", "data-user-id": id }, `@${label}`];
  },
  renderText({ node }) {
    return `@${(node.attrs as MentionNode["attrs"]).label}`;
  },
  addProseMirrorPlugins() {
    return this.options.suggestion.render ? (this.parent?.() ?? []) : [];
  },
}).configure({
  // Backspace removes the whole mention instead of turning it back into "@" + trigger search.
  deleteTriggerWithBackspace: true,
});

/**
 * The tiptap extensions of the editor and of the server renderer. Both sides must use the same
 * list: the editor can then only produce what schema.ts allows, and the renderer knows every
 * node the schema lets through.
 *
 * tiptap 3's StarterKit already contains Link (and Underline); adding Link separately would
 * register it twice, so the link is configured through StarterKit's `link` option.
 */
export const richTextExtensions: Extensions = [
  StarterKit.configure({
    code: false,
    codeBlock: false,
    strike: false,
    underline: false,
    horizontalRule: false,
    heading: { levels: [...HEADING_LEVELS] },
    link: {
      openOnClick: false,
      autolink: true,
      linkOnPaste: true,
      markdownLinks: false,
      defaultProtocol: "https",
      // No target: opening a new window unannounced is an accessibility problem (WCAG 3.2.5).
      HTMLAttributes: { rel: LINK_REL, target: null, class: null },
      // isAllowedUri guards setLink, pasted <a href> and rendering; the default would also allow
      // ftp:, tel:, sms: and relative addresses, which the schema refuses.
      isAllowedUri: (url) => isAllowedLinkHref(url),
      shouldAutoLink: (url) => isAllowedLinkHref(url),
    },
  }),
  RichTextMention,
];

export type MentionSuggestionOptions = MentionOptions<unknown, MentionNode["attrs"]>["suggestion"];

/** The same extensions, with the "@" suggestion plugin of an editor that can offer people. */
export function withMentionSuggestions(suggestion: MentionSuggestionOptions): Extensions {
  return richTextExtensions.map((extension) =>
    extension === RichTextMention ? RichTextMention.configure({ suggestion }) : extension,
  );
}
