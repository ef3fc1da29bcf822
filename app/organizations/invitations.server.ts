import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { recordAudit } from "~/audit/audit.server";
import { hashPassword } from "~/auth/password.server";
import { generateToken, hashToken } from "~/auth/tokens.server";
import { findUserByEmail } from "~/auth/login.server";
import { getDb } from "~/db/client.server";
import { inUnitOfWork, type UnitOfWork } from "~/db/unit-of-work.server";
import { invitations, organizations, users, type MemberRole } from "~/db/schema";
import { absoluteUrl, queueMail } from "~/mail/mail.server";
import { offersRole } from "./organizations.server";
import { invitationTexts, memberRoleLabels, organizationTexts } from "./texts";

export const INVITATION_VALIDITY_MS = 7 * 24 * 60 * 60 * 1000;

interface Inviter {
  id: string;
  organizationId: string;
  name: string;
}

export type InvitationResult =
  { ok: true } | { ok: false; field: "email" | "role"; message: string };

/**
 * Invites a person into an organisation, in the caller's unit of work: the invitation, its mail
 * (through the outbox) and its audit entry commit together, so a failing mail server never
 * leaves an invitation nobody received.
 *
 * An address that already has an account gets the same answer as any other, so the form does not
 * reveal who has an account in which network; the person is told by mail instead.
 */
export async function inviteMember(
  unit: UnitOfWork,
  options: {
    inviter: Inviter;
    organizationId: string;
    email: string;
    role: MemberRole;
    ip: string | null;
  },
): Promise<InvitationResult> {
  const { tx } = unit;
  if (!(await offersRole(options.organizationId, options.role, tx))) {
    return { ok: false, field: "role", message: organizationTexts.employerRoleOnly };
  }
  const email = options.email.trim().toLowerCase();
  const [organization] = await tx
    .select({ name: organizations.name })
    .from(organizations)
    .where(eq(organizations.id, options.organizationId));
  const organizationName = organization?.name ?? "";
  if (await findUserByEmail(email, {}, tx)) {
    await queueMail(unit, {
      to: email,
      subject: invitationTexts.existingAccountSubject,
      body: invitationTexts.existingAccountBody(options.inviter.name, organizationName),
      // Not the inviter's: their Postausgang would show that the address has an account.
      triggeredByUserId: null,
    });
    await recordAudit(tx, {
      action: "invitation.existing_account",
      actor: options.inviter,
      targetType: "organization",
      targetId: options.organizationId,
      ip: options.ip,
    });
    return { ok: true };
  }
  const [pending] = await tx
    .select({ id: invitations.id })
    .from(invitations)
    .where(
      and(
        eq(invitations.organizationId, options.organizationId),
        eq(invitations.email, email),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, new Date()),
      ),
    );
  if (pending) return { ok: false, field: "email", message: organizationTexts.alreadyInvited };

  const token = generateToken();
  const expiresAt = new Date(Date.now() + INVITATION_VALIDITY_MS);
  const [invitation] = await tx
    .insert(invitations)
    .values({
      organizationId: options.organizationId,
      email,
      role: options.role,
      tokenHash: hashToken(token),
      invitedByUserId: options.inviter.id,
      expiresAt,
    })
    .returning({ id: invitations.id });
  await queueMail(unit, {
    to: email,
    subject: invitationTexts.subject(organizationName),
    body: invitationTexts.body({
      inviterName: options.inviter.name,
      organizationName,
      roleLabel: memberRoleLabels[options.role],
      link: absoluteUrl(`/einladung/${token}`),
      expiresAt,
    }),
    triggeredByUserId: options.inviter.id,
  });
  await recordAudit(tx, {
    action: "invitation.created",
    actor: options.inviter,
    targetType: "invitation",
    targetId: invitation?.id,
    ip: options.ip,
    details: { role: options.role },
  });
  return { ok: true };
}

/** The open invitation behind a link token, or null if it is unknown, used, revoked or expired. */
export async function findOpenInvitation(token: string) {
  const [invitation] = await getDb()
    .select({
      id: invitations.id,
      email: invitations.email,
      role: invitations.role,
      organizationId: invitations.organizationId,
      organizationName: organizations.name,
    })
    .from(invitations)
    .innerJoin(organizations, eq(organizations.id, invitations.organizationId))
    .where(
      and(
        eq(invitations.tokenHash, hashToken(token)),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, new Date()),
      ),
    );
  return invitation ?? null;
}

export type AcceptResult =
  { ok: true; userId: string } | { ok: false; reason: "invalid" | "account_exists" };

/** Single use: the invitation is claimed by a conditional update before the account is created. */
export async function acceptInvitation(options: {
  token: string;
  name: string;
  password: string;
  ip: string | null;
}): Promise<AcceptResult> {
  const invitation = await findOpenInvitation(options.token);
  if (!invitation) return { ok: false, reason: "invalid" };
  if (await findUserByEmail(invitation.email)) return { ok: false, reason: "account_exists" };
  const passwordHash = await hashPassword(options.password);

  const userId = await inUnitOfWork(async ({ tx }) => {
    const claimed = await tx
      .update(invitations)
      .set({ acceptedAt: sql`now()` })
      .where(and(eq(invitations.id, invitation.id), isNull(invitations.acceptedAt)))
      .returning({ id: invitations.id });
    if (claimed.length === 0) return null;
    const [user] = await tx
      .insert(users)
      .values({
        organizationId: invitation.organizationId,
        email: invitation.email,
        name: options.name,
        passwordHash,
        role: invitation.role,
      })
      .returning({ id: users.id });
    await recordAudit(tx, {
      action: "invitation.accepted",
      actor: { id: user!.id, organizationId: invitation.organizationId },
      targetType: "invitation",
      targetId: invitation.id,
      // No name: the log outlives an anonymised account and keeps only the user id.
      ip: options.ip,
    });
    return user!.id;
  });
  if (!userId) return { ok: false, reason: "invalid" };
  return { ok: true, userId };
}
