import { describe, expect, test } from "vitest";
import { demoAccounts, expectNoSeriousA11yViolations, logIn, useBrowser } from "./browser";

const NETWORK = "Netzwerk ABC Weimarer Land";
const ORGANIZATION = "Kreishandwerkerschaft Weimarer Land";
const ORGANIZATION_ADMIN = "admin.khs@example.org";

describe("Art einer Organisation", () => {
  const browser = useBrowser();

  test("Die Netzwerkkoordination ändert die Art der Kreishandwerkerschaft; deren Administration sieht sie, kann sie aber nicht selbst ändern", async () => {
    // Die Administration der Kreishandwerkerschaft sieht die Art nur zum Lesen.
    const admin = await browser.newPage();
    await logIn(admin, ORGANIZATION_ADMIN);
    await admin.goto("/organisation");
    await admin.getByRole("heading", { level: 1 }).waitFor();
    await admin.getByText("Art der Organisation: Kammer").waitFor();
    expect(await admin.getByRole("combobox", { name: /^Art/ }).count()).toBe(0);
    await expectNoSeriousA11yViolations(admin);

    // Die Koordination ändert sie auf der Seite des Netzwerks.
    const coordinator = await browser.newPage();
    await logIn(coordinator, demoAccounts.coordinator);
    await coordinator.getByRole("link", { name: NETWORK }).click();
    await coordinator.getByRole("heading", { level: 1, name: NETWORK }).waitFor();
    const kindButton = coordinator
      .getByRole("listitem")
      .filter({ hasText: ORGANIZATION })
      .getByRole("button", { name: /^Art ändern/ });
    await coordinator.getByLabel(`Art von ${ORGANIZATION}`).selectOption({ label: "Sonstige" });
    await kindButton.click();
    await coordinator
      .getByRole("status")
      .filter({ hasText: "Die Art der Organisation wurde geändert." })
      .waitFor();
    await expect
      .poll(() => coordinator.getByLabel(`Art von ${ORGANIZATION}`).inputValue())
      .toBe("sonstige");
    await expectNoSeriousA11yViolations(coordinator);

    // Die Administration sieht die neue Art, ändern kann sie sie weiterhin nicht.
    await admin.reload();
    await admin.getByText("Art der Organisation: Sonstige").waitFor();
    await expectNoSeriousA11yViolations(admin);

    // Zurück auf „Kammer“, damit die Demodaten für andere Abläufe unverändert bleiben.
    await coordinator.getByLabel(`Art von ${ORGANIZATION}`).selectOption({ label: "Kammer" });
    await kindButton.click();
    await expect
      .poll(() => coordinator.getByLabel(`Art von ${ORGANIZATION}`).inputValue())
      .toBe("kammer");
  });
});
