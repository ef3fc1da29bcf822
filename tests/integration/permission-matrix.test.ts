import type { ActionFunction, LoaderFunction } from "@remix-run/node";
import { randomUUID } from "node:crypto";
import * as logout from "~/routes/abmelden";
import * as login from "~/routes/anmelden";
import * as appLayout from "~/routes/_app";
import * as invitation from "~/routes/einladung.$token";
import * as myNetwork from "~/routes/_app.netzwerk";
import * as network from "~/routes/_app.netzwerke.$networkId";
import * as organization from "~/routes/_app.organisation";
import * as members from "~/routes/_app.organisation_.mitglieder";
import * as outbox from "~/routes/_app.postausgang";
import * as administration from "~/routes/_app.verwaltung.netzwerke";
import {
  admitToNetwork,
  createLoginCookie,
  createOrganization,
  createUser,
} from "~/demo/factories.server";
import { outcomeOf, type Outcome } from "#tests/helpers/matrix";
import { callRoute } from "#tests/helpers/routes";
import { buildWorld, personaNames, type PersonaName, type World } from "#tests/helpers/world";

/** Every route of the portal against every persona (outcomes: see #tests/helpers/matrix). */
interface Row {
  route: string;
  handler: LoaderFunction | ActionFunction;
  path: (world: World) => string;
  params?: (world: World) => Record<string, string>;
  /** A fresh form per cell, so one persona's change cannot affect the next. */
  form?: (world: World) => Promise<Record<string, string>> | Record<string, string>;
  /** The row ends sessions: give each cell a session of its own. */
  ownSession?: boolean;
  expect: Record<PersonaName, Outcome>;
}

const everyoneLoggedIn = (visitor: Outcome): Record<PersonaName, Outcome> => ({
  anonymous: visitor,
  platformAdmin: "ok",
  coordinator: "ok",
  orgAdmin: "ok",
  staff: "ok",
  employer: "ok",
  employerAdmin: "ok",
  otherOrgAdmin: "ok",
  otherNetworkAdmin: "ok",
  otherNetworkStaff: "ok",
});

const unique = () => randomUUID().slice(0, 8);

