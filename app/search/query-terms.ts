import { synonymsOf } from "./synonyms";

/**
 * Query understanding for the PostgreSQL engine, without the database: what someone typed becomes
 * words, phrases and exclusions, and those become a `to_tsquery` text whose lexemes are quoted so
 * that nothing typed can act as a tsquery operator.
 */

/** Longer input is cut off before parsing. */
export const MAX_QUERY_LENGTH = 500;
/** At most this many words, phrases and exclusions together; the rest is ignored. */
export const MAX_QUERY_PARTS = 12;
/** At most this many tokens in a phrase. */
export const MAX_PHRASE_TOKENS = 10;
/** Longer tokens are cut to this length (PostgreSQL ignores words over 2047 bytes anyway). */
export const MAX_TOKEN_LENGTH = 60;
/** Words at least this long also match as a prefix ("Praktik" finds "Praktikum"). */
export const MIN_PREFIX_LENGTH = 3;
/** Words at least this long go into the lexicon and are looked up there. */
export const MIN_TERM_LENGTH = 3;
/** Words at least this long are also looked up as a part of longer words ("beratung"). */
export const MIN_WORD_PART_LENGTH = 4;

const tokenPattern = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*/gu;
const openingQuotes = new Set(['"', "„", "“", "”", "»", "«"]);
const closingQuotes = new Set(['"', "“", "”", "«", "»"]);
const whitespace = /\s/u;

/** Lower-cased words of letters and digits (umlauts and ß included); everything else separates. */
export function tokenize(text: string): string[] {
  return Array.from(text.normalize("NFC").toLowerCase().matchAll(tokenPattern), (match) =>
    Array.from(match[0]).slice(0, MAX_TOKEN_LENGTH).join(""),
  );
}

/** The distinct words of some texts for the lexicon: at least MIN_TERM_LENGTH characters. */
export function extractTerms(texts: Iterable<string>): string[] {
  const terms = new Set<string>();
  for (const text of texts) {
    for (const token of tokenize(text)) {
      const length = Array.from(token).length;
      if (length >= MIN_TERM_LENGTH && length < MAX_TOKEN_LENGTH) terms.add(token);
    }
  }
  return [...terms];
}

export interface ParsedQuery {
  /** Single words; each is widened by prefix, synonyms and lexicon look-ups. */
  words: string[];
  /** Quoted phrases: their tokens must follow each other (a one-token phrase is an exact word). */
  phrases: string[][];
  /** Words and phrases after "-": documents containing them are left out. */
  excluded: string[][];
}

/**
 * Splits input the way web search does: `"aufsuchendes Fallmanagement"` (also „…“ and »…«) is a
 * phrase, an unclosed quote runs to the end, `-word` and `-"a phrase"` exclude. Punctuation
 * inside an unquoted chunk separates words ("Speed-Dating" is "speed" and "dating"); a negated
 * chunk of several tokens is excluded as a phrase.
 */
export function parseSearchText(text: string): ParsedQuery {
  const input = Array.from(text.normalize("NFC")).slice(0, MAX_QUERY_LENGTH);
  const words: string[] = [];
  const phrases: string[][] = [];
  const excluded: string[][] = [];
  const seen = new Set<string>();
  let parts = 0;

  const add = (tokens: string[], kind: "chunk" | "phrase", negated: boolean) => {
    if (tokens.length === 0) return;
    if (negated || kind === "phrase") {
      const phrase = tokens.slice(0, MAX_PHRASE_TOKENS);
      const key = `${negated ? "-" : ""}"${phrase.join(" ")}"`;
      if (seen.has(key) || parts >= MAX_QUERY_PARTS) return;
      seen.add(key);
      parts += 1;
      (negated ? excluded : phrases).push(phrase);
      return;
    }
    for (const token of tokens) {
      if (seen.has(token) || parts >= MAX_QUERY_PARTS) continue;
      seen.add(token);
      parts += 1;
      words.push(token);
    }
  };

  let index = 0;
  while (index < input.length) {
    let character = input[index]!;
    if (whitespace.test(character)) {
      index += 1;
      continue;
    }
    let negated = false;
    if (character === "-" && index + 1 < input.length && !whitespace.test(input[index + 1]!)) {
      negated = true;
      index += 1;
      character = input[index]!;
    }
    if (openingQuotes.has(character)) {
      let end = index + 1;
      while (end < input.length && !closingQuotes.has(input[end]!)) end += 1;
      add(tokenize(input.slice(index + 1, end).join("")), "phrase", negated);
      index = end + 1;
      continue;
    }
    let end = index;
    while (end < input.length && !whitespace.test(input[end]!) && !openingQuotes.has(input[end]!))
      end += 1;
    add(tokenize(input.slice(index, end).join("")), "chunk", negated);
    index = end;
  }
  return { words, phrases, excluded };
}

