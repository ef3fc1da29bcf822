import { eq, inArray, sql } from "drizzle-orm";
import { getDb } from "~/db/client.server";
import { loginThrottle } from "~/db/schema";
import { hashToken } from "./tokens.server";

/**
 * Failed logins slow down per account and per IP: after a number of free attempts, each further
 * failure doubles the wait before the next attempt is even checked. Counters live in the database,
 * so every app instance sees the same numbers. Unknown e-mails are throttled like known ones.
 */
const policies = {
  account: { freeFailures: 5, resetAfterMs: 24 * 60 * 60 * 1000 },
  ip: { freeFailures: 20, resetAfterMs: 60 * 60 * 1000 },
} as const;
const MAX_DELAY_SECONDS = 15 * 60;

export interface ThrottleKeys {
  account: string;
  ip: string;
}

export function throttleKeys(email: string, ipHash: string): ThrottleKeys {
  return { account: `account:${hashToken(email.trim().toLowerCase())}`, ip: `ip:${ipHash}` };
}

export function delaySeconds(failures: number, freeFailures: number): number {
  if (failures < freeFailures) return 0;
  return Math.min(2 ** (failures - freeFailures), MAX_DELAY_SECONDS);
}

/** Seconds until the next attempt may be checked; 0 when it may be checked now. */
export async function retryAfterSeconds(keys: ThrottleKeys, now = new Date()): Promise<number> {
  const rows = await getDb()
    .select({
      key: loginThrottle.key,
      failures: loginThrottle.failures,
      lastFailureAt: loginThrottle.lastFailureAt,
    })
    .from(loginThrottle)
    .where(inArray(loginThrottle.key, [keys.account, keys.ip]));
  let wait = 0;
  for (const row of rows) {
    const policy = row.key === keys.account ? policies.account : policies.ip;
    const elapsedMs = now.getTime() - row.lastFailureAt.getTime();
    if (elapsedMs > policy.resetAfterMs) continue;
    const remaining =
      delaySeconds(row.failures, policy.freeFailures) - Math.floor(elapsedMs / 1000);
    wait = Math.max(wait, remaining);
  }
  return wait;
}

export async function recordFailure(keys: ThrottleKeys, now = new Date()): Promise<void> {
  for (const [kind, key] of Object.entries(keys) as [keyof ThrottleKeys, string][]) {
    const resetBefore = new Date(now.getTime() - policies[kind].resetAfterMs);
    await getDb()
      .insert(loginThrottle)
      .values({ key, failures: 1, lastFailureAt: now })
      .onConflictDoUpdate({
        target: loginThrottle.key,
        set: {
          failures: sql`case when ${loginThrottle.lastFailureAt} < ${resetBefore} then 1 else ${loginThrottle.failures} + 1 end`,
          lastFailureAt: now,
        },
      });
  }
}

export async function clearAccountFailures(keys: ThrottleKeys): Promise<void> {
  await getDb().delete(loginThrottle).where(eq(loginThrottle.key, keys.account));
}
