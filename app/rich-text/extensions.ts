import type { Extensions } from "@tiptap/core";
import { StarterKit } from "@tiptap/starter-kit";
import { HEADING_LEVELS, LINK_REL, isAllowedLinkHref } from "./schema";

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
];
