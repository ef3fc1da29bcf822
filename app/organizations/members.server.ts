import { and, asc, count, eq, gt, inArray, isNull, ne, not } from "drizzle-orm";
import { recordAudit } from "~/audit/audit.server";
import { actsAsEmployerSql, memberRolesFor } from "~/auth/permissions.server";
import { invalidateUserSessions } from "~/auth/session.server";
import { getDb } from "~/db/client.server";
import {
  invitations,
  organizations,
  users,
  type MemberRole,
  type OrganizationKind,
} from "~/db/schema";
import { inUnitOfWork, type Executor } from "~/db/unit-of-work.server";
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
  organizationKind: OrganizationKind;
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
  if (!memberRolesFor(admin.organizationKind).includes(role)) {
    return { ok: false, message: organizationTexts.employerRoleOnly };
  }
  const member = await findActiveMember(admin.organizationId, userId);
  if (!member) return { ok: false, notFound: true };
  if (member.role === role) return { ok: true };
  if (member.role === "org_admin" && (await isLastAdmin(admin.organizationId, userId))) {
    return { ok: false, message: organizationTexts.lastAdmin };
  }
  await inUnitOfWork(async ({ tx, afterCommit }) => {
    await tx.update(users).set({ role }).where(eq(users.id, userId));
    await recordAudit(tx, {
      action: "member.role_changed",
      actor: admin,
      targetType: "user",
      targetId: userId,
      ip,
      details: { from: member.role, to: role },
    });
    // Open pages reconnect at once and authenticate with the new role (e.g. for thread rooms).
    afterCommit(() => disconnectRoom(rooms.user(userId)));
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
  await inUnitOfWork(async ({ tx, afterCommit }) => {
    await tx.update(users).set({ deactivatedAt: new Date() }).where(eq(users.id, userId));
    await recordAudit(tx, {
      action: "member.deactivated",
      actor: admin,
      targetType: "user",
      targetId: userId,
      ip,
    });
    afterCommit(() => disconnectRoom(rooms.user(userId)));
  });
  // Sessions of a deactivated account are refused from the commit on; this only tidies up.
  await invalidateUserSessions(userId);
  return { ok: true };
}

/** Active staff and admins: the people who work on referrals and ideas (nobody acting as employer). */
export function activeCaseWorkers(
  executor: Executor,
  organizationId: string,
  roles: readonly ("staff" | "org_admin")[] = ["staff", "org_admin"],
) {
  return executor
    .select({ id: users.id, email: users.email })
    .from(users)
    .innerJoin(organizations, eq(organizations.id, users.organizationId))
    .where(
      and(
        eq(users.organizationId, organizationId),
        inArray(users.role, [...roles]),
        not(actsAsEmployerSql),
        isNull(users.deactivatedAt),
      ),
    );
}
