import axe from "axe-core";
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Locator,
  type Page,
} from "playwright-core";
import { afterAll, afterEach, beforeAll, expect, inject } from "vitest";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

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

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

/**
 * One browser per test file, a fresh context (own cookies) per `newPage` call. Every context is
 * closed after its test, and uncaught script errors or console errors on any page fail the test.
 */
export function useBrowser() {
  let browser: Browser | undefined;
  let contexts: BrowserContext[] = [];
  let problems: string[] = [];
  let allowed: RegExp[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterEach(async () => {
    const open = contexts;
    contexts = [];
    await Promise.all(open.map((context) => context.close()));
    const found = problems.filter((problem) => !allowed.some((pattern) => pattern.test(problem)));
    problems = [];
    allowed = [];
    expect(found, "Fehler im Browser während der Journey").toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
  });

  return {
    /** Accepts browser errors matching `pattern` in the current test, e.g. an intended 404. */
    allowError(pattern: RegExp) {
      allowed.push(pattern);
    },

    async newPage(options: BrowserContextOptions = {}): Promise<Page> {
      if (!browser) throw new Error("Der Browser ist noch nicht gestartet.");
      const context = await browser.newContext({
        baseURL: inject("baseUrl"),
        locale: "de-DE",
        timezoneId: "Europe/Berlin",
        ...options,
      });
      contexts.push(context);
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
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
      return page;
    },
  };
}

const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/**
 * Runs axe-core on the current page and fails on serious or critical violations. axe is evaluated
 * through the DevTools protocol, which the page's nonce-based CSP does not block, so the check
 * runs against the real CSP (no bypassCSP).
 */
export async function expectNoSeriousA11yViolations(page: Page): Promise<void> {
  await page.waitForLoadState("load");
  const loaded = await page.evaluate(() => "axe" in window);
  if (!loaded) await page.evaluate(axe.source);
  const violations = await page.evaluate(async (tags) => {
    const runner = (window as unknown as { axe: typeof axe }).axe;
    const results = await runner.run(document, { runOnly: { type: "tag", values: tags } });
    return results.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact ?? null,
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.join(" ")),
    }));
  }, AXE_TAGS);
  const serious = violations.filter(
    (violation) => violation.impact === "serious" || violation.impact === "critical",
  );
  if (serious.length > 0) {
    const report = serious
      .map(
        (violation) =>
          `- ${violation.id} (${violation.impact}): ${violation.help}\n    ${violation.targets.join("\n    ")}`,
      )
      .join("\n");
    throw new Error(
      `Barrierefreiheit: ${serious.length} schwere Verstöße auf ${page.url()}\n${report}`,
    );
  }
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
export async function fieldErrorText(field: Locator): Promise<string | null> {
  const describedBy = (await field.getAttribute("aria-describedby")) ?? "";
  const errorId = describedBy.split(" ").find((id) => id.endsWith("-fehler"));
  if (!errorId) return null;
  return field.page().locator(`[id="${errorId}"]`).textContent();
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
