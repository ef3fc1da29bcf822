/** The accessibility check every journey runs on the pages it passes. */
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";

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
