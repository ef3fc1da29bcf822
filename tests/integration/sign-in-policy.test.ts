import { and, eq } from "drizzle-orm";
import * as policyPage from "~/routes/_app.verwaltung.anmeldung";
import * as organisationPage from "~/routes/_app.organisation";
import * as login from "~/routes/anmelden";
import { secondFactorTexts } from "~/account/second-factor-form";
import { readSessionToken } from "~/auth/cookie.server";
import { ssoRequiredMessage } from "~/auth/login.server";
import { SECOND_FACTOR_ROLES_SETTING } from "~/auth/sign-in-policy";
import { authTexts } from "~/auth/texts";
import { createSession, validateSessionToken } from "~/auth/session.server";
import { getDb } from "~/db/client.server";
import {
  auditLog,
  identityProviders,
  instanceSettings,
  organizations,
  secondFactors,
} from "~/db/schema";
import type { SecondFactorAudience } from "~/db/vocabularies";
import { DEFAULT_TEST_PASSWORD, createOrganization, createUser } from "~/demo/factories.server";
import { callRoute, expectRejected, feedbackOf, setCookieOf } from "#tests/helpers/routes";
import { buildWorld, type PersonaName } from "#tests/helpers/world";
import { builtBeforeAll } from "#tests/integration/world-steps";

/**
 * Who must sign in with a second factor (the platform admin's roles, the organisation's switch,
 * never for a login through an identity provider) and who may not sign in with a password at
 * all (an organisation that requires its identity provider).
 */

const world = builtBeforeAll(buildWorld);

async function storeRoles(roles: SecondFactorAudience[] | null) {
  await getDb()
    .delete(instanceSettings)
    .where(eq(instanceSettings.key, SECOND_FACTOR_ROLES_SETTING));
  if (roles) {
    await getDb()
      .insert(instanceSettings)
      .values({ key: SECOND_FACTOR_ROLES_SETTING, value: JSON.stringify(roles) });
  }
}

async function pendingStepOf(persona: Exclude<PersonaName, "anonymous">, viaProvider = false) {
  const user = world.users[persona];
  let identityProvider;
  if (viaProvider) {
    const [provider] = await getDb()
      .insert(identityProviders)
      .values({
        displayName: "Keycloak Test",
        issuer: "https://sso.example.org/realms/test",
        clientId: "portal",
        clientSecret: "geheim",
        allowedDomains: ["example.org"],
        organizationId: user.organizationId,
      })
      .returning();
    identityProvider = { id: provider!.id, sessionId: null, idToken: "id-token" };
  }
  const session = await createSession(user.id, new Date(), getDb(), { identityProvider });
  return (await validateSessionToken(session.token))?.pendingStep;
}

describe("Wer einen zweiten Faktor braucht", () => {
  afterEach(async () => {
    await storeRoles(null);
    await getDb().update(organizations).set({ requireSecondFactor: false });
  });

  const table: {
    roles: SecondFactorAudience[] | null;
    organizationRequires?: "orgA";
    setUp: Exclude<PersonaName, "anonymous">[];
  }[] = [
    // The proposal is not enforced before the platform admin saved it.
    { roles: null, setUp: [] },
    { roles: [], setUp: [] },
    { roles: ["platform_admin"], setUp: ["platformAdmin"] },
    { roles: ["coordinator"], setUp: ["coordinator"] },
    {
      roles: ["org_admin"],
      setUp: ["platformAdmin", "orgAdmin", "employerAdmin", "otherOrgAdmin", "otherNetworkAdmin"],
    },
    { roles: ["staff"], setUp: ["coordinator", "staff", "otherNetworkStaff"] },
    { roles: ["employer_member"], setUp: ["employer"] },
    { roles: [], organizationRequires: "orgA", setUp: ["coordinator", "orgAdmin", "staff"] },
    {
      roles: ["platform_admin"],
      organizationRequires: "orgA",
      setUp: ["platformAdmin", "coordinator", "orgAdmin", "staff"],
    },
  ];

  it.each(table)(
    "roles $roles, organisation $organizationRequires: set-up for $setUp",
    async ({ roles, organizationRequires, setUp }) => {
      await storeRoles(roles);
      if (organizationRequires) {
        await getDb()
          .update(organizations)
          .set({ requireSecondFactor: true })
          .where(eq(organizations.id, world.organizations[organizationRequires].id));
      }
      for (const persona of Object.keys(world.users) as Exclude<PersonaName, "anonymous">[]) {
        expect([persona, await pendingStepOf(persona)]).toEqual([
          persona,
          setUp.includes(persona) ? "second_factor_setup" : null,
        ]);
      }
    },
  );

  it("asks nothing more of a login through an identity provider, nor of a person with a factor", async () => {
    await storeRoles(["staff"]);
    expect(await pendingStepOf("staff", true)).toBeNull();
    await getDb().insert(secondFactors).values({
      userId: world.users.otherNetworkStaff.id,
      secret: "JBSWY3DPEHPK3PXP",
      confirmedAt: new Date(),
    });
    expect(await pendingStepOf("otherNetworkStaff")).toBeNull();
  });
});

