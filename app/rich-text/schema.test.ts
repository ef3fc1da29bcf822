import { getSchema } from "@tiptap/core";
import { Node } from "@tiptap/pm/model";
import { richTextExtensions } from "./extensions";
import type { RichTextDocument } from "./schema";
import {
  RICH_TEXT_LIMITS,
  RICH_TEXT_MESSAGES,
  documentFromPlainText,
  emptyDocument,
  excerpt,
  isAllowedLinkHref,
  mapMentions,
  mentionedUserIds,
  normalizeLinkInput,
  parseRichTextJson,
  parseRichTextPlainText,
  plainTextOf,
  richTextDocumentSchema,
  validateRichTextDocument,
} from "./schema";

const text = (value: string, marks?: unknown[]) =>
  marks ? { type: "text", text: value, marks } : { type: "text", text: value };
const paragraph = (...content: unknown[]) =>
  content.length ? { type: "paragraph", content } : { type: "paragraph" };
const doc = (...content: unknown[]) => ({ type: "doc", content });
const link = (href: string, extra: Record<string, unknown> = {}) => ({
  type: "link",
  attrs: { href, ...extra },
});

/** A document using every allowed node and mark, as tiptap's getJSON() writes it. */
const everything = doc(
  { type: "heading", attrs: { level: 2 }, content: [text("Ideen für den Stadtteil")] },
  paragraph(
    text("Wir "),
    text("treffen", [{ type: "bold" }]),
    text(" uns ", [{ type: "italic" }]),
    { type: "hardBreak" },
    text("jeden Montag", [
      {
        type: "link",
        attrs: {
          href: "https://example.org/termine",
          target: null,
          rel: "noopener noreferrer nofollow",
          class: null,
          title: null,
        },
      },
      { type: "bold" },
    ]),
  ),
  { type: "heading", attrs: { level: 3 }, content: [text("Was wir brauchen")] },
  {
    type: "bulletList",
    content: [
      { type: "listItem", content: [paragraph(text("Räume"))] },
      {
        type: "listItem",
        content: [
          paragraph(text("Menschen")),
          {
            type: "orderedList",
            attrs: { start: 1, type: null },
            content: [{ type: "listItem", content: [paragraph(text("Ehrenamtliche"))] }],
          },
        ],
      },
    ],
  },
  { type: "blockquote", content: [paragraph(text("Gemeinsam geht mehr."))] },
  { type: "heading", attrs: { level: 4 }, content: [text("Kontakt")] },
  paragraph(text("Schreiben Sie an "), text("uns", [link("mailto:idee@example.org")])),
  paragraph(),
);

function expectInvalid(value: unknown) {
  expect(richTextDocumentSchema.safeParse(value).success).toBe(false);
}

function nested(depth: number): unknown {
  // depth levels of blockquote, each needing a paragraph at the bottom.
  let node: unknown = paragraph(text("tief"));
  for (let level = 0; level < depth; level += 1) node = { type: "blockquote", content: [node] };
  return doc(node);
}

describe("richTextDocumentSchema: valid documents", () => {
  it("accepts every allowed node, mark and attribute", () => {
    const result = richTextDocumentSchema.safeParse(everything);
    expect(result.error?.issues).toBeUndefined();
    expect(result.data).toEqual(everything);
  });

  it("accepts the empty document", () => {
    expect(richTextDocumentSchema.safeParse(emptyDocument).success).toBe(true);
  });

  it("accepts exactly what the shared tiptap schema serializes", () => {
    // Round trip through ProseMirror: the JSON the editor posts must pass unchanged.
    const schema = getSchema(richTextExtensions);
    const minimal = doc(
      paragraph(text("a", [link("https://example.org")]), { type: "hardBreak" }),
      { type: "orderedList", content: [{ type: "listItem", content: [paragraph(text("b"))] }] },
    );
    const json = Node.fromJSON(schema, minimal).toJSON();
    expect(json.content[0].content[0].marks[0].attrs).toEqual({
      href: "https://example.org",
      target: null,
      rel: "noopener noreferrer nofollow",
      class: null,
      title: null,
    });
    expect(richTextDocumentSchema.safeParse(json).success).toBe(true);
  });

  it("accepts a hard break that carries marks", () => {
    expect(
      richTextDocumentSchema.safeParse(
        doc(paragraph({ type: "hardBreak", marks: [{ type: "bold" }] })),
      ).success,
    ).toBe(true);
  });

  it("accepts pasted ordered-list numbering", () => {
    const list = (attrs: unknown) => ({
      type: "orderedList",
      attrs,
      content: [{ type: "listItem", content: [paragraph(text("x"))] }],
    });
    expect(richTextDocumentSchema.safeParse(doc(list({ start: 3, type: "a" }))).success).toBe(true);
    expect(richTextDocumentSchema.safeParse(doc(list({ start: null }))).success).toBe(true);
  });
});

