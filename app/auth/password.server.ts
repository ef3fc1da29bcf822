import { hash, verify } from "@node-rs/argon2";
import { dictionary } from "@zxcvbn-ts/language-common";
import { authTexts } from "./texts";

// OWASP's recommended argon2id parameters (m=19 MiB, t=2, p=1).
const argon2Options = { memoryCost: 19456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

const commonPasswords = new Set(dictionary.passwords.map((password) => password.toLowerCase()));

/** Returns a German error message, or null when the password may be used. */
export function checkPasswordPolicy(password: string, email: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return authTexts.passwordTooShort;
  if (password.length > MAX_PASSWORD_LENGTH) return authTexts.passwordTooLong;
  const normalized = password.toLowerCase();
  if (commonPasswords.has(normalized)) return authTexts.passwordCommon;
  const localPart = email.split("@")[0]?.toLowerCase() ?? "";
  if (localPart.length >= 4 && normalized.includes(localPart))
    return authTexts.passwordContainsEmail;
  return null;
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
