import { and, desc, eq } from "drizzle-orm";
import Bowser from "bowser";
import { recordAudit } from "~/audit/audit.server";
import { endSessions, liveSessions, type CurrentUser } from "~/auth/session.server";
import { hashToken } from "~/auth/tokens.server";
import { getDb } from "~/db/client.server";
import { sessions } from "~/db/schema";
import { inUnitOfWork, type Executor } from "~/db/unit-of-work.server";

/**
 * The person's own sessions on "Sitzungen" (/konto/sitzungen): listed with what their browsers
 * said at login, and ended one by one or all but the current one.
 *
 * A session's id is the SHA-256 of its cookie token and never leaves the server: the page names
 * a session by a handle derived from the id, and the server finds it again only among the
 * person's own sessions. Someone else's session can therefore not even be named.
 */

/** 64 bits of a second hash of the id: unique among one person's sessions, and no way back. */
export function sessionHandle(sessionId: string): string {
  return hashToken(`sitzung:${sessionId}`).slice(0, 16);
}

export interface OwnSession {
  handle: string;
  browser: string;
  system: string;
  /** "Computer", "Smartphone", "Tablet", or null when the browser did not tell. */
  device: string | null;
  startedAt: Date;
  lastSeenAt: Date;
  /** The session of this request ("diese Sitzung"). */
  current: boolean;
  /** The password was right, the second factor has not been entered (yet). */
  awaitingSecondFactor: boolean;
}

const deviceLabels: Record<string, string> = {
  desktop: "Computer",
  mobile: "Smartphone",
  tablet: "Tablet",
  tv: "Fernseher",
};

/** Browser and system in words, from the User-Agent the browser sent at login. */
export function describeUserAgent(userAgent: string): {
  browser: string;
  system: string;
  device: string | null;
} {
  // bowser refuses an empty string; a login without a User-Agent (a script) tells nothing.
  const parsed = userAgent.trim() ? Bowser.parse(userAgent) : null;
  const major = parsed?.browser.version?.split(".")[0];
  const os = parsed?.os;
  // Windows reports "NT 10.0" as its version; its name ("10") is what people know.
  const osVersion = os?.name === "Windows" ? os.versionName : os?.version;
  return {
    browser: parsed?.browser.name
      ? [parsed.browser.name, major].filter(Boolean).join(" ")
      : "Unbekannter Browser",
    system: os?.name ? [os.name, osVersion].filter(Boolean).join(" ") : "Unbekanntes System",
    device: deviceLabels[parsed?.platform.type ?? ""] ?? null,
  };
}

function ownLiveSessions(user: CurrentUser, now: Date, executor: Executor = getDb()) {
  return executor
    .select({
      id: sessions.id,
      userAgent: sessions.userAgent,
      createdAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
      secondFactorPending: sessions.secondFactorPending,
    })
    .from(sessions)
    .where(and(eq(sessions.userId, user.id), liveSessions(now)))
    .orderBy(desc(sessions.lastSeenAt), desc(sessions.createdAt));
}

/** The person's sessions in force, this one first, then by last activity. */
export async function listOwnSessions(user: CurrentUser, now = new Date()): Promise<OwnSession[]> {
  const rows = await ownLiveSessions(user, now);
  const listed = rows.map((row) => ({
    handle: sessionHandle(row.id),
    ...describeUserAgent(row.userAgent),
    startedAt: row.createdAt,
    lastSeenAt: row.lastSeenAt,
    current: row.id === user.sessionId,
    awaitingSecondFactor: row.secondFactorPending,
  }));
  return [...listed.filter((entry) => entry.current), ...listed.filter((entry) => !entry.current)];
}

export type SessionEnding =
  { ok: true } | { ok: false; notFound: true } | { ok: false; message: string };

const currentSessionRefusal =
  "Mit dieser Sitzung sind Sie gerade angemeldet. Sie beenden sie mit „Abmelden“.";

/**
 * Ends one other session of the person, named by its handle, and closes its open pages. A
 * handle that names none of the person's sessions (another person's, an ended one) is not
 * found; the current session is ended by logging out.
 */
export async function endOwnSession(
  user: CurrentUser,
  handle: string,
  ip: string | null,
  now = new Date(),
): Promise<SessionEnding> {
  return inUnitOfWork(async (unit) => {
    const own = await ownLiveSessions(user, now, unit.tx);
    const session = own.find((candidate) => sessionHandle(candidate.id) === handle);
    if (!session) return { ok: false, notFound: true } as const;
    if (session.id === user.sessionId)
      return { ok: false, message: currentSessionRefusal } as const;
    const ended = await endSessions(unit, { sessionIds: [session.id] });
    await recordSessionsEnded(unit.tx, user, ip, "one_other", ended.length);
    return { ok: true } as const;
  });
}

/** "Alle anderen Sitzungen beenden": every session of the person but this one. */
export async function endOtherSessions(user: CurrentUser, ip: string | null): Promise<number> {
  return inUnitOfWork(async (unit) => {
    const ended = await endSessions(unit, { userId: user.id, except: user.sessionId });
    if (ended.length > 0) await recordSessionsEnded(unit.tx, user, ip, "all_others", ended.length);
    return ended.length;
  });
}

/** Ending sessions elsewhere is a logout of those sessions, done by the person from this one. */
function recordSessionsEnded(
  executor: Executor,
  user: CurrentUser,
  ip: string | null,
  scope: "one_other" | "all_others",
  count: number,
) {
  return recordAudit(executor, {
    action: "auth.logout",
    actor: user,
    targetType: "user",
    targetId: user.id,
    ip,
    details: { scope, sessions: count },
  });
}
