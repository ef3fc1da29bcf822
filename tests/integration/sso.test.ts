import { randomUUID } from "node:crypto";
import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { and, eq } from "drizzle-orm";
import { SignJWT, generateKeyPair, importJWK } from "jose";
import type { Socket } from "socket.io-client";
import * as logout from "~/routes/abmelden";
import * as backchannel from "~/routes/sso.$providerId.backchannel-logout";
import * as callback from "~/routes/anmelden_.sso.$providerId_.rueckruf";
import * as login from "~/routes/anmelden";
import * as start from "~/routes/anmelden_.sso.$providerId";
import * as providerPage from "~/routes/_app.verwaltung.anmeldedienste_.$providerId";
import * as providerList from "~/routes/_app.verwaltung.anmeldedienste";
import { readSessionToken } from "~/auth/cookie.server";
import { validateSessionToken } from "~/auth/session.server";
import { getDb } from "~/db/client.server";
import {
  auditLog,
  identityProviders,
  notifications,
  sessions,
  userIdentities,
  users,
} from "~/db/schema";
import { createUser } from "~/demo/factories.server";
import { hashIp } from "~/audit/audit.server";
import { absoluteUrl } from "~/mail/mail.server";
import { rateLimiter } from "~/rate-limits.server";
import { loadStoredProvider } from "~/sso/oidc.server";
import { signInWithProvider } from "~/sso/sign-in.server";
import { setRealtimeServer } from "~/realtime/hub.server";
import {
  openClient,
  startSocketInstance,
  type SocketInstance,
} from "#tests/helpers/discussion-sockets";
import {
  insertPortalProvider,
  portalClient,
  ProviderVisit,
  startOidcProvider,
  type OidcTestProvider,
} from "#tests/helpers/oidc-provider";
import { callRoute, expectRejected, TEST_IP } from "#tests/helpers/routes";
import { buildWorld } from "#tests/helpers/world";
import { builtBeforeAll } from "#tests/integration/world-steps";

/**
 * Single sign-on against a real OpenID Provider (oidc-provider in this process): who is matched,
 * linked, created or refused (ADR 018), the forged state, RP-initiated logout and back-channel
 * logout ending the session and its live connection.
 */

// Read once by getEnv(): the provider runs on http://localhost.
process.env.OIDC_ALLOW_INSECURE_ISSUER = "true";

const world = builtBeforeAll(buildWorld);
const ids = { creating: randomUUID(), refusing: randomUUID() };
const accounts = {
  nora: { email: "nora.neu@jobcenter-nord.example", name: "Nora Neu" },
  known: { email: "bekannt@jobcenter-nord.example", name: "Anderer Name beim Dienst" },
  southern: { email: "sued@jobcenter-nord.example" },
  gone: { email: "weg@jobcenter-nord.example" },
  foreign: { email: "fremd@anderswo.example" },
  unverified: { email: "ungeprueft@jobcenter-nord.example", emailVerified: false },
  stranger: { email: "unbekannt@schuldnerberatung.example" },
  leaving: { email: "geht@jobcenter-nord.example", name: "Gerd Geht" },
};

let oidc: OidcTestProvider;
let forwarder: HttpServer;
let sockets: SocketInstance;
const openSockets: Socket[] = [];

/** The portal's back-channel endpoint as the provider reaches it: a real HTTP POST. */
async function startForwarder(): Promise<string> {
  forwarder = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const providerId = /^\/sso\/([^/]+)\/backchannel-logout$/.exec(req.url ?? "")?.[1] ?? "";
      const form = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString()));
      void callRoute(backchannel.action, req.url!, { params: { providerId }, form }).then(
        async (response) => {
          res.statusCode = response.status;
          res.end(await response.text());
        },
      );
    });
  });
  await new Promise<void>((resolve) => forwarder.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(forwarder.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  const forwarderOrigin = await startForwarder();
  const portalOrigin = new URL(absoluteUrl("/")).origin;
  const client = (providerId: string, clientId: string) => ({
    ...portalClient(portalOrigin, providerId, { clientId, clientSecret: `${clientId}-geheimnis` }),
    backchannel_logout_uri: `${forwarderOrigin}/sso/${providerId}/backchannel-logout`,
  });
  oidc = await startOidcProvider({
    accounts,
    clients: [client(ids.creating, "portal-nord"), client(ids.refusing, "portal-beratung")],
  });
  await insertPortalProvider({
    id: ids.creating,
    displayName: "Jobcenter-Konto",
    issuer: oidc.issuer,
    clientId: "portal-nord",
    allowedDomains: ["jobcenter-nord.example"],
    organizationId: world.organizations.orgA.id,
    createsUnknownUsers: true,
  });
  await insertPortalProvider({
    id: ids.refusing,
    displayName: "Beratungs-Konto",
    issuer: oidc.issuer,
    clientId: "portal-beratung",
    allowedDomains: ["schuldnerberatung.example"],
    organizationId: world.organizations.orgB.id,
  });
  sockets = await startSocketInstance();
  setRealtimeServer(sockets.io);
});

