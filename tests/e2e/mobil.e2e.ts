import type { Page } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./a11y";
import { demoAccounts, expect, test } from "./fixtures";

const PHONE = { width: 360, height: 740 };
const ON_A_PHONE = { viewport: PHONE, isMobile: true, hasTouch: true };

async function expectNoSidewaysScrolling(page: Page): Promise<void> {
  const scrollWidth = await page.evaluate(() => document.scrollingElement!.scrollWidth);
  expect(scrollWidth, `${page.url()} ist breiter als der Bildschirm`).toBeLessThanOrEqual(
    PHONE.width,
  );
}

test.describe("Mobile Ansicht", () => {
  test("Eine Fachkraft sieht „Mein Netzwerk“ auf dem Smartphone ohne seitliches Scrollen", async ({
    loggedInAs,
  }) => {
    const page = await loggedInAs(demoAccounts.staff, ON_A_PHONE);
    await expect(page.getByRole("heading", { level: 1, name: "Mein Netzwerk" })).toBeVisible();
    await expect(
      page.getByRole("heading", { level: 2, name: "Netzwerk ABC Weimarer Land" }),
    ).toBeVisible();

    await expectNoSidewaysScrolling(page);
    await expectNoSeriousA11yViolations(page);
  });

  test("Ein Arbeitgeber legt auf dem Smartphone eine Veranstaltung an und sieht ihre Reservierungen ohne seitliches Scrollen", async ({
    loggedInAs,
  }) => {
    const page = await loggedInAs(demoAccounts.employer, ON_A_PHONE);
    await page.goto("/veranstaltungen/neu");
    await expect(
      page.getByRole("heading", { level: 1, name: "Veranstaltung anlegen" }),
    ).toBeVisible();
    await expectNoSidewaysScrolling(page);

    // The demo information session has reservations: a wide table that must scroll by itself.
    await page.goto("/veranstaltungen?ansicht=liste");
    await page
      .getByRole("link", { name: "Montagehelfer in der Solarbranche – Informationsveranstaltung" })
      .click();
    await expect(page.getByRole("table", { name: "Alle Reservierungen" })).toBeVisible();
    await expectNoSidewaysScrolling(page);
    await expectNoSeriousA11yViolations(page);
  });
});
