import { z } from "zod";

/**
 * The rich-text document of the Ideenbörse: tiptap JSON restricted to an explicit allow-list.
 *
 * Pure on purpose: the editor (browser), the actions (server) and the renderer all import it, so
 * the one place that decides what a document may contain is the same everywhere. Anything not
 * listed here – other node or mark types, other attributes – makes a document invalid instead of
 * being dropped silently, because a submission with such content did not come from our editor.
 */

export const RICH_TEXT_LIMITS = {
  /** Characters of text (UTF-16 code units, as `String.length` and `maxlength` count them). */
  maxTextLength: 50_000,
  /** Nesting below the document: text in a paragraph is at depth 2, so lists nest a few levels. */
  maxDepth: 10,
  /** Nodes including the document itself; bounds the work of validating and rendering. */
  maxNodes: 5_000,
  /** A serialized document beyond this cannot be within the limits above; refuse it unparsed. */
  maxJsonLength: 1_000_000,
  /** Longer addresses are almost certainly not typed by a person. */
  maxHrefLength: 2_000,
  /** A mention's display name; the directory's names are far shorter. */
  maxMentionLabelLength: 120,
} as const;

/** Set on every rendered link; stored links may only carry this value (or none). */
export const LINK_REL = "noopener noreferrer nofollow";

export const ALLOWED_LINK_PROTOCOLS = ["http:", "https:", "mailto:"] as const;

/** h1 is the page's own title, so a document starts at h2. */
export const HEADING_LEVELS = [2, 3, 4] as const;
const ORDERED_LIST_TYPES = ["1", "a", "A", "i", "I"] as const;

const germanNumber = new Intl.NumberFormat("de-DE");

export const RICH_TEXT_MESSAGES = {
  unreadable:
    "Der Text konnte nicht gelesen werden. Bitte laden Sie die Seite neu und versuchen Sie es noch einmal.",
  tooLong: `Der Text ist zu lang. Erlaubt sind höchstens ${germanNumber.format(
    RICH_TEXT_LIMITS.maxTextLength,
  )} Zeichen.`,
  tooManyNodes:
    "Der Text hat zu viele Absätze, Listenpunkte oder Formatierungen. Bitte kürzen Sie ihn.",
  tooDeep:
    "Listen und Zitate sind zu tief ineinander verschachtelt. Bitte vereinfachen Sie die Gliederung.",
  invalidLink:
    "Ein Link hat keine gültige Adresse. Erlaubt sind Adressen, die mit https://, http:// oder mailto: beginnen.",
  invalidMention:
    "Eine Erwähnung ist ungültig. Bitte entfernen Sie sie und wählen Sie die Person nach Eingabe von @ erneut aus der Liste aus.",
} as const;

// --- Types ------------------------------------------------------------------------------------

export interface BoldMark {
  type: "bold";
}
export interface ItalicMark {
  type: "italic";
}
export interface LinkMark {
  type: "link";
  attrs: {
    href: string;
    // tiptap's getJSON() always writes every attribute of the link mark, so the keys we never
    // use must be accepted – but only with the values our own configuration produces.
    target?: "_blank" | null;
    rel?: typeof LINK_REL | null;
    class?: null;
    title?: null;
  };
}
export type RichTextMark = BoldMark | ItalicMark | LinkMark;

export interface TextNode {
  type: "text";
  text: string;
  marks?: RichTextMark[];
}
/** A hard break typed while bold is active carries the mark, so marks are allowed here too. */
export interface HardBreakNode {
  type: "hardBreak";
  marks?: RichTextMark[];
}
/** An @mention of a person: the id is the user's UUID, the label the name shown after "@". */
export interface MentionNode {
  type: "mention";
  attrs: { id: string; label: string };
}
export type InlineNode = TextNode | HardBreakNode | MentionNode;

