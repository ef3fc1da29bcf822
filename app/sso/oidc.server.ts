import { hkdfSync } from "node:crypto";
import { eq } from "drizzle-orm";
import { createRemoteJWKSet, EncryptJWT, jwtDecrypt } from "jose";
import * as client from "openid-client";
import { portalCookie } from "~/auth/cookie.server";
import { getDb } from "~/db/client.server";
import { identityProviders } from "~/db/schema";
import { getEnv } from "~/env.server";
import { absoluteUrl } from "~/mail/mail.server";

/**
 * The OpenID Connect side of single sign-on, through openid-client (a certified relying party):
 * discovery, the authorization request with PKCE, state and nonce, the code exchange with ID
 * token validation, and the provider's logout endpoints. See ADR 018.
 */

export type StoredProvider = typeof identityProviders.$inferSelect;

/** Discovery documents change rarely; an hour keeps a changed key set or endpoint from lingering. */
const CONFIGURATION_TTL_MS = 60 * 60 * 1000;
/** How long a person may take at the provider between leaving and coming back. */
const FLOW_MAX_AGE_SECONDS = 10 * 60;

interface CachedConfiguration {
  configuration: client.Configuration;
  /** The provider's keys for back-channel logout tokens (openid-client keeps its own for ID tokens). */
  keys: ReturnType<typeof createRemoteJWKSet>;
  expiresAt: number;
}

const configurations = new Map<string, Promise<CachedConfiguration>>();

/** After an administrator changed the provider, the next login discovers it afresh. */
export function forgetConfiguration(providerId: string): void {
  configurations.delete(providerId);
}

function insecureAllowed(issuer: string): boolean {
  return getEnv().OIDC_ALLOW_INSECURE_ISSUER && issuer.startsWith("http://");
}

async function discover(provider: StoredProvider): Promise<CachedConfiguration> {
  // A provider saved with http:// while it was allowed is refused once it no longer is.
  const execute = insecureAllowed(provider.issuer) ? [client.allowInsecureRequests] : [];
  const configuration = await client.discovery(
    new URL(provider.issuer),
    provider.clientId,
    provider.clientSecret,
    undefined,
    { execute, timeout: 10 },
  );
  const jwksUri = configuration.serverMetadata().jwks_uri;
  if (!jwksUri) throw new Error(`Anmeldedienst ${provider.issuer} nennt keine jwks_uri`);
  return {
    configuration,
    keys: createRemoteJWKSet(new URL(jwksUri), { timeoutDuration: 10_000 }),
    expiresAt: Date.now() + CONFIGURATION_TTL_MS,
  };
}

/** The provider's discovered configuration, cached per provider; a failed discovery is not kept. */
export async function configurationOf(provider: StoredProvider): Promise<CachedConfiguration> {
  const cached = configurations.get(provider.id);
  if (cached) {
    const entry = await cached.catch(() => null);
    if (entry && entry.expiresAt > Date.now()) return entry;
    if (configurations.get(provider.id) === cached) configurations.delete(provider.id);
  }
  const pending = discover(provider);
  configurations.set(provider.id, pending);
  pending.catch(() => {
    if (configurations.get(provider.id) === pending) configurations.delete(provider.id);
  });
  return pending;
}

export async function loadStoredProvider(id: string): Promise<StoredProvider | null> {
  const [provider] = await getDb()
    .select()
    .from(identityProviders)
    .where(eq(identityProviders.id, id));
  return provider ?? null;
}

export const callbackPath = (providerId: string) => `/anmelden/sso/${providerId}/rueckruf`;

/** What the browser keeps between leaving for the provider and coming back. */
interface Flow {
  providerId: string;
  state: string;
  nonce: string;
  codeVerifier: string;
  /** Where the person wanted to go before logging in. */
  target: string;
}

const flowCookie = () => portalCookie("portal_sso", FLOW_MAX_AGE_SECONDS);

/**
 * The flow's cookie is encrypted (JWE, AES-256-GCM) with a key derived from the provider's client
 * secret: the PKCE verifier stays secret, nothing in it can be changed, it is bound to the one
 * provider, and every instance of the portal can read it without a secret of its own.
 */
function flowKey(provider: StoredProvider): Uint8Array {
  return new Uint8Array(
    hkdfSync("sha256", provider.clientSecret, provider.id, "netzwerke-abc sso flow", 32),
  );
}

/** The provider's authorization URL and the cookie that remembers this attempt. */
export async function startSignIn(provider: StoredProvider, target: string) {
  const { configuration } = await configurationOf(provider);
  const flow: Flow = {
    providerId: provider.id,
    state: client.randomState(),
    nonce: client.randomNonce(),
    codeVerifier: client.randomPKCECodeVerifier(),
    target,
  };
  const url = client.buildAuthorizationUrl(configuration, {
    redirect_uri: absoluteUrl(callbackPath(provider.id)),
    scope: "openid email profile",
    response_type: "code",
    code_challenge: await client.calculatePKCECodeChallenge(flow.codeVerifier),
    code_challenge_method: "S256",
    state: flow.state,
    nonce: flow.nonce,
  });
  const sealed = await new EncryptJWT({ ...flow })
    .setProtectedHeader({ alg: "dir", enc: "A256GCM" })
    .setIssuedAt()
    .setExpirationTime(`${FLOW_MAX_AGE_SECONDS}s`)
    .encrypt(flowKey(provider));
  return { url: url.href, cookie: await flowCookie().serialize(sealed) };
}

