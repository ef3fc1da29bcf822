/**
 * Abbreviations case workers type and the words ideas are written with. Both engines expand a
 * query word into its group, so "AGH" finds "Arbeitsgelegenheit" and back.
 */
export const synonymGroups: readonly (readonly string[])[] = [
  ["AGH", "Arbeitsgelegenheit", "Arbeitsgelegenheiten"],
  ["FbW", "Weiterbildung", "berufliche Weiterbildung"],
  ["BG", "Bedarfsgemeinschaft", "Bedarfsgemeinschaften"],
  ["EGV", "Eingliederungsvereinbarung", "Kooperationsplan"],
  ["AVGS", "Aktivierungs- und Vermittlungsgutschein", "Vermittlungsgutschein"],
  ["JBA", "Jugendberufsagentur"],
  ["ESF", "Europäischer Sozialfonds"],
  ["EGZ", "Eingliederungszuschuss"],
  ["LZA", "Langzeitarbeitslose", "Langzeitarbeitslosigkeit"],
  ["MAT", "Maßnahme beim Arbeitgeber"],
  ["U25", "unter 25", "Jugendliche"],
  ["Ü50", "über 50", "ältere Arbeitslose"],
];

/** The other words of every group a word belongs to (case-insensitive). */
export function synonymsOf(word: string): string[] {
  const lower = word.toLowerCase();
  return synonymGroups
    .filter((group) => group.some((member) => member.toLowerCase() === lower))
    .flatMap((group) => group.filter((member) => member.toLowerCase() !== lower));
}

/** German stop words the engines ignore in queries (Meilisearch setting, PostgreSQL does it itself). */
export const germanStopWords: readonly string[] = [
  "der",
  "die",
  "das",
  "den",
  "dem",
  "des",
  "ein",
  "eine",
  "einer",
  "eines",
  "einem",
  "einen",
  "und",
  "oder",
  "aber",
  "mit",
  "für",
  "von",
  "vom",
  "zu",
  "zum",
  "zur",
  "im",
  "in",
  "an",
  "am",
  "auf",
  "aus",
  "bei",
  "nach",
  "über",
  "unter",
  "durch",
  "als",
  "auch",
  "wie",
  "wir",
  "ist",
  "sind",
  "war",
  "wird",
  "werden",
  "nicht",
  "sich",
  "es",
  "sie",
  "er",
  "ihr",
  "man",
];
