import { generateJSON } from "@tiptap/html/server";
import { Window } from "happy-dom";
import { cleanPastedHtml } from "~/rich-text/editor";
import { richTextExtensions } from "~/rich-text/extensions";
import { renderRichText, sanitizeRichHtml } from "~/rich-text/render.server";
import type { RichTextDocument } from "~/rich-text/schema";
import { readAsBrowser, unsafeMarkup } from "#tests/helpers/safe-html";
import {
  LINK_REL,
  RICH_TEXT_LIMITS,
  isMentionLabel,
  validateRichTextDocument,
} from "~/rich-text/schema";

const ANNA = "0000000a-0000-4000-8000-000000000001";

/** What safe output looks like (see unsafeMarkup), and no dangerous element even as a fragment. */
function expectSafe(html: string) {
  expect(html).not.toMatch(/<\s*script/i);
  expect(html).not.toMatch(/<\s*svg/i);
  expect(html).not.toMatch(/<\s*iframe/i);
  expect(html).not.toMatch(/<\s*(object|embed|style|math|meta|form|img|base|link|input|xmp)\b/i);
  expect(unsafeMarkup(html)).toEqual([]);
}

const XSS_CORPUS: [string, string][] = [
  ["script", "<script>alert(1)</script>"],
  ["script with src", "<SCRIPT SRC=//evil.example/x.js></SCRIPT>"],
  ["script, case and space tricks", "<scr<script>ipt>alert(1)</scr</script>ipt>"],
  ["img onerror", "<img src=x onerror=alert(1)>"],
  ["img onerror, no quotes or spaces", "<img/src=x/onerror=alert(1)>"],
  ["onclick on an allowed tag", '<p onclick="alert(1)">Klick</p>'],
  ["onmouseover on a link", '<a href="https://example.org" onmouseover="alert(1)">x</a>'],
  ["onfocus with autofocus", "<input autofocus onfocus=alert(1)>"],
  ["body onload", "<body onload=alert(1)>"],
  ["details ontoggle", "<details open ontoggle=alert(1)><summary>x</summary></details>"],
  ["video source onerror", "<video><source onerror=alert(1)></video>"],
  ["javascript: href", '<a href="javascript:alert(1)">x</a>'],
  ["mixed-case javascript: href", '<a href="JaVaScRiPt:alert(1)">x</a>'],
  ["decimal entity javascript: href", '<a href="&#106;avascript:alert(1)">x</a>'],
  ["hex entity javascript: href", '<a href="&#x6A;&#x61;vascript&colon;alert(1)">x</a>'],
  ["padded entity javascript: href", '<a href="&#0000106&#0000097vascript:alert(1)">x</a>'],
  ["tab in javascript: href", '<a href="java&#9;script:alert(1)">x</a>'],
  ["newline in javascript: href", '<a href="java\nscript:alert(1)">x</a>'],
  ["leading space in javascript: href", '<a href="  javascript:alert(1)">x</a>'],
  ["leading control character in href", '<a href="&#1;javascript:alert(1)">x</a>'],
  ["data: href", '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>'],
  ["data: href, plain", '<a href="data:text/html,<script>alert(1)</script>">x</a>'],
  ["vbscript: href", '<a href="vbscript:msgbox(1)">x</a>'],
  ["protocol-relative href", '<a href="//evil.example/">x</a>'],
  ["svg onload", "<svg onload=alert(1)>"],
  ["svg script", "<svg><script>alert(1)</script></svg>"],
  ["svg link", '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>'],
  ["svg animate", '<svg><animate attributeName="href" to="javascript:alert(1)"/></svg>'],
  ["iframe", '<iframe src="javascript:alert(1)"></iframe>'],
  ["iframe srcdoc", '<iframe srcdoc="<script>alert(1)</script>"></iframe>'],
  ["object", '<object data="javascript:alert(1)"></object>'],
  ["embed", '<embed src="data:text/html,<script>alert(1)</script>">'],
  ["style element", "<style>body{background:url(javascript:alert(1))}</style>"],
  ["style attribute", '<p style="background:url(javascript:alert(1))">x</p>'],
  ["style attribute with expression", '<p style="width: expression(alert(1))">x</p>'],
  ["math href", '<math href="javascript:alert(1)">x</math>'],
  [
    "math mutation XSS",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>",
  ],
  ["comment with script", "<!--<script>alert(1)</script>-->"],
  ["broken comment", "<!--><script>alert(1)</script>-->"],
  ["comment closing early", "<p><!--</p><script>alert(1)</script>--></p>"],
  ["CDATA", "<![CDATA[<script>alert(1)</script>]]>"],
  ["conditional comment", "<!--[if IE]><script>alert(1)</script><![endif]-->"],
  ["downlevel-revealed conditional", "<![if !IE]><script>alert(1)</script><![endif]>"],
  ["meta refresh", '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">'],
  ["base href", '<base href="javascript:alert(1)//">'],
  ["form action", '<form action="javascript:alert(1)"><button>x</button></form>'],
  ["button formaction", '<button formaction="javascript:alert(1)">x</button>'],
  ["quotes breaking out", '"><script>alert(1)</script>'],
  ["attribute without space", '<a href="https://example.org/"onmouseover="alert(1)">x</a>'],
  ["quote inside href", "<a href='https://example.org/\"><script>alert(1)</script>'>x</a>"],
  [
    "noscript mutation XSS",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
  ],
  ["xmp", "<xmp><script>alert(1)</script></xmp>"],
  ["textarea", "<textarea><script>alert(1)</script></textarea>"],
  ["template", "<template><script>alert(1)</script></template>"],
  ["fullwidth javascript: href", '<a href="ｊａｖａｓｃｒｉｐｔ:alert(1)">x</a>'],
  ["Cyrillic javascript: href", '<a href="jаvascript:alert(1)">x</a>'],
  ["long-s script tag", "<ſcript>alert(1)</ſcript>"],
  ["zero-width in href", '<a href="java&#8203;script:alert(1)">x</a>'],
  ["right-to-left override in href", '<a href="https://example.org/&#8238;gpj.exe">x</a>'],
  // Mentions: the one span that is allowed must not become a way in.
  [
    "mention with javascript: id",
    '<span class="mention" data-user-id="javascript:alert(1)">@x</span>',
  ],
  [
    "mention with entity-encoded javascript: id",
    '<span class="mention" data-user-id="&#106;avascript:alert(1)">@x</span>',
  ],
  [
    "mention with onclick",
    `<span class="mention" data-user-id="${ANNA}" onclick="alert(1)">@x</span>`,
  ],
  [
    "mention with onmouseover glued on",
    `<span class="mention" data-user-id="${ANNA}"onmouseover="alert(1)">@x</span>`,
  ],
  [
    "mention id breaking out of the attribute",
    `<span class="mention" data-user-id='${ANNA}" onload="alert(1)'>@x</span>`,
  ],
  [
    "mention with style",
    `<span class="mention" data-user-id="${ANNA}" style="background:url(javascript:alert(1))">@x</span>`,
  ],
  [
    "mention with script inside",
    `<span class="mention" data-user-id="${ANNA}"><script>alert(1)</script>@x</span>`,
  ],
  [
    "mention with img inside",
    `<span class="mention" data-user-id="${ANNA}"><img src=x onerror=alert(1)></span>`,
  ],
  [
    "mention with svg inside",
    `<span class="mention" data-user-id="${ANNA}"><svg onload=alert(1)></svg></span>`,
  ],
  [
    "span with another class",
    `<span class="mention x" data-user-id="${ANNA}" onclick="alert(1)">@x</span>`,
  ],
  [
    "data-user-id on a link",
    `<a href="javascript:alert(1)" data-user-id="${ANNA}" class="mention">x</a>`,
  ],
];

