import { and, eq, gt, isNotNull, isNull, sql } from "drizzle-orm";
import { setTimeout as sleep } from "node:timers/promises";
import { checkPasswordPolicy, hashPassword } from "~/auth/password.server";
import { endSessions } from "~/auth/session.server";
import { generateToken, hashToken } from "~/auth/tokens.server";
import { getDb } from "~/db/client.server";
import { identityProviders, organizations, passwordResetTokens, users } from "~/db/schema";
import { inUnitOfWork, type Executor, type UnitOfWork } from "~/db/unit-of-work.server";
import { absoluteUrl, queueMail } from "~/mail/mail.server";
import { mailLimitReached } from "~/rate-limits.server";
import { recordAudit } from "~/audit/audit.server";
import type { AccountResult } from "./account-result";
import { accountTexts } from "./account-texts";

/*
 * "Passwort vergessen": who gets which mail.
 * - An active person with a password gets a link, valid one hour and used once; only its
 *   SHA-256 is stored. Earlier links stay valid until one of them is used.
 * - A person whose organisation requires single sign-on, or who never had a password (created
 *   through an identity provider), gets no link but a mail that sign-in goes through the
 *   provider: a portal password would be a second way in that the provider (and the person's
 *   leaving there) does not control.
 * - Unknown, deactivated and anonymised addresses get nothing.
 * The form answers the same in every case, and no sooner than REQUEST_ANSWER_MS, so neither
 * the words nor the time tell whether an address has an account.
 */

export const PASSWORD_RESET_VALIDITY_MS = 60 * 60 * 1000;
/** Longer than the slowest case (queuing a mail) takes, so every answer takes the same time. */
const REQUEST_ANSWER_MS = 300;

export type ResetRequestResult = { ok: true } | { ok: false; message: string };

/** Throttled per address asked about and per client address; otherwise always `ok`. */
export async function requestPasswordReset(
  email: string,
  ip: string | null,
): Promise<ResetRequestResult> {
  const started = performance.now();
  const address = email.trim().toLowerCase();
  // Counted for unknown addresses too: the refusal reveals nothing either.
  const tooMany = await mailLimitReached("passwordResets", hashToken(address), ip);
  if (tooMany) return { ok: false, message: tooMany };
  await inUnitOfWork((unit) => sendResetMail(unit, address, ip));
  await sleep(Math.max(0, REQUEST_ANSWER_MS - (performance.now() - started)));
  return { ok: true };
}

async function sendResetMail(unit: UnitOfWork, address: string, ip: string | null) {
  const { tx } = unit;
  const [person] = await tx
    .select({
      id: users.id,
      organizationId: users.organizationId,
      name: users.name,
      email: users.email,
      hasPassword: isNotNull(users.passwordHash),
      active: sql<boolean>`${users.deactivatedAt} is null and ${users.anonymizedAt} is null`,
      requireSso: organizations.requireSso,
    })
    .from(users)
    .innerJoin(organizations, eq(organizations.id, users.organizationId))
    .where(eq(sql`lower(${users.email})`, address));
  const audit = (outcome: "link" | "single_sign_on" | "no_mail") =>
    recordAudit(tx, {
      action: "auth.password_reset_requested",
      actor: person ? { id: person.id, organizationId: person.organizationId } : null,
      targetType: person ? "user" : undefined,
      targetId: person?.id,
      ip,
      details: { outcome, knownAccount: !!person },
    });

  if (!person || !person.active) return audit("no_mail");
  // Mails name no cause: the Postausgang of whoever asked must not show that the account exists.
  if (person.requireSso || !person.hasPassword) {
    const providers = await tx
      .select({ name: identityProviders.displayName })
      .from(identityProviders)
      .where(
        and(
          eq(identityProviders.organizationId, person.organizationId),
          eq(identityProviders.enabled, true),
        ),
      );
    await queueMail(unit, {
      to: person.email,
      subject: accountTexts.resetBySingleSignOnMail.subject,
      body: accountTexts.resetBySingleSignOnMail.body(
        person.name,
        providers.map((provider) => provider.name),
        absoluteUrl("/anmelden"),
      ),
      triggeredByUserId: null,
    });
    return audit("single_sign_on");
  }

  const token = generateToken();
  const expiresAt = new Date(Date.now() + PASSWORD_RESET_VALIDITY_MS);
  await tx
    .insert(passwordResetTokens)
    .values({ userId: person.id, tokenHash: hashToken(token), expiresAt });
  await queueMail(unit, {
    to: person.email,
    subject: accountTexts.resetMail.subject,
    body: accountTexts.resetMail.body(
      person.name,
      absoluteUrl(`/passwort-neu/${token}`),
      expiresAt,
    ),
    triggeredByUserId: null,
  });
  return audit("link");
}

