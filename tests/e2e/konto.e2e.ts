import { decodeBase32IgnorePadding } from "@oslojs/encoding";
import { generateHOTP } from "@oslojs/otp";
import type { Page, WebSocket } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./a11y";
import { demoAccounts, expect, logIn, test, uniqueEmail } from "./fixtures";
import { flash } from "./forms";
import { mainNavigation } from "./navigation";

const FIRST_PASSWORD = "Beratung-im-Netzwerk-2026!";
const NEW_PASSWORD = "Neues-Passwort-fuer-den-Herbst-2026";

/**
 * Her authenticator app: RFC 6238 codes (HMAC-SHA-1, 30-second steps, 6 digits) from the secret
 * the set-up page shows. The portal takes each time step once, so a second code within the same
 * step is the next step's, which it accepts as from a phone clock one step ahead. That is why
 * the step is counted here and the code computed with `generateHOTP`, RFC 6238's definition of
 * `generateTOTP`, rather than `generateTOTP` itself, which hides the step it used.
 */
function authenticatorApp(secret: string) {
  const key = decodeBase32IgnorePadding(secret.replace(/\s/g, ""));
  let lastStep = 0;
  return {
    code(): string {
      const current = Math.floor(Date.now() / 1000 / 30);
      const step = Math.max(current, lastStep + 1);
      // Two codes per journey never get ahead of the clock by more than the accepted step.
      expect(step, "Die App hätte einen Code aus der Zukunft gebraucht").toBeLessThanOrEqual(
        current + 1,
      );
      lastStep = step;
      return generateHOTP(key, BigInt(step), 6);
    },
  };
}

