/**
 * The organisations of the synthetic data sets (bench/referral-seed.ts, bench/search-seed.ts):
 * each admitted to its networks, each with one staff member "Fachkraft NN".
 */
import type { Database } from "~/db/client.server";
import { networkMemberships, organizations, users, type OrganizationKind } from "~/db/schema";

export interface OrganizationWithStaff {
  id: string;
  name: string;
  kind: OrganizationKind;
  city: string;
  networkIds: readonly string[];
  userId: string;
  userEmail: string;
}

/** Inserts the organisations, their network memberships and their staff members. */
export async function insertOrganizationsWithStaff(
  db: Database,
  seeded: readonly OrganizationWithStaff[],
  { passwordHash, createdAt }: { passwordHash: string; createdAt: Date },
): Promise<void> {
  await db.insert(organizations).values(
    seeded.map((organization) => ({
      id: organization.id,
      name: organization.name,
      kind: organization.kind,
      city: organization.city,
      createdAt,
    })),
  );
  await db.insert(networkMemberships).values(
    seeded.flatMap((organization) =>
      organization.networkIds.map((networkId) => ({
        networkId,
        organizationId: organization.id,
        admittedAt: createdAt,
      })),
    ),
  );
  await db.insert(users).values(
    seeded.map((organization, index) => ({
      id: organization.userId,
      organizationId: organization.id,
      email: organization.userEmail,
      name: `Fachkraft ${String(index + 1).padStart(2, "0")}`,
      passwordHash,
      role: "staff" as const,
      createdAt,
    })),
  );
}
