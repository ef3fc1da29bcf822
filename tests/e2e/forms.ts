/** Filling in and sending forms, and reading what the portal answers: field errors, toasts. */
import { expect, type Locator, type Page } from "@playwright/test";

/**
 * Waits until the rich-text editor `label` in `scope` has replaced its plain textarea: it shows
 * its toolbar once the page is hydrated.
 */
export async function expectEditorReady(scope: Page | Locator, label: string): Promise<void> {
  await expect(scope.getByRole("toolbar", { name: `Formatierung: ${label}` })).toBeVisible();
}

/** The toast that contains `message`: flash messages and live notices share a polite live region. */
export function toast(page: Page, message: string): Locator {
  return page.getByRole("status").filter({ hasText: message });
}

/** Waits for a flash message (or a live notice) among the toasts. */
export function flash(page: Page, message: string, options?: { timeout?: number }): Promise<void> {
  return expect(toast(page, message)).toBeVisible(options);
}

/**
 * Clicks a form's submit button and returns the HTTP status of the form's POST to the current
 * page (a rejected form answers 400), ignoring other requests such as socket.io polling.
 */
export async function submitForStatus(page: Page, button: Locator): Promise<number> {
  const path = new URL(page.url()).pathname;
  const answer = page.waitForResponse(
    (response) =>
      response.request().method() === "POST" && new URL(response.url()).pathname === path,
  );
  await button.click();
  return (await answer).status();
}

/** A field's own error text, found through its aria-describedby as a screen reader finds it. */
export async function fieldError(field: Locator): Promise<Locator> {
  await expect(field).toHaveAttribute("aria-describedby", /-fehler\b/);
  const describedBy = (await field.getAttribute("aria-describedby")) ?? "";
  const errorId = describedBy.split(" ").find((id) => id.endsWith("-fehler"));
  return field.page().locator(`[id="${errorId}"]`);
}

/** The option a select shows as chosen. */
export function selectedOption(select: Locator): Locator {
  return select.locator("option:checked");
}
