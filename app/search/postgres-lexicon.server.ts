import { sql, type SQL } from "drizzle-orm";
import { searchTerms } from "~/db/schema";
import { rowsOf, type Executor } from "./postgres-facets.server";
import { MIN_WORD_PART_LENGTH, likeEscaped } from "./query-terms";

/**
 * What the PostgreSQL engine learns from its lexicon (`search_terms`, every indexed word once)
 * before it searches: which typed tokens are stop words, and which indexed words a query word
 * should also match.
 */

/** Similar lexicon words (typos, inflections such as "Praktika" for "Praktikum") per query word. */
const SIMILAR_PER_WORD = 4;
/** Compounds containing a query word inside ("Schuldnerberatung" for "beratung") per query word. */
const PARTS_PER_WORD = 6;
/** Trigram similarity above which a lexicon word counts as the same word (typo, inflection). */
export const SIMILARITY = 0.4;
/**
 * A typo or an inflection changes a word's length by a few letters at most; longer or shorter
 * similar words are compounds or other words (they come in as word parts, if at all).
 */
const LENGTH_TOLERANCE = 3;
/** Letters an inflection leaves unchanged at the end of a known word ("Praktik|um" → "Praktik|a"). */
const INFLECTED_ENDING = 3;
const MIN_STEM_LENGTH = 3;

interface LexiconExpansions {
  /** Tokens that yield no lexeme. */
  stopWords: Set<string>;
  /** Per query word: lexicon words that are the same word misspelled or inflected. */
  similar: Map<string, string[]>;
  /** Per query word: compounds that contain it after at least one letter. */
  parts: Map<string, string[]>;
}

interface LexiconRow {
  kind: "stop" | "similar" | "part";
  token: string;
  term: string | null;
}

function textArray(values: readonly string[]): SQL {
  return sql`ARRAY[${sql.join(
    values.map((value) => sql`${value}`),
    sql`, `,
  )}]::text[]`;
}

/**
 * The similar-words look-up of one word. A word the lexicon knows is only inflected, so the
 * candidates share its beginning and the trigram index finds them among few rows. An unknown
 * word may have a typo anywhere: then all words with enough trigrams in common are candidates,
 * which costs a few milliseconds for common syllables. Words that merely continue the typed
 * word are left out: the prefix search finds them already.
 */
function similarWords(word: string): SQL {
  const length = Array.from(word).length;
  const stem = Array.from(word)
    .slice(0, Math.max(MIN_STEM_LENGTH, length - INFLECTED_ENDING))
    .join("");
  const common = sql`s.term % ${word} AND s.term NOT LIKE ${`${likeEscaped(word)}%`}
      AND length(s.term) BETWEEN ${length - LENGTH_TOLERANCE} AND ${length + LENGTH_TOLERANCE}`;
  const known = sql`EXISTS (SELECT 1 FROM ${searchTerms} k WHERE k.term = ${word})`;
  return sql`(SELECT 'similar' AS kind, ${word}::text AS token, s.term
      FROM ${searchTerms} s
      WHERE ${known} AND s.term LIKE ${`${likeEscaped(stem)}%`} AND ${common}
      ORDER BY similarity(s.term, ${word}) DESC, s.term
      LIMIT ${SIMILAR_PER_WORD})
    UNION ALL
    (SELECT 'similar' AS kind, ${word}::text AS token, s.term
      FROM ${searchTerms} s
      WHERE NOT ${known} AND ${common}
      ORDER BY similarity(s.term, ${word}) DESC, s.term
      LIMIT ${SIMILAR_PER_WORD})`;
}

/** The shortest compounds containing the word after at least one letter ("Fachberatung"). */
function wordParts(word: string): SQL {
  return sql`(SELECT 'part' AS kind, ${word}::text AS token, s.term
      FROM ${searchTerms} s
      WHERE s.term LIKE ${`_%${likeEscaped(word)}%`}
      ORDER BY length(s.term), s.term
      LIMIT ${PARTS_PER_WORD})`;
}

/**
 * One round trip for the stop words among `tokens` and the similar words and word parts of each
 * of `words`. Expects pg_trgm.similarity_threshold = SIMILARITY.
 */
export async function lookUpLexicon(
  executor: Executor,
  tokens: string[],
  words: string[],
): Promise<LexiconExpansions> {
  const lookUps: SQL[] = [
    sql`SELECT 'stop' AS kind, t.token, NULL::text AS term
        FROM unnest(${textArray(tokens)}) AS t(token)
        WHERE length(to_tsvector('german', t.token)) = 0`,
  ];
  for (const word of words) {
    lookUps.push(similarWords(word));
    if (Array.from(word).length >= MIN_WORD_PART_LENGTH) lookUps.push(wordParts(word));
  }
  const rows = await rowsOf<LexiconRow>(executor, sql.join(lookUps, sql` UNION ALL `));
  const expansions: LexiconExpansions = {
    stopWords: new Set(),
    similar: new Map(),
    parts: new Map(),
  };
  for (const row of rows) {
    if (row.kind === "stop") expansions.stopWords.add(row.token);
    else if (row.term !== null) {
      const byWord = row.kind === "similar" ? expansions.similar : expansions.parts;
      byWord.set(row.token, [...(byWord.get(row.token) ?? []), row.term]);
    }
  }
  return expansions;
}
