import { eq } from "drizzle-orm";
import { checkPasswordPolicy, hashPassword } from "~/auth/password.server";
import { endSessions, type CurrentUser } from "~/auth/session.server";
import { getDb } from "~/db/client.server";
import { users } from "~/db/schema";
import { inUnitOfWork } from "~/db/unit-of-work.server";
import { recordAudit } from "~/audit/audit.server";
import type { AccountResult } from "./account-result";
import { accountTexts } from "./account-texts";
import { checkCurrentPassword, portalPasswordHash } from "./current-password.server";
import { pendingEmailChange } from "./email-change.server";
import { revokePasswordResets } from "./password-reset.server";

type Person = Pick<CurrentUser, "id" | "organizationId" | "name" | "email" | "sessionId">;

/** What "Mein Konto" shows: the profile, a pending address, and whether a password exists. */
export async function loadAccount(userId: string) {
  const [[profile], pendingEmail, passwordHash] = await Promise.all([
    getDb()
      .select({
        name: users.name,
        email: users.email,
        jobTitle: users.jobTitle,
        phone: users.phone,
      })
      .from(users)
      .where(eq(users.id, userId)),
    pendingEmailChange(userId),
    portalPasswordHash(userId),
  ]);
  if (!profile) return null;
  return { ...profile, signsInWithPassword: passwordHash !== null, pendingEmail };
}

export interface ProfileInput {
  name: string;
  jobTitle: string;
  phone: string;
}

export async function updateProfile(person: Person, input: ProfileInput, ip: string | null) {
  await inUnitOfWork(async ({ tx }) => {
    const [before] = await tx
      .select({ name: users.name, jobTitle: users.jobTitle, phone: users.phone })
      .from(users)
      .where(eq(users.id, person.id));
    await tx.update(users).set(input).where(eq(users.id, person.id));
    const changed = (Object.keys(input) as (keyof ProfileInput)[]).filter(
      (field) => before?.[field] !== input[field],
    );
    await recordAudit(tx, {
      action: "account.profile_updated",
      actor: person,
      targetType: "user",
      targetId: person.id,
      ip,
      // Which fields, not their values: the log is not a second copy of the profile.
      details: { fields: changed.join(",") },
    });
  });
}

/**
 * A new password for someone who knows the current one. The person's other sessions end with
 * their live connections, and so do open "Passwort vergessen" links; this session stays.
 */
export async function changePassword(
  person: Person,
  input: { currentPassword: string; newPassword: string },
  ip: string | null,
): Promise<AccountResult> {
  const passwordHash = await portalPasswordHash(person.id);
  if (!passwordHash) return { ok: false, rejection: { form: accountTexts.noPassword } };
  const check = await checkCurrentPassword(person.id, passwordHash, input.currentPassword);
  if (!check.ok) return check;
  const policyError = checkPasswordPolicy(input.newPassword, person.email, person.name);
  if (policyError) return { ok: false, rejection: { fields: { newPassword: policyError } } };
  const newHash = await hashPassword(input.newPassword);

  await inUnitOfWork(async (unit) => {
    const { tx } = unit;
    await tx.update(users).set({ passwordHash: newHash }).where(eq(users.id, person.id));
    await revokePasswordResets(tx, person.id);
    const ended = await endSessions(unit, { userId: person.id, except: person.sessionId });
    await recordAudit(tx, {
      action: "account.password_changed",
      actor: person,
      targetType: "user",
      targetId: person.id,
      ip,
      details: { endedSessions: ended.length },
    });
  });
  return { ok: true };
}
