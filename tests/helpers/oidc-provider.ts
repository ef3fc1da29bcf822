import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, type JWK } from "jose";
import Provider, { type ClientMetadata } from "oidc-provider";

/**
 * A real OpenID Provider (`oidc-provider`, certified) in the test process, for single sign-on
 * tests: discovery, authorization code flow with PKCE, ID tokens with `sid`, RP-initiated and
 * back-channel logout. Instead of a login form, its interaction logs in the account the test
 * chose with `loginAs`, and every client is granted `openid email profile` without consent.
 */

export interface TestAccount {
  email: string;
  emailVerified?: boolean;
  name?: string;
}

export interface OidcTestProvider {
  issuer: string;
  provider: Provider;
  /** The signing key, for tests that forge logout tokens with it. */
  privateJwk: JWK;
  /** The account the next login at the provider signs in as. */
  loginAs(accountId: string): void;
  close(): Promise<void>;
}

export interface OidcProviderOptions {
  accounts: Record<string, TestAccount>;
  clients: ClientMetadata[];
  /** A fixed port, e.g. the one an issuer URL entered in the portal names; free one otherwise. */
  port?: number;
}

/** What a portal identity provider registers as a client: its callback and logout addresses. */
export function portalClient(
  portalOrigin: string,
  providerId: string,
  client: { clientId: string; clientSecret: string },
): ClientMetadata {
  return {
    client_id: client.clientId,
    client_secret: client.clientSecret,
    redirect_uris: [`${portalOrigin}/anmelden/sso/${providerId}/rueckruf`],
    post_logout_redirect_uris: [`${portalOrigin}/anmelden`],
    backchannel_logout_uri: `${portalOrigin}/sso/${providerId}/backchannel-logout`,
    backchannel_logout_session_required: true,
    grant_types: ["authorization_code"],
    response_types: ["code"],
  };
}

