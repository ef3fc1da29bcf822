import { and, eq, gt, gte, inArray, ne, not, sql, type SQL } from "drizzle-orm";
import { getDb, type Database } from "~/db/client.server";
import {
  instanceSettings,
  networkCoordinators,
  networkMemberships,
  organizations,
  secondFactors,
  sessions,
  users,
} from "~/db/schema";
import type { MemberRole, OrganizationKind } from "~/db/schema";
import type { Executor, UnitOfWork } from "~/db/unit-of-work.server";
import { disconnectRoom, rooms } from "~/realtime/hub.server";
import { secondFactorRequired, SECOND_FACTOR_ROLES_SETTING } from "./sign-in-policy";
import { generateToken, hashToken } from "./tokens.server";

const DAY_MS = 24 * 60 * 60 * 1000;
export const SESSION_LIFETIME_MS = 30 * DAY_MS;
export const SESSION_IDLE_TIMEOUT_MS = 12 * 60 * 60 * 1000;
/** Extend the expiry when less than this is left (sliding expiry without a write per request). */
const SESSION_RENEW_WHEN_LEFT_MS = 15 * DAY_MS;
/** Record activity at most this often; the idle timeout is this precise. */
const LAST_SEEN_RESOLUTION_MS = 60 * 1000;

export interface CurrentUser {
  id: string;
  sessionId: string;
  name: string;
  email: string;
  role: MemberRole;
  isPlatformAdmin: boolean;
  organizationId: string;
  organizationName: string;
  /** Decides e.g. who may offer courses (Bildungsträger) and pledge seats in them. */
  organizationKind: OrganizationKind;
  /** Networks the user's organisation belongs to. */
  networkIds: string[];
  /** Networks the user coordinates. */
  coordinatedNetworkIds: string[];
  /**
   * A step of the login still to be done; until it is, the session opens nothing but that
   * step's page (see requireUser): "second_factor" asks for the code, "second_factor_setup"
   * leads a person who must have a second factor through setting it up.
   */
  pendingStep: SignInStep | null;
}

export type SignInStep = "second_factor" | "second_factor_setup";

export interface NewSession {
  userAgent?: string;
  /** The password was right; the second factor is still to be entered. */
  secondFactorPending?: boolean;
  /** A login through an identity provider, with what its logout needs. */
  identityProvider?: { id: string; sessionId: string | null; idToken: string };
}

export async function createSession(
  userId: string,
  now = new Date(),
  executor: Executor = getDb(),
  details: NewSession = {},
) {
  const token = generateToken();
  const id = hashToken(token);
  const expiresAt = new Date(now.getTime() + SESSION_LIFETIME_MS);
  await executor.insert(sessions).values({
    id,
    userId,
    expiresAt,
    lastSeenAt: now,
    createdAt: now,
    userAgent: (details.userAgent ?? "").slice(0, 500),
    secondFactorPending: details.secondFactorPending ?? false,
    identityProviderId: details.identityProvider?.id,
    providerSessionId: details.identityProvider?.sessionId,
    idToken: details.identityProvider?.idToken,
  });
  return { token, id, expiresAt };
}

/** A user row's networks (through the organisation) and coordinated networks, as text arrays. */
function userNetworkColumns() {
  return {
    networkIds: sql<
      string[]
    >`array(select ${networkMemberships.networkId}::text from ${networkMemberships} where ${networkMemberships.organizationId} = ${users.organizationId})`,
    coordinatedNetworkIds: sql<
      string[]
    >`array(select ${networkCoordinators.networkId}::text from ${networkCoordinators} where ${networkCoordinators.userId} = ${users.id})`,
  };
}

/**
 * What permission decisions read of a user (the `Actor` of permissions.server), from `users`
 * joined with their `organizations`.
 */
export function actorColumns() {
  return {
    id: users.id,
    organizationId: users.organizationId,
    organizationKind: organizations.kind,
    role: users.role,
    isPlatformAdmin: users.isPlatformAdmin,
    ...userNetworkColumns(),
  };
}

