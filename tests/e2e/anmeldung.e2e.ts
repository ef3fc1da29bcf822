import { describe, expect, test } from "vitest";
import { demoAccounts, expectNoSeriousA11yViolations, useBrowser } from "./browser";

describe("Anmeldung", () => {
  const browser = useBrowser();

  test("Eine falsche Anmeldung zeigt eine deutsche Fehlermeldung und behält die E-Mail-Adresse", async () => {
    const page = await browser.newPage();
    await page.goto("/anmelden");
    await page.getByRole("heading", { level: 1, name: "Anmelden" }).waitFor();
    await expectNoSeriousA11yViolations(page);

    await page.getByLabel("E-Mail-Adresse").fill(demoAccounts.staff);
    await page.getByLabel("Passwort", { exact: true }).fill("falsches-Passwort-123");
    await page.getByRole("button", { name: "Anmelden" }).click();

    await page
      .getByRole("alert")
      .filter({ hasText: "E-Mail-Adresse oder Passwort ist falsch." })
      .waitFor();
    expect(new URL(page.url()).pathname).toBe("/anmelden");
    expect(await page.getByLabel("E-Mail-Adresse").inputValue()).toBe(demoAccounts.staff);
    await expectNoSeriousA11yViolations(page);
  });
});
