// @vitest-environment happy-dom
import type { Editor } from "@tiptap/core";
import { act, createElement } from "react";
import { createRoot } from "react-dom/client";
import type { Root } from "react-dom/client";
import { RichTextEditor } from "./editor";
import type { MentionCandidate, MentionSource } from "./mention-suggestions";
import { MENTION_TEXTS } from "./mention-suggestions";
import { parseRichTextJson } from "./schema";

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const ANNA = "0000000a-0000-4000-8000-000000000001";
const BERND = "0000000a-0000-4000-8000-000000000002";
const PEOPLE: MentionCandidate[] = [
  { id: ANNA, label: "Anna Müller", detail: "Jobcenter Nord" },
  { id: BERND, label: "Bernd Öztürk" },
];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Mounted {
  container: HTMLElement;
  textbox: HTMLElement;
  editor: Editor;
  root: Root;
}

let mounted: Mounted | undefined;

afterEach(() => {
  act(() => mounted?.root.unmount());
  mounted?.container.remove();
  mounted = undefined;
});

async function mountEditor(mentionSource?: MentionSource): Promise<Mounted> {
  const container = document.createElement("form");
  document.body.append(container);
  const root = createRoot(container);
  await act(async () => {
    root.render(
      createElement(RichTextEditor, {
        name: "body",
        label: "Beitrag",
        id: "beitrag",
        mentionSource,
      }),
    );
    await sleep(0);
  });
  // tiptap keeps the editor on its element "for tests".
  const textbox = container.querySelector<HTMLElement & { editor: Editor }>('[role="textbox"]')!;
  mounted = { container, textbox, editor: textbox.editor, root };
  return mounted;
}

/** Types at the cursor and waits until the (debounced) source has answered. */
async function type({ editor }: Mounted, text: string) {
  // Two steps: act runs React's effects (which start the debounce timer) only when it ends.
  act(() => {
    editor.commands.insertContent(text);
  });
  await act(() => sleep(250));
}

function press({ textbox }: Mounted, key: string, options: KeyboardEventInit = {}) {
  const event = new KeyboardEvent("keydown", { key, bubbles: true, cancelable: true, ...options });
  act(() => {
    textbox.dispatchEvent(event);
  });
  return event;
}

function listbox({ container }: Mounted) {
  return container.querySelector<HTMLElement>('[role="listbox"]');
}
function options({ container }: Mounted) {
  return [...container.querySelectorAll<HTMLElement>('[role="option"]')];
}
function selected(view: Mounted) {
  return options(view).filter((option) => option.getAttribute("aria-selected") === "true");
}
function status({ container }: Mounted) {
  return container.querySelector('[role="status"]')?.textContent ?? null;
}
function postedDocument({ container }: Mounted) {
  const raw = container.querySelector<HTMLInputElement>('input[name="body"]')!.value;
  const result = parseRichTextJson(raw);
  if (!result.ok) throw new Error(result.message);
  return result.doc;
}

