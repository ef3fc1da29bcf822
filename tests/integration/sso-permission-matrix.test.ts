import { randomUUID } from "node:crypto";
import * as logout from "~/routes/abmelden";
import * as providerPage from "~/routes/_app.verwaltung.anmeldedienste_.$providerId";
import * as providers from "~/routes/_app.verwaltung.anmeldedienste";
import * as callback from "~/routes/anmelden_.sso.$providerId_.rueckruf";
import * as start from "~/routes/anmelden_.sso.$providerId";
import * as backchannel from "~/routes/sso.$providerId.backchannel-logout";
import {
  describeMatrix,
  fixedRow,
  outcomes,
  signedIn,
  type MatrixCell,
  type MatrixRow,
  type Outcome,
} from "#tests/helpers/matrix";
import {
  insertPortalProvider,
  startOidcProvider,
  type OidcTestProvider,
} from "#tests/helpers/oidc-provider";
import { callRoute } from "#tests/helpers/routes";
import { buildWorld, personaNames, type PersonaName, type World } from "#tests/helpers/world";

/**
 * The single sign-on routes against every persona: only the platform admin configures identity
 * providers; the login routes are open to everyone and check the attempt, not the person.
 */

// Read once by getEnv(): the provider runs on http://localhost.
process.env.OIDC_ALLOW_INSECURE_ISSUER = "true";

let oidc: OidcTestProvider;
beforeAll(async () => {
  // Discovery only: no login runs through it here.
  oidc = await startOidcProvider({ accounts: {}, clients: [] });
});
afterAll(async () => {
  await oidc.close();
});

const platformAdminOnly = (allowed: Outcome) => signedIn(403, { platformAdmin: allowed });
const unique = () => randomUUID().slice(0, 8);

interface SsoWorld extends World {
  providerId: string;
}

async function buildSsoWorld(): Promise<SsoWorld> {
  const world = await buildWorld();
  const provider = await insertPortalProvider({
    issuer: oidc.issuer,
    clientId: "portal-matrix",
    allowedDomains: ["jobcenter-nord.example"],
    organizationId: world.organizations.orgA.id,
  });
  return { ...world, providerId: provider.id };
}

const providerForm = (world: SsoWorld) => ({
  intent: "save",
  displayName: `Landkreis-Konto ${unique()}`,
  issuer: oidc.issuer,
  clientId: `portal-${unique()}`,
  clientSecret: "geheim",
  allowedDomains: "jobcenter-nord.example",
  organizationId: world.organizations.orgA.id,
});

const aboutProvider = (world: SsoWorld, path = "", form?: Record<string, string>): MatrixCell => ({
  path: `/verwaltung/anmeldedienste/${world.providerId}${path}`,
  params: { providerId: world.providerId },
  form,
});

const rows: MatrixRow<SsoWorld, PersonaName>[] = [
  fixedRow("GET /verwaltung/anmeldedienste", providers.loader, platformAdminOnly("ok")),
  {
    route: "POST /verwaltung/anmeldedienste (new provider)",
    handler: providers.action,
    prepare: (world) => ({ path: "/verwaltung/anmeldedienste", form: providerForm(world) }),
    expect: platformAdminOnly("ok"),
  },
  {
    route: "GET /verwaltung/anmeldedienste/:providerId",
    handler: providerPage.loader,
    prepare: (world) => aboutProvider(world),
    expect: platformAdminOnly("ok"),
  },
  {
    route: "GET /verwaltung/anmeldedienste/:providerId (unknown id)",
    handler: providerPage.loader,
    prepare: () => {
      const providerId = randomUUID();
      return { path: `/verwaltung/anmeldedienste/${providerId}`, params: { providerId } };
    },
    expect: platformAdminOnly(404),
  },
  {
    route: "POST /verwaltung/anmeldedienste/:providerId save (secret kept)",
    handler: providerPage.action,
    prepare: (world) =>
      aboutProvider(world, "", {
        ...providerForm(world),
        clientId: "portal-matrix",
        clientSecret: "",
      }),
    expect: platformAdminOnly("ok"),
  },
  {
    route: "POST /verwaltung/anmeldedienste/:providerId enable",
    handler: providerPage.action,
    prepare: (world) => aboutProvider(world, "", { intent: "enable" }),
    expect: platformAdminOnly("ok"),
  },
  // Everyone may start a login; a signed-in person is sent on to where they wanted to go.
  {
    route: "GET /anmelden/sso/:providerId",
    handler: start.loader,
    prepare: (world) => ({
      path: `/anmelden/sso/${world.providerId}`,
      params: { providerId: world.providerId },
    }),
    expect: outcomes(personaNames, "ok"),
  },
  // Without the browser's own attempt the provider's answer is refused for everyone.
  {
    route: "GET /anmelden/sso/:providerId/rueckruf (no attempt)",
    handler: callback.loader,
    prepare: (world) => ({
      path: `/anmelden/sso/${world.providerId}/rueckruf?code=abc&state=xyz`,
      params: { providerId: world.providerId },
    }),
    expect: outcomes(personaNames, 400),
  },
  // The provider's signed token is the only proof: a session cookie counts for nothing.
  {
    route: "POST /sso/:providerId/backchannel-logout (unsigned token)",
    handler: backchannel.action,
    prepare: (world) => ({
      path: `/sso/${world.providerId}/backchannel-logout`,
      params: { providerId: world.providerId },
      form: { logout_token: "kein.gueltiges.token" },
    }),
    expect: outcomes(personaNames, 400),
  },
  // GET never logs anyone out: a signed-in person is sent to the start page.
  fixedRow("GET /abmelden", logout.loader, outcomes(personaNames, "ok")),
];

const world = describeMatrix(rows, personaNames, buildSsoWorld);

it("never shows the client secret back, not even to the platform admin", async () => {
  const { providerId, cookies } = world();
  const answer = await callRoute(providerPage.loader, `/verwaltung/anmeldedienste/${providerId}`, {
    params: { providerId },
    cookie: cookies.platformAdmin,
  });
  expect(answer.status).toBe(200);
  expect(JSON.stringify(await answer.json())).not.toContain("portal-matrix-geheimnis");
});
