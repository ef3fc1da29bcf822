import { expectNoSeriousA11yViolations } from "./a11y";
import { demoAccounts, expect, test } from "./fixtures";
import { flash } from "./forms";
import { followLink } from "./navigation";

const NETWORK = "Netzwerk ABC Weimarer Land";
const ORGANIZATION = "Kreishandwerkerschaft Weimarer Land";
const ORGANIZATION_ADMIN = "admin.khs@example.org";

test.describe("Art einer Organisation", () => {
  test("Die Netzwerkkoordination ändert die Art der Kreishandwerkerschaft; deren Administration sieht sie, kann sie aber nicht selbst ändern", async ({
    loggedInAs,
  }) => {
    // Die Administration der Kreishandwerkerschaft sieht die Art nur zum Lesen.
    const admin = await loggedInAs(ORGANIZATION_ADMIN);
    await admin.goto("/organisation");
    await expect(admin.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(admin.getByText("Art der Organisation: Kammer")).toBeVisible();
    await expect(admin.getByRole("combobox", { name: /^Art/ })).toHaveCount(0);
    await expectNoSeriousA11yViolations(admin);

    // Die Koordination ändert sie auf der Seite des Netzwerks.
    const coordinator = await loggedInAs(demoAccounts.coordinator);
    await followLink(coordinator, NETWORK);
    const kindButton = coordinator
      .getByRole("listitem")
      .filter({ hasText: ORGANIZATION })
      .getByRole("button", { name: /^Art ändern/ });
    const kind = coordinator.getByLabel(`Art von ${ORGANIZATION}`);
    await kind.selectOption({ label: "Sonstige" });
    await kindButton.click();
    await flash(coordinator, "Die Art der Organisation wurde geändert.");
    await expect(kind).toHaveValue("sonstige");
    await expectNoSeriousA11yViolations(coordinator);

    // Die Administration sieht die neue Art, ändern kann sie sie weiterhin nicht.
    await admin.reload();
    await expect(admin.getByText("Art der Organisation: Sonstige")).toBeVisible();
    await expectNoSeriousA11yViolations(admin);

    // Zurück auf „Kammer“, damit die Demodaten für andere Abläufe unverändert bleiben.
    await kind.selectOption({ label: "Kammer" });
    await kindButton.click();
    await expect(kind).toHaveValue("kammer");
  });
});
