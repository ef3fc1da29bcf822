import type { Page } from "@playwright/test";
import { portalClient, startOidcProvider, type OidcTestProvider } from "../helpers/oidc-provider";
import { expectNoSeriousA11yViolations } from "./a11y";
import { demoAccounts, expect, test, uniqueSuffix } from "./fixtures";
import { findFreePort } from "./free-port";

/*
 * Single sign-on as the platform admin sets it up and the Jobcenter's case workers use it,
 * against a real OpenID Provider (oidc-provider) started in this test process. The server must
 * accept its http:// issuer: OIDC_ALLOW_INSECURE_ISSUER=true (tests/e2e/web-server.ts).
 */

const ORGANIZATION = "Jobcenter Weimarer Land";

let oidc: OidcTestProvider | undefined;
test.afterAll(async () => {
  await oidc?.close();
});

/** "Anmelden mit …" on the login page, through the provider, back to the portal. */
async function signInWithProvider(page: Page, providerName: string) {
  await page.goto("/anmelden");
  // The provider logs in the account the test chose at once and sends the browser back.
  await page.getByRole("link", { name: `Anmelden mit ${providerName}` }).click();
}

/**
 * Walks the way from the start route through the provider as the browser would (same cookies),
 * but stops at the provider's answer instead of delivering it: the callback URL.
 */
async function providerAnswer(page: Page, start: string): Promise<URL> {
  let url = new URL(start);
  for (let hop = 0; hop < 10; hop++) {
    const response = await page.request.get(url.href, { maxRedirects: 0 });
    const location = response.headers()["location"];
    if (!location) throw new Error(`no redirect from ${url.href}: ${response.status()}`);
    url = new URL(location, url);
    if (url.pathname.endsWith("/rueckruf")) return url;
  }
  throw new Error("the provider did not answer");
}

