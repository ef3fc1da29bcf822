import { recordAudit } from "~/audit/audit.server";
import { findUserByEmail } from "~/auth/login.server";
import { checkPasswordPolicy, hashPassword } from "~/auth/password.server";
import { organizations, users } from "~/db/schema";
import { inUnitOfWork } from "~/db/unit-of-work.server";

export interface PlatformAdminInput {
  email: string;
  name: string;
  password: string;
  organizationName: string;
}

export type PlatformAdminResult = { ok: true; userId: string } | { ok: false; message: string };

/**
 * The first account of a real installation (`npm run admin:create`): the operating organisation
 * and its platform administration, with the same password rule as in the portal, created and
 * audited in one unit of work.
 */
export async function createPlatformAdmin(input: PlatformAdminInput): Promise<PlatformAdminResult> {
  const email = input.email.trim().toLowerCase();
  const policyError = checkPasswordPolicy(input.password, email, input.name);
  if (policyError) return { ok: false, message: `ADMIN_PASSWORD: ${policyError}` };
  const passwordHash = await hashPassword(input.password);
  return inUnitOfWork(async ({ tx }) => {
    if (await findUserByEmail(email, {}, tx)) {
      return { ok: false, message: `Für ${email} besteht bereits ein Konto.` };
    }
    const [organization] = await tx
      .insert(organizations)
      .values({ name: input.organizationName, kind: "sonstige" })
      .returning({ id: organizations.id });
    const [user] = await tx
      .insert(users)
      .values({
        organizationId: organization!.id,
        email,
        name: input.name,
        role: "org_admin",
        isPlatformAdmin: true,
        passwordHash,
      })
      .returning({ id: users.id });
    // No person acted: the operator ran the command on the server.
    await recordAudit(tx, {
      action: "organization.created",
      targetType: "organization",
      targetId: organization!.id,
      details: { organizationName: input.organizationName },
    });
    await recordAudit(tx, {
      action: "platform_admin.created",
      targetType: "user",
      targetId: user!.id,
    });
    return { ok: true, userId: user!.id };
  });
}