function buildSessionQuery(db: Database) {
  return db
    .select({
      sessionId: sessions.id,
      expiresAt: sessions.expiresAt,
      lastSeenAt: sessions.lastSeenAt,
      name: users.name,
      email: users.email,
      deactivatedAt: users.deactivatedAt,
      organizationName: organizations.name,
      secondFactorPending: sessions.secondFactorPending,
      viaIdentityProvider: sql<boolean>`${sessions.identityProviderId} is not null`,
      hasSecondFactor: sql<boolean>`exists (select 1 from ${secondFactors} where ${secondFactors.userId} = ${users.id} and ${secondFactors.confirmedAt} is not null)`,
      organizationRequiresSecondFactor: organizations.requireSecondFactor,
      requiredSecondFactorRoles: sql<
        string | null
      >`(select ${instanceSettings.value} from ${instanceSettings} where ${instanceSettings.key} = ${SECOND_FACTOR_ROLES_SETTING})`,
      ...actorColumns(),
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(organizations, eq(organizations.id, users.organizationId))
    .where(eq(sessions.id, sql.placeholder("sessionId")))
    .prepare("validate_session");
}

// Runs on every request: built once per database connection, and prepared on the server.
const sessionQueries = new WeakMap<Database, ReturnType<typeof buildSessionQuery>>();

/** Loads the session and its user in one query; ends expired, idle and deactivated sessions. */
export async function validateSessionToken(
  token: string,
  now = new Date(),
): Promise<CurrentUser | null> {
  const sessionId = hashToken(token);
  const db = getDb();
  let query = sessionQueries.get(db);
  if (!query) {
    query = buildSessionQuery(db);
    sessionQueries.set(db, query);
  }
  const [row] = await query.execute({ sessionId });
  if (!row) return null;

  const idleMs = now.getTime() - row.lastSeenAt.getTime();
  if (row.expiresAt <= now || idleMs > SESSION_IDLE_TIMEOUT_MS || row.deactivatedAt) {
    await invalidateSession(sessionId);
    // A page of this session may still be open (the sweep has not come by yet): close it now.
    disconnectRoom(rooms.session(sessionId));
    return null;
  }

  const renew = row.expiresAt.getTime() - now.getTime() < SESSION_RENEW_WHEN_LEFT_MS;
  if (renew || idleMs > LAST_SEEN_RESOLUTION_MS) {
    await db
      .update(sessions)
      .set({
        lastSeenAt: now,
        ...(renew ? { expiresAt: new Date(now.getTime() + SESSION_LIFETIME_MS) } : {}),
      })
      .where(eq(sessions.id, sessionId));
  }

  const {
    expiresAt: _expiresAt,
    lastSeenAt: _lastSeenAt,
    deactivatedAt: _deactivated,
    secondFactorPending,
    viaIdentityProvider,
    hasSecondFactor,
    organizationRequiresSecondFactor,
    requiredSecondFactorRoles,
    ...user
  } = row;
  const mustHaveSecondFactor =
    !viaIdentityProvider &&
    secondFactorRequired(user, organizationRequiresSecondFactor, requiredSecondFactorRoles);
  const pendingStep: SignInStep | null = secondFactorPending
    ? "second_factor"
    : mustHaveSecondFactor && !hasSecondFactor
      ? "second_factor_setup"
      : null;
  return { ...user, pendingStep };
}

export async function invalidateSession(
  sessionId: string,
  executor: Executor = getDb(),
): Promise<void> {
  await executor.delete(sessions).where(eq(sessions.id, sessionId));
}

export async function invalidateUserSessions(userId: string): Promise<void> {
  await getDb().delete(sessions).where(eq(sessions.userId, userId));
}

/**
 * Ends sessions in the caller's unit of work and, once it commits, closes their live
 * connections at once. `except` keeps one session (the person's own, after a password change).
 */
export async function endSessions(
  unit: UnitOfWork,
  which: { userId: string; except?: string } | { sessionIds: string[] },
): Promise<string[]> {
  const condition =
    "sessionIds" in which
      ? inArray(sessions.id, which.sessionIds.length > 0 ? which.sessionIds : [""])
      : and(
          eq(sessions.userId, which.userId),
          which.except ? ne(sessions.id, which.except) : undefined,
        );
  const ended = await unit.tx.delete(sessions).where(condition).returning({ id: sessions.id });
  const ids = ended.map((session) => session.id);
  unit.afterCommit(() => {
    for (const id of ids) disconnectRoom(rooms.session(id));
  });
  return ids;
}

/**
 * Sessions still in force at `now`: within their lifetime and used within the idle timeout.
 * The same rule as validateSessionToken's, for lists and the sweep.
 */
export function liveSessions(now: Date): SQL {
  return and(
    gt(sessions.expiresAt, now),
    gte(sessions.lastSeenAt, new Date(now.getTime() - SESSION_IDLE_TIMEOUT_MS)),
  )!;
}

/**
 * The sweep of the scheduler (every minute): deletes sessions past their lifetime or idle
 * timeout and closes their live connections at once, on every instance. Without it an open page
 * would keep its socket until its next handshake. Safe to run on several instances at once: each
 * deleted row is returned to one of them only. Returns how many sessions ended.
 */
export async function endExpiredSessions(now = new Date()): Promise<number> {
  const ended = await getDb()
    .delete(sessions)
    .where(not(liveSessions(now)))
    .returning({ id: sessions.id });
  for (const session of ended) disconnectRoom(rooms.session(session.id));
  return ended.length;
}
