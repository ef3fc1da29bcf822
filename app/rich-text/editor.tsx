import { EditorContent, useEditor, useEditorState } from "@tiptap/react";
import type { Editor } from "@tiptap/react";
import { useMemo, useRef, useState } from "react";
import type { KeyboardEvent, ReactNode } from "react";
import { useMentionSuggestions } from "./mention-suggestions";
import type { MentionSource } from "./mention-suggestions";
import {
  RICH_TEXT_LIMITS,
  documentFromPlainText,
  emptyDocument,
  normalizeLinkInput,
  plainTextOf,
} from "./schema";
import type { RichTextDocument } from "./schema";

export type { MentionCandidate, MentionSource } from "./mention-suggestions";

/*
 * A rich-text field for Remix forms.
 *
 * With JavaScript the editor keeps the document as JSON in a hidden input named `name`.
 * Without JavaScript (and during server rendering, before the editor mounts) the field is a
 * plain textarea named `${name}Text`. The action must therefore accept either:
 *
 *   const json = formData.get(name);
 *   const result = typeof json === "string"
 *     ? parseRichTextJson(json)
 *     : parseRichTextPlainText(String(formData.get(`${name}Text`) ?? ""));
 *
 * Styles: app/rich-text/rich-text.css (no inline styles anywhere, the CSP forbids them).
 */

export interface RichTextEditorProps {
  /** Form field name of the JSON; the no-JavaScript textarea is `${name}Text`. */
  name: string;
  label: string;
  id: string;
  initialDocument?: RichTextDocument;
  error?: string;
  hint?: ReactNode;
  /**
   * Finds people for "@" mentions (the text typed after "@", possibly empty). Without it,
   * mentions are not offered. Read once when the editor is created; later changes of the
   * function itself are fine, adding or removing it is not.
   */
  mentionSource?: MentionSource;
}

interface ToolbarState {
  heading: boolean;
  bold: boolean;
  italic: boolean;
  bulletList: boolean;
  orderedList: boolean;
  blockquote: boolean;
  link: boolean;
}

interface ToolbarButton {
  key: keyof ToolbarState | "unlink";
  label: string;
  shortcut?: string;
  /** Toggle buttons report their state with aria-pressed; "Link entfernen" is an action. */
  toggle: boolean;
  run: (editor: Editor) => void;
}

/** A button that switches a mark or a block on and off with one command. */
function toggleButton(
  key: keyof ToolbarState,
  label: string,
  shortcut: string,
  command: (chain: ReturnType<Editor["chain"]>) => ReturnType<Editor["chain"]>,
): ToolbarButton {
  return {
    key,
    label,
    shortcut,
    toggle: true,
    run: (editor) => command(editor.chain().focus()).run(),
  };
}

const TOOLBAR_BUTTONS: ToolbarButton[] = [
  {
    key: "heading",
    label: "Überschrift",
    shortcut: "Control+Alt+2 Meta+Alt+2",
    toggle: true,
    // Pressed for any heading level (pasted h3/h4 too), so pressing it again always leaves it.
    run: (editor) =>
      editor.isActive("heading")
        ? editor.chain().focus().setParagraph().run()
        : editor.chain().focus().setHeading({ level: 2 }).run(),
  },
  toggleButton("bold", "Fett", "Control+B Meta+B", (chain) => chain.toggleBold()),
  toggleButton("italic", "Kursiv", "Control+I Meta+I", (chain) => chain.toggleItalic()),
  toggleButton("bulletList", "Aufzählung", "Control+Shift+8 Meta+Shift+8", (chain) =>
    chain.toggleBulletList(),
  ),
  toggleButton("orderedList", "Nummerierte Liste", "Control+Shift+7 Meta+Shift+7", (chain) =>
    chain.toggleOrderedList(),
  ),
  toggleButton("blockquote", "Zitat", "Control+Shift+B Meta+Shift+B", (chain) =>
    chain.toggleBlockquote(),
  ),
  // "Link" opens the inline address field; it is handled in the component, not here.
  { key: "link", label: "Link", shortcut: "Control+K Meta+K", toggle: true, run: () => {} },
  {
    key: "unlink",
    label: "Link entfernen",
    toggle: false,
    run: (editor) => editor.chain().focus().extendMarkRange("link").unsetLink().run(),
  },
];

const LINK_INPUT_ERROR =
  "Bitte geben Sie eine vollständige Adresse ein, zum Beispiel https://www.beispiel.de oder name@beispiel.de.";