describe("Verwaltung → Anmeldung", () => {
  afterEach(() => storeRoles(null));

  it("preselects the proposal until a choice is saved, then shows and enforces the saved one", async () => {
    const cookie = world.cookies.platformAdmin;
    const proposal = await (
      await callRoute(policyPage.loader, "/verwaltung/anmeldung", { cookie })
    ).json();
    expect(proposal).toEqual({
      saved: false,
      roles: ["platform_admin", "coordinator", "org_admin"],
    });

    const saved = await callRoute(policyPage.action, "/verwaltung/anmeldung", {
      cookie,
      form: { roles: "coordinator" },
    });
    expect(saved.status).toBe(302);
    const now = await (
      await callRoute(policyPage.loader, "/verwaltung/anmeldung", { cookie })
    ).json();
    expect(now).toEqual({ saved: true, roles: ["coordinator"] });
    expect(await pendingStepOf("coordinator")).toBe("second_factor_setup");
    const [entry] = await getDb()
      .select({ details: auditLog.details })
      .from(auditLog)
      .where(eq(auditLog.action, "sign_in_policy.updated"));
    expect(entry?.details).toEqual({ secondFactorRoles: "coordinator" });
  });

  it("refuses a role that is not in the list, in German", async () => {
    const refused = await callRoute(policyPage.action, "/verwaltung/anmeldung", {
      cookie: world.cookies.platformAdmin,
      form: { roles: "superuser" },
    });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(await feedbackOf(refused))).toContain(secondFactorTexts.audienceInvalid);
  });
});

