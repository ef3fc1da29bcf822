import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { recordAudit } from "~/audit/audit.server";
import { hashPassword } from "~/auth/password.server";
import { generateToken, hashToken } from "~/auth/tokens.server";
import { findUserByEmail } from "~/auth/login.server";
import { getDb } from "~/db/client.server";
import { invitations, organizations, users, type MemberRole } from "~/db/schema";
import { sendMail } from "~/mail/mail.server";
import { memberRoleLabels, organizationTexts } from "./texts";

export const INVITATION_VALIDITY_MS = 7 * 24 * 60 * 60 * 1000;

interface Inviter {
  id: string;
  organizationId: string;
  name: string;
}

export type InvitationResult = { ok: true } | { ok: false; field: "email"; message: string };

export async function inviteMember(options: {
  inviter: Inviter;
  organizationId: string;
  email: string;
  role: MemberRole;
  /** Builds the absolute link for the mail from the token. */
  linkFor: (token: string) => string;
  ip: string | null;
}): Promise<InvitationResult> {
  const email = options.email.trim().toLowerCase();
  if (await findUserByEmail(email)) {
    return { ok: false, field: "email", message: organizationTexts.alreadyMember };
  }
  const db = getDb();
  const [pending] = await db
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

  const [organization] = await db
    .select({ name: organizations.name })
    .from(organizations)
    .where(eq(organizations.id, options.organizationId));
  const token = generateToken();
  const expiresAt = new Date(Date.now() + INVITATION_VALIDITY_MS);
  const [invitation] = await db
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

  await sendMail({
    to: email,
    subject: `Einladung in das Netzwerke-ABC-Portal (${organization?.name ?? ""})`,
    body: [
      "Guten Tag,",
      "",
      `${options.inviter.name} lädt Sie ein, im Netzwerke-ABC-Portal für „${organization?.name}“ mitzuarbeiten (Rolle: ${memberRoleLabels[options.role]}).`,
      "",
      "Bitte legen Sie über diesen Link Ihr Passwort fest:",
      options.linkFor(token),
      "",
      `Der Link ist 7 Tage gültig (bis ${expiresAt.toLocaleString("de-DE", { timeZone: "Europe/Berlin" })}) und kann nur einmal verwendet werden.`,
      "Wenn Sie diese Einladung nicht erwartet haben, können Sie diese E-Mail ignorieren.",
    ].join("\n"),
    triggeredByUserId: options.inviter.id,
  });
  await recordAudit({
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

  const db = getDb();
  const userId = await db.transaction(async (tx) => {
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
    return user?.id ?? null;
  });
  if (!userId) return { ok: false, reason: "invalid" };
  await recordAudit({
    action: "invitation.accepted",
    actor: { id: userId, organizationId: invitation.organizationId },
    targetType: "invitation",
    targetId: invitation.id,
    ip: options.ip,
    details: { name: options.name },
  });
  return { ok: true, userId };
}
