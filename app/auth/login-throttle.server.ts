import { eq, inArray, sql } from "drizzle-orm";
import { getDb } from "~/db/client.server";
import type { Executor } from "~/db/unit-of-work.server";
import { loginThrottle } from "~/db/schema";
import { hashToken } from "./tokens.server";

/*
 * Login throttling: who is slowed down, and why nobody can lock a colleague out.
 *
 * Context. A lock per account lets anyone who knows a colleague's e-mail address keep her out
 * for as long as they keep typing wrong passwords. A check followed by a separate count lets
 * parallel requests all pass the check before any of them is counted.
 *
 * Decision. Three counters in `login_throttle` (the table is unchanged: key, failures,
 * last_failure_at; all keys are hashes, so the table names no person and no address):
 * - `pair:` one account from one client address: HARD. 5 free attempts, then each further
 *   attempt waits 2^(n−5) s (at most 15 min) since the last one before it is checked at all.
 *   This stops guessing one password from one place, and only that place.
 * - `ip:` one client address, all accounts: HARD. 20 free attempts per hour, then the same
 *   doubling. This stops spraying many accounts from one place.
 * - `account:` one account from everywhere: SOFT. Never refuses; after 10 failures within an
 *   hour each attempt is held back by a server-side pause of 2^(n−10) s, at most 5 s. A botnet
 *   spread over many addresses is slowed down, and the real person on her own address still gets
 *   in with the right password, at worst 5 s later.
 * Each attempt claims its slot before its password is checked, in one statement per counter
 * (`INSERT … ON CONFLICT DO UPDATE … WHERE <slot free> RETURNING`): PostgreSQL locks the row
 * and evaluates the condition on its newest version, so N parallel attempts against one pair
 * check at most the free number of passwords. A refused attempt checks no password and counts
 * nothing further. A successful login clears the pair and the account counter and gives the
 * address back the slot it claimed, so an office behind one address is not throttled by the
 * logins of its staff. Unknown e-mail addresses are counted like known ones, so the answer
 * reveals nothing.
 *
 * Consequences. An attacker sharing the colleague's address (the same office NAT) still
 * throttles her: the pair and address counters cannot tell them apart. An office whose staff
 * mistype more than 20 times an hour behind one address is slowed down too, and attempts in
 * flight count until they are settled. The counters live in the database, so every app instance
 * sees the same numbers.
 */
interface Policy {
  freeFailures: number;
  resetAfterMs: number;
  maxDelaySeconds: number;
  /** Hard counters refuse an attempt whose slot is not free; soft ones only delay it. */
  hard: boolean;
}

const HOUR_MS = 60 * 60 * 1000;
const policies = {
  pair: { freeFailures: 5, resetAfterMs: 24 * HOUR_MS, maxDelaySeconds: 15 * 60, hard: true },
  ip: { freeFailures: 20, resetAfterMs: HOUR_MS, maxDelaySeconds: 15 * 60, hard: true },
  account: { freeFailures: 10, resetAfterMs: HOUR_MS, maxDelaySeconds: 5, hard: false },
} satisfies Record<string, Policy>;

export interface ThrottleKeys {
  pair: string;
  ip: string;
  account: string;
}

export function throttleKeys(email: string, ipHash: string): ThrottleKeys {
  const account = hashToken(email.trim().toLowerCase());
  return {
    pair: `pair:${hashToken(`${account}:${ipHash}`)}`,
    ip: `ip:${ipHash}`,
    account: `account:${account}`,
  };
}

/** The wait after `failures` counted attempts; the SQL condition in `claim` is the same rule. */
export function delaySeconds(failures: number, freeFailures: number, maxDelaySeconds = 15 * 60) {
  if (failures < freeFailures) return 0;
  return Math.min(2 ** (failures - freeFailures), maxDelaySeconds);
}

/** Counts one attempt on `key` if its slot is free; returns the new count, or null if refused. */
async function claim(key: string, policy: Policy, now: Date): Promise<number | null> {
  const expired = sql`${loginThrottle.lastFailureAt} < ${new Date(now.getTime() - policy.resetAfterMs)}`;
  const slotFree = sql`(${expired} or ${loginThrottle.failures} < ${policy.freeFailures}
    or ${loginThrottle.lastFailureAt} + least(power(2, ${loginThrottle.failures} - ${policy.freeFailures}), ${policy.maxDelaySeconds}) * interval '1 second' <= ${now})`;
  const [row] = await getDb()
    .insert(loginThrottle)
    .values({ key, failures: 1, lastFailureAt: now })
    .onConflictDoUpdate({
      target: loginThrottle.key,
      set: {
        failures: sql`case when ${expired} then 1 else ${loginThrottle.failures} + 1 end`,
        lastFailureAt: now,
      },
      setWhere: policy.hard ? slotFree : undefined,
    })
    .returning({ failures: loginThrottle.failures });
  return row?.failures ?? null;
}

/** Gives back a slot claimed by an attempt that turned out not to be a failure. */
async function release(executor: Executor, key: string): Promise<void> {
  await executor
    .update(loginThrottle)
    .set({ failures: sql`greatest(${loginThrottle.failures} - 1, 0)` })
    .where(eq(loginThrottle.key, key));
}

async function secondsUntilFree(key: string, policy: Policy, now: Date): Promise<number> {
  const [row] = await getDb()
    .select({ failures: loginThrottle.failures, lastFailureAt: loginThrottle.lastFailureAt })
    .from(loginThrottle)
    .where(eq(loginThrottle.key, key));
  if (!row) return 1;
  const elapsedSeconds = Math.floor((now.getTime() - row.lastFailureAt.getTime()) / 1000);
  const wait = delaySeconds(row.failures, policy.freeFailures, policy.maxDelaySeconds);
  return Math.max(1, wait - elapsedSeconds);
}

export type LoginAttempt =
  { allowed: true; delayMs: number } | { allowed: false; retryAfterSeconds: number };

/** Claims the attempt's slots; its password may be checked only when this allows it. */
export async function claimLoginAttempt(
  keys: ThrottleKeys,
  now = new Date(),
): Promise<LoginAttempt> {
  if ((await claim(keys.pair, policies.pair, now)) === null) {
    return {
      allowed: false,
      retryAfterSeconds: await secondsUntilFree(keys.pair, policies.pair, now),
    };
  }
  if ((await claim(keys.ip, policies.ip, now)) === null) {
    await release(getDb(), keys.pair);
    return { allowed: false, retryAfterSeconds: await secondsUntilFree(keys.ip, policies.ip, now) };
  }
  const accountAttempts = (await claim(keys.account, policies.account, now)) ?? 1;
  const { freeFailures, maxDelaySeconds } = policies.account;
  const earlierFailures = accountAttempts - 1;
  return {
    allowed: true,
    delayMs: delaySeconds(earlierFailures, freeFailures, maxDelaySeconds) * 1000,
  };
}

/** The right password: the person is known here again, and the address gets its slot back. */
export async function settleSuccessfulLogin(executor: Executor, keys: ThrottleKeys) {
  await executor.delete(loginThrottle).where(inArray(loginThrottle.key, [keys.pair, keys.account]));
  await release(executor, keys.ip);
}
