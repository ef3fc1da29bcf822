import { and, eq, isNull, sql } from "drizzle-orm";
import { recordAudit } from "~/audit/audit.server";
import { memberRolesFor } from "~/auth/permissions.server";
import { createSession } from "~/auth/session.server";
import { getDb, isUniqueViolation } from "~/db/client.server";
import { organizations, userIdentities, users } from "~/db/schema";
import { inUnitOfWork, type UnitOfWork } from "~/db/unit-of-work.server";
import { notifyUsers } from "~/notifications/notifications.server";
import type { ProviderClaims, StoredProvider } from "./oidc.server";
import { ssoTexts, type SsoRefusal } from "./texts";

/**
 * Who a person coming back from an identity provider is in the portal (ADR 018): the person
 * linked to the provider's `sub`; else, on a first login, the member of the provider's
 * organisation with the same verified address of an allowed domain, then linked; else a new
 * member of that organisation with the least rights it has, if the provider creates people.
 * Never anyone of another organisation, never a platform admin.
 */

export type SsoSignIn =
  { ok: true; token: string; userId: string } | { ok: false; refusal: SsoRefusal };

interface Context {
  ip: string | null;
  userAgent: string;
}

interface Person {
  id: string;
  organizationId: string;
  deactivatedAt: Date | null;
  isPlatformAdmin: boolean;
}

const personColumns = {
  id: users.id,
  organizationId: users.organizationId,
  deactivatedAt: users.deactivatedAt,
  isPlatformAdmin: users.isPlatformAdmin,
};

export const emailDomain = (email: string) => email.slice(email.lastIndexOf("@") + 1);

/** Why an existing person may not sign in through this provider, if they may not. */
function refusalFor(provider: StoredProvider, person: Person): SsoRefusal | null {
  if (person.organizationId !== provider.organizationId) return "otherOrganization";
  if (person.deactivatedAt) return "deactivated";
  if (person.isPlatformAdmin) return "platformAdmin";
  return null;
}

type Refused = { refusal: SsoRefusal; person?: Person };
type Decision = Refused | { person: Person; link: boolean } | { create: true };

async function decide(
  unit: UnitOfWork,
  provider: StoredProvider,
  claims: ProviderClaims,
): Promise<Decision> {
  // An existing link wins: the address at the provider may have changed since.
  const [linked] = await unit.tx
    .select(personColumns)
    .from(userIdentities)
    .innerJoin(users, eq(users.id, userIdentities.userId))
    .where(
      and(
        eq(userIdentities.identityProviderId, provider.id),
        eq(userIdentities.subject, claims.subject),
      ),
    );
  if (linked) {
    const refusal = refusalFor(provider, linked);
    return refusal ? { refusal, person: linked } : { person: linked, link: false };
  }

  if (!claims.email || !claims.emailVerified) return { refusal: "emailUnverified" };
  if (!provider.allowedDomains.includes(emailDomain(claims.email))) {
    return { refusal: "foreignDomain" };
  }
  // Addresses are unique across the portal: one of another organisation is refused, not matched.
  const [known] = await unit.tx
    .select(personColumns)
    .from(users)
    .where(eq(sql`lower(${users.email})`, claims.email));
  if (known) {
    const refusal = refusalFor(provider, known);
    return refusal ? { refusal, person: known } : { person: known, link: true };
  }
  return provider.createsUnknownUsers ? { create: true } : { refusal: "unknownUser" };
}

/** A new member: staff, or an employer member where the organisation has no staff. */
async function createPerson(
  unit: UnitOfWork,
  provider: StoredProvider,
  claims: ProviderClaims & { email: string },
): Promise<Person> {
  const [organization] = await unit.tx
    .select({ kind: organizations.kind })
    .from(organizations)
    .where(eq(organizations.id, provider.organizationId));
  const role = memberRolesFor(organization!.kind).includes("staff") ? "staff" : "employer_member";
  const name = claims.name ?? claims.email.slice(0, claims.email.lastIndexOf("@"));
  const [person] = await unit.tx
    .insert(users)
    .values({
      organizationId: provider.organizationId,
      email: claims.email,
      name: name.slice(0, 200),
      role,
      passwordHash: null,
    })
    .returning(personColumns);

  const admins = await unit.tx
    .select({ id: users.id })
    .from(users)
    .where(
      and(
        eq(users.organizationId, provider.organizationId),
        eq(users.role, "org_admin"),
        isNull(users.deactivatedAt),
      ),
    );
  await notifyUsers(
    unit,
    admins.map((admin) => admin.id),
    ssoTexts.userCreatedNotification(name, provider.displayName),
    "/organisation/mitglieder",
    { kind: "network_change" },
  );
  return person!;
}

/** Signs the person in, linking or creating them as the rules say; every outcome is audited. */
export async function signInWithProvider(
  provider: StoredProvider,
  claims: ProviderClaims,
  { ip, userAgent }: Context,
): Promise<SsoSignIn> {
  const details = {
    providerId: provider.id,
    ...(claims.email ? { emailDomain: emailDomain(claims.email) } : {}),
  };
  const attempt = () =>
    inUnitOfWork(async (unit): Promise<SsoSignIn | Refused> => {
      const decision = await decide(unit, provider, claims);
      if ("refusal" in decision) return decision;

      let person: Person;
      if ("create" in decision) {
        person = await createPerson(unit, provider, { ...claims, email: claims.email! });
        await recordAudit(unit.tx, {
          action: "auth.sso_user_created",
          actor: person,
          targetType: "user",
          targetId: person.id,
          ip,
          details,
        });
      } else {
        person = decision.person;
      }
      if ("create" in decision || decision.link) {
        await unit.tx
          .insert(userIdentities)
          .values({ identityProviderId: provider.id, subject: claims.subject, userId: person.id });
        await recordAudit(unit.tx, {
          action: "auth.sso_linked",
          actor: person,
          targetType: "user",
          targetId: person.id,
          ip,
          details,
        });
      }
      // The provider enforces its own second factor: no step of the portal's is pending.
      const session = await createSession(person.id, new Date(), unit.tx, {
        userAgent,
        identityProvider: { id: provider.id, sessionId: claims.sessionId, idToken: claims.idToken },
      });
      await recordAudit(unit.tx, {
        action: "auth.sso_login",
        actor: person,
        targetType: "user",
        targetId: person.id,
        ip,
        details,
      });
      return { ok: true, token: session.token, userId: person.id };
    });
  // Two first logins of one person at once (two tabs): the second insert of the person or link
  // fails on its unique index; its retry finds what the first created and signs in with it.
  const outcome = await attempt().catch((error: unknown) => {
    if (isUniqueViolation(error)) return attempt();
    throw error;
  });
  if (!("ok" in outcome)) {
    await recordSsoRefusal(provider, outcome.refusal, ip, details, outcome.person);
    return { ok: false, refusal: outcome.refusal };
  }
  return outcome;
}

/** A refusal changes nothing: its entry stands on its own. */
export async function recordSsoRefusal(
  provider: Pick<StoredProvider, "id">,
  reason: string,
  ip: string | null,
  details: Record<string, string> = {},
  person?: Pick<Person, "id" | "organizationId">,
): Promise<void> {
  await recordAudit(getDb(), {
    action: "auth.sso_refused",
    actor: person ? { id: person.id, organizationId: person.organizationId } : null,
    targetType: person ? "user" : "identity_provider",
    targetId: person?.id ?? provider.id,
    ip,
    details: { ...details, providerId: provider.id, reason },
  });
}
