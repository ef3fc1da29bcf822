import { and, asc, count, eq, gt, inArray, isNotNull, isNull, ne, not, or, sql } from "drizzle-orm";
import { deleteSecondFactor } from "~/account/second-factor-store.server";
import { recordAudit } from "~/audit/audit.server";
import { actsAsEmployerSql, memberRolesFor } from "~/auth/permissions.server";
import { endSessions, invalidateUserSessions } from "~/auth/session.server";
import { getDb } from "~/db/client.server";
import {
  calendarFeedTokens,
  digestSettings,
  discussionMentions,
  discussionPostRevisions,
  discussionPosts,
  emailChangeRequests,
  events,
  ideaBookmarks,
  ideas,
  invitations,
  notificationPreferences,
  notifications,
  organizations,
  passwordResetTokens,
  secondFactors,
  userIdentities,
  users,
  type MemberRole,
  type OrganizationKind,
} from "~/db/schema";
import { inUnitOfWork, type Executor, type UnitOfWork } from "~/db/unit-of-work.server";
import { absoluteUrl, queueMail } from "~/mail/mail.server";
import { renderRichText } from "~/rich-text/render.server";
import { mapMentions, type RichTextDocument } from "~/rich-text/schema";
import { disconnectRoom, rooms } from "~/realtime/hub.server";
import { organizationTexts } from "./texts";

/** "Zweiter Faktor eingerichtet": a factor still being set up does not count. */
const hasConfirmedSecondFactor = sql<boolean>`exists (select 1 from ${secondFactors} where ${secondFactors.userId} = ${users.id} and ${secondFactors.confirmedAt} is not null)`;

/** The organisation's members; a deleted (anonymised) former member is no longer one. */
export function listMembers(organizationId: string) {
  return getDb()
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      deactivatedAt: users.deactivatedAt,
      hasSecondFactor: hasConfirmedSecondFactor,
    })
    .from(users)
    .where(and(eq(users.organizationId, organizationId), isNull(users.anonymizedAt)))
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

/** The name a deleted former member's posts, ideas and history show from then on. */
export const FORMER_MEMBER_NAME = "ehemaliges Mitglied";

/** A unique address under the reserved TLD ".invalid" (RFC 2606): nothing can ever be sent to it. */
export const anonymizedEmailOf = (userId: string) => `ehemalig-${userId}@anonymisiert.invalid`;

/**
 * Why a member's deletion or second-factor reset was refused; the page words it. A member of
 * another organisation (or an unknown id) is `notFound` (404) instead.
 */
export type MemberRefusal = "nameMismatch" | "stillActive" | "self" | "noSecondFactor";

type MemberAction =
  { ok: true } | { ok: false; notFound: true } | { ok: false; refusal: MemberRefusal };

/** A member of the admin's organisation not yet deleted, with what the two actions check. */
async function findMember(organizationId: string, userId: string) {
  const [member] = await getDb()
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      deactivatedAt: users.deactivatedAt,
      hasSecondFactor: hasConfirmedSecondFactor,
    })
    .from(users)
    .where(
      and(
        eq(users.id, userId),
        eq(users.organizationId, organizationId),
        isNull(users.anonymizedAt),
      ),
    );
  return member ?? null;
}

function recordMemberAudit(
  unit: UnitOfWork,
  action: "member.anonymized" | "member.second_factor_reset",
  admin: Admin,
  userId: string,
  ip: string | null,
) {
  return recordAudit(unit.tx, {
    action,
    actor: admin,
    targetType: "user",
    // The id stays as the pseudonymous reference: the log never held more of the person.
    targetId: userId,
    ip,
  });
}

/**
 * Deletes a former (deactivated) member at the admin's request, confirmed by the member's name
 * typed exactly: the account row stays, so posts, ideas and the audit log keep their reference,
 * but everything that identifies or reaches the person goes. Pages read names from the row, so
 * the posts and ideas show FORMER_MEMBER_NAME from the commit on.
 */
export async function removeFormerMember(
  admin: Admin,
  userId: string,
  typedName: string,
  ip: string | null,
): Promise<MemberAction> {
  const member = await findMember(admin.organizationId, userId);
  if (!member) return { ok: false, notFound: true };
  if (!member.deactivatedAt) return { ok: false, refusal: "stillActive" };
  if (typedName.trim() !== member.name.trim()) return { ok: false, refusal: "nameMismatch" };
  return inUnitOfWork(async (unit) => {
    const { tx } = unit;
    const [changed] = await tx
      .update(users)
      .set({
        name: FORMER_MEMBER_NAME,
        email: anonymizedEmailOf(userId),
        passwordHash: null,
        jobTitle: "",
        phone: "",
        anonymizedAt: new Date(),
      })
      // Only a deactivated member, and only once (two admins at the same time: one wins).
      .where(and(eq(users.id, userId), isNotNull(users.deactivatedAt), isNull(users.anonymizedAt)))
      .returning({ id: users.id });
    if (!changed) return unit.rollbackWith({ ok: false, notFound: true });
    await clearOwnContactDetails(tx, member);
    await relabelMentions(tx, userId);
    await deleteSecondFactor(tx, userId);
    // Whatever could still sign in as the person, reach them or describe them.
    for (const table of [
      userIdentities,
      passwordResetTokens,
      emailChangeRequests,
      calendarFeedTokens,
      notificationPreferences,
      digestSettings,
      notifications,
      ideaBookmarks,
    ]) {
      await tx.delete(table).where(eq(table.userId, userId));
    }
    await endSessions(unit, { userId });
    await recordMemberAudit(unit, "member.anonymized", admin, userId, ip);
    return { ok: true } as const;
  });
}

