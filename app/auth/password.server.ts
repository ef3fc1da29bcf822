import { hash, verify } from "@node-rs/argon2";
import { zxcvbn, zxcvbnOptions } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";
import * as german from "@zxcvbn-ts/language-de";
import { authTexts } from "./texts";

// OWASP's recommended argon2id parameters (m=19 MiB, t=2, p=1).
const argon2Options = { memoryCost: 19456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;
/** zxcvbn's "safely unguessable" (10^8 guesses and more); with argon2id and throttling enough. */
const MIN_STRENGTH_SCORE = 3;

/**
 * Words an attacker tries first against this portal: its name, its audience, and the demo
 * password that the README publishes.
 */
const PORTAL_WORDS = [
  "netzwerk",
  "netzwerke",
  "abc",
  "portal",
  "jobcenter",
  "demo",
  "Netzwerk-ABC-Demo-2026",
];

let estimatorReady = false;

/**
 * The dictionaries are large (building them takes a few hundred milliseconds), so they are
 * loaded on the first check, not when a route module is imported. zxcvbn's matchers grow
 * badly with length and l33t substitutions (a crafted 64-character password took seconds), so
 * only the first ESTIMATED_LENGTH characters are estimated, with few substitutions: a longer
 * password is judged by its beginning, which can only make the estimate stricter. zxcvbn's own
 * `maxLength` does not cut the input (bench:password measured 1–2.6 s for 250 characters), so
 * the check cuts it itself.
 */
const ESTIMATED_LENGTH = 64;

function prepareEstimator(): void {
  if (estimatorReady) return;
  zxcvbnOptions.setOptions({
    dictionary: { ...common.dictionary, ...german.dictionary },
    graphs: common.adjacencyGraphs,
    translations: german.translations,
    maxLength: ESTIMATED_LENGTH,
    l33tMaxSubstitutions: 4,
  });
  estimatorReady = true;
}

/** Returns a German error message, or null when the password may be used. */
export function checkPasswordPolicy(password: string, email: string, name = ""): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return authTexts.passwordTooShort;
  if (password.length > MAX_PASSWORD_LENGTH) return authTexts.passwordTooLong;
  const localPart = email.split("@")[0]?.toLowerCase() ?? "";
  if (localPart.length >= 4 && password.toLowerCase().includes(localPart)) {
    return authTexts.passwordContainsEmail;
  }
  prepareEstimator();
  const userInputs = [email, localPart, ...localPart.split(/[._-]/), ...name.split(/\s+/)];
  const result = zxcvbn(password.slice(0, ESTIMATED_LENGTH), [
    ...PORTAL_WORDS,
    ...userInputs.filter(Boolean),
  ]);
  if (result.score >= MIN_STRENGTH_SCORE) return null;
  const { warning, suggestions } = result.feedback;
  const hints = [warning, ...suggestions].filter(Boolean);
  return [authTexts.passwordWeak, ...(hints.length > 0 ? hints : [authTexts.passwordHint])].join(
    " ",
  );
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, argon2Options);
}

export function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return verify(passwordHash, password, argon2Options);
}

let dummyHash: Promise<string> | undefined;

/** Spend the same time on an unknown e-mail as on a wrong password, so timing reveals nothing. */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword("dummy password that never matches");
  await verify(await dummyHash, password, argon2Options);
  return false;
}