describe("RichTextEditor with a mention source", () => {
  it("offers people after @ and inserts the one chosen with the arrow keys and Enter", async () => {
    const source = vi.fn<MentionSource>(async () => PEOPLE);
    const view = await mountEditor(source);
    expect(view.textbox.getAttribute("aria-autocomplete")).toBe("list");
    expect(listbox(view)).toBeNull();

    await type(view, "Hallo @an");
    expect(source).toHaveBeenLastCalledWith("an");
    const list = listbox(view)!;
    expect(list).not.toBeNull();
    const title = view.container.querySelector(`#${list.getAttribute("aria-labelledby")}`);
    expect(title?.textContent).toBe("Personen vorschlagen");
    expect(options(view).map((option) => option.textContent)).toEqual([
      "Anna MüllerJobcenter Nord",
      "Bernd Öztürk",
    ]);
    expect(selected(view)).toEqual([options(view)[0]]);
    expect(view.textbox.getAttribute("aria-controls")).toBe(list.id);
    expect(view.textbox.getAttribute("aria-activedescendant")).toBe(options(view)[0]!.id);
    expect(status(view)).toBe(MENTION_TEXTS.found(2));

    expect(press(view, "ArrowDown").defaultPrevented).toBe(true);
    expect(selected(view)).toEqual([options(view)[1]]);
    expect(view.textbox.getAttribute("aria-activedescendant")).toBe(options(view)[1]!.id);
    press(view, "ArrowDown");
    expect(selected(view)).toEqual([options(view)[0]]);
    press(view, "ArrowUp");
    expect(selected(view)).toEqual([options(view)[1]]);

    expect(press(view, "Enter").defaultPrevented).toBe(true);
    expect(listbox(view)).toBeNull();
    expect(view.textbox.hasAttribute("aria-activedescendant")).toBe(false);
    expect(view.textbox.hasAttribute("aria-controls")).toBe(false);
    expect(postedDocument(view)).toEqual({
      type: "doc",
      content: [
        {
          type: "paragraph",
          content: [
            { type: "text", text: "Hallo " },
            { type: "mention", attrs: { id: BERND, label: "Bernd Öztürk" } },
            { type: "text", text: " " },
          ],
        },
      ],
    });
    expect(view.textbox.querySelector(".mention")?.textContent).toBe("@Bernd Öztürk");
  });

  it("chooses with Tab and with a click as well", async () => {
    const view = await mountEditor(async () => PEOPLE);
    await type(view, "@");
    expect(press(view, "Tab").defaultPrevented).toBe(true);
    await type(view, "und @b");
    act(() => options(view)[1]!.click());
    expect(listbox(view)).toBeNull();
    const paragraph = postedDocument(view).content[0];
    expect(paragraph?.type === "paragraph" && paragraph.content).toEqual([
      { type: "mention", attrs: { id: ANNA, label: "Anna Müller" } },
      { type: "text", text: " und " },
      { type: "mention", attrs: { id: BERND, label: "Bernd Öztürk" } },
      { type: "text", text: " " },
    ]);
  });

  it("closes with Escape and leaves the typed text alone", async () => {
    const view = await mountEditor(async () => PEOPLE);
    await type(view, "@an");
    expect(press(view, "Escape").defaultPrevented).toBe(true);
    expect(listbox(view)).toBeNull();
    expect(view.container.querySelector(".rich-text-mentions")).toBeNull();
    expect(view.editor.getText()).toBe("@an");
  });

  it("closes when the editor loses the focus", async () => {
    const view = await mountEditor(async () => PEOPLE);
    await act(async () => {
      view.editor.commands.focus();
    });
    await type(view, "@an");
    expect(listbox(view)).not.toBeNull();
    await act(async () => {
      view.editor.commands.blur();
      await sleep(0);
    });
    expect(listbox(view)).toBeNull();
  });

  it("says when nobody was found, and then leaves Enter to the editor", async () => {
    const view = await mountEditor(async () => []);
    await type(view, "@niemand");
    expect(listbox(view)).toBeNull();
    expect(view.container.querySelector(".rich-text-mentions__message")?.textContent).toBe(
      "Keine Person gefunden",
    );
    expect(status(view)).toBe("Keine Person gefunden");
    press(view, "Enter");
    expect(postedDocument(view).content).toHaveLength(2);
  });

  it("says when the people could not be loaded", async () => {
    const view = await mountEditor(async () => {
      throw new Error("offline");
    });
    await type(view, "@an");
    expect(listbox(view)).toBeNull();
    expect(status(view)).toBe(MENTION_TEXTS.failed);
  });

  it("only offers people the document can store, each once", async () => {
    const view = await mountEditor(async () => [
      { id: "42", label: "Keine UUID" },
      { id: ANNA.toUpperCase(), label: "  Anna Müller  " },
      { id: ANNA, label: "Anna doppelt" },
      { id: BERND, label: "   " },
      { id: BERND, label: "x".repeat(121) },
    ]);
    await type(view, "@a");
    expect(options(view).map((option) => option.textContent)).toEqual(["Anna Müller"]);
    press(view, "Enter");
    const paragraph = postedDocument(view).content[0];
    expect(paragraph?.type === "paragraph" && paragraph.content?.[0]).toEqual({
      type: "mention",
      attrs: { id: ANNA, label: "Anna Müller" },
    });
  });
});

describe("RichTextEditor without a mention source", () => {
  it("does not offer mentions", async () => {
    const view = await mountEditor();
    await type(view, "Hallo @an");
    expect(listbox(view)).toBeNull();
    expect(view.container.querySelector('[role="status"]')).toBeNull();
    expect(view.textbox.hasAttribute("aria-autocomplete")).toBe(false);
    expect(press(view, "ArrowDown").defaultPrevented).toBe(false);
    expect(view.editor.getText()).toBe("Hallo @an");
  });
});