/** Every token of a parsed query once: what the database checks for stop words. */
export function queryTokens(parsed: ParsedQuery): string[] {
  return [...new Set([...parsed.words, ...parsed.phrases.flat(), ...parsed.excluded.flat()])];
}

/** The words worth a lexicon look-up (typos, inflections, word parts). */
export function lexiconWords(parsed: ParsedQuery): string[] {
  return parsed.words.filter((word) => Array.from(word).length >= MIN_TERM_LENGTH);
}

/** `word` for a LIKE pattern: LIKE's special characters escaped. */
export function likeEscaped(word: string): string {
  return word.replace(/[\\%_]/g, (special) => `\\${special}`);
}

/**
 * A token as a quoted tsquery operand. Tokens are letters and digits only, but quotes and
 * backslashes are escaped anyway, so even a token that slipped through cannot end the quote.
 */
export function quoteLexeme(token: string): string {
  return `'${token.replace(/\\/g, "\\\\").replace(/'/g, "''")}'`;
}

function phraseOperand(tokens: readonly string[]): string {
  const quoted = tokens.map(quoteLexeme);
  return quoted.length === 1 ? quoted[0]! : `( ${quoted.join(" <-> ")} )`;
}

/** The alternatives one query word matches, as tsquery operands (duplicates removed). */
export function wordAlternatives(word: string, expansions: readonly string[] = []): string[] {
  const alternatives = [
    Array.from(word).length >= MIN_PREFIX_LENGTH ? `${quoteLexeme(word)}:*` : quoteLexeme(word),
  ];
  for (const synonym of synonymsOf(word)) {
    const tokens = tokenize(synonym);
    if (tokens.length > 0) alternatives.push(phraseOperand(tokens));
  }
  for (const term of expansions) {
    const tokens = tokenize(term);
    // Lexicon terms are single words; anything else is not what the lexicon should hold.
    if (tokens.length === 1 && tokens[0] !== word) alternatives.push(quoteLexeme(tokens[0]!));
  }
  return [...new Set(alternatives)];
}

export interface TsQueryOptions {
  /** Lexicon terms per query word (typos, inflections, compounds containing it). */
  expansions?: ReadonlyMap<string, readonly string[]>;
  /** Tokens that yield no lexeme (stop words): such words and all-stop-word phrases are dropped. */
  stopWords?: ReadonlySet<string>;
}

/**
 * The text for `to_tsquery('german', …)`: per word its alternatives OR-ed, words and phrases
 * AND-ed, exclusions negated. Empty when nothing searchable is left (then everything matches).
 */
export function buildTsQuery(parsed: ParsedQuery, options: TsQueryOptions = {}): string {
  const stopWords = options.stopWords ?? new Set<string>();
  const meaningful = (tokens: readonly string[]) => tokens.some((token) => !stopWords.has(token));
  const parts: string[] = [];
  for (const word of parsed.words) {
    if (stopWords.has(word)) continue;
    const alternatives = wordAlternatives(word, options.expansions?.get(word));
    parts.push(alternatives.length === 1 ? alternatives[0]! : `( ${alternatives.join(" | ")} )`);
  }
  for (const phrase of parsed.phrases) {
    if (meaningful(phrase)) parts.push(phraseOperand(phrase));
  }
  for (const phrase of parsed.excluded) {
    if (meaningful(phrase)) parts.push(`!${phraseOperand(phrase)}`);
  }
  return parts.join(" & ");
}
