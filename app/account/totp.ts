import { createTOTPKeyURI, generateHOTP, verifyHOTP } from "@oslojs/otp";
import { decodeBase32IgnorePadding, encodeBase32UpperCaseNoPadding } from "@oslojs/encoding";

/**
 * Time-based one-time passwords (RFC 6238) as authenticator apps compute them: HMAC-SHA-1,
 * 30-second steps, 6 digits. The time steps are counted here rather than by @oslojs/otp's
 * `verifyTOTP`, because replay protection needs to know WHICH step a code matched.
 */
export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
export const TOTP_ISSUER = "Netzwerke ABC";
/** A phone's clock may be one step off either way. */
const ACCEPTED_DRIFT_STEPS = 1;

/** A new shared secret: 160 bits (RFC 4226's recommendation), base32 as apps expect it. */
export function newTotpSecret(): string {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  return encodeBase32UpperCaseNoPadding(bytes);
}

export function timeStepAt(now: Date): number {
  return Math.floor(now.getTime() / 1000 / TOTP_PERIOD_SECONDS);
}

/** The code of one time step; `digits` other than 6 only for the RFC's test vectors. */
export function totpCodeAt(secret: string | Uint8Array, step: number, digits = TOTP_DIGITS) {
  return generateHOTP(keyOf(secret), BigInt(step), digits);
}

/** What a person typed, without the spaces and dashes apps show within a code. */
export function normalizeTotpCode(typed: string): string {
  return typed.replace(/[\s-]/g, "");
}

export const isTotpCodeShape = (code: string) => new RegExp(`^\\d{${TOTP_DIGITS}}$`).test(code);

/**
 * The time step the code belongs to (now, or one step before or after), or null. A step at or
 * before `lastUsedStep` is never accepted: a code seen over someone's shoulder, or the same
 * code sent twice, does not open a second session.
 */
export function matchTotpStep(
  secret: string,
  typed: string,
  now: Date,
  lastUsedStep: number | null,
): number | null {
  const code = normalizeTotpCode(typed);
  if (!isTotpCodeShape(code)) return null;
  const key = keyOf(secret);
  const current = timeStepAt(now);
  for (let step = current - ACCEPTED_DRIFT_STEPS; step <= current + ACCEPTED_DRIFT_STEPS; step++) {
    if (lastUsedStep !== null && step <= lastUsedStep) continue;
    if (verifyHOTP(key, BigInt(step), TOTP_DIGITS, code)) return step;
  }
  return null;
}

/** The otpauth:// address the QR code carries: issuer "Netzwerke ABC" and the e-mail address. */
export function totpUri(secret: string, accountName: string): string {
  return createTOTPKeyURI(
    TOTP_ISSUER,
    accountName,
    keyOf(secret),
    TOTP_PERIOD_SECONDS,
    TOTP_DIGITS,
  );
}

/** The secret in groups of four, for typing it into an app by hand. */
export function groupedSecret(secret: string): string {
  return secret.match(/.{1,4}/g)?.join(" ") ?? secret;
}

function keyOf(secret: string | Uint8Array): Uint8Array {
  return typeof secret === "string" ? decodeBase32IgnorePadding(secret.toUpperCase()) : secret;
}
