import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { demoAccounts, expectNoSeriousA11yViolations, logIn, useBrowser } from "./browser";

const PHONE = { width: 360, height: 740 };

async function expectNoSidewaysScrolling(page: Page): Promise<void> {
  const scrollWidth = await page.evaluate(() => document.scrollingElement!.scrollWidth);
  expect(scrollWidth, `${page.url()} ist breiter als der Bildschirm`).toBeLessThanOrEqual(
    PHONE.width,
  );
}

describe("Mobile Ansicht", () => {
  const browser = useBrowser();

  test("Eine Fachkraft sieht „Mein Netzwerk“ auf dem Smartphone ohne seitliches Scrollen", async () => {
    const page = await browser.newPage({ viewport: PHONE, isMobile: true, hasTouch: true });
    await logIn(page, demoAccounts.staff);
    await page.getByRole("heading", { level: 1, name: "Mein Netzwerk" }).waitFor();
    await page.getByRole("heading", { level: 2, name: "Netzwerk ABC Weimarer Land" }).waitFor();

    await expectNoSidewaysScrolling(page);
    await expectNoSeriousA11yViolations(page);
  });

  test("Ein Arbeitgeber legt auf dem Smartphone eine Veranstaltung an und sieht ihre Reservierungen ohne seitliches Scrollen", async () => {
    const page = await browser.newPage({ viewport: PHONE, isMobile: true, hasTouch: true });
    await logIn(page, demoAccounts.employer);
    await page.goto(new URL("/veranstaltungen/neu", page.url()).toString());
    await page.getByRole("heading", { level: 1, name: "Veranstaltung anlegen" }).waitFor();
    await expectNoSidewaysScrolling(page);

    // The demo information session has reservations: a wide table that must scroll by itself.
    await page.goto(new URL("/veranstaltungen?ansicht=liste", page.url()).toString());
    await page
      .getByRole("link", { name: "Montagehelfer in der Solarbranche – Informationsveranstaltung" })
      .click();
    await page.getByRole("table", { name: "Alle Reservierungen" }).waitFor();
    await expectNoSidewaysScrolling(page);
    await expectNoSeriousA11yViolations(page);
  });
});