/**
 * Ideas and events the person wrote name them as the contact most of the time: those contact
 * details go with the account (an idea's page then names its author, now FORMER_MEMBER_NAME);
 * a colleague named as the contact stays.
 */
async function clearOwnContactDetails(
  tx: Executor,
  member: { id: string; name: string; email: string },
): Promise<void> {
  const cleared = { contactName: "", contactEmail: "", contactPhone: "" };
  for (const [table, author] of [
    [ideas, ideas.authorUserId],
    [events, events.createdByUserId],
  ] as const) {
    await tx
      .update(table)
      .set(cleared)
      .where(
        and(
          eq(author, member.id),
          or(
            eq(table.contactName, member.name),
            sql`lower(${table.contactEmail}) = lower(${member.email})`,
          ),
        ),
      );
  }
}

/**
 * Posts store their text with each mention's label and are rendered once, when written: the
 * posts (and earlier versions) that mention the person are written again with the label
 * FORMER_MEMBER_NAME, and their change is announced to open threads through the change sequence.
 */
async function relabelMentions(tx: Executor, userId: string): Promise<void> {
  const relabel = (body: unknown) =>
    mapMentions(body as RichTextDocument, (mention) =>
      mention.attrs.id === userId
        ? { ...mention, attrs: { ...mention.attrs, label: FORMER_MEMBER_NAME } }
        : mention,
    );
  const posts = await tx
    .select({ id: discussionPosts.id, body: discussionPosts.body, html: discussionPosts.bodyHtml })
    .from(discussionPosts)
    .innerJoin(discussionMentions, eq(discussionMentions.postId, discussionPosts.id))
    .where(eq(discussionMentions.userId, userId));
  for (const post of posts) {
    const body = relabel(post.body);
    await tx
      .update(discussionPosts)
      .set({
        body,
        // An erased or removed post keeps showing nothing.
        bodyHtml: post.html === "" ? "" : renderRichText(body),
        changeSequence: sql`nextval('discussion_change_sequence')`,
      })
      .where(eq(discussionPosts.id, post.id));
  }
  if (posts.length === 0) return;
  const revisions = await tx
    .select({ id: discussionPostRevisions.id, body: discussionPostRevisions.body })
    .from(discussionPostRevisions)
    .where(
      inArray(
        discussionPostRevisions.postId,
        posts.map((post) => post.id),
      ),
    );
  for (const revision of revisions) {
    const body = relabel(revision.body);
    await tx
      .update(discussionPostRevisions)
      .set({ body, bodyHtml: renderRichText(body) })
      .where(eq(discussionPostRevisions.id, revision.id));
  }
}

/** The mail to a member whose second factor their admin reset. */
export const secondFactorResetMail = {
  subject: "Netzwerke ABC: Ihr zweiter Faktor wurde zurückgesetzt",
  body: (memberName: string, adminName: string, link: string) =>
    [
      `Guten Tag ${memberName},`,
      "",
      `${adminName} hat als Administration Ihrer Organisation den zweiten Faktor Ihres Kontos im Netzwerke-ABC-Portal zurückgesetzt, zum Beispiel weil Ihr Telefon verloren ging. Ihre bisherigen Wiederherstellungscodes gelten nicht mehr, und Sie wurden auf allen Geräten abgemeldet.`,
      "",
      "Melden Sie sich wieder mit Ihrem Passwort an. Muss Ihr Konto einen zweiten Faktor haben, führt Sie das Portal gleich nach der Anmeldung durch die Einrichtung; sonst richten Sie ihn hier neu ein:",
      link,
      "",
      `Wenn Sie das nicht veranlasst haben, wenden Sie sich bitte an ${adminName}.`,
    ].join("\n"),
};

/**
 * A lost phone: the admin removes a member's confirmed second factor and recovery codes, ends
 * the member's sessions (a stolen device is signed out too) and the member is told by mail.
 * Whoever must have a factor is led through setting up a new one at the next login.
 */
export async function resetMemberSecondFactor(
  admin: Admin & { name: string },
  userId: string,
  ip: string | null,
): Promise<MemberAction> {
  if (userId === admin.id) return { ok: false, refusal: "self" };
  const member = await findMember(admin.organizationId, userId);
  if (!member) return { ok: false, notFound: true };
  if (!member.hasSecondFactor) return { ok: false, refusal: "noSecondFactor" };
  await inUnitOfWork(async (unit) => {
    await deleteSecondFactor(unit.tx, userId);
    await endSessions(unit, { userId });
    await recordMemberAudit(unit, "member.second_factor_reset", admin, userId, ip);
    await queueMail(unit, {
      to: member.email,
      subject: secondFactorResetMail.subject,
      body: secondFactorResetMail.body(
        member.name,
        admin.name,
        absoluteUrl("/konto/zweiter-faktor"),
      ),
      triggeredByUserId: admin.id,
    });
  });
  return { ok: true };
}