/** The Set-Cookie header that forgets the attempt (it is used once, successful or not). */
export const clearedFlowCookie = () => flowCookie().serialize("", { maxAge: 0 });

async function readFlow(provider: StoredProvider, request: Request): Promise<Flow | null> {
  const sealed: unknown = await flowCookie().parse(request.headers.get("cookie"));
  if (typeof sealed !== "string" || sealed === "") return null;
  try {
    const { payload } = await jwtDecrypt(sealed, flowKey(provider));
    const flow = payload as Partial<Flow>;
    if (flow.providerId !== provider.id) return null;
    if (![flow.state, flow.nonce, flow.codeVerifier, flow.target].every(isText)) return null;
    return flow as Flow;
  } catch {
    return null;
  }
}

const isText = (value: unknown): value is string => typeof value === "string" && value !== "";

/** What the portal reads of the person from the provider. */
export interface ProviderClaims {
  subject: string;
  email: string | null;
  emailVerified: boolean;
  name: string | null;
  /** The provider's session, named again by its back-channel logout. */
  sessionId: string | null;
  idToken: string;
}

export type CallbackResult =
  | { ok: true; claims: ProviderClaims; target: string }
  | { ok: false; reason: "state" | "provider" | "unavailable"; detail: string };

/**
 * Checks the provider's answer against the browser's attempt: the state first (a forged or
 * replayed answer stops here), then the code exchange with the PKCE verifier and the ID token's
 * signature, issuer, audience, expiry and nonce (openid-client).
 */
export async function finishSignIn(
  provider: StoredProvider,
  request: Request,
): Promise<CallbackResult> {
  const url = new URL(request.url);
  const flow = await readFlow(provider, request);
  const state = url.searchParams.get("state");
  if (!flow || state !== flow.state) {
    return { ok: false, reason: "state", detail: flow ? "state_mismatch" : "no_attempt" };
  }
  const error = url.searchParams.get("error");
  if (error) return { ok: false, reason: "provider", detail: error.slice(0, 100) };

  let cached: CachedConfiguration;
  try {
    cached = await configurationOf(provider);
  } catch {
    return { ok: false, reason: "unavailable", detail: "discovery_failed" };
  }
  // The redirect URI as registered: the public address, whatever the proxy in front changed.
  const currentUrl = new URL(absoluteUrl(callbackPath(provider.id)));
  currentUrl.search = url.search;
  try {
    const tokens = await client.authorizationCodeGrant(cached.configuration, currentUrl, {
      pkceCodeVerifier: flow.codeVerifier,
      expectedState: flow.state,
      expectedNonce: flow.nonce,
      idTokenExpected: true,
    });
    const idTokenClaims = tokens.claims()!;
    let claims: Record<string, unknown> = idTokenClaims;
    // Providers that keep the address out of the ID token give it at the userinfo endpoint.
    if (idTokenClaims.email === undefined && tokens.access_token) {
      const info = await client.fetchUserInfo(
        cached.configuration,
        tokens.access_token,
        idTokenClaims.sub,
      );
      claims = { ...info, ...idTokenClaims };
    }
    return {
      ok: true,
      target: flow.target,
      claims: {
        subject: idTokenClaims.sub,
        email: typeof claims.email === "string" ? claims.email.trim().toLowerCase() : null,
        emailVerified: claims.email_verified === true,
        name: nameOf(claims),
        sessionId: typeof idTokenClaims.sid === "string" ? idTokenClaims.sid : null,
        idToken: tokens.id_token!,
      },
    };
  } catch (error) {
    const detail = error instanceof Error ? error.message.slice(0, 200) : "exchange_failed";
    return { ok: false, reason: "provider", detail };
  }
}

function nameOf(claims: Record<string, unknown>): string | null {
  if (typeof claims.name === "string" && claims.name.trim()) return claims.name.trim();
  const parts = [claims.given_name, claims.family_name].filter(isText);
  return parts.length > 0 ? parts.join(" ") : null;
}

/**
 * Where the browser goes after the portal session ended, so that the provider ends its own too
 * (RP-initiated logout); null when the provider has no end_session_endpoint or is unreachable.
 */
export async function providerLogout(
  providerId: string,
  idToken: string | null,
): Promise<{ url: string; displayName: string } | null> {
  const provider = await loadStoredProvider(providerId);
  if (!provider || !idToken) return null;
  try {
    const { configuration } = await configurationOf(provider);
    if (!configuration.serverMetadata().end_session_endpoint) return null;
    const url = client.buildEndSessionUrl(configuration, {
      id_token_hint: idToken,
      post_logout_redirect_uri: absoluteUrl("/anmelden"),
    });
    return { url: url.href, displayName: provider.displayName };
  } catch {
    return null;
  }
}
