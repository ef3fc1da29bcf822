import { randomUUID } from "node:crypto";
import type { MemberRole } from "~/db/schema";
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
import {
  describeMatrix,
  outcomes,
  signedIn,
  type MatrixCell,
  type MatrixRow,
  type Outcome,
} from "#tests/helpers/matrix";
import { buildWorld, personaNames, type PersonaName, type World } from "#tests/helpers/world";

/** Every route of the portal against every persona (see #tests/helpers/matrix). */

const unique = () => randomUUID().slice(0, 8);

/** The members pages: only organisation admins (the operator's too) get past the role check. */
const organizationAdmins = (
  admin: Outcome,
  exceptions: Partial<Record<PersonaName, Outcome>> = {},
) =>
  signedIn(admin, {
    coordinator: 403,
    staff: 403,
    employer: 403,
    otherNetworkStaff: 403,
    ...exceptions,
  });

/** Süd may not learn that Nord exists. */
const southIsOutside = { otherNetworkAdmin: 404, otherNetworkStaff: 404 } as const;

/** The members page, asked about a new member of the organisation. */
async function aboutNewMember(
  organizationId: string,
  role: MemberRole,
  form: Record<string, string>,
): Promise<MatrixCell> {
  const member = await createUser({ organizationId, role });
  return { path: "/organisation/mitglieder", form: { ...form, userId: member.id } };
}

const northPage = (world: World, form?: Record<string, string>): MatrixCell => ({
  path: `/netzwerke/${world.networks.north.id}`,
  params: { networkId: world.networks.north.id },
  form,
});