afterAll(async () => {
  for (const socket of openSockets) socket.close();
  setRealtimeServer(undefined);
  await sockets.close();
  await oidc.close();
  await new Promise((resolve) => forwarder.close(resolve));
});

/** From "Anmelden mit …" through the provider back to the portal's callback. */
async function signIn(
  providerId: string,
  accountId: keyof typeof accounts,
  visit = new ProviderVisit(oidc.issuer),
) {
  oidc.loginAs(accountId);
  const started = await callRoute(start.loader, `/anmelden/sso/${providerId}?weiter=/ideen`, {
    params: { providerId },
  });
  expect(started.status).toBe(302);
  const attempt = started.headers.getSetCookie()[0]!.split(";")[0]!;
  const { url } = await visit.follow(started.headers.get("location")!);
  expect(url.pathname).toBe(`/anmelden/sso/${providerId}/rueckruf`);
  const answer = await callRoute(callback.loader, `${url.pathname}${url.search}`, {
    params: { providerId },
    cookie: attempt,
  });
  const session = answer.headers
    .getSetCookie()
    .find((cookie) => cookie.includes("portal_session="));
  const cookie = session?.split(";")[0];
  const token = cookie ? await readSessionToken(cookie) : null;
  return {
    answer,
    visit,
    url,
    attempt,
    cookie,
    user: token ? await validateSessionToken(token) : null,
  };
}

async function userByEmail(email: string) {
  const [user] = await getDb().select().from(users).where(eq(users.email, email));
  return user;
}

async function auditEntries(action: string) {
  return getDb()
    .select({ actorUserId: auditLog.actorUserId, details: auditLog.details })
    .from(auditLog)
    .where(eq(auditLog.action, action));
}

async function bodyOf(response: Response): Promise<string> {
  return JSON.stringify(await response.json());
}

describe("login page", () => {
  it("offers „Anmelden mit …“ for each enabled provider", async () => {
    const page = await callRoute(login.loader, "/anmelden");
    const { providers } = (await page.json()) as { providers: { displayName: string }[] };
    expect(providers.map((provider) => provider.displayName)).toEqual([
      "Beratungs-Konto",
      "Jobcenter-Konto",
    ]);
  });
});

describe("first and second login", () => {
  it("creates an unknown person as staff of the provider's organisation, links and notifies its admins", async () => {
    const { answer, user } = await signIn(ids.creating, "nora");
    expect(answer.status).toBe(302);
    expect(answer.headers.get("location")).toBe("/ideen");
    const created = await userByEmail(accounts.nora.email);
    expect(created).toMatchObject({
      organizationId: world.organizations.orgA.id,
      role: "staff",
      isPlatformAdmin: false,
      passwordHash: null,
      name: "Nora Neu",
    });
    // The provider enforces its own second factor: nothing is pending.
    expect(user).toMatchObject({ id: created!.id, pendingStep: null });
    const [link] = await getDb()
      .select()
      .from(userIdentities)
      .where(eq(userIdentities.userId, created!.id));
    expect(link).toMatchObject({ identityProviderId: ids.creating, subject: "nora" });
    const notices = await getDb()
      .select({ userId: notifications.userId, message: notifications.message })
      .from(notifications)
      .where(eq(notifications.userId, world.users.orgAdmin.id));
    expect(notices.map((notice) => notice.message)).toContain(
      "Nora Neu hat sich zum ersten Mal über „Jobcenter-Konto“ angemeldet und gehört jetzt als Fachkraft zu Ihrer Organisation.",
    );
    const [session] = await getDb().select().from(sessions).where(eq(sessions.userId, created!.id));
    expect(session).toMatchObject({ identityProviderId: ids.creating });
    expect(session!.providerSessionId).toEqual(expect.any(String));
    expect(session!.idToken).toEqual(expect.any(String));
    expect((await auditEntries("auth.sso_user_created")).map((e) => e.actorUserId)).toContain(
      created!.id,
    );
    expect((await auditEntries("auth.sso_login")).map((e) => e.actorUserId)).toContain(created!.id);
  });

  it("matches the same person on the second login, by the link", async () => {
    const before = await getDb().select({ id: users.id }).from(users);
    const { answer, user } = await signIn(ids.creating, "nora");
    expect(answer.status).toBe(302);
    expect(user?.email).toBe(accounts.nora.email);
    expect(await getDb().select({ id: users.id }).from(users)).toHaveLength(before.length);
  });

  it("creates one person when the first login arrives twice at once (two tabs)", async () => {
    const provider = (await loadStoredProvider(ids.creating))!;
    const claims = {
      subject: "zwilling",
      email: "zwilling@jobcenter-nord.example",
      emailVerified: true,
      name: "Zoe Zwilling",
      sessionId: null,
      idToken: "id-token",
    };
    const context = { ip: null, userAgent: "Test" };
    const results = await Promise.all([
      signInWithProvider(provider, claims, context),
      signInWithProvider(provider, claims, context),
    ]);
    const created = await userByEmail(claims.email);
    expect(results).toEqual([
      expect.objectContaining({ ok: true, userId: created!.id }),
      expect.objectContaining({ ok: true, userId: created!.id }),
    ]);
  });

  it("links a known member of the organisation by verified address, keeping their name", async () => {
    const known = await createUser({
      organizationId: world.organizations.orgA.id,
      email: accounts.known.email,
      name: "Karla Bekannt",
    });
    const { answer, user } = await signIn(ids.creating, "known");
    expect(answer.status).toBe(302);
    expect(user?.id).toBe(known.id);
    expect((await userByEmail(accounts.known.email))?.name).toBe("Karla Bekannt");
    expect((await auditEntries("auth.sso_linked")).map((e) => e.actorUserId)).toContain(known.id);
  });
});

