import { Window } from "happy-dom";

/** The markup that rendered posts may contain (app/rich-text/render.server.ts). */
const ALLOWED_TAGS = new Set([
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
]);

/**
 * What is wrong with a piece of post HTML, checked on the markup only: text may say "onclick="
 * or "javascript:" (escaped), a tag or attribute never may. Empty when the HTML is safe.
 */
export function unsafeMarkup(html: string): string[] {
  const problems: string[] = [];
  // In sanitized output text has its "<" escaped, so every "<" starts a tag.
  for (const tag of html.match(/<[^>]*>/g) ?? []) {
    const name = /^<\/?([a-z0-9]+)/i.exec(tag)?.[1]?.toLowerCase() ?? "";
    if (!ALLOWED_TAGS.has(name)) problems.push(`tag ${tag}`);
    if (/\son\w+\s*=/i.test(tag)) problems.push(`event handler in ${tag}`);
    if (/\s(style|class|src|srcdoc|formaction|xlink:href)\s*=/i.test(tag))
      problems.push(`attribute in ${tag}`);
    if (/(javascript|vbscript|data|file)\s*:/i.test(tag)) problems.push(`scheme in ${tag}`);
    if (name === "a" && !tag.startsWith("</") && !/ href="(https?:\/\/|mailto:)[^"]*"/.test(tag))
      problems.push(`link target in ${tag}`);
  }
  return problems;
}

/** What a reader sees of the HTML: its text, and how many elements it has. */
export function readAsBrowser(html: string): { text: string; elements: string[] } {
  const window = new Window({ settings: { disableJavaScriptEvaluation: true } });
  try {
    const container = window.document.createElement("div");
    container.innerHTML = html;
    return {
      text: container.textContent,
      elements: [...container.querySelectorAll("*")].map((element) =>
        element.tagName.toLowerCase(),
      ),
    };
  } finally {
    void window.happyDOM.abort();
    void window.happyDOM.close();
  }
}
