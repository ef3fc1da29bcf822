import type { Editor, Extensions, Range } from "@tiptap/core";
import { PluginKey } from "@tiptap/pm/state";
import { exitSuggestion } from "@tiptap/suggestion";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { ReactNode } from "react";
import { plural } from "~/ui/plural";
import { richTextExtensions, withMentionSuggestions } from "./extensions";
import { isMentionLabel, isMentionUserId } from "./schema";
import type { MentionNode } from "./schema";

/*
 * "@" suggestions for RichTextEditor: the tiptap Suggestion plugin finds the query after "@",
 * React fetches and shows the people (so loading and failure can be shown), and the editor keeps
 * the focus throughout. Pattern: the textbox points at the highlighted option with
 * aria-activedescendant (WAI-ARIA APG, combobox with listbox popup). role="combobox" itself is
 * not used: it would replace the multi-line textbox role, and aria-expanded is not allowed on a
 * textbox, so a live region says what the list offers instead.
 */

export interface MentionCandidate {
  id: string;
  label: string;
  /** E.g. the organisation, to tell two people of the same name apart. */
  detail?: string;
}

/** Finds people for the text typed after "@" (may be empty); at most the first 8 are shown. */
export type MentionSource = (query: string) => Promise<MentionCandidate[]>;

export const MENTION_TEXTS = {
  title: "Personen vorschlagen",
  loading: "Personen werden gesucht …",
  none: "Keine Person gefunden",
  failed: "Die Vorschläge konnten nicht geladen werden. Bitte versuchen Sie es gleich noch einmal.",
  found: (count: number) =>
    `${plural(count, { one: "Person", other: "Personen" })} gefunden. ` +
    "Mit den Pfeiltasten auswählen, mit der Eingabetaste übernehmen, mit Escape schließen.",
} as const;

const MAX_SUGGESTIONS = 8;
/** Fewer requests while someone types a name; short enough not to feel slow. */
const DEBOUNCE_MS = 200;
/** Longer queries cannot be names; they only make a request larger. */
const MAX_QUERY_LENGTH = 100;

type MentionAttrs = MentionNode["attrs"];

interface Session {
  query: string;
  editor: Editor;
  choose: (attrs: MentionAttrs) => void;
}

interface Results {
  people: MentionCandidate[];
  status: "loading" | "done" | "failed";
}

/** What the document can store: a source that sends something else must not break a post. */
function usablePeople(people: unknown): MentionCandidate[] {
  if (!Array.isArray(people)) return [];
  const usable = new Map<string, MentionCandidate>();
  for (const person of people as Partial<MentionCandidate>[]) {
    const id = typeof person?.id === "string" ? person.id.toLowerCase() : null;
    const label = typeof person?.label === "string" ? person.label.trim() : null;
    if (!isMentionUserId(id) || !isMentionLabel(label) || usable.has(id)) continue;
    const detail = typeof person.detail === "string" ? person.detail.trim() : "";
    usable.set(id, detail ? { id, label, detail } : { id, label });
    if (usable.size === MAX_SUGGESTIONS) break;
  }
  return [...usable.values()];
}

/** As tiptap's own Mention command: a space after the mention, without doubling one. */
function insertMention(editor: Editor, range: Range, attrs: MentionAttrs) {
  const spaceAfter = editor.state.selection.$to.nodeAfter?.text?.startsWith(" ") ?? false;
  editor
    .chain()
    .focus()
    .insertContentAt({ from: range.from, to: spaceAfter ? range.to + 1 : range.to }, [
      { type: "mention", attrs },
      { type: "text", text: " " },
    ])
    .run();
}

export interface MentionSuggestions {
  /** For useEditor; stable. Without a source, the shared list (mentions are not offered). */
  extensions: Extensions;
  /** ARIA attributes for the editable element. */
  textboxAttributes: Record<string, string>;
  /** Closes the list, e.g. when the editor loses focus. */
  close: () => void;
  /** The list and the live region; null without a source. */
  panel: ReactNode;
}

