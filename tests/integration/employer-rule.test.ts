import { eq } from "drizzle-orm";
import { actsAsEmployer, actsAsEmployerSql } from "~/auth/permissions.server";
import { getDb } from "~/db/client.server";
import { memberRoles, organizationKinds, organizations, users } from "~/db/schema";
import { createOrganization, createUser } from "~/demo/factories.server";

/**
 * Issue 12, defect 2: whether someone acts as an employer follows the organisation's kind as
 * well as the role, and the rule's SQL form (lists of people) agrees with its boolean form.
 */
describe("actsAsEmployer", () => {
  it("agrees with its SQL form for every role in every kind of organisation", async () => {
    for (const kind of organizationKinds) {
      const organization = await createOrganization({ kind });
      for (const role of memberRoles) await createUser({ organizationId: organization.id, role });
    }
    const rows = await getDb()
      .select({
        role: users.role,
        organizationKind: organizations.kind,
        employer: actsAsEmployerSql.mapWith(Boolean),
      })
      .from(users)
      .innerJoin(organizations, eq(organizations.id, users.organizationId));
    expect(rows).toHaveLength(organizationKinds.length * memberRoles.length);
    for (const row of rows) expect(row.employer).toBe(actsAsEmployer(row));
    expect(
      rows.filter((row) => row.employer).map((row) => `${row.organizationKind}/${row.role}`),
    ).toEqual(
      expect.arrayContaining([
        "arbeitgeber/org_admin",
        "arbeitgeber/staff",
        "arbeitgeber/employer_member",
        "jobcenter/employer_member",
      ]),
    );
  });
});
