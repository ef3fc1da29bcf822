import { expectNoSeriousA11yViolations } from "./a11y";
import { demoAccounts, expect, test } from "./fixtures";
import { flash, toast } from "./forms";
import { liveConnectionEstablished, recordNavigations } from "./live";
import { followLink } from "./navigation";

const NETWORK = "Netzwerk ABC Weimarer Land";

test.describe("Aufnahme in ein Netzwerk", () => {
  test("Die Netzwerkkoordination nimmt eine Organisation auf und deren Mitglieder sehen sofort einen Hinweis", async ({
    loggedInAs,
  }) => {
    // BBI Bitterfeld gehört noch nicht zum Netzwerk; ihre Administration hat „Mein Netzwerk“ offen.
    const member = await loggedInAs(demoAccounts.bbiAdmin);
    const live = liveConnectionEstablished(member);
    await member.goto("/netzwerk");
    await expect(member.getByRole("heading", { level: 1, name: "Mein Netzwerk" })).toBeVisible();
    await expect(member.getByRole("link", { name: NETWORK })).toHaveCount(0);
    await expectNoSeriousA11yViolations(member);
    await live;
    // Any navigation of this page from here on would mean the hint was not live.
    const navigations = recordNavigations(member);

    // Die Koordination findet das Netzwerk über „Mein Netzwerk“ und nimmt BBI Bitterfeld auf.
    const coordinator = await loggedInAs(demoAccounts.coordinator);
    await expect(
      coordinator.getByRole("heading", { level: 1, name: "Mein Netzwerk" }),
    ).toBeVisible();
    await expectNoSeriousA11yViolations(coordinator);
    await followLink(coordinator, NETWORK);
    await expect(coordinator).toHaveURL((url) => /^\/netzwerke\/[0-9a-f-]{36}$/.test(url.pathname));
    await expectNoSeriousA11yViolations(coordinator);

    const admitForm = coordinator.getByRole("region", {
      name: "Vorhandene Organisation aufnehmen",
    });
    await admitForm
      .getByLabel("Organisation")
      .selectOption({ label: "BBI Bitterfeld (Bitterfeld-Wolfen)" });
    await admitForm.getByRole("button", { name: "In das Netzwerk aufnehmen" }).click();
    await flash(coordinator, "Die Organisation wurde in das Netzwerk aufgenommen.");
    await expect(
      coordinator
        .getByRole("region", { name: /^Organisationen im Netzwerk/ })
        .getByText("BBI Bitterfeld", { exact: true }),
    ).toBeVisible();
    await expectNoSeriousA11yViolations(coordinator);

    // Ohne Neuladen erscheint bei BBI Bitterfeld der Hinweis.
    const admitted = toast(
      member,
      `Ihre Organisation wurde in das Netzwerk „${NETWORK}“ aufgenommen.`,
    );
    await expect(admitted).toBeVisible({ timeout: 10_000 });
    expect(navigations).toEqual([]);
    await expectNoSeriousA11yViolations(member);

    // Der Hinweis führt zum Netzwerk, das die Mitglieder jetzt sehen dürfen.
    await admitted.getByRole("link", { name: /aufgenommen/ }).click();
    await expect(member.getByRole("heading", { level: 1, name: NETWORK })).toBeVisible();
    await expectNoSeriousA11yViolations(member);
  });
});
