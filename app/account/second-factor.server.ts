import { and, count, eq, isNotNull, isNull, lt, or } from "drizzle-orm";
import { setTimeout as sleep } from "node:timers/promises";
import QRCode from "qrcode";
import { hashIp, recordAudit } from "~/audit/audit.server";
import {
  claimLoginAttempt,
  secondFactorThrottleKeys,
  settleFailedLogin,
  settleSuccessfulLogin,
} from "~/auth/login-throttle.server";
import { createSession, endSessions, type CurrentUser } from "~/auth/session.server";
import { authTexts } from "~/auth/texts";
import { hashToken } from "~/auth/tokens.server";
import { getDb } from "~/db/client.server";
import { recoveryCodes, secondFactors } from "~/db/schema";
import { inUnitOfWork, type Executor, type UnitOfWork } from "~/db/unit-of-work.server";
import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";
import { json } from "@remix-run/node";
import { parseSubmission } from "~/form-schema";
import { readForm, rejectSubmission, unhandledIntent } from "~/forms.server";
import { redirectWithFlash } from "~/flash.server";
import { clientIp } from "~/request-context.server";
import {
  codeOrRecoverySchema,
  confirmCodeSchema,
  secondFactorIntents,
  secondFactorTexts,
  type SecondFactorIntent,
} from "./second-factor-form";
import type { SecondFactorDone } from "./second-factor-setup";
import { deleteSecondFactor } from "./second-factor-store.server";
import { groupedSecret, matchTotpStep, newTotpSecret, totpUri } from "./totp";

/**
 * A person's TOTP second factor: set-up (an unconfirmed secret until a code from the app
 * confirms it), the login step, recovery codes and removal. /konto/zweiter-faktor and the
 * forced set-up after login (/anmelden/zweiter-faktor-einrichten) both use these functions.
 */

const RECOVERY_CODE_COUNT = 10;

type Person = Pick<CurrentUser, "id" | "organizationId" | "sessionId">;

export type SecondFactorState =
  | {
      state: "setup";
      /** The QR code as inline SVG, drawn here: the secret never leaves for another service. */
      qrSvg: string;
      /** The secret in groups of four, for typing it into an app by hand. */
      secret: string;
    }
  | { state: "active"; confirmedAt: Date; remainingRecoveryCodes: number };

/**
 * What the person's page shows. A person without a confirmed factor gets a secret to set up:
 * the one stored unconfirmed before, or a new one (so reloading keeps the QR code the app may
 * already have scanned).
 */
export async function secondFactorState(person: {
  id: string;
  email: string;
}): Promise<SecondFactorState> {
  const db = getDb();
  await db
    .insert(secondFactors)
    .values({ userId: person.id, secret: newTotpSecret() })
    .onConflictDoNothing();
  const [factor] = await db
    .select({ secret: secondFactors.secret, confirmedAt: secondFactors.confirmedAt })
    .from(secondFactors)
    .where(eq(secondFactors.userId, person.id));
  if (factor!.confirmedAt) {
    return {
      state: "active",
      confirmedAt: factor!.confirmedAt,
      remainingRecoveryCodes: await unusedRecoveryCodes(db, person.id),
    };
  }
  const qrSvg = await QRCode.toString(totpUri(factor!.secret, person.email), {
    type: "svg",
    errorCorrectionLevel: "M",
    margin: 2,
    color: { dark: "#000000", light: "#ffffff" },
  });
  return { state: "setup", qrSvg, secret: groupedSecret(factor!.secret) };
}

async function unusedRecoveryCodes(executor: Executor, userId: string): Promise<number> {
  const [row] = await executor
    .select({ unused: count() })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
  return row?.unused ?? 0;
}

/** Ten new codes replace any earlier ones; only their hashes are stored. */
async function replaceRecoveryCodes(executor: Executor, userId: string): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await executor.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  await executor
    .insert(recoveryCodes)
    .values(codes.map((code) => ({ userId, codeHash: hashRecoveryCode(code) })));
  return codes;
}

/** 80 random bits, shown as four groups of four (e.g. "k3p7-wq2m-x8ca-ur5f"). */
function newRecoveryCode(): string {
  const bytes = new Uint8Array(10);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes).match(/.{4}/g)!.join("-");
}

/** Typed with or without dashes and spaces, in either case. */
function hashRecoveryCode(typed: string): string {
  return hashToken(typed.replace(/[\s-]/g, "").toLowerCase());
}

/**
 * Takes a code from the app (never one of a time step already used) or an unused recovery code,
 * and marks it used. Both marks are conditional updates, so two requests with the same code
 * cannot both pass.
 */
