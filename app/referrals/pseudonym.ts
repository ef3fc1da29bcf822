/**
 * A referral names the client only by a pseudonym or initials chosen by the case worker.
 * Official identifiers, contact data and dates of birth would make the person identifiable to
 * every partner in the network, so they are rejected before anything is stored.
 *
 * The checks err on the side of rejecting: a false alarm costs the case worker a second try,
 * a leaked identifier cannot be taken back.
 */

const MIN_LENGTH = 2;
const MAX_LENGTH = 40;

const whyNot =
  "Solche Angaben machen die Person identifizierbar und gehören nach dem Grundsatz der Datensparsamkeit (§ 67 ff. SGB X) nicht in eine Übergabe oder eine Platzreservierung.";
const insteadUse =
  "Bitte verwenden Sie stattdessen Initialen wie „M. K.“ oder ein Pseudonym wie „Kundin Sonnenblume“.";

function identifierMessage(looksLike: string): string {
  return `Die Eingabe sieht aus wie ${looksLike}. ${whyNot} ${insteadUse}`;
}

/** Everything a person reads about the client pseudonym, shared by the UI and the tests. */
export const pseudonymTexts = {
  required: "Bitte geben Sie ein Pseudonym oder Initialen an.",
  length: `Das Pseudonym muss zwischen ${MIN_LENGTH} und ${MAX_LENGTH} Zeichen lang sein.`,
  bgNumber: identifierMessage("eine BG-Nummer (Nummer der Bedarfsgemeinschaft)"),
  pensionInsuranceNumber: identifierMessage("eine Renten- bzw. Sozialversicherungsnummer"),
  customerNumber: identifierMessage("eine Kunden- oder Aktennummer"),
  email: identifierMessage("eine E-Mail-Adresse"),
  phone: identifierMessage("eine Telefonnummer"),
  birthDate: identifierMessage("ein Datum, etwa ein Geburtsdatum"),
} as const;

export type PseudonymResult = { ok: true; value: string } | { ok: false; message: string };

// Case workers type identifiers with arbitrary grouping ("123 45 BG 0012345", "65-170839-J-003"),
// and text pasted from office documents brings typographic dashes and non-breaking spaces.
const SEPARATORS = /[\s.\-‐‑‒–—/_]/g;

const EMAIL = /[^\s@]+@[^\s@]+\.[^\s@]+/;

// Jobcenter office number (5 digits), "BG", running number (7 digits). Leading zeros of the
// running number are often dropped, so fewer digits still count.
const BG_NUMBER = /\d{5}BG\d{1,7}/i;

// Area (2 digits), birth date DDMMYY (6), initial of the birth name (1 letter), serial number
// with check digit (3). The check digit is deliberately not verified: a mistyped number is
// still personal data.
const PENSION_INSURANCE_NUMBER = /\d{8}[A-Z]\d{3}/i;

// Kundennummer of the Bundesagentur für Arbeit, e.g. "123A456789".
const BA_CUSTOMER_NUMBER = /\d{3}[A-Z]\d{6}/i;

// Any longer digit run is some file or customer number; short numbers such as "Kundin 7" or
// an age group are fine.
const LONG_DIGIT_RUN = /\d{6,}/;

// German dates such as "3.7.1985" or "03. 07. 85". Day and month must be plausible so that
// a file number like "12.34.56" is reported as such and not as a date.
const DATE = /(?<!\d)(?:0?[1-9]|[12]\d|3[01])\.\s?(?:0?[1-9]|1[0-2])\.\s?(?:\d{4}|\d{2})(?!\d)/;

// Phone numbers start with a trunk prefix "0", an international "+" or "00", possibly in
// parentheses; digit groups may be separated by spaces, dashes, slashes, dots or parentheses.
const PHONE_CANDIDATES = /(?<![\p{L}\p{N}])(?:\+|\(?0)[\d\s\-‐‑‒–—/.()]*/gu;
const MIN_PHONE_DIGITS = 7;

function looksLikePhoneNumber(value: string): boolean {
  for (const match of value.matchAll(PHONE_CANDIDATES)) {
    const digits = match[0].replace(/\D/g, "");
    if (digits.length >= MIN_PHONE_DIGITS) return true;
  }
  return false;
}

/** Why a value must not be used as a pseudonym, or null if it looks harmless. */
function identifierProblem(value: string): string | null {
  const compact = value.replace(SEPARATORS, "");

  // Order matters: the specific patterns contain long digit runs themselves and must win over
  // the generic customer-number rule; dates must win over phone numbers ("01.02.1985").
  if (EMAIL.test(value)) return pseudonymTexts.email;
  if (BG_NUMBER.test(compact)) return pseudonymTexts.bgNumber;
  if (PENSION_INSURANCE_NUMBER.test(compact)) return pseudonymTexts.pensionInsuranceNumber;
  if (BA_CUSTOMER_NUMBER.test(compact)) return pseudonymTexts.customerNumber;
  if (DATE.test(value)) return pseudonymTexts.birthDate;
  if (looksLikePhoneNumber(value)) return pseudonymTexts.phone;
  if (LONG_DIGIT_RUN.test(compact)) return pseudonymTexts.customerNumber;
  return null;
}

/**
 * Validates the client pseudonym of a referral. The returned value is trimmed and has inner
 * whitespace collapsed, so "M.  K." and "M. K." are stored alike.
 */
export function checkPseudonym(raw: string): PseudonymResult {
  const value = raw.trim().replace(/\s+/g, " ");
  if (value === "") return { ok: false, message: pseudonymTexts.required };

  // Identifier checks come before the length check: a 45-character e-mail address should be
  // explained as an e-mail address, not merely as too long.
  const problem = identifierProblem(value);
  if (problem !== null) return { ok: false, message: problem };

  // Count code points, not UTF-16 units, so an emoji counts as one character.
  const length = Array.from(value).length;
  if (length < MIN_LENGTH || length > MAX_LENGTH) {
    return { ok: false, message: pseudonymTexts.length };
  }
  return { ok: true, value };
}
