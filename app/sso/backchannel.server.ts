import { and, eq } from "drizzle-orm";
import { jwtVerify, type JWTPayload } from "jose";
import { recordAudit } from "~/audit/audit.server";
import { endSessions } from "~/auth/session.server";
import { sessions, userIdentities } from "~/db/schema";
import { inUnitOfWork } from "~/db/unit-of-work.server";
import { configurationOf, loadStoredProvider } from "./oidc.server";
import { recordSsoRefusal } from "./sign-in.server";

/**
 * OpenID Connect Back-Channel Logout 1.0: the provider tells the portal, server to server, that
 * a person logged out there; the portal ends the sessions of that login and closes their live
 * connections at once.
 */

const LOGOUT_EVENT = "http://schemas.openid.net/event/backchannel-logout";

export type BackchannelResult = { ok: true; ended: number } | { ok: false; problem: string };

/** The checks of the specification's section 2.6 that jose's jwtVerify does not make itself. */
function logoutClaims(payload: JWTPayload): { sid?: string; sub?: string } | string {
  const events = payload.events as Record<string, unknown> | undefined;
  const event = events && typeof events === "object" ? events[LOGOUT_EVENT] : undefined;
  if (!event || typeof event !== "object") return "events claim without the logout event";
  if ("nonce" in payload) return "a logout token carries no nonce";
  const sid = typeof payload.sid === "string" && payload.sid ? payload.sid : undefined;
  const sub = typeof payload.sub === "string" && payload.sub ? payload.sub : undefined;
  if (!sid && !sub) return "neither sid nor sub";
  return { sid, sub };
}

export async function backchannelLogout(
  providerId: string,
  logoutToken: string,
  ip: string | null,
): Promise<BackchannelResult> {
  const provider = await loadStoredProvider(providerId);
  if (!provider) return { ok: false, problem: "unknown identity provider" };
  let claims: { sid?: string; sub?: string } | string;
  try {
    const { configuration, keys } = await configurationOf(provider);
    const { payload } = await jwtVerify(logoutToken, keys, {
      issuer: configuration.serverMetadata().issuer,
      audience: provider.clientId,
      requiredClaims: ["iat", "jti"],
      maxTokenAge: "5 minutes",
      clockTolerance: 30,
    });
    claims = logoutClaims(payload);
  } catch (error) {
    claims = error instanceof Error ? error.message.slice(0, 200) : "invalid logout token";
  }
  if (typeof claims === "string") {
    await recordSsoRefusal(provider, "logout_token", ip, { problem: claims });
    return { ok: false, problem: claims };
  }
  const { sid, sub } = claims;

  return inUnitOfWork(async (unit) => {
    // Only sessions this provider opened; with `sub` only those of the person linked to it.
    const linked = sub
      ? await unit.tx
          .select({ userId: userIdentities.userId })
          .from(userIdentities)
          .where(
            and(
              eq(userIdentities.identityProviderId, provider.id),
              eq(userIdentities.subject, sub),
            ),
          )
      : [];
    if (sub && linked.length === 0) return { ok: true, ended: 0 };
    const matching = await unit.tx
      .select({ id: sessions.id, userId: sessions.userId })
      .from(sessions)
      .where(
        and(
          eq(sessions.identityProviderId, provider.id),
          sid ? eq(sessions.providerSessionId, sid) : undefined,
          sub ? eq(sessions.userId, linked[0]!.userId) : undefined,
        ),
      );
    const ended = await endSessions(unit, { sessionIds: matching.map((session) => session.id) });
    const person = linked[0]?.userId ?? matching[0]?.userId;
    await recordAudit(unit.tx, {
      action: "auth.sso_backchannel_logout",
      actor: person ? { id: person, organizationId: provider.organizationId } : null,
      targetType: "identity_provider",
      targetId: provider.id,
      ip,
      details: { providerId: provider.id, endedSessions: ended.length, bySid: Boolean(sid) },
    });
    return { ok: true, ended: ended.length };
  });
}