async function useCode(
  executor: Executor,
  userId: string,
  typed: string,
  now: Date,
): Promise<"totp" | "recovery" | null> {
  const [factor] = await executor
    .select({ secret: secondFactors.secret, lastUsedStep: secondFactors.lastUsedStep })
    .from(secondFactors)
    .where(and(eq(secondFactors.userId, userId), isNotNull(secondFactors.confirmedAt)));
  if (!factor) return null;
  const step = matchTotpStep(factor.secret, typed, now, factor.lastUsedStep);
  if (step !== null) {
    const taken = await executor
      .update(secondFactors)
      .set({ lastUsedStep: step })
      .where(
        and(
          eq(secondFactors.userId, userId),
          or(isNull(secondFactors.lastUsedStep), lt(secondFactors.lastUsedStep, step)),
        ),
      )
      .returning({ userId: secondFactors.userId });
    return taken.length > 0 ? "totp" : null;
  }
  const used = await executor
    .update(recoveryCodes)
    .set({ usedAt: now })
    .where(
      and(
        eq(recoveryCodes.userId, userId),
        eq(recoveryCodes.codeHash, hashRecoveryCode(typed)),
        isNull(recoveryCodes.usedAt),
      ),
    )
    .returning({ id: recoveryCodes.id });
  return used.length > 0 ? "recovery" : null;
}

export type CodeResult<T> = ({ ok: true } & T) | { ok: false; message: string };

/**
 * Confirms the set-up with a code from the app: the factor counts from now on, ten recovery
 * codes are made (returned to be shown once), and the person's other sessions end: they were
 * opened without the factor.
 */
export async function confirmSecondFactor(
  person: Person,
  typed: string,
  ip: string | null,
  now = new Date(),
): Promise<CodeResult<{ recoveryCodes: string[] }>> {
  return inUnitOfWork(async (unit) => {
    const [factor] = await unit.tx
      .select({ secret: secondFactors.secret, confirmedAt: secondFactors.confirmedAt })
      .from(secondFactors)
      .where(eq(secondFactors.userId, person.id));
    if (!factor) return { ok: false, message: secondFactorTexts.codeWrong };
    if (factor.confirmedAt) return { ok: false, message: secondFactorTexts.alreadyActive };
    const step = matchTotpStep(factor.secret, typed, now, null);
    if (step === null) return { ok: false, message: secondFactorTexts.codeWrong };
    const confirmed = await unit.tx
      .update(secondFactors)
      .set({ confirmedAt: now, lastUsedStep: step })
      .where(and(eq(secondFactors.userId, person.id), isNull(secondFactors.confirmedAt)))
      .returning({ userId: secondFactors.userId });
    if (confirmed.length === 0) return { ok: false, message: secondFactorTexts.alreadyActive };
    const codes = await replaceRecoveryCodes(unit.tx, person.id);
    await endSessions(unit, { userId: person.id, except: person.sessionId });
    await audit(unit, person, "second_factor.enabled", ip);
    return { ok: true, recoveryCodes: codes };
  });
}

/**
 * Removes the factor after a current code or a recovery code. The person's other sessions end
 * (and their live connections close), so a stolen session does not outlast the change.
 */
export async function removeSecondFactor(
  person: Person,
  typed: string,
  ip: string | null,
  now = new Date(),
): Promise<CodeResult<object>> {
  return inUnitOfWork(async (unit) => {
    const method = await useCode(unit.tx, person.id, typed, now);
    if (!method) return { ok: false, message: secondFactorTexts.codeOrRecoveryWrong };
    await deleteSecondFactor(unit.tx, person.id);
    await endSessions(unit, { userId: person.id, except: person.sessionId });
    await audit(unit, person, "second_factor.removed", ip, { method });
    return { ok: true };
  });
}

/** Ten new recovery codes after a current code (or one of the old codes); the old ones end. */
export async function renewRecoveryCodes(
  person: Person,
  typed: string,
  ip: string | null,
  now = new Date(),
): Promise<CodeResult<{ recoveryCodes: string[] }>> {
  return inUnitOfWork(async (unit) => {
    const method = await useCode(unit.tx, person.id, typed, now);
    if (!method) return { ok: false, message: secondFactorTexts.codeOrRecoveryWrong };
    const codes = await replaceRecoveryCodes(unit.tx, person.id);
    await audit(unit, person, "second_factor.recovery_codes_renewed", ip, { method });
    return { ok: true, recoveryCodes: codes };
  });
}

