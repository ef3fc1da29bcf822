import { and, eq } from "drizzle-orm";
import * as administration from "~/routes/_app.verwaltung.netzwerke";
import * as network from "~/routes/_app.netzwerke.$networkId";
import * as myNetwork from "~/routes/_app.netzwerk";
import { getDb } from "~/db/client.server";
import {
  auditLog,
  networkCoordinators,
  networkMemberships,
  networks,
  notifications,
  organizations,
} from "~/db/schema";
import { networkTexts } from "~/networks/texts";
import { createLoginCookie, createOrganization, createUser } from "~/demo/factories.server";
import { callRoute, feedbackOf } from "#tests/helpers/routes";
import { buildWorld } from "#tests/helpers/world";
import { builtBeforeAll } from "#tests/integration/world-steps";

const world = builtBeforeAll(buildWorld);

const networkAction = (cookie: string | undefined, form: Record<string, string>) =>
  callRoute(network.action, `/netzwerke/${world.networks.north.id}`, {
    cookie,
    params: { networkId: world.networks.north.id },
    form,
  });

describe("Netzwerke", () => {
  it("the platform admin creates a network and appoints its coordinator, whose organisation joins", async () => {
    const coordinatorOrg = await createOrganization({
      name: "Jobcenter Ostkreis",
      kind: "jobcenter",
    });
    const coordinator = await createUser({
      organizationId: coordinatorOrg.id,
      email: "koordination.ost@example.org",
    });
    const response = await callRoute(administration.action, "/verwaltung/netzwerke", {
      cookie: world.cookies.platformAdmin,
      form: {
        intent: "create",
        name: "Netzwerk ABC Ostkreis",
        region: "Ostkreis",
        coordinatorEmail: "Koordination.Ost@example.org",
      },
    });
    expect(response.status).toBe(302);
    const [created] = await getDb()
      .select()
      .from(networks)
      .where(eq(networks.name, "Netzwerk ABC Ostkreis"));
    expect(
      await getDb()
        .select()
        .from(networkCoordinators)
        .where(eq(networkCoordinators.networkId, created!.id)),
    ).toEqual([expect.objectContaining({ userId: coordinator.id })]);
    expect(
      await getDb()
        .select()
        .from(networkMemberships)
        .where(eq(networkMemberships.networkId, created!.id)),
    ).toEqual([expect.objectContaining({ organizationId: coordinatorOrg.id })]);
    const [notice] = await getDb()
      .select()
      .from(notifications)
      .where(eq(notifications.userId, coordinator.id));
    expect(notice!.message).toBe(networkTexts.coordinatorNotification("Netzwerk ABC Ostkreis"));
  });

  it("explains an unknown coordinator and a taken name in German and keeps the input", async () => {
    const unknown = await callRoute(administration.action, "/verwaltung/netzwerke", {
      cookie: world.cookies.platformAdmin,
      form: {
        intent: "create",
        name: "Netzwerk Irgendwo",
        region: "Irgendwo",
        coordinatorEmail: "niemand@example.org",
      },
    });
    expect(unknown.status).toBe(400);
    const body = (await feedbackOf(unknown)) as {
      errors: Record<string, string>;
      values: Record<string, string>;
    };
    expect(body.errors.coordinatorEmail).toBe(networkTexts.coordinatorUnknown);
    expect(body.values.name).toBe("Netzwerk Irgendwo");

    const taken = await callRoute(administration.action, "/verwaltung/netzwerke", {
      cookie: world.cookies.platformAdmin,
      form: {
        intent: "create",
        name: "netzwerk nord",
        region: "Nord",
        coordinatorEmail: world.users.staff.email,
      },
    });
    expect((await feedbackOf(taken)).errors.name).toBe(networkTexts.nameTaken);
  });

  it("the coordinator admits an organisation: its members are notified and the network sees it", async () => {
    const candidate = await createOrganization({
      name: "Suchtberatung Nordkreis",
      kind: "suchtberatung",
    });
    const counsellor = await createUser({ organizationId: candidate.id });
    const response = await networkAction(world.cookies.coordinator, {
      intent: "admit",
      organizationId: candidate.id,
    });
    expect(response.status).toBe(302);

    const [notice] = await getDb()
      .select()
      .from(notifications)
      .where(eq(notifications.userId, counsellor.id));
    expect(notice).toMatchObject({
      message: networkTexts.admittedNotification("Netzwerk Nord"),
      link: `/netzwerke/${world.networks.north.id}`,
    });

    const home = await callRoute(myNetwork.loader, "/netzwerk", {
      cookie: (await createLoginCookie(counsellor.id)).cookie,
    });
    const data = (await home.json()) as {
      networks: { name: string; organizations: { name: string }[] }[];
      activity: { text: string }[];
    };
    expect(data.networks.map((n) => n.name)).toEqual(["Netzwerk Nord"]);
    expect(data.networks[0]!.organizations.map((o) => o.name)).toContain("Suchtberatung Nordkreis");
    expect(data.activity[0]!.text).toBe("Suchtberatung Nordkreis ist dem Netzwerk beigetreten.");
  });

  it("does not admit an organisation twice", async () => {
    const response = await networkAction(world.cookies.coordinator, {
      intent: "admit",
      organizationId: world.organizations.orgB.id,
    });
    expect(response.status).toBe(400);
    expect((await feedbackOf(response)).errors.organizationId).toBe(networkTexts.alreadyMember);
  });

  it("the coordinator creates a new organisation, admits it and invites its admin", async () => {
    const response = await networkAction(world.cookies.coordinator, {
      intent: "create",
      name: "Mehrgenerationenhaus Nordstadt",
      kind: "sonstige",
      city: "Nordstadt",
      adminEmail: "leitung@mgh-nordstadt.example.org",
    });
    expect(response.status).toBe(302);
    const [created] = await getDb()
      .select()
      .from(organizations)
      .where(eq(organizations.name, "Mehrgenerationenhaus Nordstadt"));
    const membership = await getDb()
      .select()
      .from(networkMemberships)
      .where(
        and(
          eq(networkMemberships.networkId, world.networks.north.id),
          eq(networkMemberships.organizationId, created!.id),
        ),
      );
    expect(membership).toHaveLength(1);
  });

  it("removing an organisation hides the network from its members and is logged", async () => {
    const leaving = await createOrganization({ name: "Bildungsträger Nord" });
    const member = await createUser({ organizationId: leaving.id });
    await networkAction(world.cookies.coordinator, { intent: "admit", organizationId: leaving.id });
    const response = await networkAction(world.cookies.coordinator, {
      intent: "remove",
      organizationId: leaving.id,
    });
    expect(response.status).toBe(302);
    const page = await callRoute(network.loader, `/netzwerke/${world.networks.north.id}`, {
      cookie: (await createLoginCookie(member.id)).cookie,
      params: { networkId: world.networks.north.id },
    });
    expect(page.status).toBe(404);
    const logged = await getDb()
      .select()
      .from(auditLog)
      .where(
        and(eq(auditLog.action, "network.organization_removed"), eq(auditLog.targetId, leaving.id)),
      );
    expect(logged).toHaveLength(1);
  });

  it("a member of another network sees nothing of this one on Mein Netzwerk", async () => {
    const home = await callRoute(myNetwork.loader, "/netzwerk", {
      cookie: world.cookies.otherNetworkStaff,
    });
    const data = (await home.json()) as {
      networks: { name: string }[];
      activity: { text: string }[];
    };
    expect(data.networks.map((n) => n.name)).toEqual(["Netzwerk Süd"]);
    expect(JSON.stringify(data)).not.toContain("Nord");
  });
});