export interface ParagraphNode {
  type: "paragraph";
  content?: InlineNode[];
}
export interface HeadingNode {
  type: "heading";
  attrs: { level: (typeof HEADING_LEVELS)[number] };
  content?: InlineNode[];
}
export interface BlockquoteNode {
  type: "blockquote";
  content: BlockNode[];
}
/** The first child is always a paragraph (tiptap's content expression "paragraph block*"). */
export interface ListItemNode {
  type: "listItem";
  content: BlockNode[];
}
export interface BulletListNode {
  type: "bulletList";
  content: ListItemNode[];
}
export interface OrderedListNode {
  type: "orderedList";
  attrs?: {
    // tiptap parses a pasted start="x" into NaN, which JSON turns into null.
    start?: number | null;
    type?: (typeof ORDERED_LIST_TYPES)[number] | null;
  };
  content: ListItemNode[];
}
export type BlockNode =
  ParagraphNode | HeadingNode | BlockquoteNode | BulletListNode | OrderedListNode;

export interface RichTextDocument {
  type: "doc";
  content: BlockNode[];
}

export type RichTextParseResult =
  { ok: true; doc: RichTextDocument } | { ok: false; message: string };

export const emptyDocument: RichTextDocument = Object.freeze({
  type: "doc",
  content: Object.freeze([Object.freeze({ type: "paragraph" })]) as BlockNode[],
}) as RichTextDocument;

// --- Links ------------------------------------------------------------------------------------

/** Whitespace, control, zero-width and bidi characters: invisible, and used to disguise schemes. */
const INVISIBLE_IN_HREF =
  // eslint-disable-next-line no-control-regex -- control characters are exactly what we refuse
  /[\s\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060\u2066-\u2069\ufeff]/u;

/**
 * Whether an address may become a link. Deliberately stricter than browsers: no whitespace or
 * control characters anywhere (they are how `java\tscript:` and friends get past naive checks),
 * the scheme must be literally at the start, and relative addresses are refused because a link
 * in an idea always points somewhere else.
 */
export function isAllowedLinkHref(href: unknown): href is string {
  if (typeof href !== "string") return false;
  if (href.length === 0 || href.length > RICH_TEXT_LIMITS.maxHrefLength) return false;
  if (INVISIBLE_IN_HREF.test(href)) return false;
  const scheme = /^(https?|mailto):/i.exec(href);
  if (!scheme) return false;
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return false;
  }
  if (!(ALLOWED_LINK_PROTOCOLS as readonly string[]).includes(url.protocol)) return false;
  if (url.protocol === "mailto:") return url.pathname.includes("@");
  return href.slice(scheme[0].length).startsWith("//") && url.hostname.length > 0;
}

/**
 * Turns what a person types into the link field into an address, or null if it cannot be one:
 * "www.example.org" gets https://, "name@example.org" gets mailto:.
 */
export function normalizeLinkInput(input: string): string | null {
  const value = input.trim();
  if (value === "") return null;
  let candidate = value;
  if (/^[^\s@/:]+@[^\s@/:]+\.[^\s@/:]+$/.test(value)) candidate = `mailto:${value}`;
  else if (!/^[a-z][a-z0-9+.-]*:/i.test(value)) candidate = `https://${value}`;
  return isAllowedLinkHref(candidate) ? candidate : null;
}

// --- Mentions ---------------------------------------------------------------------------------

/** Lower case only, as PostgreSQL writes uuids: ids can then be compared as plain strings. */
const USER_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Control characters, line separators and bidi controls: a name never needs them. */
const FORBIDDEN_IN_LABEL =
  // eslint-disable-next-line no-control-regex -- control characters are exactly what we refuse
  /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;

/** Whether a value may be the id of a mention (and its `data-user-id` in HTML). */
export function isMentionUserId(value: unknown): value is string {
  return typeof value === "string" && USER_ID.test(value);
}