describe("Anmeldung der Organisation (Seite „Meine Organisation“)", () => {
  async function organisationWithAdmin() {
    const organization = await createOrganization({ kind: "kommune" });
    const admin = await createUser({ organizationId: organization.id, role: "org_admin" });
    const session = await createSession(admin.id);
    const { sessionRequestCookie } = await import("~/auth/cookie.server");
    return { organization, admin, cookie: await sessionRequestCookie(session.token) };
  }

  async function addProvider(organizationId: string, enabled = true) {
    await getDb()
      .insert(identityProviders)
      .values({
        displayName: "Landkreis-Keycloak",
        issuer: "https://sso.example.org/realms/kreis",
        clientId: "portal",
        clientSecret: "geheim",
        allowedDomains: ["example.org"],
        organizationId,
        enabled,
      });
  }

  const save = (cookie: string, form: Record<string, string>) =>
    callRoute(organisationPage.action, "/organisation", {
      cookie,
      form: { intent: "signIn", ...form },
    });

  it("turns on the second factor for all members, audited", async () => {
    const { organization, cookie } = await organisationWithAdmin();
    const page = await (
      await callRoute(organisationPage.loader, "/organisation", { cookie })
    ).json();
    expect(page.signIn).toEqual({
      requireSecondFactor: false,
      requireSso: false,
      identityProviders: [],
    });
    const saved = await save(cookie, { requireSecondFactor: "on" });
    expect(saved.headers.get("location")).toBe("/organisation");
    const [row] = await getDb()
      .select()
      .from(organizations)
      .where(eq(organizations.id, organization.id));
    expect(row).toMatchObject({ requireSecondFactor: true, requireSso: false });
    const entries = await getDb()
      .select({ details: auditLog.details })
      .from(auditLog)
      .where(
        and(
          eq(auditLog.action, "organization.sign_in_settings_updated"),
          eq(auditLog.targetId, organization.id),
        ),
      );
    expect(entries.map((entry) => entry.details)).toEqual([
      { requireSecondFactor: true, requireSso: false },
    ]);
    // The admin's own session now leads to the set-up too.
    const token = await readSessionToken(cookie);
    expect((await validateSessionToken(token!))?.pendingStep).toBe("second_factor_setup");
  });

  it("offers SSO only with an enabled identity provider for the organisation", async () => {
    const { organization, cookie } = await organisationWithAdmin();
    await addProvider(organization.id, false);
    await expectRejected(await save(cookie, { requireSso: "on" }), {
      errors: { requireSso: secondFactorTexts.ssoNeedsProvider },
    });
    await getDb()
      .update(identityProviders)
      .set({ enabled: true })
      .where(eq(identityProviders.organizationId, organization.id));
    const page = await (
      await callRoute(organisationPage.loader, "/organisation", { cookie })
    ).json();
    expect(page.signIn.identityProviders).toEqual(["Landkreis-Keycloak"]);
    expect((await save(cookie, { requireSso: "on" })).status).toBe(302);
  });

  it("is the organisation admin's switch only", async () => {
    for (const persona of ["staff", "employer", "coordinator", "otherNetworkStaff"] as const) {
      const refused = await callRoute(organisationPage.action, "/organisation", {
        cookie: world.cookies[persona],
        form: { intent: "signIn", requireSecondFactor: "on" },
      });
      expect([persona, refused.status]).toEqual([persona, 403]);
      const page = await (
        await callRoute(organisationPage.loader, "/organisation", {
          cookie: world.cookies[persona],
        })
      ).json();
      expect(page.signIn).toBeNull();
    }
  });

  it("refuses the password login of a member once SSO is required, but only after the right password", async () => {
    const { organization } = await organisationWithAdmin();
    const member = await createUser({
      organizationId: organization.id,
      email: `sso-${Math.random().toString(36).slice(2)}@example.org`,
    });
    await addProvider(organization.id);
    await getDb()
      .update(organizations)
      .set({ requireSso: true })
      .where(eq(organizations.id, organization.id));

    const wrong = await callRoute(login.action, "/anmelden", {
      form: { email: member.email, password: "falsches-passwort-123" },
    });
    expect((await feedbackOf(wrong)).errors.form).toBe(authTexts.invalidCredentials);

    const refused = await callRoute(login.action, "/anmelden", {
      form: { email: member.email, password: DEFAULT_TEST_PASSWORD },
    });
    expect(refused.status).toBe(400);
    expect(setCookieOf(refused)).toBe("");
    const message = (await feedbackOf(refused)).errors.form;
    expect(message).toBe(ssoRequiredMessage(["Landkreis-Keycloak"]));
    expect(message).toMatch(/Anmeldedienst.*„Anmelden mit Landkreis-Keycloak“/);
    const entries = await getDb()
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(
        and(eq(auditLog.actorUserId, member.id), eq(auditLog.action, "auth.login_refused_sso")),
      );
    expect(entries).toHaveLength(1);

    // A provider switched off does not lock the organisation out.
    await getDb()
      .update(identityProviders)
      .set({ enabled: false })
      .where(eq(identityProviders.organizationId, organization.id));
    const allowed = await callRoute(login.action, "/anmelden", {
      form: { email: member.email, password: DEFAULT_TEST_PASSWORD },
    });
    expect(allowed.status).toBe(302);
  });
});