describe("richTextDocumentSchema: refused documents", () => {
  it.each([
    ["image", { type: "image", attrs: { src: "x" } }],
    ["iframe", { type: "iframe", attrs: { src: "https://example.org" } }],
    ["codeBlock", { type: "codeBlock", content: [text("x")] }],
    ["horizontalRule", { type: "horizontalRule" }],
    ["table", { type: "table", content: [] }],
    ["html", { type: "html", content: "<script>alert(1)</script>" }],
  ])("refuses the unknown block type %s", (_name, node) => {
    expectInvalid(doc(node));
  });

  it.each([["code"], ["strike"], ["underline"], ["highlight"], ["textStyle"], ["script"]])(
    "refuses the unknown mark %s",
    (type) => {
      expectInvalid(doc(paragraph(text("x", [{ type }]))));
    },
  );

  it.each([
    ["a heading of level 1", { type: "heading", attrs: { level: 1 }, content: [text("x")] }],
    ["a heading of level 5", { type: "heading", attrs: { level: 5 }, content: [text("x")] }],
    ["a heading without level", { type: "heading", content: [text("x")] }],
    ["a heading with a string level", { type: "heading", attrs: { level: "2" } }],
    ["attributes on a paragraph", { type: "paragraph", attrs: { class: "x" } }],
    ["an id on a heading", { type: "heading", attrs: { level: 2, id: "x" } }],
    ["a style on a paragraph", { type: "paragraph", attrs: { style: "color:red" } }],
    ["marks on a paragraph", { type: "paragraph", marks: [{ type: "bold" }] }],
    ["text on a paragraph", { type: "paragraph", text: "x" }],
    ["an unknown key on a node", { type: "paragraph", html: "<b>x</b>" }],
    ["an empty text node", paragraph({ type: "text", text: "" })],
    ["a text node without text", paragraph({ type: "text" })],
    ["a text node with a number", paragraph({ type: "text", text: 42 })],
    ["NUL in text", paragraph(text("a\u0000b"))],
    ["attributes on bold", paragraph(text("x", [{ type: "bold", attrs: { style: "x" } }]))],
    ["a mark twice", paragraph(text("x", [{ type: "bold" }, { type: "bold" }]))],
    ["text directly in the document", text("x")],
    ["a list item outside a list", { type: "listItem", content: [paragraph()] }],
    ["an empty list", { type: "bulletList", content: [] }],
    ["a paragraph inside a list", { type: "bulletList", content: [paragraph(text("x"))] }],
    [
      "a list item starting with a list",
      {
        type: "bulletList",
        content: [
          {
            type: "listItem",
            content: [
              {
                type: "bulletList",
                content: [{ type: "listItem", content: [paragraph(text("x"))] }],
              },
            ],
          },
        ],
      },
    ],
    ["an empty blockquote", { type: "blockquote", content: [] }],
    ["a block inside a paragraph", paragraph(paragraph(text("x")))],
    [
      "an ordered list with a made-up type",
      {
        type: "orderedList",
        attrs: { type: "disc" },
        content: [{ type: "listItem", content: [paragraph(text("x"))] }],
      },
    ],
  ])("refuses %s", (_name, node) => {
    expectInvalid(doc(node));
  });

  it.each([
    ["no content", { type: "doc" }],
    ["empty content", { type: "doc", content: [] }],
    ["another root type", { type: "paragraph", content: [text("x")] }],
    ["attributes on the document", { type: "doc", attrs: { x: 1 }, content: [paragraph()] }],
    ["null", null],
    ["a string", "<p>x</p>"],
    ["an array", [paragraph()]],
  ])("refuses a document with %s", (_name, value) => {
    expectInvalid(value);
  });

  describe("links", () => {
    it.each([
      "javascript:alert(1)",
      "JaVaScRiPt:alert(1)",
      " javascript:alert(1)",
      "java\tscript:alert(1)",
      "java\nscript:alert(1)",
      "\u0001javascript:alert(1)",
      "&#106;avascript:alert(1)",
      "vbscript:msgbox(1)",
      "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
      "file:///etc/passwd",
      "ftp://example.org",
      "tel:+49301234567",
      "/relative/path",
      "example.org",
      "//example.org",
      "https:example.org",
      "https://",
      "https://exa mple.org",
      "https://example.org/\u200bx",
      "https://example.org/\u202etxt.exe",
      "ｈｔｔｐｓ://example.org",
      "jаvascript:alert(1)", // Cyrillic а
      "mailto:",
      "mailto:?subject=x",
      `https://example.org/${"a".repeat(RICH_TEXT_LIMITS.maxHrefLength)}`,
    ])("refuses the href %j", (href) => {
      expect(isAllowedLinkHref(href)).toBe(false);
      const result = validateRichTextDocument(doc(paragraph(text("x", [link(href)]))));
      expect(result).toEqual({ ok: false, message: RICH_TEXT_MESSAGES.invalidLink });
    });

    it.each([
      "https://example.org",
      "http://example.org/pfad?frage=1#anker",
      "HTTPS://EXAMPLE.ORG",
      "https://bücherei.example/",
      "mailto:idee@example.org",
      "mailto:idee@example.org?subject=Hallo",
    ])("accepts the href %j", (href) => {
      expect(isAllowedLinkHref(href)).toBe(true);
      expect(
        richTextDocumentSchema.safeParse(doc(paragraph(text("x", [link(href)])))).success,
      ).toBe(true);
    });

    it.each([
      ["a title", { title: "x" }],
      ["a class", { class: "evil" }],
      ["another target", { target: "_top" }],
      ["another rel", { rel: "opener" }],
      ["an event handler", { onclick: "alert(1)" }],
      ["a style", { style: "background:url(javascript:alert(1))" }],
    ])("refuses a link with %s", (_name, extra) => {
      expectInvalid(doc(paragraph(text("x", [link("https://example.org", extra)]))));
    });

    it("refuses a link without href", () => {
      expectInvalid(doc(paragraph(text("x", [{ type: "link", attrs: {} }]))));
      expectInvalid(doc(paragraph(text("x", [{ type: "link" }]))));
    });
  });
});

