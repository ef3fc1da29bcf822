import {
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
} from "rate-limiter-flexible";
import { createClient } from "redis";
import { hashIp } from "~/audit/audit.server";
import { getEnv } from "~/env.server";
import { plural } from "~/ui/plural";

/**
 * Every rate limit of the portal, counted by rate-limiter-flexible (docs/decisions/015). With
 * REDIS_URL the counters live in Redis, so all instances count together; without it each
 * process counts in memory. While Redis is unreachable (restarting, not there yet) each instance
 * counts in its own memory instead (the insurance limiter): requests are neither failed nor
 * waved through unlimited, and Redis takes over again once it answers.
 *
 * `points` per `duration` seconds; a window starts with its first count and does not slide.
 */
const MINUTE = 60;
const HOUR = 60 * MINUTE;
const limits = {
  /**
   * Socket events of one user (join, leave, typing, read). A page sends a handful a minute and
   * each may query the database: 40 per 10 s is far above any page, a flood gets "rate_limited".
   */
  discussionSocketEvents: { points: 40, duration: 10 },
  /**
   * Password guesses at one account from one address: 5 free failures a day, then each attempt
   * waits the login-wait below (see ~/auth/login-throttle.server.ts).
   */
  loginFailuresForAccountFromAddress: { points: 5, duration: 24 * HOUR },
  /** The wait before the next guess at that account from that address: at most 15 minutes. */
  loginWaitForAccountFromAddress: { points: 1, duration: 15 * MINUTE },
  /** Guesses from one address at all accounts: 20 free failures an hour stop password spraying. */
  loginFailuresFromAddress: { points: 20, duration: HOUR },
  /** The wait before that address may guess again: at most 15 minutes. */
  loginWaitFromAddress: { points: 1, duration: 15 * MINUTE },
  /** Failures at one account from everywhere: after 10 an hour each attempt is slowed (soft). */
  loginFailuresForAccount: { points: 10, duration: HOUR },
  /**
   * Invitations send mail to any address a person types. 30 an hour per person is more than a
   * day of onboarding and little for a spammer with a stolen account.
   */
  invitationsByUser: { points: 30, duration: HOUR },
  /** The same from one address (an office behind one NAT invites together): 100 an hour. */
  invitationsFromAddress: { points: 100, duration: HOUR },
  /**
   * Changes that tell other members by mail (sending a referral or moving it on, changing or
   * cancelling an event, giving back seats, editing or pledging to a course). Recipients and
   * wording are fixed, so only the volume can hurt: 100 an hour is several busy hours' work.
   */
  notifyingChangesByUser: { points: 100, duration: HOUR },
  /** The same from one address, where a whole office may sit behind one NAT: 2000 an hour. */
  notifyingChangesFromAddress: { points: 2000, duration: HOUR },
  /**
   * "Passwort vergessen" links asked for one e-mail address (known or not, so the limit reveals
   * nothing): 5 an hour is plenty for a person waiting for her mail and little for mail bombing.
   */
  passwordResetsForEmail: { points: 5, duration: HOUR },
  /** The same from one client address: 30 an hour, for an office behind one NAT. */
  passwordResetsFromAddress: { points: 30, duration: HOUR },
  /**
   * Changes of one's own e-mail address: each sends a link to an address the person types, and
   * each tells whether an address is taken. 10 an hour covers every typo.
   */
  emailChangesByUser: { points: 10, duration: HOUR },
  /** The same from one client address. */
  emailChangesFromAddress: { points: 100, duration: HOUR },
  /**
   * Checks of the current password on "Mein Konto" (someone at an unlocked computer guessing
   * it): 10 an hour per person.
   */
  currentPasswordChecksByUser: { points: 10, duration: HOUR },
  /**
   * "Anmelden mit …" from one client address: each start sets an attempt and sends the browser
   * to the provider. A whole office behind one NAT signs in at eight: 300 in 10 minutes.
   */
  ssoStartsFromAddress: { points: 300, duration: 10 * MINUTE },
  /** "Meine Daten": a large file each time (10 MB for 10,000 posts); 20 an hour per person. */
  dataExportsByUser: { points: 20, duration: HOUR },
} satisfies Record<string, { points: number; duration: number }>;

export type LimitName = keyof typeof limits;

type RedisClient = ReturnType<typeof createClient>;

interface Store {
  limiters: Map<LimitName, RateLimiterAbstract>;
  redis: RedisClient | undefined;
  keyPrefix: string;
}

let store: Store | undefined;

/**
 * Where the counters live: Redis at `redisUrl`, memory without one. The first limiter used
 * configures itself from REDIS_URL; tests call this to give each file keys of its own.
 */
export async function configureRateLimits(options: {
  redisUrl: string | undefined;
  keyPrefix?: string;
}): Promise<void> {
  await closeRateLimits();
  store = openStore(options.redisUrl, options.keyPrefix ?? "rl");
}

