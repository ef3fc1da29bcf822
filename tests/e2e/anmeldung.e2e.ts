import { expectNoSeriousA11yViolations } from "./a11y";
import { demoAccounts, expect, test } from "./fixtures";

test.describe("Anmeldung", () => {
  test("Eine falsche Anmeldung zeigt eine deutsche Fehlermeldung und behält die E-Mail-Adresse", async ({
    newPage,
  }) => {
    const page = await newPage();
    await page.goto("/anmelden");
    await expect(page.getByRole("heading", { level: 1, name: "Anmelden" })).toBeVisible();
    await expectNoSeriousA11yViolations(page);

    await page.getByLabel("E-Mail-Adresse").fill(demoAccounts.staff);
    await page.getByLabel("Passwort", { exact: true }).fill("falsches-Passwort-123");
    await page.getByRole("button", { name: "Anmelden" }).click();

    await expect(
      page.getByRole("alert").filter({ hasText: "E-Mail-Adresse oder Passwort ist falsch." }),
    ).toBeVisible();
    await expect(page).toHaveURL((url) => url.pathname === "/anmelden");
    await expect(page.getByLabel("E-Mail-Adresse")).toHaveValue(demoAccounts.staff);
    await expectNoSeriousA11yViolations(page);
  });
});
