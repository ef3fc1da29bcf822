import type { Locator, Page } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./a11y";
import { demoAccounts, expect, logIn, test } from "./fixtures";
import { mainNavigation } from "./navigation";

const PHONE = { width: 360, height: 740 };
const ON_A_PHONE = { viewport: PHONE, isMobile: true, hasTouch: true };
/** A small phone: the page's heading must be in its first screen, below the header. */
const SMALL_PHONE = { viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true };

async function expectNoSidewaysScrolling(page: Page): Promise<void> {
  const scrollWidth = await page.evaluate(() => document.scrollingElement!.scrollWidth);
  expect(scrollWidth, `${page.url()} ist breiter als der Bildschirm`).toBeLessThanOrEqual(
    PHONE.width,
  );
}

function pageHeading(page: Page, name: string): Locator {
  return page.getByRole("heading", { level: 1, name });
}

/** The header's „Menü“ button (hydrated) or link (without JavaScript). */
function menuButton(page: Page): Locator {
  return page.getByRole("banner").getByRole("button", { name: "Menü" });
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

test.describe("Kopfzeile auf dem Smartphone", () => {
  test("Navigation und Konto liegen hinter einem Menü-Knopf, der sich mit der Tastatur öffnen und schließen lässt", async ({
    loggedInAs,
  }) => {
    const page = await loggedInAs(demoAccounts.staff, SMALL_PHONE);
    // The heading is in the first screen; the folded navigation takes no room.
    await expect(pageHeading(page, "Mein Netzwerk")).toBeInViewport({ ratio: 1 });
    const menu = menuButton(page);
    await expect(menu).toHaveAttribute("aria-expanded", "false");
    await expect(mainNavigation(page)).toBeHidden();
    await expect(page.getByRole("button", { name: "Abmelden" })).toBeHidden();
    // One line of header: brand and button (the unfolded navigation took 250 px here).
    expect((await page.getByRole("banner").boundingBox())!.height).toBeLessThan(90);
    await expectNoSidewaysScrolling(page);
    await expectNoSeriousA11yViolations(page);

    // From the top of a freshly loaded page: skip link, brand, menu button.
    await page.reload();
    await expect(menu).toHaveAttribute("aria-expanded", "false");
    await page.keyboard.press("Tab");
    await expect(page.getByRole("link", { name: "Zum Inhalt springen" })).toBeFocused();
    await page.keyboard.press("Tab");
    await expect(page.getByRole("link", { name: "Netzwerke ABC" })).toBeFocused();
    await page.keyboard.press("Tab");
    await expect(menu).toBeFocused();

    // Enter opens the menu; Tab walks through every navigation entry, then the account.
    await page.keyboard.press("Enter");
    await expect(menu).toHaveAttribute("aria-expanded", "true");
    // The part of the page the button opens, as a screen reader finds it.
    const controlled = page.locator(`#${await menu.getAttribute("aria-controls")}`);
    await expect(controlled.getByRole("navigation", { name: "Hauptnavigation" })).toBeVisible();
    const links = mainNavigation(page).getByRole("link");
    await expect(links.first()).toBeVisible();
    const names = await links.allInnerTexts();
    expect(names.slice(0, 2)).toEqual(["Mein Netzwerk", "Ideenbörse"]);
    for (const name of names) {
      await page.keyboard.press("Tab");
      await expect(mainNavigation(page).getByRole("link", { name, exact: true })).toBeFocused();
    }
    await page.keyboard.press("Tab");
    await expect(page.getByRole("link", { name: "Mein Konto" })).toBeFocused();
    await page.keyboard.press("Tab");
    await expect(page.getByRole("button", { name: "Abmelden" })).toBeFocused();
    await expect(page.getByText("Fachkraft · Jobcenter Weimarer Land")).toBeVisible();
    await expectNoSidewaysScrolling(page);
    await expectNoSeriousA11yViolations(page);

    // Escape closes the menu and brings focus back to its button; Space opens it again.
    await page.keyboard.press("Escape");
    await expect(menu).toHaveAttribute("aria-expanded", "false");
    await expect(menu).toBeFocused();
    await expect(mainNavigation(page)).toBeHidden();
    await page.keyboard.press("Space");
    await expect(menu).toHaveAttribute("aria-expanded", "true");
    await page.keyboard.press("Space");
    await expect(menu).toHaveAttribute("aria-expanded", "false");
    await expect(mainNavigation(page)).toBeHidden();

    // Following an entry closes the menu; focus goes to the new page, not to a hidden link.
    await page.keyboard.press("Enter");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    await expect(mainNavigation(page).getByRole("link", { name: "Ideenbörse" })).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(pageHeading(page, "Ideenbörse")).toBeInViewport();
    await expect(menu).toHaveAttribute("aria-expanded", "false");
    await expect(mainNavigation(page)).toBeHidden();
    await expect(page.getByRole("main")).toBeFocused();

    // Not only the first page: every page's heading is in its first screen.
    for (const [path, heading] of [
      ["/postausgang", "Postausgang"],
      ["/konto", "Mein Konto"],
      ["/uebergaben/eingang", "Eingang"],
    ] as const) {
      await page.goto(path);
      await expect(pageHeading(page, heading)).toBeInViewport({ ratio: 1 });
    }
  });

  test("Ohne JavaScript öffnet der Menü-Link die Navigation", async ({ newPage }) => {
    const page = await newPage({ ...SMALL_PHONE, javaScriptEnabled: false });
    await logIn(page, demoAccounts.staff);
    await expect(pageHeading(page, "Mein Netzwerk")).toBeInViewport({ ratio: 1 });
    await expect(mainNavigation(page)).toBeHidden();

    await page.getByRole("banner").getByRole("link", { name: "Menü" }).click();
    await expect(mainNavigation(page)).toBeVisible();
    await expect(page.getByRole("link", { name: "Mein Konto" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Abmelden" })).toBeVisible();
    await mainNavigation(page).getByRole("link", { name: "Ideenbörse" }).click();
    await expect(pageHeading(page, "Ideenbörse")).toBeInViewport();
    // A new page starts with the menu folded again.
    await expect(mainNavigation(page)).toBeHidden();
  });
});

test.describe("Kopfzeile auf breitem Bildschirm", () => {
  test("Navigation und Konto stehen offen in der Kopfzeile, ohne Menü-Knopf", async ({
    loggedInAs,
  }) => {
    const page = await loggedInAs(demoAccounts.platformAdmin);
    await expect(mainNavigation(page)).toBeVisible();
    await expect(page.getByRole("banner").getByRole("button", { name: "Menü" })).toBeHidden();
    await expect(mainNavigation(page).getByRole("link", { name: "Anmeldung" })).toHaveAttribute(
      "href",
      "/verwaltung/anmeldung",
    );
    await expect(page.getByRole("link", { name: "Mein Konto" })).toHaveAttribute("href", "/konto");
    await expect(page.getByRole("button", { name: "Abmelden" })).toBeVisible();
    // The header keeps to one band above the page's heading.
    const heading = await pageHeading(page, "Mein Netzwerk").boundingBox();
    expect(heading!.y).toBeLessThan(200);
    await expectNoSeriousA11yViolations(page);
  });
});
