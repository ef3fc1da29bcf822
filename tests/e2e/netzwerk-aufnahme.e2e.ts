import {
  demoAccounts,
  expect,
  expectNoSeriousA11yViolations,
  liveConnectionEstablished,
  recordNavigations,
  test,
} from "./fixtures";

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
    await coordinator.getByRole("link", { name: NETWORK }).click();
    await expect(coordinator.getByRole("heading", { level: 1, name: NETWORK })).toBeVisible();
    await expect(coordinator).toHaveURL((url) => /^\/netzwerke\/[0-9a-f-]{36}$/.test(url.pathname));
    await expectNoSeriousA11yViolations(coordinator);

    const admitForm = coordinator.getByRole("region", {
      name: "Vorhandene Organisation aufnehmen",
    });
    await admitForm
      .getByLabel("Organisation")
      .selectOption({ label: "BBI Bitterfeld (Bitterfeld-Wolfen)" });
    await admitForm.getByRole("button", { name: "In das Netzwerk aufnehmen" }).click();
    await expect(
      coordinator
        .getByRole("status")
        .filter({ hasText: "Die Organisation wurde in das Netzwerk aufgenommen." }),
    ).toBeVisible();
    await expect(
      coordinator
        .getByRole("region", { name: /^Organisationen im Netzwerk/ })
        .getByText("BBI Bitterfeld", { exact: true }),
    ).toBeVisible();
    await expectNoSeriousA11yViolations(coordinator);

    // Ohne Neuladen erscheint bei BBI Bitterfeld der Hinweis.
    const toast = member
      .getByRole("status")
      .filter({ hasText: `Ihre Organisation wurde in das Netzwerk „${NETWORK}“ aufgenommen.` });
    await expect(toast).toBeVisible({ timeout: 10_000 });
    expect(navigations).toEqual([]);
    await expectNoSeriousA11yViolations(member);

    // Der Hinweis führt zum Netzwerk, das die Mitglieder jetzt sehen dürfen.
    await toast.getByRole("link", { name: /aufgenommen/ }).click();
    await expect(member.getByRole("heading", { level: 1, name: NETWORK })).toBeVisible();
    await expectNoSeriousA11yViolations(member);
  });
});