describe("sanitizeRichHtml: raw HTML submissions", () => {
  it.each(XSS_CORPUS)("neutralises %s", (_name, payload) => {
    const output = sanitizeRichHtml(payload);
    expectSafe(output);
    // Here the payloads only ever put these into markup, so they must be gone entirely.
    expect(output).not.toMatch(/javascript:|vbscript:|data:text|onerror|onload/i);
  });

  it("keeps the text of removed links and formatting", () => {
    expect(
      sanitizeRichHtml('<p>Vorher <a href="javascript:alert(1)">Linktext</a> nachher</p>'),
    ).toBe("<p>Vorher Linktext nachher</p>");
    expect(sanitizeRichHtml('<p><span style="color:red" class="x">rot</span></p>')).toBe(
      "<p>rot</p>",
    );
    expect(sanitizeRichHtml("<h1>Groß</h1><h5>Klein</h5>")).toBe("GroßKlein");
  });

  it("drops what is inside script, style, iframe and similar entirely", () => {
    expect(
      sanitizeRichHtml(
        "<p>a</p><script>b</script><style>c</style><iframe>d</iframe><noscript>e</noscript><p>f</p>",
      ),
    ).toBe("<p>a</p><p>f</p>");
  });

  it("escapes markup-looking text", () => {
    expect(sanitizeRichHtml("<p>1 &lt; 2 &amp;&amp; &lt;script&gt;</p>")).toBe(
      "<p>1 &lt; 2 &amp;&amp; &lt;script&gt;</p>",
    );
  });

  it("keeps harmless content and forces rel on links", () => {
    const input =
      "<h2>Titel</h2><h3>Unter</h3><h4>Klein</h4>" +
      "<p><strong>fett</strong> <em>kursiv</em> <b>b</b> <i>i</i><br>neu</p>" +
      '<ul><li><p>eins</p></li></ul><ol start="3" type="a"><li>zwei</li></ol>' +
      "<blockquote><p>Zitat</p></blockquote>" +
      '<p><a href="https://example.org/a?b=1&amp;c=2" rel="opener" title="t">Link</a> ' +
      '<a href="mailto:idee@example.org" target="_blank">Mail</a> ' +
      '<a href=" http://example.org " target="_top">Alt</a></p>';
    expect(sanitizeRichHtml(input)).toBe(
      "<h2>Titel</h2><h3>Unter</h3><h4>Klein</h4>" +
        "<p><strong>fett</strong> <em>kursiv</em> <strong>b</strong> <em>i</em><br />neu</p>" +
        '<ul><li><p>eins</p></li></ul><ol start="3" type="a"><li>zwei</li></ol>' +
        "<blockquote><p>Zitat</p></blockquote>" +
        `<p><a href="https://example.org/a?b=1&amp;c=2" rel="${LINK_REL}">Link</a> ` +
        `<a href="mailto:idee@example.org" rel="${LINK_REL}" target="_blank">Mail</a> ` +
        `<a href="http://example.org" rel="${LINK_REL}">Alt</a></p>`,
    );
  });

  it("keeps a mention exactly as the renderer writes it, and nothing else on it", () => {
    const kept = `<span class="mention" data-user-id="${ANNA}">@Anna</span>`;
    expect(sanitizeRichHtml(`<p>${kept}</p>`)).toBe(`<p>${kept}</p>`);
    expect(
      sanitizeRichHtml(
        `<p><span data-user-id="${ANNA}" title="t" class="mention" style="color:red" ` +
          `onclick="alert(1)" id="x" data-x="1">@Anna</span></p>`,
      ),
    ).toBe(`<p>${kept}</p>`);
  });

  it.each([
    ["another class as well", `class="mention evil" data-user-id="${ANNA}"`],
    ["another class only", `class="evil" data-user-id="${ANNA}"`],
    ["class with surrounding space", `class=" mention" data-user-id="${ANNA}"`],
    ["no class", `data-user-id="${ANNA}"`],
    ["no user id", 'class="mention"'],
    ["an empty user id", 'class="mention" data-user-id=""'],
    ["an upper-case user id", `class="mention" data-user-id="${ANNA.toUpperCase()}"`],
    ["a user id with a space", `class="mention" data-user-id=" ${ANNA}"`],
    ["a javascript: user id", 'class="mention" data-user-id="javascript:alert(1)"'],
    ["only a style", 'style="color:red"'],
  ])("unwraps a span with %s, keeping its text", (_name, attributes) => {
    expect(sanitizeRichHtml(`<p>Hallo <span ${attributes}>@Anna</span>!</p>`)).toBe(
      "<p>Hallo @Anna!</p>",
    );
  });

  it("keeps the text of untrusted links now that span is allowed", () => {
    expect(sanitizeRichHtml('<p><a href="javascript:alert(1)" class="mention">x</a></p>')).toBe(
      "<p>x</p>",
    );
  });

  it("keeps user ids off every other element", () => {
    expect(
      sanitizeRichHtml(
        `<p data-user-id="${ANNA}" class="mention"><strong data-user-id="${ANNA}">x</strong></p>`,
      ),
    ).toBe("<p><strong>x</strong></p>");
  });

  it("only keeps numeric list starts and known list types", () => {
    expect(sanitizeRichHtml('<ol start="x" type="disc" reversed><li>a</li></ol>')).toBe(
      "<ol><li>a</li></ol>",
    );
  });
});