describe("limits", () => {
  it("accepts exactly the maximum text length, spread over nodes", () => {
    const half = "a".repeat(RICH_TEXT_LIMITS.maxTextLength / 2);
    expect(
      richTextDocumentSchema.safeParse(doc(paragraph(text(half)), paragraph(text(half)))).success,
    ).toBe(true);
  });

  it("refuses one character more with the German message", () => {
    const half = "a".repeat(RICH_TEXT_LIMITS.maxTextLength / 2);
    const result = validateRichTextDocument(
      doc(paragraph(text(half)), paragraph(text(`${half}a`))),
    );
    expect(result).toEqual({ ok: false, message: RICH_TEXT_MESSAGES.tooLong });
    expect(RICH_TEXT_MESSAGES.tooLong).toContain("50.000 Zeichen");
  });

  it("accepts the maximum depth and refuses one level more", () => {
    // doc > blockquote × n > paragraph > text: the text sits at depth n + 2.
    const maxQuotes = RICH_TEXT_LIMITS.maxDepth - 2;
    expect(richTextDocumentSchema.safeParse(nested(maxQuotes)).success).toBe(true);
    expect(validateRichTextDocument(nested(maxQuotes + 1))).toEqual({
      ok: false,
      message: RICH_TEXT_MESSAGES.tooDeep,
    });
  });

  it("refuses absurd nesting without overflowing the stack", () => {
    let node: unknown = paragraph(text("x"));
    for (let level = 0; level < 100_000; level += 1) node = { type: "blockquote", content: [node] };
    expect(validateRichTextDocument(doc(node))).toEqual({
      ok: false,
      message: RICH_TEXT_MESSAGES.tooDeep,
    });
  });

  it("accepts the maximum node count and refuses one more", () => {
    // The document itself, then n paragraphs of one text each, topped up with empty paragraphs.
    const withNodes = (count: number) => {
      const content: unknown[] = [];
      let nodes = 1;
      while (nodes + 2 <= count) {
        content.push(paragraph(text("x")));
        nodes += 2;
      }
      while (nodes < count) {
        content.push(paragraph());
        nodes += 1;
      }
      return { type: "doc", content };
    };
    expect(richTextDocumentSchema.safeParse(withNodes(RICH_TEXT_LIMITS.maxNodes)).success).toBe(
      true,
    );
    expect(validateRichTextDocument(withNodes(RICH_TEXT_LIMITS.maxNodes + 1))).toEqual({
      ok: false,
      message: RICH_TEXT_MESSAGES.tooManyNodes,
    });
  });

  it("refuses a huge flat content array early", () => {
    const huge = { type: "doc", content: Array.from({ length: 200_000 }, () => ({ type: "x" })) };
    expect(validateRichTextDocument(huge)).toEqual({
      ok: false,
      message: RICH_TEXT_MESSAGES.tooManyNodes,
    });
  });
});

