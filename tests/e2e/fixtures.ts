import {
  test as base,
  expect,
  type BrowserContext,
  type BrowserContextOptions,
  type Page,
} from "@playwright/test";
import { liveConnectionEstablished } from "./live";

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
  /**
   * `newPage`, logged in as `email` with `logInLive`: once it is returned, whatever others change
   * reaches the page live.
   */
  loggedInLiveAs: (email: string) => Promise<Page>;
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

  loggedInLiveAs: async ({ newPage }, provide) => {
    await provide(async (email) => {
      const page = await newPage();
      await logInLive(page, email);
      return page;
    });
  },
});

/** Logs in through the login form, as a person would, and waits for the page behind it. */
export async function logIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto("/anmelden");
  await page.getByLabel("E-Mail-Adresse").fill(email);
  await page.getByLabel("Passwort", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Anmelden" }).click();
  await page.waitForURL((url) => url.pathname !== "/anmelden");
}

/**
 * Logs in as `logIn` does and waits until the signed-in page's live connection is up, so that no
 * live change made from then on can pass the page by.
 */
export async function logInLive(page: Page, email: string): Promise<void> {
  const live = liveConnectionEstablished(page);
  await logIn(page, email);
  await live;
}

/** A unique address per run, so journeys can be repeated against the same database. */
export function uniqueEmail(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}@example.org`;
}

/** Random letters per run, no digits, for titles that must be unique in the shared demo data. */
export function uniqueSuffix(length = 6): string {
  const letters = "abcdefghijklmnopqrstuvwxyz";
  return Array.from({ length }, () => letters[Math.floor(Math.random() * 26)]).join("");
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
