import { generateHTML } from "@tiptap/html/server";
import sanitizeHtml from "sanitize-html";
import { richTextExtensions } from "./extensions";
import type { RichTextDocument } from "./schema";
import { LINK_REL, isAllowedLinkHref, isMentionUserId, richTextDocumentSchema } from "./schema";

const ORDERED_LIST_TYPES = ["1", "a", "A", "i", "I"];
/**
 * A tag name that is not allowed: a transform that returns it keeps the element's text and
 * drops the element with all its attributes (disallowedTagsMode "discard").
 */
const UNWRAP = "unwrap";
/** What the HTML parser strips around attribute values: ASCII whitespace and C0 controls. */
// eslint-disable-next-line no-control-regex -- the control characters are the point
const SURROUNDING_WHITESPACE = /^[\s\u0000-\u001f]+|[\s\u0000-\u001f]+$/g;

/**
 * The only HTML a rich-text field may put on a page. Even our own renderer's output passes
 * through it: the schema is the first line of defence, this is the second, and it is also the
 * one that protects against HTML that never went through the schema (imports, old data).
 */
const sanitizeOptions: sanitizeHtml.IOptions = {
  // span only as a mention: any other span is unwrapped in transformTags below.
  allowedTags: [
    "p",
    "h2",
    "h3",
    "h4",
    "ul",
    "ol",
    "li",
    "blockquote",
    "strong",
    "em",
    "br",
    "a",
    "span",
  ],
  allowedAttributes: {
    // Values are decided in transformTags below: sanitize-html's own `values` option would
    // leave a disallowed value behind as an empty attribute.
    a: ["href", "rel", "target"],
    // Keeps the numbering of a list that continues after a paragraph ("3. …").
    ol: ["start", "type"],
    span: ["class", "data-user-id"],
  },
  allowedClasses: { span: ["mention"] },
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesByTag: {},
  allowedSchemesAppliedToAttributes: ["href"],
  allowProtocolRelative: false,
  disallowedTagsMode: "discard",
  // Content of these is code, styling or a fallback for plugins, never text for the reader.
  nonTextTags: [
    "script",
    "style",
    "textarea",
    "option",
    "xmp",
    "noscript",
    "noembed",
    "noframes",
    "iframe",
    "title",
    "template",
  ],
  nestingLimit: 40,
  parseStyleAttributes: false,
  transformTags: {
    // Raw HTML (imports) may use the presentational tags; the page only knows strong and em.
    b: "strong",
    i: "em",
    a: (tagName, attribs): sanitizeHtml.Tag => {
      // Browsers ignore surrounding whitespace in href; inside it, isAllowedLinkHref refuses it.
      const href = (attribs.href ?? "").replace(SURROUNDING_WHITESPACE, "");
      // A link we cannot trust keeps its text, and only its text.
      if (!isAllowedLinkHref(href)) return { tagName: UNWRAP, attribs: {} };
      const linkAttribs: sanitizeHtml.Attributes = { href, rel: LINK_REL };
      if (attribs.target === "_blank") linkAttribs.target = "_blank";
      return { tagName, attribs: linkAttribs };
    },
    ol: (tagName, attribs): sanitizeHtml.Tag => {
      // Checked here for the same reason as the link's target.
      const listAttribs: sanitizeHtml.Attributes = {};
      if (attribs.start !== undefined && /^\d{1,7}$/.test(attribs.start)) {
        listAttribs.start = attribs.start;
      }
      if (attribs.type !== undefined && ORDERED_LIST_TYPES.includes(attribs.type)) {
        listAttribs.type = attribs.type;
      }
      return { tagName, attribs: listAttribs };
    },
    span: (tagName, attribs): sanitizeHtml.Tag => {
      // Exactly what renderRichText makes of a mention, or only the text: no other classes, no
      // style, and the user id must be a UUID, so it can never carry markup or a script URL.
      const userId = attribs["data-user-id"];
      if (attribs.class !== "mention" || !isMentionUserId(userId)) {
        return { tagName: UNWRAP, attribs: {} };
      }
      return { tagName, attribs: { class: "mention", "data-user-id": userId } };
    },
  },
};

/** Sanitizes any rich-text HTML before it reaches a page (dangerouslySetInnerHTML). */
export function sanitizeRichHtml(html: string): string {
  return sanitizeHtml(html, sanitizeOptions);
}

/**
 * The HTML of a document, for `<div className="rich-text" dangerouslySetInnerHTML=…>`.
 * Throws on a document the schema refuses: stored documents were validated on the way in, so
 * an invalid one is a bug or tampering, not something to show half of.
 *
 * Costs a few milliseconds (tiptap builds the schema and a happy-dom window on every call):
 * fine for a detail page, but list pages should show plainTextOf/excerpt instead.
 */
export function renderRichText(doc: RichTextDocument): string {
  const result = richTextDocumentSchema.safeParse(doc);
  if (!result.success) {
    throw new Error(`Invalid rich-text document: ${result.error.issues[0]?.message ?? ""}`);
  }
  return sanitizeRichHtml(generateHTML(result.data, richTextExtensions));
}
