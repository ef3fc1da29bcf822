import { MATCH_END, MATCH_START } from "./engine";

/**
 * Text as both engines index it: without NUL (PostgreSQL rejects it) and without the match
 * markers (they would turn into <mark>).
 */
export function cleanText(text: string): string {
  return text.replaceAll("\u0000", " ").replaceAll(MATCH_START, " ").replaceAll(MATCH_END, " ");
}