describe("refusals", () => {
  it("never matches a member of another organisation, even with an allowed domain", async () => {
    const southern = await createUser({
      organizationId: world.organizations.orgC.id,
      email: accounts.southern.email,
    });
    const { answer, cookie } = await signIn(ids.creating, "southern");
    expect(answer.status).toBe(403);
    expect(await bodyOf(answer)).toContain("gehört zu einer anderen Organisation");
    expect(cookie).toBeUndefined();
    const links = await getDb()
      .select()
      .from(userIdentities)
      .where(eq(userIdentities.userId, southern.id));
    expect(links).toEqual([]);
    expect((await userByEmail(accounts.southern.email))?.organizationId).toBe(
      world.organizations.orgC.id,
    );
    const refusals = await auditEntries("auth.sso_refused");
    expect(refusals.map((entry) => entry.details?.reason)).toContain("otherOrganization");
  });

  it("refuses an address of a domain the provider is not allowed for, and creates nobody", async () => {
    const { answer, cookie } = await signIn(ids.creating, "foreign");
    expect(answer.status).toBe(403);
    expect(await bodyOf(answer)).toContain("über diesen Anmeldedienst nicht möglich");
    expect(cookie).toBeUndefined();
    expect(await userByEmail(accounts.foreign.email)).toBeUndefined();
    const refusals = await auditEntries("auth.sso_refused");
    expect(refusals.map((entry) => entry.details)).toContainEqual(
      expect.objectContaining({ reason: "foreignDomain", emailDomain: "anderswo.example" }),
    );
  });

  it("refuses an address the provider has not verified", async () => {
    const { answer } = await signIn(ids.creating, "unverified");
    expect(answer.status).toBe(403);
    expect(await userByEmail(accounts.unverified.email)).toBeUndefined();
  });

  it("refuses an unknown person where the provider does not create people", async () => {
    const { answer, cookie } = await signIn(ids.refusing, "stranger");
    expect(answer.status).toBe(403);
    expect(await bodyOf(answer)).toContain("noch kein Konto im Portal");
    expect(cookie).toBeUndefined();
    expect(await userByEmail(accounts.stranger.email)).toBeUndefined();
  });

  it("refuses a deactivated member", async () => {
    const gone = await createUser({
      organizationId: world.organizations.orgA.id,
      email: accounts.gone.email,
    });
    await getDb().update(users).set({ deactivatedAt: new Date() }).where(eq(users.id, gone.id));
    const { answer, cookie } = await signIn(ids.creating, "gone");
    expect(answer.status).toBe(403);
    expect(await bodyOf(answer)).toContain("deaktiviert");
    expect(cookie).toBeUndefined();
  });

  it("refuses a forged state with a German 400 page, audited, and signs nobody in", async () => {
    oidc.loginAs("nora");
    const visit = new ProviderVisit(oidc.issuer);
    const started = await callRoute(start.loader, `/anmelden/sso/${ids.creating}`, {
      params: { providerId: ids.creating },
    });
    const attempt = started.headers.getSetCookie()[0]!.split(";")[0]!;
    const { url } = await visit.follow(started.headers.get("location")!);
    const forged = new URL(url);
    forged.searchParams.set("state", "von-jemand-anderem");
    const before = (await auditEntries("auth.sso_refused")).length;
    const answer = await callRoute(callback.loader, `${forged.pathname}${forged.search}`, {
      params: { providerId: ids.creating },
      cookie: attempt,
    });
    expect(answer.status).toBe(400);
    expect(await bodyOf(answer)).toContain("Die Anmeldung konnte nicht bestätigt werden");
    expect(answer.headers.getSetCookie().some((c) => c.includes("portal_session="))).toBe(false);
    const refusals = await auditEntries("auth.sso_refused");
    expect(refusals).toHaveLength(before + 1);
    expect(refusals.at(-1)?.details).toMatchObject({ reason: "state", detail: "state_mismatch" });

    // Without the browser's attempt the genuine answer is refused just the same.
    const stray = await callRoute(callback.loader, `${url.pathname}${url.search}`, {
      params: { providerId: ids.creating },
    });
    expect(stray.status).toBe(400);
  });

  it("throttles „Anmelden mit …“ from one client address, in German", async () => {
    const limiter = rateLimiter("ssoStartsFromAddress");
    const address = (await hashIp(TEST_IP))!;
    // The file's other logins come from the same address: this test fills the window itself.
    await limiter.set(address, 300, 600);
    const refused = await callRoute(start.loader, `/anmelden/sso/${ids.creating}`, {
      params: { providerId: ids.creating },
    });
    expect(refused.status).toBe(429);
    expect(await refused.text()).toMatch(/^Zu viele Anmeldungen von diesem Anschluss/);
    await limiter.delete(address);
    const started = await callRoute(start.loader, `/anmelden/sso/${ids.creating}`, {
      params: { providerId: ids.creating },
    });
    expect(started.status).toBe(302);
  });

  it("answers 404 for an unknown or disabled provider", async () => {
    const unknown = randomUUID();
    expect(
      (
        await callRoute(start.loader, `/anmelden/sso/${unknown}`, {
          params: { providerId: unknown },
        })
      ).status,
    ).toBe(404);
    const disabled = await insertPortalProvider({
      issuer: oidc.issuer,
      clientId: "abgeschaltet",
      allowedDomains: ["jobcenter-nord.example"],
      organizationId: world.organizations.orgA.id,
      enabled: false,
    });
    const answer = await callRoute(start.loader, `/anmelden/sso/${disabled.id}`, {
      params: { providerId: disabled.id },
    });
    expect(answer.status).toBe(404);
  });
});

