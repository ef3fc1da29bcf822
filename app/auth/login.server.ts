import { and, eq, isNull, sql } from "drizzle-orm";
import { setTimeout as sleep } from "node:timers/promises";
import { recordAudit, hashIp } from "~/audit/audit.server";
import { getDb } from "~/db/client.server";
import { inUnitOfWork, type Executor } from "~/db/unit-of-work.server";
import { identityProviders, organizations, secondFactors, users } from "~/db/schema";
import {
  claimLoginAttempt,
  settleFailedLogin,
  settleSuccessfulLogin,
  throttleKeys,
} from "./login-throttle.server";
import { verifyAgainstDummy, verifyPassword } from "./password.server";
import { createSession, validateSessionToken, type SignInStep } from "./session.server";
import { authTexts } from "./texts";

export type LoginResult =
  | { ok: true; token: string; userId: string; pendingStep: SignInStep | null }
  | { ok: false; message: string };

/** Why a password login is refused for a member of an organisation that requires SSO. */
export function ssoRequiredMessage(providerNames: string[]): string {
  const buttons = providerNames.map((name) => `„Anmelden mit ${name}“`).join(" oder ");
  return `Ihre Organisation meldet sich über ihren Anmeldedienst an, nicht mit einem Passwort des Portals. Bitte wählen Sie auf dieser Seite ${buttons}.`;
}

export interface LoginOptions {
  /** Waits out the per-account delay (see login-throttle.server.ts); tests record it instead. */
  pause?: (ms: number) => Promise<unknown>;
  /** The browser's User-Agent header, shown in the person's list of sessions. */
  userAgent?: string | null;
}

/**
 * One German message for an unknown e-mail, a wrong password and a deactivated account. After
 * the right password: a person whose organisation signs in through its identity provider is
 * refused with an explanation (only now, so it tells a guesser nothing), and a person with a
 * second factor gets a session that opens nothing but the code page (`pendingStep`).
 */
export async function logIn(
  email: string,
  password: string,
  ip: string | null,
  { pause = sleep, userAgent }: LoginOptions = {},
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
      /** Names of the organisation's identity providers while it requires signing in there. */
      ssoProviders: sql<
        string[]
      >`array(select ${identityProviders.displayName} from ${identityProviders} where ${organizations.requireSso} and ${identityProviders.enabled} and ${identityProviders.organizationId} = ${users.organizationId} order by ${identityProviders.displayName})`,
      hasSecondFactor: sql<boolean>`exists (select 1 from ${secondFactors} where ${secondFactors.userId} = ${users.id} and ${secondFactors.confirmedAt} is not null)`,
    })
    .from(users)
    .innerJoin(organizations, eq(organizations.id, users.organizationId))
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

  if (user.ssoProviders.length > 0) {
    // The password was right: the person is who they say, so the counters are cleared.
    await settleSuccessfulLogin(keys);
    await recordAudit(getDb(), {
      action: "auth.login_refused_sso",
      actor: user,
      targetType: "user",
      targetId: user.id,
      ip,
    });
    return { ok: false, message: ssoRequiredMessage(user.ssoProviders) };
  }

  const secondFactorPending = user.hasSecondFactor;
  const session = await inUnitOfWork(async ({ tx }) => {
    const created = await createSession(user.id, new Date(), tx, {
      userAgent: userAgent ?? undefined,
      secondFactorPending,
    });
    await recordAudit(tx, {
      action: "auth.login",
      actor: user,
      targetType: "user",
      targetId: user.id,
      ip,
      details: secondFactorPending ? { secondFactorPending } : undefined,
    });
    return created;
  });
  // After the commit: a login that failed to commit must not clear the counters.
  await settleSuccessfulLogin(keys);
  // The session knows the rest of the policy (a second factor still to be set up).
  const pendingStep = secondFactorPending
    ? "second_factor"
    : ((await validateSessionToken(session.token))?.pendingStep ?? null);
  return { ok: true, token: session.token, userId: user.id, pendingStep };
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
