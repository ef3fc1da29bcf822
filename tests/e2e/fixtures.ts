import AxeBuilder from "@axe-core/playwright";
import {
  test as base,
  expect,
  type BrowserContext,
  type BrowserContextOptions,
  type Locator,
  type Page,
} from "@playwright/test";

export { expect };

/** Password of every demo account (app/demo/demo-data.server.ts). */
export const DEMO_PASSWORD = "Netzwerk-ABC-Demo-2026";

export const demoAccounts = {
  orgAdmin: "admin.schuldnerberatung@example.org",
  staff: "fachkraft.jobcenter@example.org",
  coordinator: "koordination.weimarerland@example.org",
  platformAdmin: "plattform@example.org",
  employer: "personal@solartechnik-apolda.example.org",
  /** Organisation-Administration of BBI Bitterfeld, which is not in „Netzwerk ABC Weimarer Land“. */
  bbiAdmin: "admin.bbi@example.org",
} as const;

export interface BrowserErrors {
  /** Accepts browser errors matching `pattern` in the current test, e.g. an intended 404. */
  allow(pattern: RegExp): void;
}

interface JourneyFixtures {
  /**
   * Uncaught script errors and console errors of every page opened with `newPage`: any that is
   * not allowed fails the test once its pages are closed.
   */
  browserErrors: BrowserErrors & { record(page: Page): void };
  /**
   * A page in a browser context of its own (own cookies): one more person at her own computer.
   * The context gets the project's options (baseURL, locale, time zone) under `options`, and
   * Playwright traces it like its own.
   */
  newPage: (options?: BrowserContextOptions) => Promise<Page>;
  /** `newPage`, logged in through the login form as the demo account `email`. */
  loggedInAs: (email: string, options?: BrowserContextOptions) => Promise<Page>;
}

export const test = base.extend<JourneyFixtures>({
  // Playwright reads the fixtures a fixture needs from this pattern, so it must be one.
  // eslint-disable-next-line no-empty-pattern
  browserErrors: async ({}, provide) => {
    const problems: string[] = [];
    const allowed: RegExp[] = [];
    await provide({
      allow: (pattern) => allowed.push(pattern),
      record(page) {
        page.on("pageerror", (error) => problems.push(`${page.url()}: ${error.message}`));
        page.on("console", (message) => {
          if (message.type() !== "error") return;
          // A rejected form answers 400 on purpose; Chrome logs every non-2xx fetch as an error.
          if (/Failed to load resource: .* status of 400/.test(message.text())) return;
          const source = message.location().url;
          problems.push(
            `${page.url()}: console.error ${message.text()}${source ? ` (${source})` : ""}`,
          );
        });
      },
    });
    const found = problems.filter((problem) => !allowed.some((pattern) => pattern.test(problem)));
    expect(found, "Fehler im Browser während der Journey").toEqual([]);
  },

  newPage: async ({ browser, browserErrors }, provide) => {
    const contexts: BrowserContext[] = [];
    await provide(async (options = {}) => {
      const context = await browser.newContext(options);
      contexts.push(context);
      const page = await context.newPage();
      browserErrors.record(page);
      return page;
    });
    await Promise.all(contexts.map((context) => context.close()));
  },

  loggedInAs: async ({ newPage }, provide) => {
    await provide(async (email, options) => {
      const page = await newPage(options);
      await logIn(page, email);
      return page;
    });
  },
});

const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/**
 * Runs axe-core on the current page and fails on serious or critical violations. axe is evaluated
 * through the DevTools protocol, which the page's nonce-based CSP does not block, so the check
 * runs against the real CSP (no bypassCSP).
 */
export async function expectNoSeriousA11yViolations(page: Page): Promise<void> {
  await test.step(
    `Barrierefreiheit (axe): ${page.url()}`,
    async () => {
      await page.waitForLoadState("load");
      // Legacy mode runs axe.run in the page itself. The portal has no frames, and the default
      // mode opens a blank page for every check to merge frame results: twice the time per check.
      const { violations } = await new AxeBuilder({ page })
        .withTags(AXE_TAGS)
        .setLegacyMode()
        .analyze();
      const serious = violations.filter(
        (violation) => violation.impact === "serious" || violation.impact === "critical",
      );
      const report = serious
        .map(
          (violation) =>
            `- ${violation.id} (${violation.impact}): ${violation.help}\n    ${violation.nodes.map((node) => node.target.join(" ")).join("\n    ")}`,
        )
        .join("\n");
      expect(
        serious.length,
        `Barrierefreiheit: schwere Verstöße auf ${page.url()}\n${report}`,
      ).toBe(0);
    },
    { box: true },
  );
}

/** Logs in through the login form, as a person would, and waits for the page behind it. */
export async function logIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto("/anmelden");
  await page.getByLabel("E-Mail-Adresse").fill(email);
  await page.getByLabel("Passwort", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Anmelden" }).click();
  await page.waitForURL((url) => url.pathname !== "/anmelden");
}

/** Resolves once socket.io has completed its handshake on this page (connect packet "40"). */
export function liveConnectionEstablished(page: Page): Promise<void> {
  return new Promise((resolve) => {
    page.on("websocket", (socket) => {
      socket.on("framereceived", (frame) => {
        if (typeof frame.payload === "string" && frame.payload.startsWith("40")) resolve();
      });
    });
  });
}

/** A unique address per run, so journeys can be repeated against the same database. */
export function uniqueEmail(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}@example.org`;
}

/** Six letters per run, no digits, for titles that must be unique in the shared demo data. */
export function uniqueSuffix(): string {
  const letters = "abcdefghijklmnopqrstuvwxyz";
  return Array.from({ length: 6 }, () => letters[Math.floor(Math.random() * 26)]).join("");
}

/** The main navigation of the signed-in layout. */
export function mainNavigation(page: Page): Locator {
  return page.getByRole("navigation", { name: "Hauptnavigation" });
}

/**
 * Records every navigation of the page's main frame, including client-side ones; a list that
 * stays empty proves that a change arrived live and not through a reload or a link.
 */
export function recordNavigations(page: Page): string[] {
  const navigations: string[] = [];
  page.on("framenavigated", (frame) => {
    if (frame === page.mainFrame()) navigations.push(frame.url());
  });
  return navigations;
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

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
