import { and, asc, count, eq, gt, inArray, isNull, ne } from "drizzle-orm";
import { recordAudit } from "~/audit/audit.server";
import { invalidateUserSessions } from "~/auth/session.server";
import { getDb } from "~/db/client.server";
import { invitations, users, type MemberRole } from "~/db/schema";
import { disconnectRoom, rooms } from "~/realtime/hub.server";
import { organizationTexts } from "./texts";

export function listMembers(organizationId: string) {
  return getDb()
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      deactivatedAt: users.deactivatedAt,
    })
    .from(users)
    .where(eq(users.organizationId, organizationId))
    .orderBy(asc(users.name));
}

export function listOpenInvitations(organizationId: string) {
  return getDb()
    .select({
      id: invitations.id,
      email: invitations.email,
      role: invitations.role,
      expiresAt: invitations.expiresAt,
    })
    .from(invitations)
    .where(
      and(
        eq(invitations.organizationId, organizationId),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, new Date()),
      ),
    )
    .orderBy(asc(invitations.email));
}

interface Admin {
  id: string;
  organizationId: string;
}

type MemberChange = { ok: true } | { ok: false; message: string } | { ok: false; notFound: true };

async function findActiveMember(organizationId: string, userId: string) {
  const [member] = await getDb()
    .select({ id: users.id, role: users.role, name: users.name })
    .from(users)
    .where(
      and(
        eq(users.id, userId),
        eq(users.organizationId, organizationId),
        isNull(users.deactivatedAt),
      ),
    );
  return member ?? null;
}

/** A change that would leave the organisation without an active admin is refused. */
async function isLastAdmin(organizationId: string, userId: string): Promise<boolean> {
  const [row] = await getDb()
    .select({ otherAdmins: count() })
    .from(users)
    .where(
      and(
        eq(users.organizationId, organizationId),
        eq(users.role, "org_admin"),
        isNull(users.deactivatedAt),
        ne(users.id, userId),
      ),
    );
  return (row?.otherAdmins ?? 0) === 0;
}

export async function changeMemberRole(
  admin: Admin,
  userId: string,
  role: MemberRole,
  ip: string | null,
): Promise<MemberChange> {
  if (userId === admin.id) return { ok: false, message: organizationTexts.cannotChangeOwnRole };
  const member = await findActiveMember(admin.organizationId, userId);
  if (!member) return { ok: false, notFound: true };
  if (member.role === role) return { ok: true };
  if (member.role === "org_admin" && (await isLastAdmin(admin.organizationId, userId))) {
    return { ok: false, message: organizationTexts.lastAdmin };
  }
  await getDb().update(users).set({ role }).where(eq(users.id, userId));
  // Open pages reconnect at once and authenticate with the new role (e.g. for thread rooms).
  disconnectRoom(rooms.user(userId));
  await recordAudit({
    action: "member.role_changed",
    actor: admin,
    targetType: "user",
    targetId: userId,
    ip,
    details: { from: member.role, to: role },
  });
  return { ok: true };
}

/** Deactivation ends every session and live connection of the member at once. */
export async function deactivateMember(
  admin: Admin,
  userId: string,
  ip: string | null,
): Promise<MemberChange> {
  if (userId === admin.id) return { ok: false, message: organizationTexts.cannotDeactivateSelf };
  const member = await findActiveMember(admin.organizationId, userId);
  if (!member) return { ok: false, notFound: true };
  if (member.role === "org_admin" && (await isLastAdmin(admin.organizationId, userId))) {
    return { ok: false, message: organizationTexts.lastAdmin };
  }
  await getDb().update(users).set({ deactivatedAt: new Date() }).where(eq(users.id, userId));
  await invalidateUserSessions(userId);
  disconnectRoom(rooms.user(userId));
  await recordAudit({
    action: "member.deactivated",
    actor: admin,
    targetType: "user",
    targetId: userId,
    ip,
  });
  return { ok: true };
}

/** Active staff and admins: the people who work on referrals and ideas (not employer members). */
export function activeCaseWorkers(
  organizationId: string,
  roles: readonly ("staff" | "org_admin")[] = ["staff", "org_admin"],
) {
  return getDb()
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(
      and(
        eq(users.organizationId, organizationId),
        inArray(users.role, [...roles]),
        isNull(users.deactivatedAt),
      ),
    );
}