describe("parseRichTextJson", () => {
  it("parses what the editor posts", () => {
    expect(parseRichTextJson(JSON.stringify(everything))).toEqual({ ok: true, doc: everything });
  });

  it.each([
    [""],
    ["{"],
    ["null"],
    ["<p>Hallo</p>"],
    ['{"type":"doc","content":[{"type":"image"}]}'],
  ])("answers %j with the German reload message", (raw) => {
    expect(parseRichTextJson(raw)).toEqual({ ok: false, message: RICH_TEXT_MESSAGES.unreadable });
  });

  it("refuses an oversized string before parsing it", () => {
    const raw = " ".repeat(RICH_TEXT_LIMITS.maxJsonLength + 1);
    expect(parseRichTextJson(raw)).toEqual({ ok: false, message: RICH_TEXT_MESSAGES.tooLong });
  });

  it("refuses prototype tricks as unknown keys", () => {
    const raw = '{"type":"doc","content":[{"type":"paragraph"}],"__proto__":{"polluted":true}}';
    expect(parseRichTextJson(raw).ok).toBe(false);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("has German messages", () => {
    expect(RICH_TEXT_MESSAGES.unreadable).toBe(
      "Der Text konnte nicht gelesen werden. Bitte laden Sie die Seite neu und versuchen Sie es noch einmal.",
    );
  });
});

describe("plainTextOf", () => {
  it("puts every block on its own line, hard breaks too", () => {
    expect(plainTextOf(everything as RichTextDocument)).toBe(
      [
        "Ideen für den Stadtteil",
        "Wir treffen uns ",
        "jeden Montag",
        "Was wir brauchen",
        "Räume",
        "Menschen",
        "Ehrenamtliche",
        "Gemeinsam geht mehr.",
        "Kontakt",
        "Schreiben Sie an uns",
      ].join("\n"),
    );
  });

  it("is empty for the empty document", () => {
    expect(plainTextOf(emptyDocument)).toBe("");
  });

  it("leaves markup in text as text", () => {
    const value = doc(paragraph(text("<script>alert(1)</script>"))) as RichTextDocument;
    expect(plainTextOf(value)).toBe("<script>alert(1)</script>");
  });

  it("can separate blocks by blank lines for documentFromPlainText", () => {
    const value = doc(
      paragraph(text("Eins")),
      paragraph(),
      paragraph(text("Zwei")),
    ) as RichTextDocument;
    expect(plainTextOf(value, { blockSeparator: "\n\n" })).toBe("Eins\n\nZwei");
  });
});

describe("excerpt", () => {
  it("keeps short text and flattens whitespace", () => {
    expect(excerpt("Hallo\n  Welt ", 50)).toBe("Hallo Welt");
  });

  it("cuts at a word boundary and stays within the maximum", () => {
    const result = excerpt("Gemeinsam kochen im Nachbarschaftszentrum am Montag", 30);
    expect(result).toBe("Gemeinsam kochen im…");
    expect(result.length).toBeLessThanOrEqual(30);
  });

  it("cuts inside a very long word rather than returning almost nothing", () => {
    expect(excerpt("Donaudampfschifffahrtsgesellschaftskapitän", 10)).toBe("Donaudamp…");
  });

  it("never splits an emoji", () => {
    const result = excerpt(`${"a".repeat(8)}😀😀😀`, 10);
    expect(result).toBe(`${"a".repeat(8)}…`);
  });
});

describe("documentFromPlainText", () => {
  it("makes paragraphs from blank lines and hard breaks from single newlines", () => {
    expect(documentFromPlainText("Erste Zeile\r\nzweite Zeile\n\n\n  \nNeuer Absatz")).toEqual({
      type: "doc",
      content: [
        {
          type: "paragraph",
          content: [text("Erste Zeile"), { type: "hardBreak" }, text("zweite Zeile")],
        },
        { type: "paragraph", content: [text("Neuer Absatz")] },
      ],
    });
  });

  it("returns the empty document for blank text", () => {
    expect(documentFromPlainText("  \n\n ")).toEqual(emptyDocument);
  });

  it("keeps markup as text and drops control characters", () => {
    const result = documentFromPlainText("<b>x</b>\u0000\u0007");
    expect(result).toEqual(doc(paragraph(text("<b>x</b>"))));
    expect(richTextDocumentSchema.safeParse(result).success).toBe(true);
  });

  it("round-trips with plainTextOf", () => {
    const original = "Eins\nmit Umbruch\n\nZwei";
    expect(plainTextOf(documentFromPlainText(original), { blockSeparator: "\n\n" })).toBe(original);
  });

  it("is checked against the limits by parseRichTextPlainText", () => {
    expect(parseRichTextPlainText("Hallo").ok).toBe(true);
    expect(parseRichTextPlainText("a".repeat(RICH_TEXT_LIMITS.maxTextLength + 1))).toEqual({
      ok: false,
      message: RICH_TEXT_MESSAGES.tooLong,
    });
  });
});

// --- Mentions ----------------------------------------------------------------------------------

const ANNA = "0000000a-0000-4000-8000-000000000001";
const BERND = "0000000a-0000-4000-8000-000000000002";
const mention = (id: string, label: string) => ({ type: "mention", attrs: { id, label } });

describe("mentions", () => {
  it("are allowed wherever text is: paragraphs, headings, lists and quotes", () => {
    const value = doc(
      { type: "heading", attrs: { level: 2 }, content: [mention(ANNA, "Anna Müller")] },
      paragraph(text("Hallo "), mention(ANNA, "Anna Müller"), text(", siehe oben.")),
      {
        type: "bulletList",
        content: [{ type: "listItem", content: [paragraph(mention(BERND, "Bernd Öztürk"))] }],
      },
      { type: "blockquote", content: [paragraph(mention(BERND, "Bernd Öztürk"))] },
    );
    const result = richTextDocumentSchema.safeParse(value);
    expect(result.error?.issues).toBeUndefined();
    expect(result.data).toEqual(value);
  });

  it("are serialized by the shared tiptap schema with exactly id and label", () => {
    const schema = getSchema(richTextExtensions);
    const value = doc(paragraph(text("an "), mention(ANNA, "Anna Müller"), text(" ")));
    const json = Node.fromJSON(schema, value).toJSON();
    expect(json).toEqual(value);
    expect(richTextDocumentSchema.safeParse(json).success).toBe(true);
    // Marks cannot end up on a mention, e.g. when it is selected along with text made bold.
    expect(schema.nodes.mention?.allowsMarkType(schema.marks.bold!)).toBe(false);
  });

  it.each([
    ["a label of exactly 120 characters", "x".repeat(RICH_TEXT_LIMITS.maxMentionLabelLength)],
    ["a label that looks like markup", '<img src=x onerror="alert(1)">'],
    ["a label with an emoji and accents", "Zoë Ångström 🌻"],
  ])("accept %s", (_name, label) => {
    expect(richTextDocumentSchema.safeParse(doc(paragraph(mention(ANNA, label)))).success).toBe(
      true,
    );
  });

  it.each([
    ["an id that is no UUID", mention("42", "Anna")],
    ["a javascript: id", mention("javascript:alert(1)", "Anna")],
    ["an id breaking out of the attribute", mention(`${ANNA}" onclick="alert(1)`, "Anna")],
    ["an id with markup", mention("<script>alert(1)</script>", "Anna")],
    ["an upper-case UUID", mention(ANNA.toUpperCase(), "Anna")],
    ["a UUID in braces", mention(`{${ANNA}}`, "Anna")],
    ["a UUID with a space", mention(` ${ANNA}`, "Anna")],
    ["an empty id", mention("", "Anna")],
    ["an empty label", mention(ANNA, "")],
    ["a blank label", mention(ANNA, " \t ")],
    ["a label over 120 characters", mention(ANNA, "x".repeat(121))],
    ["a label with a newline", mention(ANNA, "Anna\nMüller")],
    ["a label with NUL", mention(ANNA, "Anna\u0000")],
    ["a label with a bidi override", mention(ANNA, "Anna \u202eeciffo")],
    ["a label with a bidi isolate", mention(ANNA, "\u2067Anna")],
  ])("refuse %s with the German message", (_name, node) => {
    expect(validateRichTextDocument(doc(paragraph(node)))).toEqual({
      ok: false,
      message: RICH_TEXT_MESSAGES.invalidMention,
    });
  });

  it.each([
    ["no attributes", { type: "mention" }],
    ["null attributes", { type: "mention", attrs: null }],
    ["no label", { type: "mention", attrs: { id: ANNA } }],
    ["no id", { type: "mention", attrs: { label: "Anna" } }],
    ["a null label", { type: "mention", attrs: { id: ANNA, label: null } }],
    ["a numeric id", { type: "mention", attrs: { id: 42, label: "Anna" } }],
    ["a label that is no string", { type: "mention", attrs: { id: ANNA, label: ["Anna"] } }],
    [
      "tiptap's trigger character",
      { type: "mention", attrs: { id: ANNA, label: "Anna", mentionSuggestionChar: "@" } },
    ],
    ["a class", { type: "mention", attrs: { id: ANNA, label: "Anna", class: "x" } }],
    ["an event handler", { type: "mention", attrs: { id: ANNA, label: "Anna", onclick: "x" } }],
    ["a style", { type: "mention", attrs: { id: ANNA, label: "Anna", style: "color:red" } }],
    ["an href", { type: "mention", attrs: { id: ANNA, label: "Anna", href: "https://x.de" } }],
    ["marks", { ...mention(ANNA, "Anna"), marks: [{ type: "bold" }] }],
    ["a link mark", { ...mention(ANNA, "Anna"), marks: [link("https://example.org")] }],
    ["content", { ...mention(ANNA, "Anna"), content: [text("x")] }],
    ["text", { ...mention(ANNA, "Anna"), text: "x" }],
  ])("refuse a mention with %s", (_name, node) => {
    expect(validateRichTextDocument(doc(paragraph(node)))).toEqual({
      ok: false,
      message: RICH_TEXT_MESSAGES.unreadable,
    });
  });

  it("refuse a mention outside a paragraph or heading", () => {
    expectInvalid(doc(mention(ANNA, "Anna")));
    expectInvalid(doc({ type: "blockquote", content: [mention(ANNA, "Anna")] }));
  });

  it("count as '@' and label towards the text limit", () => {
    const rest = "a".repeat(RICH_TEXT_LIMITS.maxTextLength - 5);
    expect(validateRichTextDocument(doc(paragraph(text(rest), mention(ANNA, "Anna")))).ok).toBe(
      true,
    );
    expect(validateRichTextDocument(doc(paragraph(text(rest), mention(ANNA, "Annas"))))).toEqual({
      ok: false,
      message: RICH_TEXT_MESSAGES.tooLong,
    });
  });

  it("read as @Label in plain text", () => {
    const value = doc(paragraph(text("Danke "), mention(ANNA, "Anna Müller"), text("!")), {
      type: "blockquote",
      content: [paragraph(mention(BERND, "Bernd"))],
    }) as RichTextDocument;
    expect(plainTextOf(value)).toBe("Danke @Anna Müller!\n@Bernd");
  });

  it("are listed once each, in reading order", () => {
    const value = doc(
      paragraph(mention(BERND, "Bernd"), text(" und "), mention(ANNA, "Anna")),
      {
        type: "bulletList",
        content: [{ type: "listItem", content: [paragraph(mention(BERND, "Bernd"))] }],
      },
      paragraph(text("ohne")),
      paragraph(),
    ) as RichTextDocument;
    expect(mentionedUserIds(value)).toEqual([BERND, ANNA]);
    expect(mentionedUserIds(everything as RichTextDocument)).toEqual([]);
  });

  it("can be replaced, e.g. by the current name or by plain text", () => {
    const value = doc(
      { type: "heading", attrs: { level: 2 }, content: [mention(ANNA, "Frau Chefin")] },
      {
        type: "orderedList",
        content: [{ type: "listItem", content: [paragraph(text("an "), mention(BERND, "B"))] }],
      },
      { type: "blockquote", content: [paragraph()] },
    ) as RichTextDocument;
    const names = new Map([[ANNA, "Anna Müller"]]);
    const result = mapMentions(value, (node) => {
      const name = names.get(node.attrs.id);
      return name
        ? { type: "mention", attrs: { id: node.attrs.id, label: name } }
        : { type: "text", text: `@${node.attrs.label}` };
    });
    expect(result).toEqual(
      doc(
        { type: "heading", attrs: { level: 2 }, content: [mention(ANNA, "Anna Müller")] },
        {
          type: "orderedList",
          content: [{ type: "listItem", content: [paragraph(text("an "), text("@B"))] }],
        },
        { type: "blockquote", content: [paragraph()] },
      ),
    );
    expect(richTextDocumentSchema.safeParse(result).success).toBe(true);
    // The original stays as it was.
    expect(mentionedUserIds(value)).toEqual([ANNA, BERND]);
  });
});

describe("normalizeLinkInput", () => {
  it.each([
    ["https://example.org", "https://example.org"],
    ["  www.example.org/pfad ", "https://www.example.org/pfad"],
    ["example.org", "https://example.org"],
    ["idee@example.org", "mailto:idee@example.org"],
    ["mailto:idee@example.org", "mailto:idee@example.org"],
    ["javascript:alert(1)", null],
    ["data:text/html,x", null],
    ["", null],
    ["zwei wörter", null],
  ])("turns %j into %j", (input, expected) => {
    expect(normalizeLinkInput(input)).toBe(expected);
  });
});
