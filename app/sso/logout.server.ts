import { eq } from "drizzle-orm";
import { recordAudit } from "~/audit/audit.server";
import { endSessions, type CurrentUser } from "~/auth/session.server";
import { sessions } from "~/db/schema";
import { inUnitOfWork } from "~/db/unit-of-work.server";
import { providerLogout } from "./oidc.server";

/**
 * Ends the person's session and closes its live connections; for a login through an identity
 * provider, returns where the browser ends the provider's session too (RP-initiated logout).
 */
export async function logOut(user: CurrentUser, ip: string | null) {
  const ended = await inUnitOfWork(async (unit) => {
    const [session] = await unit.tx
      .select({ identityProviderId: sessions.identityProviderId, idToken: sessions.idToken })
      .from(sessions)
      .where(eq(sessions.id, user.sessionId));
    await endSessions(unit, { sessionIds: [user.sessionId] });
    await recordAudit(unit.tx, {
      action: "auth.logout",
      actor: user,
      targetType: "user",
      targetId: user.id,
      ip,
    });
    return session;
  });
  return ended?.identityProviderId ? providerLogout(ended.identityProviderId, ended.idToken) : null;
}