/** An organisation admin invites `email` as Fachkraft; returns the link of the invitation mail. */
async function invitationLinkFor(admin: Page, email: string): Promise<string> {
  await mainNavigation(admin).getByRole("link", { name: "Mitglieder" }).click();
  const inviteForm = admin.getByRole("region", { name: "Mitglied einladen" });
  await inviteForm.getByLabel("E-Mail-Adresse").fill(email);
  await inviteForm.getByLabel("Rolle").selectOption({ label: "Fachkraft" });
  await inviteForm.getByRole("button", { name: "Einladung verschicken" }).click();
  await flash(admin, "Die Einladung wurde verschickt.");
  return mailLink(admin, email, /\/einladung\//);
}

/** The link matching `pattern` in the newest mail to `recipient` in the Postausgang. */
async function mailLink(reader: Page, recipient: string, pattern: RegExp): Promise<string> {
  await mainNavigation(reader).getByRole("link", { name: "Postausgang" }).click();
  await expect(reader.getByRole("heading", { level: 1, name: "Postausgang" })).toBeVisible();
  const link = reader
    .getByRole("article")
    .filter({ hasText: `An ${recipient}` })
    .getByRole("link", { name: pattern })
    .first();
  return (await link.getAttribute("href"))!;
}

/** Resolves with the page's socket.io connection once the page has opened one. */
function liveSocketOf(page: Page): Promise<WebSocket> {
  return page.waitForEvent("websocket", { timeout: 60_000 });
}

test.describe("Mein Konto", () => {
  test("Eine Fachkraft setzt ihr vergessenes Passwort zurück, richtet den zweiten Faktor ein, beendet ihre andere Sitzung und bekommt Erwähnungen in der täglichen Zusammenfassung", async ({
    loggedInAs,
    newPage,
    browserErrors,
  }) => {
    test.slow();
    // A colleague of her own, so that no other journey's demo login changes its password.
    const email = uniqueEmail("fachkraft");
    const admin = await loggedInAs(demoAccounts.orgAdmin);
    const invitation = await invitationLinkFor(admin, email);
    const office = await newPage();
    await office.goto(invitation);
    await office.getByLabel("Ihr Name").fill("Lea Sommer");
    await office.getByLabel("Passwort", { exact: true }).fill(FIRST_PASSWORD);
    await office.getByLabel("Passwort wiederholen").fill(FIRST_PASSWORD);
    await office.getByRole("button", { name: "Konto einrichten" }).click();
    await expect(office.getByRole("heading", { level: 1, name: "Mein Netzwerk" })).toBeVisible();
    await office.getByRole("button", { name: "Abmelden" }).click();
    await office.waitForURL("**/anmelden");

    // Weeks later she no longer knows her password and asks for a link.
    await office.getByRole("link", { name: "Passwort vergessen?" }).click();
    await expect(
      office.getByRole("heading", { level: 1, name: "Passwort vergessen" }),
    ).toBeVisible();
    await expectNoSeriousA11yViolations(office);
    await office.getByLabel("E-Mail-Adresse").fill(email);
    await office.getByRole("button", { name: "Link anfordern" }).click();
    await office.waitForURL("**/anmelden");
    await flash(office, "Wenn zu dieser E-Mail-Adresse ein Konto besteht");

    // Without a mail server the platform admin finds the mail in the Postausgang.
    const platformAdmin = await loggedInAs(demoAccounts.platformAdmin);
    const resetLink = await mailLink(platformAdmin, email, /\/passwort-neu\//);
    expect(resetLink).toMatch(/^https?:\/\/[^/]+\/passwort-neu\/[\w-]+$/);

    await office.goto(resetLink);
    await expect(
      office.getByRole("heading", { level: 1, name: "Neues Passwort festlegen" }),
    ).toBeVisible();
    await expect(office.getByLabel("E-Mail-Adresse")).toHaveValue(email);
    await expectNoSeriousA11yViolations(office);
    await office.getByLabel("Neues Passwort", { exact: true }).fill(NEW_PASSWORD);
    await office.getByLabel("Neues Passwort wiederholen").fill(NEW_PASSWORD);
    await office.getByRole("button", { name: "Passwort speichern" }).click();
    await office.waitForURL("**/anmelden");
    await flash(office, "Ihr Passwort ist neu gesetzt");
    // The link works once; the page answers 404 on purpose.
    browserErrors.allow(/\/passwort-neu\/.*status of 404/);
    await office.goto(resetLink);
    await expect(
      office.getByRole("heading", { level: 1, name: "Link nicht gültig" }),
    ).toBeVisible();

    await logIn(office, email, NEW_PASSWORD);
    await expect(office.getByRole("heading", { level: 1, name: "Mein Netzwerk" })).toBeVisible();

    // Mein Konto, from the account part of the header.
    await office.getByRole("banner").getByRole("link", { name: "Mein Konto" }).click();
    await expect(office.getByRole("heading", { level: 1, name: "Mein Konto" })).toBeVisible();
    await expect(office.getByLabel("Name", { exact: true })).toHaveValue("Lea Sommer");
    await expectNoSeriousA11yViolations(office);
    const accountPages = office.getByRole("navigation", { name: "Mein Konto" });

    // The second factor: the secret as text, confirmed with a code of her app.
    await accountPages.getByRole("link", { name: "Zweiter Faktor" }).click();
    await expect(
      office.getByRole("heading", { level: 2, name: "Zweiten Faktor einrichten" }),
    ).toBeVisible();
    await expect(
      office.getByRole("img", { name: "QR-Code mit dem Schlüssel für Ihre Authenticator-App" }),
    ).toBeVisible();
    await expectNoSeriousA11yViolations(office);
    // The key as she would type it into her app: 32 base32 letters, shown in groups of four.
    const secret = await office.getByText(/^(?:[A-Z2-7]{4} ?){8}$/).textContent();
    const app = authenticatorApp(secret!);
    await office.getByLabel("Code aus der App").fill(app.code());
    await office.getByRole("button", { name: "Einrichtung bestätigen" }).click();
    const recovery = office.getByRole("region", { name: "Ihre Wiederherstellungscodes" });
    await expect(recovery.getByText("Der zweite Faktor ist eingerichtet.")).toBeVisible();
    const recoveryCodes = await recovery.getByRole("listitem").allInnerTexts();
    expect(recoveryCodes).toHaveLength(10);
    await expectNoSeriousA11yViolations(office);
    await office.getByRole("link", { name: /Ich habe die Codes aufbewahrt/ }).click();
    await expect(office.getByText(/^Eingerichtet seit/)).toBeVisible();
    await expect(office.getByText("10 von 10")).toBeVisible();
    await expectNoSeriousA11yViolations(office);

    // From now on the login asks for a code after the password.
    await office.getByRole("banner").getByRole("button", { name: "Abmelden" }).click();
    await office.waitForURL("**/anmelden");
    await logIn(office, email, NEW_PASSWORD);
    await expect(office).toHaveURL((url) => url.pathname === "/anmelden/code");
    await expect(
      office.getByRole("heading", { level: 1, name: "Anmeldung bestätigen" }),
    ).toBeVisible();
    await expectNoSeriousA11yViolations(office);
    await office.getByLabel("Code aus der App").fill(app.code());
    await office.getByRole("button", { name: "Bestätigen" }).click();
    await expect(office.getByRole("heading", { level: 1, name: "Mein Netzwerk" })).toBeVisible();

    // On another computer, without her phone, she signs in with a recovery code.
    const elsewhere = await newPage();
    const elsewhereSocket = liveSocketOf(elsewhere);
    await logIn(elsewhere, email, NEW_PASSWORD);
    await elsewhere.getByRole("link", { name: "Wiederherstellungscode verwenden" }).click();
    await elsewhere.getByLabel("Wiederherstellungscode").fill(recoveryCodes[0]!);
    await elsewhere.getByRole("button", { name: "Bestätigen" }).click();
    await expect(elsewhere.getByRole("heading", { level: 1, name: "Mein Netzwerk" })).toBeVisible();
    const socket = await elsewhereSocket;
    expect(socket.isClosed()).toBe(false);

    // In her office she ends that session: its open page loses its live connection at once.
    await office.goto("/konto/sitzungen");
    await expect(office.getByRole("heading", { level: 2, name: "Sitzungen" })).toBeVisible();
    const sessions = office.getByRole("list", { name: "Ihre Sitzungen" }).getByRole("listitem");
    await expect(sessions).toHaveCount(2);
    await expect(sessions.filter({ hasText: "diese Sitzung" })).toHaveCount(1);
    await expectNoSeriousA11yViolations(office);
    await sessions
      .filter({ hasNotText: "diese Sitzung" })
      .getByRole("button", { name: /^Beenden/ })
      .click();
    await flash(office, "Die Sitzung wurde beendet.");
    await expect(sessions).toHaveCount(1);
    await expect(sessions.first()).toContainText("diese Sitzung");
    // Closed by the server, perhaps before this line: asked rather than waited for.
    await expect
      .poll(() => socket.isClosed(), { message: "Live-Verbindung bleibt offen" })
      .toBe(true);
    await elsewhere.reload();
    await expect(elsewhere).toHaveURL((url) => url.pathname === "/anmelden");

    // Mentions only once a day, in the digest.
    await office
      .getByRole("navigation", { name: "Mein Konto" })
      .getByRole("link", { name: "Benachrichtigungen" })
      .click();
    await expect(
      office.getByRole("heading", { level: 2, name: "Benachrichtigungen" }),
    ).toBeVisible();
    await expectNoSeriousA11yViolations(office);
    const mentions = office.getByRole("group", { name: "Erwähnung" });
    await mentions.getByRole("radio", { name: "In der Zusammenfassung" }).check();
    await office.getByLabel("Wie oft").selectOption({ label: "Täglich" });
    await office.getByLabel("Um (deutsche Zeit)").selectOption({ label: "07:00 Uhr" });
    await office.getByRole("button", { name: "Einstellungen speichern" }).click();
    await flash(office, "Ihre Benachrichtigungseinstellungen wurden gespeichert.");
    await office.reload();
    await expect(mentions.getByRole("radio", { name: "In der Zusammenfassung" })).toBeChecked();
    await expect(office.getByLabel("Wie oft")).toHaveValue("daily");
    await expect(office.getByLabel("Um (deutsche Zeit)")).toHaveValue("7");

    // Meine Daten: what she can download about herself.
    await office
      .getByRole("navigation", { name: "Mein Konto" })
      .getByRole("link", { name: "Meine Daten" })
      .click();
    await expect(
      office.getByRole("link", { name: "Lesbare Seite herunterladen (HTML)" }),
    ).toBeVisible();
    await expectNoSeriousA11yViolations(office);
  });
});