export function useMentionSuggestions(id: string, source?: MentionSource): MentionSuggestions {
  const sourceRef = useRef(source);
  sourceRef.current = source;
  const [session, setSession] = useState<Session | null>(null);
  const sessionRef = useRef(session);
  sessionRef.current = session;
  const [results, setResults] = useState<Results | null>(null);
  const [active, setActive] = useState(0);
  const keyDownRef = useRef<(event: KeyboardEvent) => boolean>(() => false);

  // Once: the editor is created with the extensions it first gets.
  const [pluginKey] = useState(() => new PluginKey(`${id}-mention`));
  const [extensions] = useState(() =>
    source
      ? withMentionSuggestions({
          char: "@",
          pluginKey,
          // Fetched by the effect below instead, which can tell "none found" from "failed".
          items: () => [],
          command: ({ editor, range, props }) => insertMention(editor, range, props),
          render: () => ({
            onStart: ({ query, editor, command }) => setSession({ query, editor, choose: command }),
            onUpdate: ({ query, editor, command }) =>
              setSession({ query, editor, choose: command }),
            onExit: () => setSession(null),
            onKeyDown: ({ event }) => keyDownRef.current(event),
          }),
        })
      : richTextExtensions,
  );

  const query = session ? session.query.slice(0, MAX_QUERY_LENGTH) : null;
  useEffect(() => {
    if (query === null) {
      setResults(null);
      return;
    }
    let current = true;
    // The previous people stay visible while the next ones load: no flicker while typing.
    setResults((previous) => ({ people: previous?.people ?? [], status: "loading" }));
    const timer = setTimeout(() => {
      const load = sourceRef.current;
      if (!load) return;
      load(query).then(
        (people) => {
          if (!current) return;
          setResults({ people: usablePeople(people), status: "done" });
          setActive(0);
        },
        () => {
          if (current) setResults({ people: [], status: "failed" });
        },
      );
    }, DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [query]);

  const people = useMemo(() => results?.people ?? [], [results]);
  const activeIndex = Math.min(active, Math.max(people.length - 1, 0));
  const listboxId = `${id}-personen`;
  const titleId = `${id}-personen-titel`;
  const optionId = (index: number) => `${id}-person-${index}`;
  const listShown = session !== null && people.length > 0;

  function choose(person: MentionCandidate) {
    session?.choose({ id: person.id, label: person.label });
  }

  keyDownRef.current = (event) => {
    if (!listShown || event.altKey || event.ctrlKey || event.metaKey) return false;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      const step = event.key === "ArrowDown" ? 1 : people.length - 1;
      setActive((activeIndex + step) % people.length);
      return true;
    }
    if ((event.key === "Enter" || event.key === "Tab") && !event.shiftKey) {
      const person = people[activeIndex];
      if (person) choose(person);
      return true;
    }
    return false;
  };

  const activeOptionId = listShown ? optionId(activeIndex) : null;
  useEffect(() => {
    if (activeOptionId)
      document.getElementById(activeOptionId)?.scrollIntoView({ block: "nearest" });
  }, [activeOptionId]);

  const hasSource = source !== undefined;
  const textboxAttributes = useMemo((): Record<string, string> => {
    if (!hasSource) return {};
    const attributes: Record<string, string> = { "aria-autocomplete": "list" };
    if (activeOptionId) {
      attributes["aria-controls"] = listboxId;
      attributes["aria-activedescendant"] = activeOptionId;
    }
    return attributes;
  }, [hasSource, activeOptionId, listboxId]);

  const close = useCallback(() => {
    const open = sessionRef.current;
    if (open) exitSuggestion(open.editor.view, pluginKey);
  }, [pluginKey]);

  const announcement =
    session === null || results === null || results.status === "loading"
      ? ""
      : results.status === "failed"
        ? MENTION_TEXTS.failed
        : people.length > 0
          ? MENTION_TEXTS.found(people.length)
          : MENTION_TEXTS.none;

  if (!source) return { extensions, textboxAttributes, close, panel: null };

  const panel = (
    <>
      {/* Always in the page, so screen readers notice when its text changes. */}
      <p className="visually-hidden" role="status">
        {announcement}
      </p>
      {session ? (
        <div className="rich-text-mentions">
          <p className="rich-text-mentions__title" id={titleId}>
            {MENTION_TEXTS.title}
          </p>
          {listShown ? (
            <ul
              className="rich-text-mentions__list"
              role="listbox"
              id={listboxId}
              aria-labelledby={titleId}
            >
              {people.map((person, index) => (
                // Keyboard use goes through the editor (aria-activedescendant); the option
                // only takes clicks, and keeps the focus in the editor while doing so.
                // eslint-disable-next-line jsx-a11y/click-events-have-key-events
                <li
                  key={person.id}
                  id={optionId(index)}
                  role="option"
                  tabIndex={-1}
                  aria-selected={index === activeIndex}
                  className="rich-text-mentions__option"
                  onMouseDown={(event) => event.preventDefault()}
                  onClick={() => choose(person)}
                >
                  <span className="rich-text-mentions__label">{person.label}</span>
                  {person.detail ? (
                    <span className="rich-text-mentions__detail">{person.detail}</span>
                  ) : null}
                </li>
              ))}
            </ul>
          ) : (
            <p className="rich-text-mentions__message">
              {results?.status === "failed"
                ? MENTION_TEXTS.failed
                : results?.status === "done"
                  ? MENTION_TEXTS.none
                  : MENTION_TEXTS.loading}
            </p>
          )}
        </div>
      ) : null}
    </>
  );
  return { extensions, textboxAttributes, close, panel };
}