export function RichTextEditor({
  name,
  label,
  id,
  initialDocument,
  error,
  hint,
  mentionSource,
}: RichTextEditorProps) {
  const labelId = `${id}-label`;
  const hintId = hint ? `${id}-hinweis` : undefined;
  const errorId = error ? `${id}-fehler` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;

  // The first document only: later renders (e.g. after a failed submit) keep what was typed.
  const [content] = useState<RichTextDocument>(() => initialDocument ?? emptyDocument);
  const [serialized, setSerialized] = useState(() => JSON.stringify(content));
  const [fallbackText] = useState(() => plainTextOf(content, { blockSeparator: "\n\n" }));

  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const typedBeforeMount = useRef<string | null>(null);
  const openLinkPanelRef = useRef<() => void>(() => {});

  const [linkPanelOpen, setLinkPanelOpen] = useState(false);
  const [linkValue, setLinkValue] = useState("");
  const [linkError, setLinkError] = useState<string | null>(null);
  const linkInputRef = useRef<HTMLInputElement>(null);
  const [focusIndex, setFocusIndex] = useState(0);
  const buttonRefs = useRef<(HTMLButtonElement | null)[]>([]);
  const mentions = useMentionSuggestions(id, mentionSource);

  // Memoised so useEditor only pushes new props to the editor when these actually change.
  const editorProps = useMemo(() => {
    const attributes: Record<string, string> = {
      id,
      role: "textbox",
      "aria-multiline": "true",
      "aria-labelledby": labelId,
      class: "rich-text rich-text-editor__content",
      spellcheck: "true",
      ...mentions.textboxAttributes,
    };
    if (describedBy) attributes["aria-describedby"] = describedBy;
    if (error) attributes["aria-invalid"] = "true";
    return {
      attributes,
      transformPastedHTML: (html: string) => cleanPastedHtml(html),
      handleKeyDown: (_view: unknown, event: globalThis.KeyboardEvent) => {
        if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === "k") {
          event.preventDefault();
          openLinkPanelRef.current();
          return true;
        }
        return false;
      },
    };
  }, [id, labelId, describedBy, error, mentions.textboxAttributes]);

  const editor = useEditor({
    extensions: mentions.extensions,
    content,
    // Server rendering has no editor; the textarea below stands in until it mounts.
    immediatelyRender: false,
    // tiptap would add a <style> element, which the CSP (style-src 'self') blocks;
    // the rules it needs are in rich-text.css.
    injectCSS: false,
    editorProps,
    onBeforeCreate: () => {
      // Still mounted here: keep anything typed into the textarea before hydration finished.
      const typed = textareaRef.current?.value;
      if (typed !== undefined && typed !== fallbackText) typedBeforeMount.current = typed;
    },
    onCreate: ({ editor: created }) => {
      if (typedBeforeMount.current !== null) {
        created.commands.setContent(documentFromPlainText(typedBeforeMount.current));
        typedBeforeMount.current = null;
      }
      setSerialized(JSON.stringify(created.getJSON()));
    },
    onUpdate: ({ editor: updated }) => setSerialized(JSON.stringify(updated.getJSON())),
    // A suggestion list left open behind the focus would answer keys typed elsewhere later.
    onBlur: () => mentions.close(),
  });

  const state = useEditorState({
    editor,
    selector: ({ editor: current }): ToolbarState | null =>
      current
        ? {
            heading: current.isActive("heading"),
            bold: current.isActive("bold"),
            italic: current.isActive("italic"),
            bulletList: current.isActive("bulletList"),
            orderedList: current.isActive("orderedList"),
            blockquote: current.isActive("blockquote"),
            link: current.isActive("link"),
          }
        : null,
  });

  function openLinkPanel() {
    if (!editor) return;
    const href: unknown = editor.getAttributes("link").href;
    setLinkValue(typeof href === "string" ? href : "");
    setLinkError(null);
    setLinkPanelOpen(true);
    // After React has rendered the panel.
    requestAnimationFrame(() => linkInputRef.current?.focus());
  }
  openLinkPanelRef.current = openLinkPanel;

  function closeLinkPanel() {
    setLinkPanelOpen(false);
    setLinkError(null);
    editor?.commands.focus();
  }

  function applyLink() {
    if (!editor) return;
    const href = normalizeLinkInput(linkValue);
    if (!href) {
      setLinkError(LINK_INPUT_ERROR);
      linkInputRef.current?.focus();
      return;
    }
    const chain = editor.chain().focus();
    if (editor.state.selection.empty && !editor.isActive("link")) {
      // Nothing selected: the address itself becomes the link text.
      chain
        .insertContent({
          type: "text",
          text: linkValue.trim(),
          marks: [{ type: "link", attrs: { href } }],
        })
        .run();
    } else {
      chain.extendMarkRange("link").setLink({ href }).run();
    }
    setLinkPanelOpen(false);
    setLinkError(null);
  }

  function onLinkKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    // Enter in a text field would submit the surrounding form.
    if (event.key === "Enter") {
      event.preventDefault();
      applyLink();
    } else if (event.key === "Escape") {
      event.preventDefault();
      closeLinkPanel();
    }
  }

  // Toolbar pattern (WAI-ARIA APG): one tab stop, arrow keys move between the buttons.
  function onToolbarKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const last = TOOLBAR_BUTTONS.length - 1;
    const next =
      event.key === "ArrowRight"
        ? focusIndex === last
          ? 0
          : focusIndex + 1
        : event.key === "ArrowLeft"
          ? focusIndex === 0
            ? last
            : focusIndex - 1
          : event.key === "Home"
            ? 0
            : event.key === "End"
              ? last
              : null;
    if (next === null) return;
    event.preventDefault();
    setFocusIndex(next);
    buttonRefs.current[next]?.focus();
  }

  function onToolbarButton(button: ToolbarButton) {
    if (!editor) return;
    if (button.key === "link") {
      if (linkPanelOpen) closeLinkPanel();
      else openLinkPanel();
      return;
    }
    if (button.key === "unlink" && !state?.link) return;
    button.run(editor);
  }

  const linkPanelId = `${id}-link`;
  const linkInputId = `${id}-link-adresse`;
  const linkErrorId = `${id}-link-fehler`;

  return (
    <div className={error ? "field field--invalid rich-text-field" : "field rich-text-field"}>
      {/*
        Before the editor mounts the label belongs to the textarea. A contenteditable is not
        labelable, so afterwards the textbox is named through aria-labelledby instead.
      */}
      <label id={labelId} htmlFor={editor ? undefined : id}>
        {label}
      </label>
      {hint ? (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {editor ? (
        <div className="rich-text-editor" role="group" aria-labelledby={labelId}>
          <div
            className="rich-text-editor__toolbar"
            role="toolbar"
            aria-label={`Formatierung: ${label}`}
            aria-controls={id}
            tabIndex={-1}
            onKeyDown={onToolbarKeyDown}
          >
            {TOOLBAR_BUTTONS.map((button, index) => {
              const active = button.key === "unlink" ? false : (state?.[button.key] ?? false);
              const unavailable = button.key === "unlink" && !state?.link;
              return (
                <button
                  key={button.key}
                  ref={(element) => {
                    buttonRefs.current[index] = element;
                  }}
                  type="button"
                  className={`rich-text-editor__button rich-text-editor__button--${button.key}`}
                  tabIndex={index === focusIndex ? 0 : -1}
                  aria-label={button.label}
                  aria-pressed={button.toggle ? active : undefined}
                  aria-disabled={unavailable ? true : undefined}
                  aria-keyshortcuts={button.shortcut}
                  aria-expanded={button.key === "link" ? linkPanelOpen : undefined}
                  aria-controls={button.key === "link" && linkPanelOpen ? linkPanelId : undefined}
                  onFocus={() => setFocusIndex(index)}
                  onClick={() => onToolbarButton(button)}
                >
                  {button.label}
                </button>
              );
            })}
          </div>
          {linkPanelOpen ? (
            <div className="rich-text-editor__link-panel" id={linkPanelId}>
              <label htmlFor={linkInputId}>Linkadresse</label>
              <input
                ref={linkInputRef}
                id={linkInputId}
                type="text"
                inputMode="url"
                autoComplete="url"
                spellCheck={false}
                value={linkValue}
                aria-invalid={linkError ? true : undefined}
                aria-describedby={linkError ? linkErrorId : undefined}
                onChange={(event) => setLinkValue(event.target.value)}
                onKeyDown={onLinkKeyDown}
              />
              <button type="button" className="button button--secondary" onClick={applyLink}>
                Link übernehmen
              </button>
              <button type="button" className="button button--quiet" onClick={closeLinkPanel}>
                Abbrechen
              </button>
              {linkError ? (
                <p className="field__error" id={linkErrorId} role="alert">
                  {linkError}
                </p>
              ) : null}
            </div>
          ) : null}
          <EditorContent editor={editor} className="rich-text-editor__area" />
          {mentions.panel}
          <input type="hidden" name={name} value={serialized} />
        </div>
      ) : (
        <textarea
          ref={textareaRef}
          id={id}
          name={`${name}Text`}
          className="rich-text-fallback"
          rows={12}
          maxLength={RICH_TEXT_LIMITS.maxTextLength}
          defaultValue={fallbackText}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
        />
      )}
      {error ? (
        <p className="field__error" id={errorId}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

// --- Paste cleanup ----------------------------------------------------------------------------

const ELEMENT_NODE = 1;
const COMMENT_NODE = 8;

/** Never content: dropped together with everything inside. */
const DROPPED_ELEMENTS = new Set([
  "script",
  "style",
  "meta",
  "link",
  "title",
  "xml",
  "template",
  "iframe",
  "object",
  "embed",
  "svg",
  "math",
  "img",
  "picture",
  "video",
  "audio",
  "canvas",
  "input",
  "button",
  "select",
  "textarea",
  "noscript",
]);

/** The only attributes that mean something to our schema (data-pm-slice: copy within tiptap). */
const KEPT_ATTRIBUTES: Record<string, string[]> = {
  a: ["href"],
  ol: ["start"],
  "*": ["data-pm-slice"],
};

function styleOf(element: Element): string {
  return (element.getAttribute("style") ?? "").toLowerCase();
}

function unwrap(element: Element): void {
  element.replaceWith(...Array.from(element.childNodes));
}

function removeComments(node: Node): void {
  for (const child of Array.from(node.childNodes)) {
    if (child.nodeType === COMMENT_NODE) child.remove();
    else if (child.nodeType === ELEMENT_NODE) removeComments(child);
  }
}

/** Word writes list items as <p style="mso-list:l0 level1 lfo1"> with a fake bullet span. */
function convertWordLists(body: HTMLElement): void {
  const document = body.ownerDocument;
  let list: Element | null = null;
  let lastList: Element | null = null;
  for (const paragraph of Array.from(body.querySelectorAll("p"))) {
    const style = styleOf(paragraph);
    if (!/mso-list:\s*l\d/.test(style)) {
      list = null;
      continue;
    }
    const marker = Array.from(paragraph.querySelectorAll("[style]")).find((element) =>
      /mso-list:\s*ignore/.test(styleOf(element)),
    );
    const ordered = /^[0-9a-z]{1,5}[.)]$/i.test((marker?.textContent ?? "").trim());
    marker?.remove();
    // Consecutive items of the same kind share one list; anything in between starts a new one.
    let previous = paragraph.previousSibling;
    while (previous && previous.nodeType !== ELEMENT_NODE && !previous.textContent?.trim()) {
      previous = previous.previousSibling;
    }
    const tag = ordered ? "ol" : "ul";
    if (!list || previous !== lastList || list.tagName.toLowerCase() !== tag) {
      list = document.createElement(tag);
      paragraph.before(list);
    }
    const item = document.createElement("li");
    item.append(...Array.from(paragraph.childNodes));
    list.append(item);
    paragraph.remove();
    // The next item's paragraph now directly follows this list, if nothing came in between.
    lastList = list;
  }
}

/**
 * Cleans HTML pasted from Word, Google Docs or web pages before tiptap parses it: removes
 * comments (including Word's conditional comments), Office namespaces such as <o:p>, mso-*
 * styles, classes and every other attribute, keeping only what maps to our allow-list. Bold and
 * italic set through styles (Google Docs) become <strong>/<em> first, so they survive.
 * This is comfort, not security: the schema and the server-side sanitizer decide what is kept.
 */
export function cleanPastedHtml(
  html: string,
  parser: Pick<DOMParser, "parseFromString"> = new DOMParser(),
): string {
  const document = parser.parseFromString(html, "text/html");
  const body = document.body;
  removeComments(body);
  convertWordLists(body);
  for (const element of Array.from(body.querySelectorAll("*"))) {
    const tag = element.tagName.toLowerCase();
    if (DROPPED_ELEMENTS.has(tag) || tag === "o:p") {
      element.remove();
      continue;
    }
    const style = styleOf(element);
    if (/mso-list:\s*ignore/.test(style)) {
      element.remove();
      continue;
    }
    if (tag.includes(":")) {
      unwrap(element);
      continue;
    }
    // Google Docs wraps everything in <b style="font-weight:normal">; it is not bold.
    if ((tag === "b" || tag === "strong") && /font-weight:\s*(normal|[1-5]00)\b/.test(style)) {
      unwrap(element);
      continue;
    }
    if (tag === "span") {
      if (/font-style:\s*italic/.test(style)) {
        const em = document.createElement("em");
        em.append(...Array.from(element.childNodes));
        element.append(em);
      }
      if (/font-weight:\s*(bold|bolder|[6-9]00)\b/.test(style)) {
        const strong = document.createElement("strong");
        strong.append(...Array.from(element.childNodes));
        element.append(strong);
      }
    }
    const kept = [...(KEPT_ATTRIBUTES[tag] ?? []), ...(KEPT_ATTRIBUTES["*"] ?? [])];
    for (const attribute of Array.from(element.attributes)) {
      if (!kept.includes(attribute.name)) element.removeAttribute(attribute.name);
    }
  }
  return body.innerHTML;
}