const rows: Row[] = [
  {
    route: "GET /anmelden",
    handler: login.loader,
    path: () => "/anmelden",
    expect: { ...everyoneLoggedIn("ok") },
  },
  {
    route: "POST /abmelden",
    handler: logout.action,
    path: () => "/abmelden",
    form: () => ({}),
    ownSession: true,
    expect: everyoneLoggedIn("ok"),
  },
  {
    route: "GET /einladung/:token (unknown token)",
    handler: invitation.loader,
    path: () => "/einladung/unbekannt",
    params: () => ({ token: "unbekannt" }),
    expect: {
      anonymous: 404,
      platformAdmin: 404,
      coordinator: 404,
      orgAdmin: 404,
      staff: 404,
      employer: 404,
      employerAdmin: 404,
      otherOrgAdmin: 404,
      otherNetworkAdmin: 404,
      otherNetworkStaff: 404,
    },
  },
  {
    route: "layout of logged-in pages",
    handler: appLayout.loader,
    path: () => "/netzwerk",
    expect: everyoneLoggedIn("login"),
  },
  {
    route: "GET /netzwerk",
    handler: myNetwork.loader,
    path: () => "/netzwerk",
    expect: everyoneLoggedIn("login"),
  },
  {
    route: "GET /organisation",
    handler: organization.loader,
    path: () => "/organisation",
    expect: everyoneLoggedIn("login"),
  },
  {
    route: "POST /organisation (edit own profile)",
    handler: organization.action,
    path: () => "/organisation",
    form: () => ({ name: `Profil ${unique()}`, city: "Apolda" }),
    expect: {
      anonymous: "login",
      platformAdmin: "ok",
      coordinator: 403,
      orgAdmin: "ok",
      staff: 403,
      employer: 403,
      employerAdmin: "ok",
      otherOrgAdmin: "ok",
      otherNetworkAdmin: "ok",
      otherNetworkStaff: 403,
    },
  },
  {
    route: "GET /organisation/mitglieder",
    handler: members.loader,
    path: () => "/organisation/mitglieder",
    expect: {
      anonymous: "login",
      platformAdmin: "ok",
      coordinator: 403,
      orgAdmin: "ok",
      staff: 403,
      employer: 403,
      employerAdmin: "ok",
      otherOrgAdmin: "ok",
      otherNetworkAdmin: "ok",
      otherNetworkStaff: 403,
    },
  },
  {
    route: "POST /organisation/mitglieder invite",
    handler: members.action,
    path: () => "/organisation/mitglieder",
    form: () => ({ intent: "invite", email: `neu-${unique()}@example.org`, role: "staff" }),
    expect: {
      anonymous: "login",
      platformAdmin: "ok",
      coordinator: 403,
      orgAdmin: "ok",
      staff: 403,
      employer: 403,
      // An employer organisation has no staff: the role is refused with a German message.
      employerAdmin: 400,
      otherOrgAdmin: "ok",
      otherNetworkAdmin: "ok",
      otherNetworkStaff: 403,
    },
  },
  {
    route: "POST /organisation/mitglieder invite (employer contact)",
    handler: members.action,
    path: () => "/organisation/mitglieder",
    form: () => ({
      intent: "invite",
      email: `kontakt-${unique()}@example.org`,
      role: "employer_member",
    }),
    expect: {
      anonymous: "login",
      platformAdmin: "ok",
      coordinator: 403,
      orgAdmin: "ok",
      staff: 403,
      employer: 403,
      employerAdmin: "ok",
      otherOrgAdmin: "ok",
      otherNetworkAdmin: "ok",
      otherNetworkStaff: 403,
    },
  },
  {
    route: "POST /organisation/mitglieder changeRole (member of employer E to staff)",
    handler: members.action,
    path: () => "/organisation/mitglieder",
    form: async (world) => {
      const member = await createUser({
        organizationId: world.organizations.employerOrg.id,
        role: "employer_member",
      });
      return { intent: "changeRole", userId: member.id, role: "staff" };
    },
    expect: {
      anonymous: "login",
      platformAdmin: 404,
      coordinator: 403,
      orgAdmin: 404,
      staff: 403,
      employer: 403,
      employerAdmin: 400,
      otherOrgAdmin: 404,
      otherNetworkAdmin: 404,
      otherNetworkStaff: 403,
    },
  },
  {
    route: "POST /organisation/mitglieder changeRole (member of organisation A)",
    handler: members.action,
    path: () => "/organisation/mitglieder",
    form: async (world) => {
      const member = await createUser({ organizationId: world.organizations.orgA.id });
      return { intent: "changeRole", userId: member.id, role: "org_admin" };
    },
    expect: {
      anonymous: "login",
      platformAdmin: 404,
      coordinator: 403,
      orgAdmin: "ok",
      staff: 403,
      employer: 403,
      employerAdmin: 404,
      otherOrgAdmin: 404,
      otherNetworkAdmin: 404,
      otherNetworkStaff: 403,
    },
  },
  {
    route: "POST /organisation/mitglieder deactivate (member of organisation A)",
    handler: members.action,
    path: () => "/organisation/mitglieder",
    form: async (world) => {
      const member = await createUser({ organizationId: world.organizations.orgA.id });
      return { intent: "deactivate", userId: member.id };
    },
    expect: {
      anonymous: "login",
      platformAdmin: 404,
      coordinator: 403,
      orgAdmin: "ok",
      staff: 403,
      employer: 403,
      employerAdmin: 404,
      otherOrgAdmin: 404,
      otherNetworkAdmin: 404,
      otherNetworkStaff: 403,
    },
  },
  {
    route: "GET /netzwerke/:id (Nord)",
    handler: network.loader,
    path: (world) => `/netzwerke/${world.networks.north.id}`,
    params: (world) => ({ networkId: world.networks.north.id }),
    expect: {
      anonymous: "login",
      platformAdmin: "ok",
      coordinator: "ok",
      orgAdmin: "ok",
      staff: "ok",
      employer: "ok",
      employerAdmin: "ok",
      otherOrgAdmin: "ok",
      otherNetworkAdmin: 404,
      otherNetworkStaff: 404,
    },
  },
  {
    route: "GET /netzwerke/:id (unknown id)",
    handler: network.loader,
    path: () => `/netzwerke/${randomUUID()}`,
    params: () => ({ networkId: randomUUID() }),
    expect: {
      anonymous: "login",
      platformAdmin: 404,
      coordinator: 404,
      orgAdmin: 404,
      staff: 404,
      employer: 404,
      employerAdmin: 404,
      otherOrgAdmin: 404,
      otherNetworkAdmin: 404,
      otherNetworkStaff: 404,
    },
  },
  {
    route: "GET /netzwerke/:id (malformed id)",
    handler: network.loader,
    path: () => "/netzwerke/1%27%20or%201=1",
    params: () => ({ networkId: "1' or 1=1" }),
    expect: {
      anonymous: "login",
      platformAdmin: 404,
      coordinator: 404,
      orgAdmin: 404,
      staff: 404,
      employer: 404,
      employerAdmin: 404,
      otherOrgAdmin: 404,
      otherNetworkAdmin: 404,
      otherNetworkStaff: 404,
    },
  },
  ...(["admit", "create", "remove"] as const).map((intent): Row => ({
    route: `POST /netzwerke/:id ${intent}`,
    handler: network.action,
    path: (world) => `/netzwerke/${world.networks.north.id}`,
    params: (world) => ({ networkId: world.networks.north.id }),
    form: async (world): Promise<Record<string, string>> => {
      if (intent === "create") {
        return {
          intent,
          name: `Neue Organisation ${unique()}`,
          kind: "bildungstraeger",
          city: "Nordstadt",
          adminEmail: `leitung-${unique()}@example.org`,
        };
      }
      const organization = await createOrganization({ name: `Kandidat ${unique()}` });
      if (intent === "remove") {
        await admitToNetwork(world.networks.north.id, organization.id);
      }
      return { intent, organizationId: organization.id };
    },
    expect: {
      anonymous: "login",
      platformAdmin: 403,
      coordinator: "ok",
      orgAdmin: 403,
      staff: 403,
      employer: 403,
      employerAdmin: 403,
      otherOrgAdmin: 403,
      otherNetworkAdmin: 404,
      otherNetworkStaff: 404,
    },
  })),
  {
    route: "POST /netzwerke/:id changeKind (a member organisation of Nord)",
    handler: network.action,
    path: (world) => `/netzwerke/${world.networks.north.id}`,
    params: (world) => ({ networkId: world.networks.north.id }),
    form: async (world) => {
      const organization = await createOrganization({ name: `Mitglied ${unique()}` });
      await admitToNetwork(world.networks.north.id, organization.id);
      return { intent: "changeKind", organizationId: organization.id, kind: "kommune" };
    },
    expect: {
      anonymous: "login",
      platformAdmin: "ok",
      coordinator: "ok",
      orgAdmin: 403,
      staff: 403,
      employer: 403,
      employerAdmin: 403,
      otherOrgAdmin: 403,
      otherNetworkAdmin: 404,
      otherNetworkStaff: 404,
    },
  },
  {
    route: "GET /verwaltung/netzwerke",
    handler: administration.loader,
    path: () => "/verwaltung/netzwerke",
    expect: {
      anonymous: "login",
      platformAdmin: "ok",
      coordinator: 403,
      orgAdmin: 403,
      staff: 403,
      employer: 403,
      employerAdmin: 403,
      otherOrgAdmin: 403,
      otherNetworkAdmin: 403,
      otherNetworkStaff: 403,
    },
  },
  {
    route: "POST /verwaltung/netzwerke create",
    handler: administration.action,
    path: () => "/verwaltung/netzwerke",
    form: (world) => ({
      intent: "create",
      name: `Netzwerk ${unique()}`,
      region: "Westkreis",
      coordinatorEmail: world.users.staff.email,
    }),
    expect: {
      anonymous: "login",
      platformAdmin: "ok",
      coordinator: 403,
      orgAdmin: 403,
      staff: 403,
      employer: 403,
      employerAdmin: 403,
      otherOrgAdmin: 403,
      otherNetworkAdmin: 403,
      otherNetworkStaff: 403,
    },
  },
  {
    route: "POST /verwaltung/netzwerke appoint (Nord)",
    handler: administration.action,
    path: () => "/verwaltung/netzwerke",
    form: (world) => ({
      intent: "appoint",
      networkId: world.networks.north.id,
      coordinatorEmail: world.users.orgAdmin.email,
    }),
    expect: {
      anonymous: "login",
      platformAdmin: "ok",
      coordinator: 403,
      orgAdmin: 403,
      staff: 403,
      employer: 403,
      employerAdmin: 403,
      otherOrgAdmin: 403,
      otherNetworkAdmin: 404,
      otherNetworkStaff: 404,
    },
  },
  {
    route: "GET /postausgang",
    handler: outbox.loader,
    path: () => "/postausgang",
    expect: everyoneLoggedIn("login"),
  },
];

let world: World;
beforeAll(async () => {
  world = await buildWorld();
});

describe.each(rows)("$route", (row) => {
  it.each(personaNames)("%s", async (persona) => {
    const user = persona === "anonymous" ? undefined : world.users[persona];
    const cookie =
      row.ownSession && user ? (await createLoginCookie(user.id)).cookie : world.cookies[persona];
    const response = await callRoute(row.handler, row.path(world), {
      cookie,
      params: row.params?.(world),
      form: row.form ? await row.form(world) : undefined,
    });
    expect(outcomeOf(response)).toBe(row.expect[persona]);
  });
});
