import type { ThreadRecord } from "./access.server";
import { threadAudience } from "./posts.server";

/** Who can be @mentioned in a thread: only people who may read it (threadAudience). */

export interface MentionSuggestion {
  id: string;
  label: string;
  /** The organisation, to tell two people of the same name apart. */
  detail: string;
}

export const MAX_MENTION_SUGGESTIONS = 8;

const collator = new Intl.Collator("de-DE", { sensitivity: "base" });

/** Folds case and accents so "jurgen" finds "Jürgen" and "KOERNER" does not need to. */
function fold(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLocaleLowerCase("de-DE");
}

/**
 * People of the thread's audience whose name contains the query (every word of it), names that
 * start with it first; the person asking is left out.
 */
export async function mentionSuggestions(
  thread: ThreadRecord,
  query: string,
  askingUserId: string,
): Promise<MentionSuggestion[]> {
  const words = fold(query.trim().slice(0, 100)).split(/\s+/).filter(Boolean);
  const audience = (await threadAudience(thread)).filter((member) => member.id !== askingUserId);
  const matches = audience
    .map((member) => ({ member, name: fold(member.name) }))
    .filter(({ name }) => words.every((word) => name.includes(word)))
    .sort(
      (a, b) =>
        Number(!a.name.startsWith(words[0] ?? "")) - Number(!b.name.startsWith(words[0] ?? "")) ||
        collator.compare(a.member.name, b.member.name),
    )
    .slice(0, MAX_MENTION_SUGGESTIONS)
    .map(({ member }) => member);
  return matches.map((member) => ({
    id: member.id,
    label: member.name,
    detail: member.organizationName,
  }));
}
