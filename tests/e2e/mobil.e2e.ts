import { describe, expect, test } from "vitest";
import { demoAccounts, expectNoSeriousA11yViolations, logIn, useBrowser } from "./browser";

describe("Mobile Ansicht", () => {
  const browser = useBrowser();

  test("Eine Fachkraft sieht „Mein Netzwerk“ auf dem Smartphone ohne seitliches Scrollen", async () => {
    const page = await browser.newPage({
      viewport: { width: 360, height: 740 },
      isMobile: true,
      hasTouch: true,
    });
    await logIn(page, demoAccounts.staff);
    await page.getByRole("heading", { level: 1, name: "Mein Netzwerk" }).waitFor();
    await page.getByRole("heading", { level: 2, name: "Netzwerk ABC Weimarer Land" }).waitFor();

    const scrollWidth = await page.evaluate(() => document.scrollingElement!.scrollWidth);
    expect(scrollWidth, "Die Seite ist breiter als der Bildschirm").toBeLessThanOrEqual(360);
    await expectNoSeriousA11yViolations(page);
  });
});