/** Closes the Redis connection (graceful shutdown); the next use configures afresh. */
export async function closeRateLimits(): Promise<void> {
  const redis = store?.redis;
  store = undefined;
  if (redis?.isReady) await redis.quit();
  else if (redis?.isOpen) await redis.disconnect();
}

function openStore(redisUrl: string | undefined, keyPrefix: string): Store {
  return { limiters: new Map(), redis: redisUrl ? connectRedis(redisUrl) : undefined, keyPrefix };
}

function connectRedis(url: string): RedisClient {
  // Commands are refused at once while the connection is down, so the insurance limiter
  // answers instead of a request waiting for Redis.
  const client = createClient({ url, disableOfflineQueue: true });
  let outageReported = false;
  client.on("error", (error: Error) => {
    if (outageReported) return;
    outageReported = true;
    console.warn(
      `Redis für Ratenbegrenzung nicht erreichbar / Redis unreachable for rate limits (${error.message || error.name}): jede Instanz zählt vorerst selbst / each instance counts on its own`,
    );
  });
  client.on("ready", () => {
    if (outageReported) console.log("Redis für Ratenbegrenzung wieder erreichbar / Redis back");
    outageReported = false;
  });
  client.connect().catch(() => undefined); // reported by the error listener, retried by the client
  return client;
}

/** The limiter of that name, in Redis with a memory insurance, or in memory. */
export function rateLimiter(name: LimitName): RateLimiterAbstract {
  store ??= openStore(getEnv().REDIS_URL, "rl");
  let limiter = store.limiters.get(name);
  if (!limiter) {
    limiter = createLimiter(name, store);
    store.limiters.set(name, limiter);
  }
  return limiter;
}

function createLimiter(name: LimitName, { redis, keyPrefix }: Store): RateLimiterAbstract {
  const options = { ...limits[name], keyPrefix: `${keyPrefix}:${name}` };
  const memory = new RateLimiterMemory(options);
  if (!redis) return memory;
  return new RateLimiterRedis({
    ...options,
    storeClient: redis,
    useRedisPackage: true,
    rejectIfRedisNotReady: true,
    insuranceLimiter: memory,
  });
}

/** Seconds until a refused key may try again, at least 1. */
function secondsToWait(refusal: RateLimiterRes): number {
  return Math.max(1, Math.ceil(refusal.msBeforeNext / 1000));
}

/**
 * Counts one request against the limit (optionally with its own window, e.g. a growing wait).
 * Null when it may go on, otherwise the seconds to wait.
 */
export async function consume(
  name: LimitName,
  key: string,
  options: { customDuration?: number } = {},
): Promise<number | null> {
  try {
    await rateLimiter(name).consume(key, 1, options);
    return null;
  } catch (refusal) {
    if (refusal instanceof RateLimiterRes) return secondsToWait(refusal);
    throw refusal;
  }
}

/** Requests that make the portal send mail: their limits per person and per client address. */
const mailLimits = {
  invitations: {
    byUser: "invitationsByUser",
    fromAddress: "invitationsFromAddress",
    refusal: "Es wurden in kurzer Zeit zu viele Einladungen verschickt.",
  },
  notifyingChanges: {
    byUser: "notifyingChangesByUser",
    fromAddress: "notifyingChangesFromAddress",
    refusal: "Es wurden in kurzer Zeit zu viele Änderungen gespeichert, die E-Mails verschicken.",
  },
  passwordResets: {
    byUser: "passwordResetsForEmail",
    fromAddress: "passwordResetsFromAddress",
    refusal:
      "Es wurden in kurzer Zeit zu viele Links zum Zurücksetzen des Passworts angefordert. Bitte verwenden Sie den Link aus der letzten E-Mail.",
  },
  emailChanges: {
    byUser: "emailChangesByUser",
    fromAddress: "emailChangesFromAddress",
    refusal: "Sie haben in kurzer Zeit zu oft eine neue E-Mail-Adresse eingetragen.",
  },
} satisfies Record<string, { byUser: LimitName; fromAddress: LimitName; refusal: string }>;

/**
 * Counts one request that may send mail against the person's and the client address's limit
 * (the address hashed, as in the audit log). `who` is the person's id, or for a request without
 * a session (a forgotten password) a hash of the e-mail address asked about. The German answer
 * once either is used up, else null; the action answers it with 429 and what was typed.
 */
export async function mailLimitReached(
  kind: keyof typeof mailLimits,
  who: string,
  ip: string | null,
): Promise<string | null> {
  const limit = mailLimits[kind];
  const ipHash = await hashIp(ip);
  const wait =
    (await consume(limit.byUser, who)) ??
    (ipHash ? await consume(limit.fromAddress, ipHash) : null);
  if (wait === null) return null;
  const minutes = plural(Math.ceil(wait / 60), { one: "Minute", other: "Minuten" });
  return `${limit.refusal} Bitte versuchen Sie es in ${minutes} erneut.`;
}
