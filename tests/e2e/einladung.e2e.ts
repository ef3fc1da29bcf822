import { describe, expect, test } from "vitest";
import {
  demoAccounts,
  expectNoSeriousA11yViolations,
  logIn,
  uniqueEmail,
  useBrowser,
} from "./browser";

describe("Einladung neuer Mitglieder", () => {
  const browser = useBrowser();

  test("Eine Organisations-Administration lädt eine neue Kollegin ein, die sich registriert, „Mein Netzwerk“ sieht und sich abmeldet", async () => {
    const email = uniqueEmail("neu");

    // Die Administration der Schuldnerberatung meldet sich an und öffnet die Mitgliederverwaltung.
    const admin = await browser.newPage();
    await logIn(admin, demoAccounts.orgAdmin);
    await expect
      .poll(() => admin.getByRole("heading", { level: 1, name: "Mein Netzwerk" }).isVisible())
      .toBe(true);
    await expectNoSeriousA11yViolations(admin);

    await admin
      .getByRole("navigation", { name: "Hauptnavigation" })
      .getByRole("link", { name: "Mitglieder" })
      .click();
    await admin.waitForURL("**/organisation/mitglieder");
    await expectNoSeriousA11yViolations(admin);

    const inviteForm = admin.getByRole("region", { name: "Mitglied einladen" });
    await inviteForm.getByLabel("E-Mail-Adresse").fill(email);
    await inviteForm.getByLabel("Rolle").selectOption({ label: "Fachkraft" });
    await inviteForm.getByRole("button", { name: "Einladung verschicken" }).click();
    await admin
      .getByRole("status")
      .filter({ hasText: "Die Einladung wurde verschickt." })
      .waitFor();
    await admin
      .getByRole("region", { name: "Offene Einladungen" })
      .getByText(`${email} – Fachkraft`)
      .waitFor();
    await expectNoSeriousA11yViolations(admin);

    // Ohne Mailserver landet die Einladung im Postausgang.
    await admin
      .getByRole("navigation", { name: "Hauptnavigation" })
      .getByRole("link", { name: "Postausgang" })
      .click();
    await admin.waitForURL("**/postausgang");
    await admin.getByRole("heading", { level: 1, name: "Postausgang" }).waitFor();
    await expectNoSeriousA11yViolations(admin);
    const mail = admin.getByRole("article").filter({ hasText: `An ${email}` });
    // Each mail shows its sending state; without a mail server it waits.
    await mail.getByText("Status: Wartet").waitFor();
    const invitationLink = await mail
      .getByRole("link", { name: /\/einladung\// })
      .getAttribute("href");
    expect(invitationLink).toMatch(/^https?:\/\/[^/]+\/einladung\/[\w-]+$/);

    // Die neue Kollegin öffnet den Link in ihrem eigenen Browser.
    const colleague = await browser.newPage();
    await colleague.goto(invitationLink!);
    await colleague.getByRole("heading", { level: 1, name: "Einladung annehmen" }).waitFor();
    await expect.poll(() => colleague.getByLabel("E-Mail-Adresse").inputValue()).toBe(email);
    await expectNoSeriousA11yViolations(colleague);

    await colleague.getByLabel("Ihr Name").fill("Miriam Neubert");
    await colleague.getByLabel("Passwort", { exact: true }).fill("Beratung-im-Netzwerk-2026!");
    await colleague.getByLabel("Passwort wiederholen").fill("Beratung-im-Netzwerk-2026!");
    await colleague.getByRole("button", { name: "Konto einrichten" }).click();

    await colleague.waitForURL("**/netzwerk");
    await colleague.getByRole("heading", { level: 1, name: "Mein Netzwerk" }).waitFor();
    await colleague
      .getByRole("status")
      .filter({ hasText: "Willkommen! Ihr Konto ist eingerichtet." })
      .waitFor();
    await colleague
      .getByRole("heading", { level: 2, name: "Netzwerk ABC Weimarer Land" })
      .waitFor();
    await expect
      .poll(() => colleague.getByText("Fachkraft · Diakonie Schuldnerberatung Apolda").isVisible())
      .toBe(true);
    await expectNoSeriousA11yViolations(colleague);

    // Abmelden führt zur Anmeldung zurück; geschützte Seiten sind danach zu.
    await colleague.getByRole("button", { name: "Abmelden" }).click();
    await colleague.waitForURL("**/anmelden");
    await colleague.getByRole("heading", { level: 1, name: "Anmelden" }).waitFor();
    await colleague.getByRole("status").filter({ hasText: "Sie wurden abgemeldet." }).waitFor();
    await expectNoSeriousA11yViolations(colleague);

    await colleague.goto("/netzwerk");
    await expect.poll(() => new URL(colleague.url()).pathname).toBe("/anmelden");

    // Die Einladung ist verbraucht; die Seite antwortet bewusst mit 404.
    browser.allowError(/\/einladung\/.*status of 404/);
    await colleague.goto(invitationLink!);
    await colleague.getByRole("heading", { level: 1, name: "Einladung nicht gültig" }).waitFor();
    await expectNoSeriousA11yViolations(colleague);
  });
});