// --- tiptap JSON documents ---------------------------------------------------------------------

const text = (value: string, marks?: unknown[]) =>
  marks ? { type: "text", text: value, marks } : { type: "text", text: value };
const paragraph = (...content: unknown[]) => ({ type: "paragraph", content });
const doc = (...content: unknown[]) => ({ type: "doc", content }) as RichTextDocument;
const mention = (id: string, label: string) => ({ type: "mention", attrs: { id, label } });

describe("renderRichText", () => {
  it("renders every allowed node and mark", () => {
    const html = renderRichText(
      doc(
        { type: "heading", attrs: { level: 2 }, content: [text("Titel")] },
        { type: "heading", attrs: { level: 3 }, content: [text("Unter")] },
        { type: "heading", attrs: { level: 4 }, content: [text("Klein")] },
        paragraph(
          text("fett", [{ type: "bold" }]),
          text(" und "),
          text("kursiv", [{ type: "italic" }]),
          { type: "hardBreak" },
          text("Link", [
            {
              type: "link",
              attrs: { href: "https://example.org/?a=1&b=2", rel: LINK_REL, target: null },
            },
          ]),
          text(" "),
          text("Mail", [{ type: "link", attrs: { href: "mailto:idee@example.org" } }]),
        ),
        {
          type: "bulletList",
          content: [{ type: "listItem", content: [paragraph(text("eins"))] }],
        },
        {
          type: "orderedList",
          attrs: { start: 3, type: null },
          content: [{ type: "listItem", content: [paragraph(text("drei"))] }],
        },
        { type: "blockquote", content: [paragraph(text("Zitat"))] },
      ),
    );
    expect(html).toBe(
      "<h2>Titel</h2><h3>Unter</h3><h4>Klein</h4>" +
        "<p><strong>fett</strong> und <em>kursiv</em><br />" +
        `<a href="https://example.org/?a=1&amp;b=2" rel="${LINK_REL}">Link</a> ` +
        `<a href="mailto:idee@example.org" rel="${LINK_REL}">Mail</a></p>` +
        "<ul><li><p>eins</p></li></ul>" +
        '<ol start="3"><li><p>drei</p></li></ol>' +
        "<blockquote><p>Zitat</p></blockquote>",
    );
    expectSafe(html);
  });

  it.each(XSS_CORPUS)("escapes %s typed as text", (_name, payload) => {
    const html = renderRichText(doc(paragraph(text(payload))));
    expectSafe(html);
    // The reader sees exactly what was typed.
    expect(readAsBrowser(html)).toEqual({
      text: payload.replace(/\r\n?/g, "\n"),
      elements: ["p"],
    });
  });

  it("escapes markup in headings, list items and link text", () => {
    const payload = '"><img src=x onerror=alert(1)>';
    const html = renderRichText(
      doc(
        { type: "heading", attrs: { level: 2 }, content: [text(payload)] },
        {
          type: "bulletList",
          content: [{ type: "listItem", content: [paragraph(text(payload, [{ type: "bold" }]))] }],
        },
        paragraph(text(payload, [{ type: "link", attrs: { href: "https://example.org/" } }])),
      ),
    );
    expectSafe(html);
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
  });

  it("keeps characters that are special in attributes inside the href attribute", () => {
    const html = renderRichText(
      doc(
        paragraph(
          text("x", [
            { type: "link", attrs: { href: 'https://example.org/"onmouseover="alert(1)' } },
          ]),
        ),
      ),
    );
    expectSafe(html);
    expect(html).toContain('href="https://example.org/&quot;onmouseover=&quot;alert(1)"');
  });

  it.each([
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "&#106;avascript:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "\u0000javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "ｊａｖａｓｃｒｉｐｔ:alert(1)",
    "//evil.example/",
  ])("refuses a link mark with href %j", (href) => {
    const smuggled = doc(paragraph(text("x", [{ type: "link", attrs: { href } }])));
    expect(validateRichTextDocument(smuggled).ok).toBe(false);
    expect(() => renderRichText(smuggled)).toThrow("Invalid rich-text document");
  });

  it.each([
    ["image", { type: "image", attrs: { src: "x", onerror: "alert(1)" } }],
    ["iframe", { type: "iframe", attrs: { src: "javascript:alert(1)" } }],
    ["codeBlock", { type: "codeBlock", content: [text("<script>alert(1)</script>")] }],
    ["script", { type: "script", content: [text("alert(1)")] }],
    ["svg", { type: "svg", attrs: { onload: "alert(1)" } }],
    ["heading level 1", { type: "heading", attrs: { level: 1 }, content: [text("x")] }],
  ])("refuses the node %s", (_name, node) => {
    expect(() => renderRichText(doc(node))).toThrow("Invalid rich-text document");
  });

  it.each([
    ["style", { type: "paragraph", attrs: { style: "background:url(javascript:alert(1))" } }],
    ["onclick", { type: "paragraph", attrs: { onclick: "alert(1)" } }],
    ["class", { type: "heading", attrs: { level: 2, class: "x" } }],
    [
      "link onmouseover",
      paragraph(
        text("x", [
          { type: "link", attrs: { href: "https://example.org", onmouseover: "alert(1)" } },
        ]),
      ),
    ],
    [
      "link title",
      paragraph(text("x", [{ type: "link", attrs: { href: "https://example.org", title: "t" } }])),
    ],
    ["mark with attrs", paragraph(text("x", [{ type: "bold", attrs: { style: "color:red" } }]))],
  ])("refuses the extra attribute %s", (_name, node) => {
    expect(() => renderRichText(doc(node))).toThrow("Invalid rich-text document");
  });

  it("refuses documents over the limits", () => {
    const long = doc(paragraph(text("a".repeat(RICH_TEXT_LIMITS.maxTextLength + 1))));
    expect(() => renderRichText(long)).toThrow("Invalid rich-text document");
  });

  it("renders a mention as a span with the user id and the escaped label", () => {
    const html = renderRichText(
      doc(
        paragraph(
          text("Danke, "),
          mention(ANNA, "Anna Müller & Co."),
          text("!", [{ type: "bold" }]),
        ),
        { type: "heading", attrs: { level: 2 }, content: [mention(ANNA, "Anna")] },
      ),
    );
    expect(html).toBe(
      `<p>Danke, <span class="mention" data-user-id="${ANNA}">@Anna Müller &amp; Co.</span>` +
        `<strong>!</strong></p><h2><span class="mention" data-user-id="${ANNA}">@Anna</span></h2>`,
    );
    expectSafe(html);
  });

  it.each(XSS_CORPUS.filter(([, payload]) => isMentionLabel(payload)))(
    "escapes %s as a mention label",
    (_name, payload) => {
      const html = renderRichText(doc(paragraph(mention(ANNA, payload))));
      expectSafe(html);
      const reader = new Window();
      try {
        const container = reader.document.createElement("div");
        container.innerHTML = html;
        // A paragraph with the mention in it, and inside the mention only the text.
        expect(container.querySelectorAll("*").length).toBe(2);
        const span = container.querySelector("span.mention");
        expect(span?.textContent).toBe(`@${payload}`);
        expect(span?.getAttributeNames().sort()).toEqual(["class", "data-user-id"]);
        expect(span?.getAttribute("data-user-id")).toBe(ANNA);
      } finally {
        reader.happyDOM.abort();
        reader.happyDOM.close();
      }
    },
  );

  it.each([
    ["a javascript: id", mention("javascript:alert(1)", "x")],
    ["an id breaking out of the attribute", mention(`${ANNA}" onclick="alert(1)`, "x")],
    ["an id with markup", mention('"><script>alert(1)</script>', "x")],
    ["a data: id", mention("data:text/html,<script>alert(1)</script>", "x")],
    [
      "an onclick attribute",
      { type: "mention", attrs: { id: ANNA, label: "x", onclick: "alert(1)" } },
    ],
    [
      "a style attribute",
      { type: "mention", attrs: { id: ANNA, label: "x", style: "x:expression(alert(1))" } },
    ],
    ["a class attribute", { type: "mention", attrs: { id: ANNA, label: "x", class: "x" } }],
    [
      "an href attribute",
      { type: "mention", attrs: { id: ANNA, label: "x", href: "javascript:alert(1)" } },
    ],
    [
      "HTML attributes",
      { type: "mention", attrs: { id: ANNA, label: "x", HTMLAttributes: { onclick: "alert(1)" } } },
    ],
    ["content", { ...mention(ANNA, "x"), content: [text("<script>alert(1)</script>")] }],
    [
      "a link mark",
      { ...mention(ANNA, "x"), marks: [{ type: "link", attrs: { href: "https://example.org" } }] },
    ],
    ["a label over 120 characters", mention(ANNA, `<script>${"a".repeat(120)}</script>`)],
  ])("refuses a mention with %s", (_name, node) => {
    expect(() => renderRichText(doc(paragraph(node)))).toThrow("Invalid rich-text document");
  });

  it("renders the empty document as an empty paragraph", () => {
    expect(renderRichText(doc({ type: "paragraph" }))).toBe("<p></p>");
  });
});