/**
 * The open link behind a token with its person, or null: unknown, used, expired, or the person
 * may no longer set a password (deactivated, anonymised, organisation now requires SSO).
 */
export async function findOpenPasswordReset(token: string, executor: Executor = getDb()) {
  const [reset] = await executor
    .select({
      id: passwordResetTokens.id,
      userId: users.id,
      organizationId: users.organizationId,
      email: users.email,
      name: users.name,
    })
    .from(passwordResetTokens)
    .innerJoin(users, eq(users.id, passwordResetTokens.userId))
    .innerJoin(organizations, eq(organizations.id, users.organizationId))
    .where(
      and(
        eq(passwordResetTokens.tokenHash, hashToken(token)),
        isNull(passwordResetTokens.usedAt),
        gt(passwordResetTokens.expiresAt, sql`now()`),
        isNull(users.deactivatedAt),
        isNull(users.anonymizedAt),
        isNotNull(users.passwordHash),
        eq(organizations.requireSso, false),
      ),
    );
  return reset ?? null;
}

/** Ends every open link of a person: after a new password or a new e-mail address. */
export async function revokePasswordResets(executor: Executor, userId: string): Promise<void> {
  await executor
    .update(passwordResetTokens)
    .set({ usedAt: sql`now()` })
    .where(and(eq(passwordResetTokens.userId, userId), isNull(passwordResetTokens.usedAt)));
}

/**
 * Sets the new password through a link: the link is claimed by a conditional update (single
 * use, also for two tabs at once), every other link of the person ends, and so does every
 * session of theirs with its live connections. A confirmed second factor stays: the next login
 * asks for it.
 */
export async function resetPassword(options: {
  token: string;
  password: string;
  ip: string | null;
}): Promise<AccountResult> {
  const invalid: AccountResult = { ok: false, rejection: { form: accountTexts.resetLinkInvalid } };
  const reset = await findOpenPasswordReset(options.token);
  if (!reset) return invalid;
  const policyError = checkPasswordPolicy(options.password, reset.email, reset.name);
  if (policyError) return { ok: false, rejection: { fields: { password: policyError } } };
  const passwordHash = await hashPassword(options.password);

  return inUnitOfWork(async (unit) => {
    const { tx } = unit;
    // Checked again in the transaction: the person may have been deactivated meanwhile.
    if (!(await findOpenPasswordReset(options.token, tx))) return invalid;
    const claimed = await tx
      .update(passwordResetTokens)
      .set({ usedAt: sql`now()` })
      .where(and(eq(passwordResetTokens.id, reset.id), isNull(passwordResetTokens.usedAt)))
      .returning({ id: passwordResetTokens.id });
    if (claimed.length === 0) return invalid;
    await tx.update(users).set({ passwordHash }).where(eq(users.id, reset.userId));
    await revokePasswordResets(tx, reset.userId);
    const endedSessions = await endSessions(unit, { userId: reset.userId });
    await recordAudit(tx, {
      action: "auth.password_reset",
      actor: { id: reset.userId, organizationId: reset.organizationId },
      targetType: "user",
      targetId: reset.userId,
      ip: options.ip,
      details: { endedSessions: endedSessions.length },
    });
    return { ok: true } as const;
  });
}
