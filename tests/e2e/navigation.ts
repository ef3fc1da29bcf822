/** Moving through the signed-in portal as a person does: by its links and their headings. */
import { expect, type Locator, type Page } from "@playwright/test";

/** The main navigation of the signed-in layout. */
export function mainNavigation(page: Page): Locator {
  return page.getByRole("navigation", { name: "Hauptnavigation" });
}

/**
 * Clicks the link `name` in `scope` (a page or a part of one) and waits for the page it leads
 * to, whose main heading (h1) is `heading`.
 */
export async function followLink(
  scope: Page | Locator,
  name: string | RegExp,
  heading: string | RegExp = name,
): Promise<void> {
  const page = "page" in scope ? scope.page() : scope;
  await scope.getByRole("link", { name }).click();
  await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
}

/** `followLink` in the main navigation. */
export function followNavigation(
  page: Page,
  name: string | RegExp,
  heading: string | RegExp = name,
): Promise<void> {
  return followLink(mainNavigation(page), name, heading);
}
