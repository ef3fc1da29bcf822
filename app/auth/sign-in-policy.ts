import { z } from "zod";
import { secondFactorAudiences, type SecondFactorAudience } from "~/db/vocabularies";

/**
 * Who must sign in with a second factor. Two switches decide it: the platform admin's list of
 * roles (stored in instance_settings under SECOND_FACTOR_ROLES_SETTING) and the organisation
 * admin's "for all members". A login through an identity provider counts as strong sign-in:
 * the provider enforces its own factors (ADR 018).
 */
export const SECOND_FACTOR_ROLES_SETTING = "second_factor_roles";

/** Preselected in the platform admin's form until a policy is saved; not enforced before. */
export const proposedSecondFactorAudiences: SecondFactorAudience[] = [
  "platform_admin",
  "coordinator",
  "org_admin",
];

const storedRoles = z.array(z.enum(secondFactorAudiences));

/** The saved list, or null while the platform admin has not saved one. */
export function parseSecondFactorRoles(stored: string | null): SecondFactorAudience[] | null {
  if (stored === null) return null;
  try {
    const parsed = storedRoles.safeParse(JSON.parse(stored));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Every audience a person belongs to: their member role and the rights granted on top. */
export function audiencesOf(person: {
  role: SecondFactorAudience;
  isPlatformAdmin: boolean;
  coordinatedNetworkIds: string[];
}): SecondFactorAudience[] {
  return [
    person.role,
    ...(person.isPlatformAdmin ? (["platform_admin"] as const) : []),
    ...(person.coordinatedNetworkIds.length > 0 ? (["coordinator"] as const) : []),
  ];
}

export function secondFactorRequired(
  person: Parameters<typeof audiencesOf>[0],
  organizationRequiresIt: boolean,
  storedRoles: string | null,
): boolean {
  if (organizationRequiresIt) return true;
  const roles = parseSecondFactorRoles(storedRoles) ?? [];
  return audiencesOf(person).some((audience) => roles.includes(audience));
}
