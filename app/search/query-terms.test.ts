import {
  MAX_QUERY_PARTS,
  MAX_TOKEN_LENGTH,
  buildTsQuery,
  likeEscaped,
  extractTerms,
  lexiconWords,
  parseSearchText,
  queryTokens,
  quoteLexeme,
  tokenize,
  wordAlternatives,
} from "./query-terms";

describe("tokenize", () => {
  it("keeps letters and digits, umlauts and ß, lower-cased", () => {
    expect(tokenize("Übergänge für U25: Maßnahme-Träger!")).toEqual([
      "übergänge",
      "für",
      "u25",
      "maßnahme",
      "träger",
    ]);
  });

  it("composes decomposed umlauts (NFC)", () => {
    expect(tokenize("Schu\u0308ler")).toEqual(["schüler"]);
  });

  it("drops punctuation, operators, emoji and control characters", () => {
    expect(tokenize(`'&|!():*\\<-> 🚀 \u0000\u0002\u0003 "`)).toEqual([]);
  });

  it("cuts very long tokens", () => {
    expect(tokenize("x".repeat(500))).toEqual(["x".repeat(MAX_TOKEN_LENGTH)]);
  });
});

describe("extractTerms", () => {
  it("collects distinct words of at least three characters", () => {
    expect(extractTerms(["JOB-TURBO: Aktivierung mit Praktikum", "Praktika: 13", "im AG"])).toEqual(
      ["job", "turbo", "aktivierung", "mit", "praktikum", "praktika"],
    );
  });
});

describe("parseSearchText", () => {
  it("splits words", () => {
    expect(parseSearchText("  Schuldnerberatung   Jobcenter ")).toEqual({
      words: ["schuldnerberatung", "jobcenter"],
      phrases: [],
      excluded: [],
    });
  });

  it("reads quoted phrases, also with German quotes and an unclosed quote", () => {
    expect(parseSearchText('"aufsuchendes Fallmanagement" Jugendamt').phrases).toEqual([
      ["aufsuchendes", "fallmanagement"],
    ]);
    expect(parseSearchText("„Teilhabe durch Ehrenamt“").phrases).toEqual([
      ["teilhabe", "durch", "ehrenamt"],
    ]);
    expect(parseSearchText('Jugendamt "aufsuchendes Fallm')).toEqual({
      words: ["jugendamt"],
      phrases: [["aufsuchendes", "fallm"]],
      excluded: [],
    });
  });

  it("excludes words and phrases after a minus", () => {
    expect(parseSearchText('Fallmanagement -Jugendamt -"Speed Dating" -Speed-Dating')).toEqual({
      words: ["fallmanagement"],
      phrases: [],
      excluded: [["jugendamt"], ["speed", "dating"]],
    });
  });

  it("treats a minus inside a word or alone as a separator", () => {
    expect(parseSearchText("Speed-Dating - x")).toEqual({
      words: ["speed", "dating", "x"],
      phrases: [],
      excluded: [],
    });
  });

  it("removes duplicates and limits the number of parts", () => {
    expect(parseSearchText("Praktikum praktikum PRAKTIKUM").words).toEqual(["praktikum"]);
    const many = Array.from({ length: 50 }, (_, index) => `wort${index}`).join(" ");
    expect(parseSearchText(many).words).toHaveLength(MAX_QUERY_PARTS);
  });

  it("survives nasty input", () => {
    for (const text of ["'", "&", "|", "!", ":*", "(", ")", "\\", '"', "-", "🚀", "\u0000", ""]) {
      expect(parseSearchText(text)).toEqual({ words: [], phrases: [], excluded: [] });
    }
    expect(parseSearchText("x".repeat(100_000)).words).toEqual(["x".repeat(MAX_TOKEN_LENGTH)]);
  });
});

describe("queryTokens and lexiconWords", () => {
  it("lists every token once and only words long enough for the lexicon", () => {
    const parsed = parseSearchText('BG Praktika "Praktika im Betrieb" -Jugendamt');
    expect(queryTokens(parsed)).toEqual(["bg", "praktika", "im", "betrieb", "jugendamt"]);
    expect(lexiconWords(parsed)).toEqual(["praktika"]);
  });
});