const rows: MatrixRow<World, PersonaName>[] = [
  {
    route: "GET /anmelden",
    handler: login.loader,
    prepare: () => ({ path: "/anmelden" }),
    expect: outcomes(personaNames, "ok"),
  },
  {
    route: "POST /abmelden",
    handler: logout.action,
    // Logging out ends the session: each cell gets one of its own.
    prepare: async (world, persona) => ({
      path: "/abmelden",
      form: {},
      cookie:
        persona === "anonymous"
          ? undefined
          : (await createLoginCookie(world.users[persona].id)).cookie,
    }),
    expect: outcomes(personaNames, "ok"),
  },
  {
    route: "GET /einladung/:token (unknown token)",
    handler: invitation.loader,
    prepare: () => ({ path: "/einladung/unbekannt", params: { token: "unbekannt" } }),
    expect: outcomes(personaNames, 404),
  },
  {
    route: "layout of logged-in pages",
    handler: appLayout.loader,
    prepare: () => ({ path: "/netzwerk" }),
    expect: signedIn("ok"),
  },
  {
    route: "GET /netzwerk",
    handler: myNetwork.loader,
    prepare: () => ({ path: "/netzwerk" }),
    expect: signedIn("ok"),
  },
  {
    route: "GET /organisation",
    handler: organization.loader,
    prepare: () => ({ path: "/organisation" }),
    expect: signedIn("ok"),
  },
  {
    route: "POST /organisation (edit own profile)",
    handler: organization.action,
    prepare: () => ({
      path: "/organisation",
      form: { name: `Profil ${unique()}`, city: "Apolda" },
    }),
    expect: organizationAdmins("ok"),
  },
  {
    route: "GET /organisation/mitglieder",
    handler: members.loader,
    prepare: () => ({ path: "/organisation/mitglieder" }),
    expect: organizationAdmins("ok"),
  },
  {
    route: "POST /organisation/mitglieder invite",
    handler: members.action,
    prepare: () => ({
      path: "/organisation/mitglieder",
      form: { intent: "invite", email: `neu-${unique()}@example.org`, role: "staff" },
    }),
    // An employer organisation has no staff: the role is refused with a German message.
    expect: organizationAdmins("ok", { employerAdmin: 400 }),
  },
  {
    route: "POST /organisation/mitglieder invite (employer contact)",
    handler: members.action,
    prepare: () => ({
      path: "/organisation/mitglieder",
      form: {
        intent: "invite",
        email: `kontakt-${unique()}@example.org`,
        role: "employer_member",
      },
    }),
    expect: organizationAdmins("ok"),
  },
  {
    route: "POST /organisation/mitglieder changeRole (member of employer E to staff)",
    handler: members.action,
    prepare: (world) =>
      aboutNewMember(world.organizations.employerOrg.id, "employer_member", {
        intent: "changeRole",
        role: "staff",
      }),
    expect: organizationAdmins(404, { employerAdmin: 400 }),
  },
  {
    route: "POST /organisation/mitglieder changeRole (member of organisation A)",
    handler: members.action,
    prepare: (world) =>
      aboutNewMember(world.organizations.orgA.id, "staff", {
        intent: "changeRole",
        role: "org_admin",
      }),
    expect: organizationAdmins(404, { orgAdmin: "ok" }),
  },
  {
    route: "POST /organisation/mitglieder deactivate (member of organisation A)",
    handler: members.action,
    prepare: (world) =>
      aboutNewMember(world.organizations.orgA.id, "staff", { intent: "deactivate" }),
    expect: organizationAdmins(404, { orgAdmin: "ok" }),
  },
  {
    route: "GET /netzwerke/:id (Nord)",
    handler: network.loader,
    prepare: (world) => northPage(world),
    expect: signedIn("ok", southIsOutside),
  },
  {
    route: "GET /netzwerke/:id (unknown id)",
    handler: network.loader,
    prepare: () => {
      const networkId = randomUUID();
      return { path: `/netzwerke/${networkId}`, params: { networkId } };
    },
    expect: signedIn(404),
  },
  {
    route: "GET /netzwerke/:id (malformed id)",
    handler: network.loader,
    prepare: () => ({ path: "/netzwerke/1%27%20or%201=1", params: { networkId: "1' or 1=1" } }),
    expect: signedIn(404),
  },
  ...(["admit", "create", "remove"] as const).map((intent): MatrixRow<World, PersonaName> => ({
    route: `POST /netzwerke/:id ${intent}`,
    handler: network.action,
    prepare: async (world) => {
      if (intent === "create") {
        return northPage(world, {
          intent,
          name: `Neue Organisation ${unique()}`,
          kind: "bildungstraeger",
          city: "Nordstadt",
          adminEmail: `leitung-${unique()}@example.org`,
        });
      }
      const candidate = await createOrganization({ name: `Kandidat ${unique()}` });
      if (intent === "remove") {
        await admitToNetwork(world.networks.north.id, candidate.id);
      }
      return northPage(world, { intent, organizationId: candidate.id });
    },
    expect: signedIn(403, { coordinator: "ok", ...southIsOutside }),
  })),
  {
    route: "POST /netzwerke/:id changeKind (a member organisation of Nord)",
    handler: network.action,
    prepare: async (world) => {
      const member = await createOrganization({ name: `Mitglied ${unique()}` });
      await admitToNetwork(world.networks.north.id, member.id);
      return northPage(world, {
        intent: "changeKind",
        organizationId: member.id,
        kind: "kommune",
      });
    },
    expect: signedIn(403, { platformAdmin: "ok", coordinator: "ok", ...southIsOutside }),
  },
  {
    route: "GET /verwaltung/netzwerke",
    handler: administration.loader,
    prepare: () => ({ path: "/verwaltung/netzwerke" }),
    expect: signedIn(403, { platformAdmin: "ok" }),
  },
  {
    route: "POST /verwaltung/netzwerke create",
    handler: administration.action,
    prepare: (world) => ({
      path: "/verwaltung/netzwerke",
      form: {
        intent: "create",
        name: `Netzwerk ${unique()}`,
        region: "Westkreis",
        coordinatorEmail: world.users.staff.email,
      },
    }),
    expect: signedIn(403, { platformAdmin: "ok" }),
  },
  {
    route: "POST /verwaltung/netzwerke appoint (Nord)",
    handler: administration.action,
    prepare: (world) => ({
      path: "/verwaltung/netzwerke",
      form: {
        intent: "appoint",
        networkId: world.networks.north.id,
        coordinatorEmail: world.users.orgAdmin.email,
      },
    }),
    expect: signedIn(403, { platformAdmin: "ok", ...southIsOutside }),
  },
  {
    route: "GET /postausgang",
    handler: outbox.loader,
    prepare: () => ({ path: "/postausgang" }),
    expect: signedIn("ok"),
  },
];

describeMatrix(rows, personaNames, buildWorld);
