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
  fixedRow,
  describeMatrix,
  outcomes,
  organizationAdmins,
  signedIn,
  type MatrixCell,
  type MatrixRow,
} from "#tests/helpers/matrix";
import { buildWorld, personaNames, type PersonaName, type World } from "#tests/helpers/world";

/** Every route of the portal against every persona (see #tests/helpers/matrix). */

const unique = () => randomUUID().slice(0, 8);

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
  fixedRow("GET /anmelden", login.loader, outcomes(personaNames, "ok")),
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
  fixedRow(
    "GET /einladung/:token (unknown token)",
    invitation.loader,
    outcomes(personaNames, 404),
    { path: "/einladung/unbekannt", params: { token: "unbekannt" } },
  ),
  fixedRow("layout of logged-in pages", appLayout.loader, signedIn("ok"), { path: "/netzwerk" }),
  fixedRow("GET /netzwerk", myNetwork.loader, signedIn("ok")),
  fixedRow("GET /organisation", organization.loader, signedIn("ok")),
  fixedRow(
    "POST /organisation (edit own profile)",
    organization.action,
    organizationAdmins("ok"),
    () => ({
      path: "/organisation",
      form: { name: `Profil ${unique()}`, city: "Apolda" },
    }),
  ),
  fixedRow("GET /organisation/mitglieder", members.loader, organizationAdmins("ok")),
  // An employer organisation has no staff: the role is refused with a German message.
  fixedRow(
    "POST /organisation/mitglieder invite",
    members.action,
    organizationAdmins("ok", { employerAdmin: 400 }),
    () => ({
      path: "/organisation/mitglieder",
      form: { intent: "invite", email: `neu-${unique()}@example.org`, role: "staff" },
    }),
  ),
  fixedRow(
    "POST /organisation/mitglieder invite (employer contact)",
    members.action,
    organizationAdmins("ok"),
    () => ({
      path: "/organisation/mitglieder",
      form: {
        intent: "invite",
        email: `kontakt-${unique()}@example.org`,
        role: "employer_member",
      },
    }),
  ),
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
  fixedRow("GET /netzwerke/:id (malformed id)", network.loader, signedIn(404), {
    path: "/netzwerke/1%27%20or%201=1",
    params: { networkId: "1' or 1=1" },
  }),
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
  fixedRow(
    "GET /verwaltung/netzwerke",
    administration.loader,
    signedIn(403, { platformAdmin: "ok" }),
  ),
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
  fixedRow("GET /postausgang", outbox.loader, signedIn("ok")),
];

describeMatrix(rows, personaNames, buildWorld);