describe("logout", () => {
  it("sends the browser on to the provider's logout after ending the portal session", async () => {
    const { cookie, user } = await signIn(ids.creating, "nora");
    const answer = await callRoute(logout.action, "/abmelden", { cookie, form: {} });
    expect(answer.status).toBe(200);
    const { providerLogout } = (await answer.json()) as { providerLogout: { url: string } };
    const url = new URL(providerLogout.url);
    expect(url.origin).toBe(oidc.issuer);
    expect(url.searchParams.get("id_token_hint")).toEqual(expect.any(String));
    expect(url.searchParams.get("post_logout_redirect_uri")).toBe(absoluteUrl("/anmelden"));
    const left = await getDb().select().from(sessions).where(eq(sessions.id, user!.sessionId));
    expect(left).toEqual([]);
  });

  it("ends the session and closes its live connection on back-channel logout from the provider", async () => {
    const { cookie, user, visit } = await signIn(ids.creating, "leaving");
    const other = await signIn(ids.creating, "nora");
    const socket = openClient(sockets.url, cookie!);
    openSockets.push(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once("connect", () => resolve());
      socket.once("connect_error", reject);
    });
    const closed = new Promise<string>((resolve) => socket.once("disconnect", resolve));

    await visit.logOutAtProvider();

    expect(await closed).toBe("io server disconnect");
    expect(await getDb().select().from(sessions).where(eq(sessions.id, user!.sessionId))).toEqual(
      [],
    );
    // Another person's session through the same provider stays.
    expect(
      await getDb().select().from(sessions).where(eq(sessions.id, other.user!.sessionId)),
    ).toHaveLength(1);
    const entries = await auditEntries("auth.sso_backchannel_logout");
    expect(entries.at(-1)).toMatchObject({
      actorUserId: user!.id,
      details: expect.objectContaining({ endedSessions: 1, bySid: true }),
    });
  });

  describe("refuses logout tokens that are not the provider's", () => {
    const post = (token: string) =>
      callRoute(backchannel.action, `/sso/${ids.creating}/backchannel-logout`, {
        params: { providerId: ids.creating },
        form: { logout_token: token },
      });
    const claims = () => ({
      events: { "http://schemas.openid.net/event/backchannel-logout": {} },
      sub: "nora",
      jti: randomUUID(),
    });
    const sign = async (
      payload: Record<string, unknown>,
      key: CryptoKey | Uint8Array,
      kid: string,
    ) =>
      new SignJWT(payload)
        .setProtectedHeader({ alg: "RS256", kid })
        .setIssuer(oidc.issuer)
        .setAudience("portal-nord")
        .setIssuedAt()
        .sign(key);

    it("a token signed with another key", async () => {
      const { privateKey } = await generateKeyPair("RS256");
      const answer = await post(await sign(claims(), privateKey, "test-key"));
      expect(answer.status).toBe(400);
      expect(await answer.json()).toMatchObject({ error: "invalid_request" });
    });

    it("a token of the provider's key that carries a nonce, or lacks the event", async () => {
      const { cookie, user } = await signIn(ids.creating, "nora");
      const key = (await importJWK(oidc.privateJwk, "RS256")) as CryptoKey;
      expect((await post(await sign({ ...claims(), nonce: "n" }, key, "test-key"))).status).toBe(
        400,
      );
      const { events: _events, ...withoutEvent } = claims();
      expect((await post(await sign(withoutEvent, key, "test-key"))).status).toBe(400);
      expect((await post("kein-token")).status).toBe(400);
      expect(cookie).toBeDefined();
      expect(
        await getDb().select().from(sessions).where(eq(sessions.id, user!.sessionId)),
      ).toHaveLength(1);

      // The same key with a proper token ends every session of the person linked to `sub`.
      expect((await post(await sign(claims(), key, "test-key"))).status).toBe(200);
      const left = await getDb()
        .select()
        .from(sessions)
        .where(and(eq(sessions.userId, user!.id), eq(sessions.identityProviderId, ids.creating)));
      expect(left).toEqual([]);
    });
  });
});