test("Single Sign-on: einrichten, erste und zweite Anmeldung, Ablehnungen und Abmeldung beim Anmeldedienst", async ({
  loggedInAs,
  newPage,
  browserErrors,
}) => {
  test.slow();
  const suffix = uniqueSuffix();
  const domain = `landkreis-${suffix}.example`;
  const providerName = `Landkreis-Konto ${suffix}`;
  const port = await findFreePort();
  const issuer = `http://localhost:${port}`;

  // The platform admin sets the provider up; the addresses to enter there are shown afterwards.
  const admin = await loggedInAs(demoAccounts.platformAdmin);
  await admin.goto("/verwaltung/anmeldedienste");
  await expect(admin.getByRole("heading", { level: 1, name: /Anmeldedienste/ })).toBeVisible();
  await expectNoSeriousA11yViolations(admin);
  await admin.getByLabel("Name auf der Anmeldeseite").fill(providerName);
  await admin.getByLabel("Aussteller-URL (Issuer)").fill(issuer);
  await admin.getByLabel("Client-ID").fill(`portal-${suffix}`);
  await admin.getByLabel("Client-Geheimnis").fill(`geheim-${suffix}`);
  await admin.getByLabel("Erlaubte E-Mail-Domains").fill(domain);
  await admin.getByLabel("Organisation", { exact: true }).selectOption({ label: ORGANIZATION });
  await admin.getByLabel("Unbekannte Personen als Fachkraft anlegen").check();
  await admin.getByRole("button", { name: "Anmeldedienst speichern" }).click();
  await expect(admin.getByRole("heading", { level: 1, name: providerName })).toBeVisible();
  const providerId = /\/verwaltung\/anmeldedienste\/([0-9a-f-]{36})$/.exec(admin.url())![1]!;
  const portalOrigin = new URL(admin.url()).origin;
  await expect(
    admin.getByText(`${portalOrigin}/anmelden/sso/${providerId}/rueckruf`),
  ).toBeVisible();
  await expect(
    admin.getByText(`${portalOrigin}/sso/${providerId}/backchannel-logout`),
  ).toBeVisible();
  await expectNoSeriousA11yViolations(admin);

  // The IT registers the portal as a client with exactly these addresses.
  oidc = await startOidcProvider({
    port,
    accounts: {
      lena: { email: `lena.lang@${domain}`, name: `Lena Lang ${suffix}` },
      fremd: { email: `fremd-${suffix}@anderswo.example` },
    },
    clients: [
      portalClient(portalOrigin, providerId, {
        clientId: `portal-${suffix}`,
        clientSecret: `geheim-${suffix}`,
      }),
    ],
  });

  // First login: the account is created in the Jobcenter.
  const first = await newPage();
  await first.goto("/anmelden");
  await expectNoSeriousA11yViolations(first);
  oidc.loginAs("lena");
  await signInWithProvider(first, providerName);
  await expect(first.getByRole("heading", { level: 1, name: "Mein Netzwerk" })).toBeVisible();
  await expect(first.getByText(`Lena Lang ${suffix}`).first()).toBeVisible();
  await expect(first.getByText(ORGANIZATION).first()).toBeVisible();

  // Second login, on another computer: the same account, no second one.
  const second = await newPage();
  const secondSocket = second.waitForEvent("websocket", { timeout: 60_000 });
  oidc.loginAs("lena");
  await signInWithProvider(second, providerName);
  await expect(second.getByRole("heading", { level: 1, name: "Mein Netzwerk" })).toBeVisible();
  await expect(second.getByText(`Lena Lang ${suffix}`).first()).toBeVisible();

  // An address of another domain is refused with a German explanation.
  const foreign = await newPage();
  oidc.loginAs("fremd");
  browserErrors.allow(/status of 403/);
  await signInWithProvider(foreign, providerName);
  await expect(
    foreign.getByRole("heading", { level: 1, name: "Anmeldung nicht möglich" }),
  ).toBeVisible();
  await expect(foreign.getByRole("alert")).toContainText("über diesen Anmeldedienst nicht möglich");
  await expectNoSeriousA11yViolations(foreign);

  // A forged state: the provider's genuine answer, returned with someone else's state.
  const forged = await newPage();
  oidc.loginAs("lena");
  const forgedUrl = await providerAnswer(forged, `${portalOrigin}/anmelden/sso/${providerId}`);
  forgedUrl.searchParams.set("state", `gefaelscht-${suffix}`);
  browserErrors.allow(/status of 400/);
  await forged.goto(forgedUrl.href);
  await expect(forged.getByRole("alert")).toContainText(
    "Die Anmeldung konnte nicht bestätigt werden",
  );
  await expect(
    forged.getByRole("heading", { level: 1, name: "Anmeldung nicht möglich" }),
  ).toBeVisible();

  // She logs out at the provider: the portal ends that session, and its open page loses its
  // live connection at once.
  const socket = await secondSocket;
  expect(socket.isClosed()).toBe(false);
  const atProvider = await second.context().newPage();
  await atProvider.goto(`${issuer}/session/end`);
  await atProvider.getByRole("button", { name: "Überall abmelden" }).click();
  await expect
    .poll(() => socket.isClosed(), { message: "Live-Verbindung bleibt offen" })
    .toBe(true);
  await second.reload();
  await expect(second).toHaveURL((url) => url.pathname === "/anmelden");
  // The first computer's session was another login at the provider: it stays.
  await first.reload();
  await expect(first.getByRole("heading", { level: 1, name: "Mein Netzwerk" })).toBeVisible();

  // Logging out there in the portal leads on to the provider's logout and back to the login.
  await first.getByRole("banner").getByRole("button", { name: "Abmelden" }).click();
  await expect(
    first.getByRole("heading", { level: 1, name: "Abmelden beim Anmeldedienst" }),
  ).toBeVisible();
  await first.getByRole("button", { name: "Überall abmelden" }).click();
  await expect(first).toHaveURL((url) => url.pathname === "/anmelden");
  await expect(first.getByRole("link", { name: `Anmelden mit ${providerName}` })).toBeVisible();
});