// --- Pasting: cleanPastedHtml → tiptap's HTML parser → schema → renderer -----------------------

describe("pasted HTML", () => {
  let window: Window;
  let parser: DOMParser;
  beforeAll(() => {
    window = new Window({ settings: { disableJavaScriptEvaluation: true } });
    parser = new window.DOMParser() as unknown as DOMParser;
  });
  afterAll(async () => {
    await window.happyDOM.abort();
    await window.happyDOM.close();
  });

  /** What the editor would do with a paste, then what the server does with the result. */
  function paste(html: string) {
    const cleaned = cleanPastedHtml(html, parser);
    const json: unknown = generateJSON(cleaned, richTextExtensions);
    const result = validateRichTextDocument(json);
    if (!result.ok) throw new Error(`pasted document refused: ${result.message}`);
    return { cleaned, html: renderRichText(result.doc) };
  }

  it("cleans Word HTML: conditional comments, o:p, mso styles, classes, fake bullets", () => {
    const word = `
      <!--[if gte mso 9]><xml><o:OfficeDocumentSettings/></xml><![endif]-->
      <style>p.MsoNormal { mso-style-parent:""; }</style>
      <p class=MsoNormal style='mso-margin-top-alt:auto'><b><span style='mso-bidi-font-weight:normal'>Einladung</span></b><o:p></o:p></p>
      <p class=MsoListParagraphCxSpFirst style='mso-list:l0 level1 lfo1'><![if !supportLists]><span style='font-family:Symbol;mso-list:Ignore'>·<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp; </span></span><![endif]>Kaffee<o:p></o:p></p>
      <p class=MsoListParagraphCxSpLast style='mso-list:l0 level1 lfo1'><![if !supportLists]><span style='font-family:Symbol;mso-list:Ignore'>·<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp; </span></span><![endif]>Kuchen<o:p></o:p></p>
      <p class=MsoListParagraph style='mso-list:l1 level1 lfo2'><![if !supportLists]><span style='mso-list:Ignore'>1.<span>&nbsp;</span></span><![endif]>Anmelden</p>
      <p class=MsoNormal><i>Bis bald</i><o:p>&nbsp;</o:p></p>`;
    const { cleaned, html } = paste(word);
    expect(cleaned).not.toMatch(/mso-|o:p|class=|style=|<!--|<xml|<style/i);
    expect(html).toBe(
      "<p><strong>Einladung</strong></p>" +
        "<ul><li><p>Kaffee</p></li><li><p>Kuchen</p></li></ul>" +
        "<ol><li><p>Anmelden</p></li></ol>" +
        "<p><em>Bis bald</em></p>",
    );
  });

  it("keeps Google Docs formatting that lives in styles, without making everything bold", () => {
    const docs =
      '<meta charset="utf-8"><b style="font-weight:normal;" id="docs-internal-guid-1234">' +
      '<p dir="ltr"><span style="font-weight:700;">Wichtig</span>' +
      '<span style="font-weight:400;"> und </span>' +
      '<span style="font-style:italic;">betont</span></p></b>';
    expect(paste(docs).html).toBe("<p><strong>Wichtig</strong> und <em>betont</em></p>");
  });

  it("drops dangerous pasted content and keeps safe links", () => {
    const hostile =
      '<p onclick="alert(1)">Text<img src=x onerror=alert(1)>' +
      '<a href="javascript:alert(1)">böse</a> <a href="https://example.org" class="x">gut</a></p>' +
      "<script>alert(1)</script><svg onload=alert(1)></svg><iframe src=x></iframe>";
    const { html } = paste(hostile);
    expectSafe(html);
    expect(html).toBe(`<p>Textböse <a href="https://example.org" rel="${LINK_REL}">gut</a></p>`);
  });

  it("never turns pasted HTML into a mention, only into its text", () => {
    // Whom a post mentions is chosen from the suggestion list, not taken from a clipboard.
    const { cleaned, html } = paste(
      `<p>Hallo <span class="mention" data-user-id="${ANNA}">@Anna</span> und ` +
        `<span data-type="mention" data-id="${ANNA}" data-label="Anna">@Anna</span></p>`,
    );
    expect(cleaned).not.toContain("data-user-id");
    expect(html).toBe("<p>Hallo @Anna und @Anna</p>");
  });

  it("turns unsupported blocks into text the schema accepts", () => {
    const { html } = paste(
      "<h1>Groß</h1><pre><code>let x = 1;</code></pre><hr><table><tr><td>Zelle</td></tr></table>",
    );
    expectSafe(html);
    expect(html).toContain("Groß");
    expect(html).toContain("let x = 1;");
    expect(html).toContain("Zelle");
  });
});
