import { Window } from "happy-dom";
import { LINK_REL } from "~/rich-text/schema";

/**
 * The elements rendered rich text may contain, written down apart from the sanitizer's list in
 * app/rich-text/render.server.ts, so that a tag added there by mistake fails the tests.
 */
const ALLOWED_TAG_NAME = /^(p|h[2-4]|ul|ol|li|blockquote|strong|em|br|a|span)$/;
/** The only span that may appear: a mention, exactly as renderRichText writes it. */
const MENTION_TAG =
  /^<span class="mention" data-user-id="[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}">$/;

/**
 * What is wrong with a piece of rendered rich text, checked on the markup only: text may say
 * "onclick=" or "javascript:" (escaped), a tag or attribute never may. Empty when it is safe.
 */
export function unsafeMarkup(html: string): string[] {
  const problems: string[] = [];
  // In sanitized output text has its "<" escaped, so every "<" starts a tag.
  for (const tag of html.match(/<[^>]*>/g) ?? []) {
    const name = /^<\/?([a-z0-9]+)/i.exec(tag)?.[1]?.toLowerCase() ?? "";
    const opening = !tag.startsWith("</");
    if (!ALLOWED_TAG_NAME.test(name)) problems.push(`tag ${tag}`);
    if (name === "span" && opening) {
      if (!MENTION_TAG.test(tag)) problems.push(`span other than a mention: ${tag}`);
      continue;
    }
    if (/\son\w+\s*=/i.test(tag)) problems.push(`event handler in ${tag}`);
    if (/\s(style|class|src|srcdoc|formaction|xlink:href)\s*=/i.test(tag))
      problems.push(`attribute in ${tag}`);
    if (/(javascript|vbscript|data|file)\s*:/i.test(tag)) problems.push(`scheme in ${tag}`);
    if (name === "a" && opening) {
      if (!/ href="(https?:\/\/|mailto:)[^"]*"/.test(tag)) problems.push(`link target in ${tag}`);
      if (!tag.includes(` rel="${LINK_REL}"`)) problems.push(`link without rel in ${tag}`);
    }
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
