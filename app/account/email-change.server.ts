import { and, desc, eq, gt, isNull, sql } from "drizzle-orm";
import { findUserByEmail } from "~/auth/login.server";
import { generateToken, hashToken } from "~/auth/tokens.server";
import { getDb, isUniqueViolation } from "~/db/client.server";
import { emailChangeRequests, users } from "~/db/schema";
import { inUnitOfWork, type Executor } from "~/db/unit-of-work.server";
import { absoluteUrl, queueMail } from "~/mail/mail.server";
import { mailLimitReached } from "~/rate-limits.server";
import { recordAudit } from "~/audit/audit.server";
import type { AccountResult } from "./account-result";
import { accountTexts } from "./account-texts";
import { checkCurrentPassword, portalPasswordHash } from "./current-password.server";
import { revokePasswordResets } from "./password-reset.server";

/*
 * A new e-mail address counts only once its owner opened the link sent to it (24 hours, used
 * once, stored hashed); until then the old address stays. The old address is told when the
 * change is made. Only the newest request of a person is open.
 */

export const EMAIL_CHANGE_VALIDITY_MS = 24 * 60 * 60 * 1000;

interface Person {
  id: string;
  organizationId: string;
  name: string;
  email: string;
}

/**
 * Sends the confirmation link to the new address, if it is free. A person with a portal password
 * confirms it first: with a new address and "Passwort vergessen", someone at an unlocked computer
 * could otherwise take the account over. (Without one, sign-in goes through the provider, which
 * the address does not open.)
 */
export async function requestEmailChange(
  person: Person,
  input: { email: string; currentPassword: string },
  ip: string | null,
): Promise<AccountResult> {
  const address = input.email.trim().toLowerCase();
  if (address === person.email.toLowerCase()) {
    return { ok: false, rejection: { fields: { email: accountTexts.emailUnchanged } } };
  }
  // Counted before the address is looked up: the answer "taken" must not be asked for freely.
  const tooMany = await mailLimitReached("emailChanges", person.id, ip);
  if (tooMany) return { ok: false, rejection: { form: tooMany }, status: 429 };
  const passwordHash = await portalPasswordHash(person.id);
  if (passwordHash) {
    const check = await checkCurrentPassword(person.id, passwordHash, input.currentPassword);
    if (!check.ok) return check;
  }
  if (await findUserByEmail(address)) {
    return { ok: false, rejection: { fields: { email: accountTexts.emailTaken } } };
  }

  const token = generateToken();
  const expiresAt = new Date(Date.now() + EMAIL_CHANGE_VALIDITY_MS);
  await inUnitOfWork(async (unit) => {
    const { tx } = unit;
    await closeOpenRequests(tx, person.id);
    const [request] = await tx
      .insert(emailChangeRequests)
      .values({ userId: person.id, newEmail: address, tokenHash: hashToken(token), expiresAt })
      .returning({ id: emailChangeRequests.id });
    await queueMail(unit, {
      to: address,
      subject: accountTexts.emailChangeMail.subject,
      body: accountTexts.emailChangeMail.body(
        person.name,
        absoluteUrl(`/e-mail-bestaetigen/${token}`),
        expiresAt,
      ),
      triggeredByUserId: person.id,
    });
    await recordAudit(tx, {
      action: "account.email_change_requested",
      actor: person,
      targetType: "email_change_request",
      targetId: request!.id,
      ip,
    });
  });
  return { ok: true };
}

function closeOpenRequests(executor: Executor, userId: string) {
  return executor
    .update(emailChangeRequests)
    .set({ usedAt: sql`now()` })
    .where(and(eq(emailChangeRequests.userId, userId), isNull(emailChangeRequests.usedAt)));
}

const isOpen = and(
  isNull(emailChangeRequests.usedAt),
  gt(emailChangeRequests.expiresAt, sql`now()`),
);

/** The address waiting for its confirmation, for "Mein Konto". */
export async function pendingEmailChange(userId: string) {
  const [pending] = await getDb()
    .select({ newEmail: emailChangeRequests.newEmail, expiresAt: emailChangeRequests.expiresAt })
    .from(emailChangeRequests)
    .where(and(eq(emailChangeRequests.userId, userId), isOpen))
    .orderBy(desc(emailChangeRequests.createdAt))
    .limit(1);
  return pending ?? null;
}

/** The open request behind a link, of a person still active, or null. */
export async function findOpenEmailChange(token: string, executor: Executor = getDb()) {
  const [change] = await executor
    .select({
      id: emailChangeRequests.id,
      newEmail: emailChangeRequests.newEmail,
      userId: users.id,
      organizationId: users.organizationId,
      name: users.name,
      oldEmail: users.email,
    })
    .from(emailChangeRequests)
    .innerJoin(users, eq(users.id, emailChangeRequests.userId))
    .where(
      and(
        eq(emailChangeRequests.tokenHash, hashToken(token)),
        isOpen,
        isNull(users.deactivatedAt),
        isNull(users.anonymizedAt),
      ),
    );
  return change ?? null;
}

/**
 * Makes the new address the account's: the link is claimed by a conditional update (single
 * use), links to set a password that went to the old address end, and the old address is told.
 * Another account may have taken the address since the request: the unique index refuses it
 * (also when two confirm at once) and the person reads why.
 */
export async function confirmEmailChange(token: string, ip: string | null): Promise<AccountResult> {
  const invalid: AccountResult = { ok: false, rejection: { form: accountTexts.emailLinkInvalid } };
  try {
    return await inUnitOfWork(async (unit) => {
      const { tx } = unit;
      const change = await findOpenEmailChange(token, tx);
      if (!change) return invalid;
      const claimed = await tx
        .update(emailChangeRequests)
        .set({ usedAt: sql`now()` })
        .where(and(eq(emailChangeRequests.id, change.id), isNull(emailChangeRequests.usedAt)))
        .returning({ id: emailChangeRequests.id });
      if (claimed.length === 0) return invalid;
      await tx.update(users).set({ email: change.newEmail }).where(eq(users.id, change.userId));
      await revokePasswordResets(tx, change.userId);
      await queueMail(unit, {
        to: change.oldEmail,
        subject: accountTexts.emailChangedMail.subject,
        body: accountTexts.emailChangedMail.body(change.name, change.newEmail),
        triggeredByUserId: change.userId,
      });
      await recordAudit(tx, {
        action: "account.email_changed",
        actor: { id: change.userId, organizationId: change.organizationId },
        targetType: "user",
        targetId: change.userId,
        ip,
      });
      return { ok: true } as const;
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      return { ok: false, rejection: { form: accountTexts.emailTaken }, status: 409 };
    }
    throw error;
  }
}
