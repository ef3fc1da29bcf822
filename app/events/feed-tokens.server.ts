import { and, eq, isNull } from "drizzle-orm";
import { recordAudit } from "~/audit/audit.server";
import type { Actor } from "~/auth/permissions.server";
import { actorColumns } from "~/auth/session.server";
import { generateToken, hashToken } from "~/auth/tokens.server";
import { getDb } from "~/db/client.server";
import { inUnitOfWork, type Executor } from "~/db/unit-of-work.server";
import { calendarFeedTokens, organizations, users } from "~/db/schema";

/**
 * Personal calendar subscriptions. Calendar programs cannot log in, so the address carries a
 * secret token; like session tokens only its SHA-256 is stored. One per user: a new token
 * replaces the old one, which stops working at once.
 */

type Owner = { id: string; organizationId: string };

/**
 * Creates or replaces the user's token and returns it; it cannot be read again later. Creating,
 * replacing and ending a subscription are audited: the address opens a calendar.
 */
export async function createFeedToken(
  owner: Owner,
  ip: string | null,
  now = new Date(),
): Promise<string> {
  const token = generateToken();
  const tokenHash = hashToken(token);
  return inUnitOfWork(async ({ tx }) => {
    const [replaced] = await tx
      .select({ userId: calendarFeedTokens.userId })
      .from(calendarFeedTokens)
      .where(eq(calendarFeedTokens.userId, owner.id))
      .for("update");
    await tx
      .insert(calendarFeedTokens)
      .values({ userId: owner.id, tokenHash, createdAt: now })
      .onConflictDoUpdate({
        target: calendarFeedTokens.userId,
        set: { tokenHash, createdAt: now, lastUsedAt: null },
      });
    await recordFeedAudit(tx, owner, "calendar.feed_created", ip, { replaced: !!replaced });
    return token;
  });
}

/** Ends the subscription; true when there was one. */
export async function revokeFeedToken(owner: Owner, ip: string | null): Promise<boolean> {
  return inUnitOfWork(async ({ tx }) => {
    const removed = await tx
      .delete(calendarFeedTokens)
      .where(eq(calendarFeedTokens.userId, owner.id))
      .returning({ userId: calendarFeedTokens.userId });
    if (removed.length === 0) return false;
    await recordFeedAudit(tx, owner, "calendar.feed_revoked", ip);
    return true;
  });
}

/** The user's subscription (without the token, which is not kept), or null. */
export async function feedTokenOf(userId: string) {
  const [row] = await getDb()
    .select({ createdAt: calendarFeedTokens.createdAt, lastUsedAt: calendarFeedTokens.lastUsedAt })
    .from(calendarFeedTokens)
    .where(eq(calendarFeedTokens.userId, userId));
  return row ?? null;
}

/** A token must look like one before it reaches the database (base32 of 20 random bytes). */
const TOKEN_SHAPE = /^[a-z2-7]{32}$/;

/**
 * The owner of a token with their current networks, or null for an unknown, replaced or revoked
 * token and for deactivated users. Records when the subscription was last fetched.
 */
export async function userForFeedToken(token: string, now = new Date()): Promise<Actor | null> {
  if (!TOKEN_SHAPE.test(token)) return null;
  const db = getDb();
  const tokenHash = hashToken(token);
  const [owner] = await db
    .select(actorColumns())
    .from(calendarFeedTokens)
    .innerJoin(users, eq(users.id, calendarFeedTokens.userId))
    .innerJoin(organizations, eq(organizations.id, users.organizationId))
    .where(and(eq(calendarFeedTokens.tokenHash, tokenHash), isNull(users.deactivatedAt)));
  if (!owner) return null;
  await db
    .update(calendarFeedTokens)
    .set({ lastUsedAt: now })
    .where(eq(calendarFeedTokens.tokenHash, tokenHash));
  return owner;
}

function recordFeedAudit(
  tx: Executor,
  actor: Owner,
  action: "calendar.feed_created" | "calendar.feed_revoked",
  ip: string | null,
  details?: { replaced: boolean },
): Promise<void> {
  return recordAudit(tx, {
    action,
    actor,
    targetType: "user",
    targetId: actor.id,
    ip,
    details,
  });
}
