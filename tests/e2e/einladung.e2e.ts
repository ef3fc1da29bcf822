import { expectNoSeriousA11yViolations } from "./a11y";
import { demoAccounts, expect, test, uniqueEmail } from "./fixtures";
import { flash } from "./forms";
import { mainNavigation } from "./navigation";

test.describe("Einladung neuer Mitglieder", () => {
  test("Eine Organisations-Administration lädt eine neue Kollegin ein, die sich registriert, „Mein Netzwerk“ sieht und sich abmeldet", async ({
    loggedInAs,
    newPage,
    browserErrors,
  }) => {
    const email = uniqueEmail("neu");

    // Die Administration der Schuldnerberatung meldet sich an und öffnet die Mitgliederverwaltung.
    const admin = await loggedInAs(demoAccounts.orgAdmin);
    await expect(admin.getByRole("heading", { level: 1, name: "Mein Netzwerk" })).toBeVisible();
    await expectNoSeriousA11yViolations(admin);

    await mainNavigation(admin).getByRole("link", { name: "Mitglieder" }).click();
    await admin.waitForURL("**/organisation/mitglieder");
    await expectNoSeriousA11yViolations(admin);

    const inviteForm = admin.getByRole("region", { name: "Mitglied einladen" });
    await inviteForm.getByLabel("E-Mail-Adresse").fill(email);
    await inviteForm.getByLabel("Rolle").selectOption({ label: "Fachkraft" });
    await inviteForm.getByRole("button", { name: "Einladung verschicken" }).click();
    await flash(admin, "Die Einladung wurde verschickt.");
    await expect(
      admin.getByRole("region", { name: "Offene Einladungen" }).getByText(`${email} – Fachkraft`),
    ).toBeVisible();
    await expectNoSeriousA11yViolations(admin);

    // Ohne Mailserver landet die Einladung im Postausgang.
    await mainNavigation(admin).getByRole("link", { name: "Postausgang" }).click();
    await admin.waitForURL("**/postausgang");
    await expect(admin.getByRole("heading", { level: 1, name: "Postausgang" })).toBeVisible();
    await expectNoSeriousA11yViolations(admin);
    const mail = admin.getByRole("article").filter({ hasText: `An ${email}` });
    // Each mail shows its sending state; without a mail server it waits.
    await expect(mail.getByText("Status: Wartet")).toBeVisible();
    const invitation = mail.getByRole("link", { name: /\/einladung\// });
    await expect(invitation).toHaveAttribute("href", /^https?:\/\/[^/]+\/einladung\/[\w-]+$/);
    const invitationLink = (await invitation.getAttribute("href"))!;

    // Die neue Kollegin öffnet den Link in ihrem eigenen Browser.
    const colleague = await newPage();
    await colleague.goto(invitationLink);
    await expect(
      colleague.getByRole("heading", { level: 1, name: "Einladung annehmen" }),
    ).toBeVisible();
    await expect(colleague.getByLabel("E-Mail-Adresse")).toHaveValue(email);
    await expectNoSeriousA11yViolations(colleague);

    await colleague.getByLabel("Ihr Name").fill("Miriam Neubert");
    await colleague.getByLabel("Passwort", { exact: true }).fill("Beratung-im-Netzwerk-2026!");
    await colleague.getByLabel("Passwort wiederholen").fill("Beratung-im-Netzwerk-2026!");
    await colleague.getByRole("button", { name: "Konto einrichten" }).click();

    await colleague.waitForURL("**/netzwerk");
    await expect(colleague.getByRole("heading", { level: 1, name: "Mein Netzwerk" })).toBeVisible();
    await flash(colleague, "Willkommen! Ihr Konto ist eingerichtet.");
    await expect(
      colleague.getByRole("heading", { level: 2, name: "Netzwerk ABC Weimarer Land" }),
    ).toBeVisible();
    await expect(
      colleague.getByText("Fachkraft · Diakonie Schuldnerberatung Apolda"),
    ).toBeVisible();
    await expectNoSeriousA11yViolations(colleague);

    // Abmelden führt zur Anmeldung zurück; geschützte Seiten sind danach zu.
    await colleague.getByRole("button", { name: "Abmelden" }).click();
    await colleague.waitForURL("**/anmelden");
    await expect(colleague.getByRole("heading", { level: 1, name: "Anmelden" })).toBeVisible();
    await flash(colleague, "Sie wurden abgemeldet.");
    await expectNoSeriousA11yViolations(colleague);

    await colleague.goto("/netzwerk");
    await expect(colleague).toHaveURL((url) => url.pathname === "/anmelden");

    // Die Einladung ist verbraucht; die Seite antwortet bewusst mit 404.
    browserErrors.allow(/\/einladung\/.*status of 404/);
    await colleague.goto(invitationLink);
    await expect(
      colleague.getByRole("heading", { level: 1, name: "Einladung nicht gültig" }),
    ).toBeVisible();
    await expectNoSeriousA11yViolations(colleague);
  });
});