/** Whether a value may be the label of a mention: a visible name of at most 120 characters. */
export function isMentionLabel(value: unknown): value is string {
  return (
    typeof value === "string" &&
    value.trim() !== "" &&
    value.length <= RICH_TEXT_LIMITS.maxMentionLabelLength &&
    !FORBIDDEN_IN_LABEL.test(value)
  );
}

// --- Zod schema -------------------------------------------------------------------------------

/** Marks our messages so parseRichTextJson can tell them from zod's generic English ones. */
const OWN_MESSAGE = { richText: true } as const;

const linkMarkSchema = z
  .object({
    type: z.literal("link"),
    attrs: z
      .object({
        href: z.string().refine(isAllowedLinkHref, {
          message: RICH_TEXT_MESSAGES.invalidLink,
          params: OWN_MESSAGE,
        }),
        target: z.literal("_blank").nullable().optional(),
        rel: z.literal(LINK_REL).nullable().optional(),
        class: z.null().optional(),
        title: z.null().optional(),
      })
      .strict(),
  })
  .strict();

const markSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("bold") }).strict(),
  z.object({ type: z.literal("italic") }).strict(),
  linkMarkSchema,
]);

const marksSchema = z
  .array(markSchema)
  .max(3)
  .refine((marks) => new Set(marks.map((mark) => mark.type)).size === marks.length, {
    message: "Each mark type may appear only once on a node.",
  });

const inlineSchema = z.discriminatedUnion("type", [
  z
    .object({
      type: z.literal("text"),
      // ProseMirror refuses empty text nodes; PostgreSQL refuses NUL in text and jsonb.
      text: z
        .string()
        .min(1)
        .refine((text) => !text.includes("\u0000"), "Text must not contain NUL."),
      marks: marksSchema.optional(),
    })
    .strict(),
  z.object({ type: z.literal("hardBreak"), marks: marksSchema.optional() }).strict(),
  // No marks: the editor's mention node does not take any (see extensions.ts).
  z
    .object({
      type: z.literal("mention"),
      attrs: z
        .object({
          id: z.string().refine(isMentionUserId, {
            message: RICH_TEXT_MESSAGES.invalidMention,
            params: OWN_MESSAGE,
          }),
          label: z.string().refine(isMentionLabel, {
            message: RICH_TEXT_MESSAGES.invalidMention,
            params: OWN_MESSAGE,
          }),
        })
        .strict(),
    })
    .strict(),
]);

const blockSchema: z.ZodType<BlockNode> = z.lazy(() =>
  z.discriminatedUnion("type", [
    z.object({ type: z.literal("paragraph"), content: z.array(inlineSchema).optional() }).strict(),
    z
      .object({
        type: z.literal("heading"),
        attrs: z.object({ level: z.union([z.literal(2), z.literal(3), z.literal(4)]) }).strict(),
        content: z.array(inlineSchema).optional(),
      })
      .strict(),
    z.object({ type: z.literal("blockquote"), content: z.array(blockSchema).min(1) }).strict(),
    z.object({ type: z.literal("bulletList"), content: z.array(listItemSchema).min(1) }).strict(),
    z
      .object({
        type: z.literal("orderedList"),
        attrs: z
          .object({
            start: z.number().int().min(0).max(1_000_000).nullable().optional(),
            type: z.enum(ORDERED_LIST_TYPES).nullable().optional(),
          })
          .strict()
          .optional(),
        content: z.array(listItemSchema).min(1),
      })
      .strict(),
  ]),
);

const listItemSchema: z.ZodType<ListItemNode> = z.lazy(() =>
  z
    .object({
      type: z.literal("listItem"),
      content: z
        .array(blockSchema)
        .min(1)
        .refine((content) => content[0]?.type === "paragraph", {
          message: "A list item starts with a paragraph.",
        }),
    })
    .strict(),
);

const documentStructureSchema = z
  .object({ type: z.literal("doc"), content: z.array(blockSchema).min(1) })
  .strict();

interface Measurement {
  exceeded?: "tooLong" | "tooManyNodes" | "tooDeep";
}