describe("administration", () => {
  const form = (values: Record<string, string> = {}) => ({
    intent: "save",
    displayName: "Kreis-Konto",
    issuer: oidc.issuer,
    clientId: "portal-kreis",
    clientSecret: "kreis-geheimnis",
    allowedDomains: "Kreis.example, @amt.kreis.example",
    organizationId: world.organizations.orgA.id,
    ...values,
  });
  const create = (values: Record<string, string>) =>
    callRoute(providerList.action, "/verwaltung/anmeldedienste", {
      cookie: world.cookies.platformAdmin,
      form: form(values),
    });

  it("refuses a new provider without secret or with a malformed domain, in German, keeping the input", async () => {
    await expectRejected(await create({ clientSecret: "" }), {
      errors: { clientSecret: "Bitte geben Sie das Client-Geheimnis ein." },
    });
    await expectRejected(await create({ allowedDomains: "kreis.example, kein domain" }), {
      errors: {
        allowedDomains:
          "„kein“ ist keine E-Mail-Domain. Geben Sie nur den Teil nach dem @ ein, z. B. „landkreis.example“.",
      },
    });
  });

  it("stores the domains in lower case, keeps the secret when the field stays empty, audited", async () => {
    const created = await create({});
    expect(created.status).toBe(302);
    const providerId = created.headers.get("location")!.split("/").at(-1)!;
    const saved = await callRoute(providerPage.action, `/verwaltung/anmeldedienste/${providerId}`, {
      cookie: world.cookies.platformAdmin,
      params: { providerId },
      form: form({ clientSecret: "", displayName: "Kreis-Konto (neu)" }),
    });
    expect(saved.status).toBe(302);
    const [stored] = await getDb()
      .select()
      .from(identityProviders)
      .where(eq(identityProviders.id, providerId));
    expect(stored).toMatchObject({
      displayName: "Kreis-Konto (neu)",
      clientSecret: "kreis-geheimnis",
      allowedDomains: ["kreis.example", "amt.kreis.example"],
      createsUnknownUsers: false,
    });
    const entries = await getDb()
      .select({ action: auditLog.action, details: auditLog.details })
      .from(auditLog)
      .where(eq(auditLog.targetId, providerId));
    expect(entries.map((entry) => entry.action)).toEqual([
      "identity_provider.created",
      "identity_provider.updated",
    ]);
    expect(entries[1]?.details).toMatchObject({ secretChanged: false });
  });
});