export async function startOidcProvider(options: OidcProviderOptions): Promise<OidcTestProvider> {
  const http: Server = createServer();
  await new Promise<void>((resolve) => http.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = http.address() as AddressInfo;
  const issuer = `http://localhost:${port}`;

  const { privateKey } = await generateKeyPair("RS256", { extractable: true });
  const privateJwk = {
    ...(await exportJWK(privateKey)),
    kid: "test-key",
    alg: "RS256",
    use: "sig",
  };
  let nextAccount: string | null = null;

  const provider = new Provider(issuer, {
    clients: options.clients,
    jwks: { keys: [privateJwk] },
    cookies: { keys: ["oidc-test-cookie-key"] },
    // The claims in the ID token, as Keycloak sends them by default.
    conformIdTokenClaims: false,
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    features: {
      devInteractions: { enabled: false },
      backchannelLogout: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        // The confirmation page, in German: "Überall abmelden" ends the provider's session
        // and tells every client of it through back-channel logout.
        logoutSource(ctx, form) {
          ctx.body = `<!DOCTYPE html><html lang="de"><head><title>Abmelden beim Anmeldedienst</title></head><body><main><h1>Abmelden beim Anmeldedienst</h1>${form}<button type="submit" form="op.logoutForm" name="logout" value="yes">Überall abmelden</button></main></body></html>`;
        },
        postLogoutSuccessSource(ctx) {
          ctx.body = `<!DOCTYPE html><html lang="de"><head><title>Abgemeldet</title></head><body><main><h1>Sie sind beim Anmeldedienst abgemeldet.</h1></main></body></html>`;
        },
      },
    },
    pkce: { required: () => true },
    // Its guard against requests to special-use addresses would stop the back-channel logout to
    // the portal, which runs on this machine in the tests.
    fetch: (url, init) => {
      const { dispatcher: _guard, ...rest } = (init ?? {}) as RequestInit & {
        dispatcher?: unknown;
      };
      return fetch(url, rest);
    },
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600 },
    findAccount(_ctx, accountId) {
      const account = options.accounts[accountId];
      if (!account) return undefined;
      return {
        accountId,
        claims: () => ({
          sub: accountId,
          email: account.email,
          email_verified: account.emailVerified ?? true,
          ...(account.name ? { name: account.name } : {}),
        }),
      };
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    async loadExistingGrant(ctx) {
      const session = ctx.oidc.session!;
      const clientId = ctx.oidc.client!.clientId;
      const grantId = session.grantIdFor(clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({ clientId, accountId: session.accountId! });
      grant.addOIDCScope("openid email profile");
      await grant.save();
      session.grantIdFor(clientId, grant.jti);
      return grant;
    },
  });

  const callback = provider.callback();
  http.on("request", (req, res) => {
    if (!req.url?.startsWith("/interaction/")) return void callback(req, res);
    void (async () => {
      try {
        if (!nextAccount) throw new Error("loginAs(accountId) was not called before the login");
        await provider.interactionFinished(req, res, { login: { accountId: nextAccount } });
      } catch (error) {
        res.statusCode = 500;
        res.end(String(error));
      }
    })();
  });

  return {
    issuer,
    provider,
    privateJwk,
    loginAs(accountId) {
      nextAccount = accountId;
    },
    close: () =>
      new Promise<void>((resolve) => {
        http.closeAllConnections();
        http.close(() => resolve());
      }),
  };
}

/**
 * A browser's visit to the provider without a browser: follows redirects on the provider,
 * keeping its cookies, and stops at the first address elsewhere (the portal's callback).
 */
export class ProviderVisit {
  private readonly cookies = new Map<string, string>();

  constructor(private readonly issuer: string) {}

  private remember(response: Response) {
    for (const header of response.headers.getSetCookie()) {
      const [pair] = header.split(";");
      const [name, ...value] = pair!.split("=");
      this.cookies.set(name!.trim(), value.join("="));
    }
  }

  private cookieHeader() {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  async request(url: string, init: RequestInit = {}): Promise<Response> {
    const response = await fetch(url, {
      ...init,
      redirect: "manual",
      headers: { ...(init.headers as Record<string, string>), cookie: this.cookieHeader() },
    });
    this.remember(response);
    return response;
  }

  /** Follows the provider's redirects from `url`; the address it finally sends the browser to. */
  async follow(url: string, init: RequestInit = {}): Promise<{ url: URL; response: Response }> {
    let response = await this.request(url, init);
    let location = new URL(url);
    for (let hops = 0; hops < 10; hops++) {
      const next = response.headers.get("location");
      if (!next || response.status < 300 || response.status >= 400) break;
      location = new URL(next, location);
      if (location.origin !== new URL(this.issuer).origin) return { url: location, response };
      response = await this.request(location.href);
    }
    return { url: location, response };
  }

  /** Logs out at the provider ("Überall abmelden"), which sends its back-channel logouts. */
  async logOutAtProvider(endSessionUrl = `${this.issuer}/session/end`) {
    const page = await this.request(endSessionUrl);
    const html = await page.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)?.[1];
    if (!action || !xsrf) throw new Error(`no logout form at the provider: ${html.slice(0, 300)}`);
    return this.follow(new URL(action, this.issuer).href, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ xsrf, logout: "yes" }).toString(),
    });
  }
}

/** An identity provider of the portal with a fixed id, so that its client can be registered first. */
export async function insertPortalProvider(values: {
  id?: string;
  displayName?: string;
  issuer: string;
  clientId: string;
  clientSecret?: string;
  allowedDomains: string[];
  organizationId: string;
  createsUnknownUsers?: boolean;
  enabled?: boolean;
}) {
  const { getDb } = await import("~/db/client.server");
  const { identityProviders } = await import("~/db/schema");
  const [row] = await getDb()
    .insert(identityProviders)
    .values({
      id: values.id ?? randomUUID(),
      displayName: values.displayName ?? `Anmeldedienst ${values.clientId}`,
      issuer: values.issuer,
      clientId: values.clientId,
      clientSecret: values.clientSecret ?? `${values.clientId}-geheimnis`,
      allowedDomains: values.allowedDomains,
      organizationId: values.organizationId,
      createsUnknownUsers: values.createsUnknownUsers ?? false,
      enabled: values.enabled ?? true,
    })
    .returning();
  return row!;
}