describe("likeEscaped", () => {
  it("escapes LIKE's special characters", () => {
    expect(likeEscaped("beratung")).toBe("beratung");
    expect(likeEscaped("a%b_c\\d")).toBe("a\\%b\\_c\\\\d");
  });
});

describe("quoteLexeme", () => {
  it("quotes, doubling quotes and backslashes", () => {
    expect(quoteLexeme("praktikum")).toBe("'praktikum'");
    expect(quoteLexeme("a'b")).toBe("'a''b'");
    expect(quoteLexeme("a\\'b")).toBe("'a\\\\''b'");
  });
});

describe("wordAlternatives", () => {
  it("matches the word as a prefix, its synonyms and lexicon words", () => {
    expect(wordAlternatives("agh", ["agh", "arbeitsgelegenheit"])).toEqual([
      "'agh':*",
      "'arbeitsgelegenheit'",
      "'arbeitsgelegenheiten'",
    ]);
    expect(wordAlternatives("fbw")).toEqual([
      "'fbw':*",
      "'weiterbildung'",
      "( 'berufliche' <-> 'weiterbildung' )",
    ]);
  });

  it("matches short words exactly", () => {
    expect(wordAlternatives("bg")).toEqual([
      "'bg'",
      "'bedarfsgemeinschaft'",
      "'bedarfsgemeinschaften'",
    ]);
  });

  it("ignores lexicon entries that are not single words", () => {
    expect(wordAlternatives("praktika", ["praktikum", "a & b", "'", ""])).toEqual([
      "'praktika':*",
      "'praktikum'",
    ]);
  });
});

describe("buildTsQuery", () => {
  it("ORs alternatives per word and ANDs words, phrases and exclusions", () => {
    const parsed = parseSearchText('Praktika "aufsuchendes Fallmanagement" -Jugendamt');
    expect(
      buildTsQuery(parsed, { expansions: new Map([["praktika", ["praktikum", "praktikant"]]]) }),
    ).toBe(
      "( 'praktika':* | 'praktikum' | 'praktikant' ) & ( 'aufsuchendes' <-> 'fallmanagement' ) & !'jugendamt'",
    );
  });

  it("drops stop words, and phrases of nothing else, but keeps stop words inside phrases", () => {
    const parsed = parseSearchText('und Ehrenamt "durch die" "Teilhabe durch Ehrenamt" -"und"');
    expect(buildTsQuery(parsed, { stopWords: new Set(["und", "durch", "die"]) })).toBe(
      "'ehrenamt':* & ( 'teilhabe' <-> 'durch' <-> 'ehrenamt' )",
    );
    expect(buildTsQuery(parseSearchText("und die"), { stopWords: new Set(["und", "die"]) })).toBe(
      "",
    );
  });

  it("is empty for input without words", () => {
    expect(buildTsQuery(parseSearchText(`'&|!():*\\ 🚀`))).toBe("");
  });

  it("never lets input produce an operator outside a quoted lexeme", () => {
    const nasty = [
      "a'b",
      "x':* | 'y",
      "'; DROP TABLE search_documents; --",
      "a&b|c!d(e)f:*g<->h",
      "-'a' \"b'c\"",
      "\\'",
      "Praktikum & | ! ( ) :* '",
    ];
    for (const text of nasty) {
      const query = buildTsQuery(parseSearchText(text));
      // Outside quotes only our own operators, parentheses, :* and spaces appear.
      const outside = query.replace(/'(?:[^']|'')*'/g, "L");
      expect(outside, text).toMatch(/^(?:L(?::\*)?|[ &|!()]|<->)*$/);
      // Inside quotes only letters and digits.
      for (const [, lexeme] of query.matchAll(/'((?:[^']|'')*)'/g))
        expect(lexeme, text).toMatch(/^[\p{L}\p{M}\p{N}]+$/u);
    }
  });
});
