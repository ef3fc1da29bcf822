import { and, eq, isNull, sql } from "drizzle-orm";
import { recordAudit, hashIp } from "~/audit/audit.server";
import { getDb } from "~/db/client.server";
import { users } from "~/db/schema";
import {
  clearAccountFailures,
  recordFailure,
  retryAfterSeconds,
  throttleKeys,
} from "./login-throttle.server";
import { verifyAgainstDummy, verifyPassword } from "./password.server";
import { createSession } from "./session.server";
import { authTexts } from "./texts";

export type LoginResult =
  { ok: true; token: string; userId: string } | { ok: false; message: string };

/** One German message for an unknown e-mail, a wrong password and a deactivated account. */
export async function logIn(
  email: string,
  password: string,
  ip: string | null,
): Promise<LoginResult> {
  const keys = throttleKeys(email, (await hashIp(ip)) ?? "unknown");
  const wait = await retryAfterSeconds(keys);
  if (wait > 0) return { ok: false, message: authTexts.throttled(wait) };

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
  const valid = user
    ? await verifyPassword(user.passwordHash, password)
    : await verifyAgainstDummy(password);

  if (!user || !valid) {
    await recordFailure(keys);
    await recordAudit({
      action: "auth.login_failed",
      actor: user ? { id: user.id, organizationId: user.organizationId } : null,
      ip,
      details: user ? undefined : { knownAccount: false },
    });
    return { ok: false, message: authTexts.invalidCredentials };
  }

  await clearAccountFailures(keys);
  const session = await createSession(user.id);
  await recordAudit({
    action: "auth.login",
    actor: user,
    targetType: "user",
    targetId: user.id,
    ip,
  });
  return { ok: true, token: session.token, userId: user.id };
}

/** E-mail addresses are compared case-insensitively, as the unique index does. */
export async function findUserByEmail(email: string, options: { activeOnly?: boolean } = {}) {
  const sameEmail = eq(sql`lower(${users.email})`, email.trim().toLowerCase());
  const [user] = await getDb()
    .select({ id: users.id, organizationId: users.organizationId, name: users.name })
    .from(users)
    .where(options.activeOnly ? and(sameEmail, isNull(users.deactivatedAt)) : sameEmail);
  return user ?? null;
}
