import { eq } from "drizzle-orm";
import { getDb } from "~/db/client.server";
import { auditLog, users } from "~/db/schema";
import { createPlatformAdmin } from "~/organizations/platform-admin.server";

describe("npm run admin:create", () => {
  const input = {
    email: "Betrieb@Landkreis.example.org",
    name: "Bea Beispiel",
    password: "Sonnenblume Aktenordner Fahrradweg",
    organizationName: "IT-Betrieb Landkreis",
  };

  it("creates the platform administration with its organisation, audited", async () => {
    const created = await createPlatformAdmin(input);
    expect(created.ok).toBe(true);
    const [admin] = await getDb()
      .select({ id: users.id, isPlatformAdmin: users.isPlatformAdmin, email: users.email })
      .from(users)
      .where(eq(users.email, "betrieb@landkreis.example.org"));
    expect(admin?.isPlatformAdmin).toBe(true);
    const entries = await getDb()
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(eq(auditLog.targetId, admin!.id));
    expect(entries.map((entry) => entry.action)).toEqual(["platform_admin.created"]);
  });

  it("refuses a second account for the same address and a weak password, changing nothing", async () => {
    const before = await getDb().select({ id: users.id }).from(users);
    expect(await createPlatformAdmin(input)).toMatchObject({ ok: false });
    const weak = await createPlatformAdmin({
      ...input,
      email: "zweite@landkreis.example.org",
      password: "Passwort1234",
    });
    expect(weak).toMatchObject({ ok: false, message: expect.stringMatching(/^ADMIN_PASSWORD: /) });
    expect(await getDb().select({ id: users.id }).from(users)).toHaveLength(before.length);
  });
});
