import { randomBytes } from "node:crypto";
import { afterAll, beforeAll } from "vitest";
import { closeRateLimits, configureRateLimits } from "~/rate-limits.server";

/**
 * Rate-limit counters of a file's own: in memory, or with REDIS_URL under keys no other file or
 * earlier run shares (every route test comes from the same client address).
 */
beforeAll(async () => {
  await configureRateLimits({
    redisUrl: process.env.REDIS_URL,
    keyPrefix: `rl-test-${randomBytes(6).toString("hex")}`,
  });
});

afterAll(async () => {
  await closeRateLimits();
});
