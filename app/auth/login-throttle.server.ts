import { consume, rateLimiter, type LimitName } from "~/rate-limits.server";
import { hashToken } from "./tokens.server";

/*
 * Login throttling: who is slowed down, and why nobody can lock a colleague out.
 *
 * Context. A lock per account lets anyone who knows a colleague's e-mail address keep her out
 * for as long as they keep typing wrong passwords. A check followed by a separate count lets
 * parallel requests all pass the check before any of them is counted.
 *
 * Decision. Three counters, kept by rate-limiter-flexible (~/rate-limits.server.ts holds their
 * numbers; all keys are hashes, so no store names a person or an address):
 * - one account from one client address: HARD. 5 free attempts a day, then each further
 *   attempt must wait 2^(n−5) s (at most 15 min) after the one before it before it is checked
 *   at all. This stops guessing one password from one place, and only that place.
 * - one client address, all accounts: HARD. 20 free attempts an hour, then the same doubling.
 *   This stops spraying many accounts from one place.
 * - one account from everywhere: SOFT. Never refuses; after 10 failures within an hour each
 *   attempt is held back by a server-side pause of 2^(n−10) s, at most 5 s. A botnet spread over
 *   many addresses is slowed down, and the real person on her own address still gets in with
 *   the right password, at worst 5 s later.
 * Each attempt is counted before its password is checked (an atomic increment, in Redis or in
 * memory). A hard counter's attempt beyond the free ones must then take the counter's wait: a
 * limiter with one point whose window is the wait that attempt starts. The first attempt in a
 * window takes the point; every other one is refused and gives its count back, so N parallel
 * attempts against one pair check at most the free number of passwords. A wrong password starts
 * its wait again once it is known, so the time spent checking it does not shorten the wait. A
 * refused attempt checks no password and counts nothing further. A successful login clears the
 * pair and the account counter and gives the address back its count, so an office behind one
 * address is not throttled by the logins of its staff. Unknown e-mail addresses are counted like
 * known ones, so the answer reveals nothing.
 *
 * Consequences. An attacker sharing the colleague's address (the same office NAT) still
 * throttles her: the pair and address counters cannot tell them apart. An office whose staff
 * mistype more than 20 times an hour behind one address is slowed down too, and attempts in
 * flight count until they are settled. A counter's window starts with its first failure and
 * does not slide: a guesser as slow as the waits gets 5 free attempts a day at one pair. With
 * REDIS_URL every app instance sees the same numbers; without it, and while Redis is away, each
 * instance counts on its own.
 */

/** A hard counter: attempts beyond its free ones each wait for the wait the previous one set. */
interface HardCounter {
  failures: LimitName;
  wait: LimitName;
}
const pairCounter = {
  failures: "loginFailuresForAccountFromAddress",
  wait: "loginWaitForAccountFromAddress",
} satisfies HardCounter;
const addressCounter = {
  failures: "loginFailuresFromAddress",
  wait: "loginWaitFromAddress",
} satisfies HardCounter;
/** The soft counter delays by at most this much and never refuses. */
const ACCOUNT_MAX_DELAY_SECONDS = 5;

export interface ThrottleKeys {
  pair: string;
  ip: string;
  account: string;
}

export function throttleKeys(email: string, ipHash: string): ThrottleKeys {
  const account = hashToken(email.trim().toLowerCase());
  return { pair: hashToken(`${account}:${ipHash}`), ip: ipHash, account };
}

/**
 * The second step of a login (the code from the app) is throttled by the same counters as the
 * password, under keys of its own per person: a code has only a million values, so it needs
 * them more. The address counter is shared with the password step.
 */
export function secondFactorThrottleKeys(userId: string, ipHash: string): ThrottleKeys {
  const account = hashToken(`second-factor:${userId}`);
  return { pair: hashToken(`${account}:${ipHash}`), ip: ipHash, account };
}

/** The wait after `failures` counted attempts. */
export function delaySeconds(failures: number, freeFailures: number, maxDelaySeconds = 15 * 60) {
  if (failures < freeFailures) return 0;
  return Math.min(2 ** (failures - freeFailures), maxDelaySeconds);
}

type Claim = { allowed: true; waitSeconds: number } | { allowed: false; retryAfterSeconds: number };

/** Counts one attempt on `key` if its wait is over, and starts the wait for the next one. */
async function claim(counter: HardCounter, key: string): Promise<Claim> {
  const failures = rateLimiter(counter.failures);
  const { consumedPoints } = await failures.penalty(key);
  const wait = delaySeconds(consumedPoints, failures.points, rateLimiter(counter.wait).duration);
  if (wait === 0) return { allowed: true, waitSeconds: 0 };
  const secondsLeft = await consume(counter.wait, key, { customDuration: wait });
  if (secondsLeft === null) return { allowed: true, waitSeconds: wait };
  await failures.reward(key);
  return { allowed: false, retryAfterSeconds: secondsLeft };
}

export type LoginAttempt =
  | { allowed: true; delayMs: number; waits: { pair: number; ip: number } }
  | { allowed: false; retryAfterSeconds: number };

/** Claims the attempt's counts; its password may be checked only when this allows it. */
export async function claimLoginAttempt(keys: ThrottleKeys): Promise<LoginAttempt> {
  const pair = await claim(pairCounter, keys.pair);
  if (!pair.allowed) return pair;
  const address = await claim(addressCounter, keys.ip);
  if (!address.allowed) {
    await rateLimiter(pairCounter.failures).reward(keys.pair);
    return address;
  }
  const account = rateLimiter("loginFailuresForAccount");
  const earlierFailures = (await account.penalty(keys.account)).consumedPoints - 1;
  return {
    allowed: true,
    delayMs: delaySeconds(earlierFailures, account.points, ACCOUNT_MAX_DELAY_SECONDS) * 1000,
    waits: { pair: pair.waitSeconds, ip: address.waitSeconds },
  };
}

/** A wrong password: the waits the attempt started run from now, when the failure is known. */
export async function settleFailedLogin(
  keys: ThrottleKeys,
  waits: { pair: number; ip: number },
): Promise<void> {
  await Promise.all([
    waits.pair > 0 && rateLimiter(pairCounter.wait).block(keys.pair, waits.pair),
    waits.ip > 0 && rateLimiter(addressCounter.wait).block(keys.ip, waits.ip),
  ]);
}

/** The right password: the person is known here again, and the address gets its count back. */
export async function settleSuccessfulLogin(keys: ThrottleKeys): Promise<void> {
  const address = rateLimiter(addressCounter.failures);
  const [, , , { consumedPoints }] = await Promise.all([
    rateLimiter(pairCounter.failures).delete(keys.pair),
    rateLimiter(pairCounter.wait).delete(keys.pair),
    rateLimiter("loginFailuresForAccount").delete(keys.account),
    address.reward(keys.ip),
  ]);
  // Back below its free attempts, the address need not wait either.
  if (consumedPoints < address.points) await rateLimiter(addressCounter.wait).delete(keys.ip);
}