/** The characters a node shows: its text, or "@Label" for a mention, as plainTextOf writes it. */
function visibleLength(node: object): number {
  const { type, text, attrs } = node as { type?: unknown; text?: unknown; attrs?: unknown };
  if (typeof text === "string") return text.length;
  if (type !== "mention" || typeof attrs !== "object" || attrs === null) return 0;
  const { label } = attrs as { label?: unknown };
  return typeof label === "string" ? label.length + 1 : 0;
}

/**
 * Checks the limits before zod walks the structure: iterative, so a hostile document nested a
 * million levels deep cannot overflow the stack, and it stops at the first limit it crosses.
 */
function measure(value: unknown): Measurement {
  const stack: { node: unknown; depth: number }[] = [{ node: value, depth: 0 }];
  let nodes = 1;
  let textLength = 0;
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (typeof node !== "object" || node === null) continue;
    const { content } = node as { content?: unknown };
    textLength += visibleLength(node);
    if (textLength > RICH_TEXT_LIMITS.maxTextLength) return { exceeded: "tooLong" };
    if (!Array.isArray(content) || content.length === 0) continue;
    if (depth + 1 > RICH_TEXT_LIMITS.maxDepth) return { exceeded: "tooDeep" };
    nodes += content.length;
    if (nodes > RICH_TEXT_LIMITS.maxNodes) return { exceeded: "tooManyNodes" };
    for (const child of content) stack.push({ node: child, depth: depth + 1 });
  }
  return {};
}

/** Validates tiptap JSON strictly against the allow-list and the limits. */
export const richTextDocumentSchema = z
  .unknown()
  .superRefine((value, ctx) => {
    const { exceeded } = measure(value);
    if (exceeded) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message: RICH_TEXT_MESSAGES[exceeded],
        params: OWN_MESSAGE,
        fatal: true,
      });
    }
  })
  .pipe(documentStructureSchema) as z.ZodType<RichTextDocument, z.ZodTypeDef, unknown>;

function messageOf(error: z.ZodError): string {
  const own = error.issues.find(
    (issue) => issue.code === z.ZodIssueCode.custom && issue.params?.richText === true,
  );
  return own?.message ?? RICH_TEXT_MESSAGES.unreadable;
}

/** Validates an already parsed value; the German message suits a field error. */
export function validateRichTextDocument(value: unknown): RichTextParseResult {
  const result = richTextDocumentSchema.safeParse(value);
  return result.success
    ? { ok: true, doc: result.data }
    : { ok: false, message: messageOf(result.error) };
}

/** Parses the editor's hidden form field (JSON.stringify(editor.getJSON())). */
export function parseRichTextJson(raw: string): RichTextParseResult {
  if (raw.length > RICH_TEXT_LIMITS.maxJsonLength) {
    return { ok: false, message: RICH_TEXT_MESSAGES.tooLong };
  }
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return { ok: false, message: RICH_TEXT_MESSAGES.unreadable };
  }
  return validateRichTextDocument(value);
}

// --- Plain text -------------------------------------------------------------------------------

function inlineText(content: InlineNode[] | undefined): string {
  let text = "";
  for (const node of content ?? []) {
    if (node.type === "text") text += node.text;
    else if (node.type === "mention") text += `@${node.attrs.label}`;
    else text += "\n";
  }
  return text;
}

/** The inline content of every paragraph and heading (also in quotes and lists), in order. */
function inlineBlocksOf(
  blocks: BlockNode[],
  into: (InlineNode[] | undefined)[] = [],
): (InlineNode[] | undefined)[] {
  for (const block of blocks) {
    if (block.type === "paragraph" || block.type === "heading") into.push(block.content);
    else if (block.type === "blockquote") inlineBlocksOf(block.content, into);
    else for (const item of block.content) inlineBlocksOf(item.content, into);
  }
  return into;
}

