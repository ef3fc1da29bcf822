import { checkPseudonym } from "~/referrals/pseudonym";
import { MAX_PSEUDONYMS_PER_SUBMISSION, reservationTexts as texts } from "./texts";

/** "m. k." and "M. K." name the same person on a list of initials. */
export function pseudonymKey(pseudonym: string): string {
  return pseudonym.toLocaleLowerCase("de-DE");
}

/**
 * The reservation textarea: one candidate per line, each named only by a pseudonym or initials
 * (the referral rule). Blank lines are ignored; the first problem is reported with its line
 * number, so the case worker knows which entry to fix.
 */
export function parsePseudonymList(
  input: string,
): { ok: true; pseudonyms: string[] } | { ok: false; message: string } {
  const pseudonyms: string[] = [];
  const firstLineOf = new Map<string, number>();
  const lines = input.split(/\r\n?|\n/);
  for (const [index, line] of lines.entries()) {
    if (line.trim() === "") continue;
    const lineNumber = index + 1;
    const checked = checkPseudonym(line);
    if (!checked.ok) return { ok: false, message: texts.lineProblem(lineNumber, checked.message) };
    const key = pseudonymKey(checked.value);
    const firstLine = firstLineOf.get(key);
    if (firstLine !== undefined) {
      return { ok: false, message: texts.duplicate(lineNumber, firstLine) };
    }
    firstLineOf.set(key, lineNumber);
    pseudonyms.push(checked.value);
  }
  if (pseudonyms.length === 0) return { ok: false, message: texts.pseudonymsRequired };
  if (pseudonyms.length > MAX_PSEUDONYMS_PER_SUBMISSION)
    return { ok: false, message: texts.tooMany };
  return { ok: true, pseudonyms };
}