/** Recovery codes are in the answer: no cache may keep it. */
const shownOnce = { headers: { "Cache-Control": "no-store" } };

/**
 * The action of both set-up pages: confirm the set-up, and (on /konto only) new recovery codes
 * and removal. Success answers with what the page shows once (see SecondFactorDone).
 */
export async function secondFactorAction(
  request: Request,
  person: Person,
  intents: readonly SecondFactorIntent[] = secondFactorIntents,
) {
  const form = await readForm(request, { intents });
  if (!form.ok) return form.response;
  const ip = clientIp();
  if (form.intent === "confirm") {
    const submission = parseSubmission(form.formData, confirmCodeSchema);
    if (submission.status !== "success") return rejectSubmission(submission);
    const result = await confirmSecondFactor(person, submission.value.code, ip);
    if (!result.ok) return rejectSubmission(submission, { fields: { code: result.message } });
    const done: SecondFactorDone = { done: "confirmed", recoveryCodes: result.recoveryCodes };
    return json(done, shownOnce);
  }
  const submission = parseSubmission(form.formData, codeOrRecoverySchema);
  if (submission.status !== "success") return rejectSubmission(submission);
  const { code } = submission.value;
  switch (form.intent) {
    case "renewCodes": {
      const result = await renewRecoveryCodes(person, code, ip);
      if (!result.ok) return rejectSubmission(submission, { fields: { code: result.message } });
      const done: SecondFactorDone = { done: "renewed", recoveryCodes: result.recoveryCodes };
      return json(done, shownOnce);
    }
    case "remove": {
      const result = await removeSecondFactor(person, code, ip);
      if (!result.ok) return rejectSubmission(submission, { fields: { code: result.message } });
      return redirectWithFlash(new URL(request.url).pathname, "secondFactorRemoved");
    }
    default:
      return unhandledIntent(form.intent);
  }
}

export interface SecondFactorLoginOptions {
  userAgent?: string;
  now?: Date;
  /** Waits out the per-person delay (see login-throttle.server.ts); tests record it instead. */
  pause?: (ms: number) => Promise<unknown>;
}

/**
 * The second step of a login, throttled like the password. A right code ends the session that
 * waited for it and opens a fresh one (a new token after the privilege changed), whose token
 * the caller sets as the cookie.
 */
export async function completeSecondFactorLogin(
  person: Person,
  typed: string,
  ip: string | null,
  { userAgent, now = new Date(), pause = sleep }: SecondFactorLoginOptions = {},
): Promise<CodeResult<{ token: string }>> {
  const keys = secondFactorThrottleKeys(person.id, (await hashIp(ip)) ?? "unknown");
  const attempt = await claimLoginAttempt(keys);
  if (!attempt.allowed) {
    return { ok: false, message: authTexts.throttled(attempt.retryAfterSeconds) };
  }
  if (attempt.delayMs > 0) await pause(attempt.delayMs);

  const result = await inUnitOfWork(async (unit) => {
    const method = await useCode(unit.tx, person.id, typed, now);
    if (!method) return null;
    await endSessions(unit, { sessionIds: [person.sessionId] });
    const session = await createSession(person.id, now, unit.tx, { userAgent });
    await audit(unit, person, "auth.second_factor_passed", ip, { method });
    return session;
  });
  if (!result) {
    await settleFailedLogin(keys, attempt.waits);
    await recordAudit(getDb(), {
      action: "auth.second_factor_failed",
      actor: person,
      targetType: "user",
      targetId: person.id,
      ip,
    });
    return { ok: false, message: secondFactorTexts.codeOrRecoveryWrong };
  }
  await settleSuccessfulLogin(keys);
  return { ok: true, token: result.token };
}

/** Whether the person has a confirmed factor, i.e. the login must ask for a code. */
export async function hasConfirmedSecondFactor(
  userId: string,
  executor: Executor = getDb(),
): Promise<boolean> {
  const [factor] = await executor
    .select({ userId: secondFactors.userId })
    .from(secondFactors)
    .where(and(eq(secondFactors.userId, userId), isNotNull(secondFactors.confirmedAt)));
  return factor !== undefined;
}

function audit(
  unit: UnitOfWork,
  person: Person,
  action:
    | "second_factor.enabled"
    | "second_factor.removed"
    | "second_factor.recovery_codes_renewed"
    | "auth.second_factor_passed",
  ip: string | null,
  details?: Record<string, string>,
) {
  return recordAudit(unit.tx, {
    action,
    actor: person,
    targetType: "user",
    targetId: person.id,
    ip,
    details,
  });
}