/**
 * The text of a document for search, previews and the no-JavaScript textarea: one line per
 * paragraph, heading or list paragraph (hard breaks become newlines too), trimmed.
 * Pass blockSeparator "\n\n" when the text goes back through documentFromPlainText.
 */
export function plainTextOf(
  doc: RichTextDocument,
  options: { blockSeparator?: string } = {},
): string {
  return inlineBlocksOf(doc.content)
    .map(inlineText)
    .filter((block) => block.trim() !== "")
    .join(options.blockSeparator ?? "\n")
    .trim();
}

// --- Mentions in a document -------------------------------------------------------------------

/** The ids of the people a document mentions, each once, in reading order (for notifications). */
export function mentionedUserIds(doc: RichTextDocument): string[] {
  const ids = new Set<string>();
  for (const content of inlineBlocksOf(doc.content)) {
    for (const node of content ?? []) if (node.type === "mention") ids.add(node.attrs.id);
  }
  return [...ids];
}

/**
 * The document with every mention replaced, e.g. by one carrying the person's current name from
 * the directory, or by the text "@Name" where that person may not be mentioned. A submitted
 * label is only the author's word, so the server should decide what is shown.
 */
export function mapMentions(
  doc: RichTextDocument,
  replace: (mention: MentionNode) => InlineNode,
): RichTextDocument {
  const mapBlocks = (blocks: BlockNode[]): BlockNode[] =>
    blocks.map((block): BlockNode => {
      if (block.type === "paragraph" || block.type === "heading") {
        if (!block.content) return block;
        const content = block.content.map((node) =>
          node.type === "mention" ? replace(node) : node,
        );
        return { ...block, content };
      }
      if (block.type === "blockquote") return { ...block, content: mapBlocks(block.content) };
      const items = block.content.map((item) => ({ ...item, content: mapBlocks(item.content) }));
      return { ...block, content: items };
    });
  return { ...doc, content: mapBlocks(doc.content) };
}

/**
 * Shortens text for a preview at a word boundary and adds "…"; whitespace (including the
 * newlines of plainTextOf) collapses to single spaces so a preview stays one flowing line.
 */
export function excerpt(text: string, max: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= max) return flat;
  if (max <= 1) return "…";
  let cut = flat.slice(0, max - 1);
  const lastSpace = cut.lastIndexOf(" ");
  // Cutting inside a word reads worse than a slightly shorter excerpt, unless the word is huge.
  if (lastSpace >= Math.floor((max - 1) * 0.6)) cut = cut.slice(0, lastSpace);
  // Never leave half of a surrogate pair (an emoji) at the end.
  if (/[\ud800-\udbff]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}…`;
}

/**
 * The document for plain text, e.g. from the no-JavaScript textarea: blank lines separate
 * paragraphs, single newlines become hard breaks. Limits are not checked here – use
 * parseRichTextPlainText, which does.
 */
export function documentFromPlainText(text: string): RichTextDocument {
  const normalized = text
    .replace(/\r\n?|[\u2028\u2029]/g, "\n")
    // eslint-disable-next-line no-control-regex -- control characters other than tab/newline
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, "")
    .trim();
  if (normalized === "") return { type: "doc", content: [{ type: "paragraph" }] };
  const paragraphs: ParagraphNode[] = normalized.split(/\n(?:[ \t]*\n)+/).map((paragraph) => {
    const content: InlineNode[] = [];
    paragraph.split("\n").forEach((line, index) => {
      if (index > 0) content.push({ type: "hardBreak" });
      if (line !== "") content.push({ type: "text", text: line });
    });
    return { type: "paragraph", content };
  });
  return { type: "doc", content: paragraphs };
}

/** The no-JavaScript fallback field (`${name}Text`) as a validated document. */
export function parseRichTextPlainText(text: string): RichTextParseResult {
  if (text.length > RICH_TEXT_LIMITS.maxTextLength * 2) {
    return { ok: false, message: RICH_TEXT_MESSAGES.tooLong };
  }
  return validateRichTextDocument(documentFromPlainText(text));
}
