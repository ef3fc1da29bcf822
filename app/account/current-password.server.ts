import { eq } from "drizzle-orm";
import { verifyPassword } from "~/auth/password.server";
import { getDb } from "~/db/client.server";
import { organizations, users } from "~/db/schema";
import { consume } from "~/rate-limits.server";
import type { AccountResult } from "./account-result";
import { accountTexts } from "./account-texts";

/**
 * The hash of the person's portal password, or null when they have none that signs in: created
 * through an identity provider, or their organisation requires single sign-on.
 */
export async function portalPasswordHash(userId: string): Promise<string | null> {
  const [account] = await getDb()
    .select({ passwordHash: users.passwordHash, requireSso: organizations.requireSso })
    .from(users)
    .innerJoin(organizations, eq(organizations.id, users.organizationId))
    .where(eq(users.id, userId));
  return account && !account.requireSso ? account.passwordHash : null;
}

/**
 * Whether the typed password is the person's current one, before a change that could take the
 * account over (a new password, a new address). Someone at an unlocked computer may guess: the
 * checks are limited per person.
 */
export async function checkCurrentPassword(
  userId: string,
  passwordHash: string,
  typed: string,
): Promise<AccountResult> {
  if (!typed) {
    return {
      ok: false,
      rejection: { fields: { currentPassword: accountTexts.currentPasswordRequired } },
    };
  }
  const wait = await consume("currentPasswordChecksByUser", userId);
  if (wait !== null) {
    const minutes = Math.ceil(wait / 60);
    return {
      ok: false,
      rejection: { form: accountTexts.passwordChecksExhausted(minutes) },
      status: 429,
    };
  }
  if (!(await verifyPassword(passwordHash, typed))) {
    return {
      ok: false,
      rejection: { fields: { currentPassword: accountTexts.currentPasswordWrong } },
    };
  }
  return { ok: true };
}
