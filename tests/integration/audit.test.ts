import { eq, sql } from "drizzle-orm";
import * as network from "~/routes/_app.netzwerke.$networkId";
import { recordAudit } from "~/audit/audit.server";
import { getDb } from "~/db/client.server";
import { auditLog } from "~/db/schema";
import { callRoute } from "#tests/helpers/routes";
import { buildWorld } from "#tests/helpers/world";

describe("Audit-Log", () => {
  beforeAll(async () => {
    await recordAudit(getDb(), { action: "auth.login", ip: "198.51.100.1" });
  });

  it.each([
    ["UPDATE", sql`update audit_log set action = 'geändert'`],
    ["DELETE", sql`delete from audit_log`],
    ["TRUNCATE", sql`truncate audit_log`],
  ])("rejects %s at the database level", async (_operation, statement) => {
    const error = await getDb()
      .execute(statement)
      .then(
        () => null,
        (failure: Error & { cause?: Error }) => failure,
      );
    // Drizzle wraps the driver's error; the trigger's own message is its cause.
    expect(error?.cause?.message ?? error?.message).toMatch(/audit_log is append-only/);
    const [row] = await getDb()
      .select({ count: sql<number>`count(*)::int` })
      .from(auditLog);
    expect(row!.count).toBeGreaterThan(0);
  });

  it("records a permission denial with who, what and where from", async () => {
    const world = await buildWorld();
    const response = await callRoute(network.action, `/netzwerke/${world.networks.north.id}`, {
      cookie: world.cookies.staff,
      params: { networkId: world.networks.north.id },
      form: { intent: "admit", organizationId: world.organizations.outsider.id },
    });
    expect(response.status).toBe(403);
    const [entry] = await getDb()
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, "permission.denied"));
    expect(entry).toMatchObject({
      actorUserId: world.users.staff.id,
      actorOrganizationId: world.organizations.orgA.id,
      details: {
        capability: "network.manageMembers",
        networkId: world.networks.north.id,
        answered: 403,
      },
    });
    expect(entry!.ipHash).toMatch(/^[0-9a-f]{32}$/);
    expect(entry!.occurredAt).toBeInstanceOf(Date);
  });
});
