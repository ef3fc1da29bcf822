import { and, eq, isNull, sql } from "drizzle-orm";
import { setTimeout as sleep } from "node:timers/promises";
import { recordAudit, hashIp } from "~/audit/audit.server";
import { getDb } from "~/db/client.server";
import { inUnitOfWork, type Executor } from "~/db/unit-of-work.server";
import { users } from "~/db/schema";
import {
  claimLoginAttempt,
  settleFailedLogin,
  settleSuccessfulLogin,
  throttleKeys,
} from "./login-throttle.server";
import { verifyAgainstDummy, verifyPassword } from "./password.server";
import { createSession, type SignInStep } from "./session.server";
import { authTexts } from "./texts";

export type LoginResult =
  | { ok: true; token: string; userId: string; pendingStep: SignInStep | null }
  | { ok: false; message: string };

export interface LoginOptions {
  /** Waits out the per-account delay (see login-throttle.server.ts); tests record it instead. */
  pause?: (ms: number) => Promise<unknown>;
}

/** One German message for an unknown e-mail, a wrong password and a deactivated account. */
export async function logIn(
  email: string,
  password: string,
  ip: string | null,
  { pause = sleep }: LoginOptions = {},
): Promise<LoginResult> {
  const keys = throttleKeys(email, (await hashIp(ip)) ?? "unknown");
  const attempt = await claimLoginAttempt(keys);
  if (!attempt.allowed)
    return { ok: false, message: authTexts.throttled(attempt.retryAfterSeconds) };
  if (attempt.delayMs > 0) await pause(attempt.delayMs);

  const [user] = await getDb()
    .select({
      id: users.id,
      organizationId: users.organizationId,
      passwordHash: users.passwordHash,
    })
    .from(users)
    .where(
      and(sql`lower(${users.email}) = ${email.trim().toLowerCase()}`, isNull(users.deactivatedAt)),
    );
  // A person without a password (signs in through an identity provider) costs the same time.
  const valid = user?.passwordHash
    ? await verifyPassword(user.passwordHash, password)
    : await verifyAgainstDummy(password);

  if (!user || !valid) {
    // The failure was counted when the attempt was claimed; a failed login changes no data.
    await settleFailedLogin(keys, attempt.waits);
    await recordAudit(getDb(), {
      action: "auth.login_failed",
      actor: user ? { id: user.id, organizationId: user.organizationId } : null,
      ip,
      details: user ? undefined : { knownAccount: false },
    });
    return { ok: false, message: authTexts.invalidCredentials };
  }

  const session = await inUnitOfWork(async ({ tx }) => {
    const created = await createSession(user.id, new Date(), tx);
    await recordAudit(tx, {
      action: "auth.login",
      actor: user,
      targetType: "user",
      targetId: user.id,
      ip,
    });
    return created;
  });
  // After the commit: a login that failed to commit must not clear the counters.
  await settleSuccessfulLogin(keys);
  return { ok: true, token: session.token, userId: user.id, pendingStep: null };
}

/** E-mail addresses are compared case-insensitively, as the unique index does. */
export async function findUserByEmail(
  email: string,
  options: { activeOnly?: boolean } = {},
  executor: Executor = getDb(),
) {
  const sameEmail = eq(sql`lower(${users.email})`, email.trim().toLowerCase());
  const [user] = await executor
    .select({ id: users.id, organizationId: users.organizationId, name: users.name })
    .from(users)
    .where(options.activeOnly ? and(sameEmail, isNull(users.deactivatedAt)) : sameEmail);
  return user ?? null;
}
