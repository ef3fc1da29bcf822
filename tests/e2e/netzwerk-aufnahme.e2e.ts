import { describe, expect, test } from "vitest";
import {
  demoAccounts,
  expectNoSeriousA11yViolations,
  liveConnectionEstablished,
  logIn,
  useBrowser,
} from "./browser";

const NETWORK = "Netzwerk ABC Weimarer Land";

describe("Aufnahme in ein Netzwerk", () => {
  const browser = useBrowser();

  test("Die Netzwerkkoordination nimmt eine Organisation auf und deren Mitglieder sehen sofort einen Hinweis", async () => {
    // BBI Bitterfeld gehört noch nicht zum Netzwerk; ihre Administration hat „Mein Netzwerk“ offen.
    const member = await browser.newPage();
    await logIn(member, demoAccounts.bbiAdmin);
    const live = liveConnectionEstablished(member);
    await member.goto("/netzwerk");
    await member.getByRole("heading", { level: 1, name: "Mein Netzwerk" }).waitFor();
    expect(await member.getByRole("link", { name: NETWORK }).count()).toBe(0);
    await expectNoSeriousA11yViolations(member);
    await live;
    // Any navigation of this page from here on would mean the hint was not live.
    const navigations: string[] = [];
    member.on("framenavigated", (frame) => {
      if (frame === member.mainFrame()) navigations.push(frame.url());
    });

    // Die Koordination findet das Netzwerk über „Mein Netzwerk“ und nimmt BBI Bitterfeld auf.
    const coordinator = await browser.newPage();
    await logIn(coordinator, demoAccounts.coordinator);
    await coordinator.getByRole("heading", { level: 1, name: "Mein Netzwerk" }).waitFor();
    await expectNoSeriousA11yViolations(coordinator);
    await coordinator.getByRole("link", { name: NETWORK }).click();
    await coordinator.getByRole("heading", { level: 1, name: NETWORK }).waitFor();
    expect(new URL(coordinator.url()).pathname).toMatch(/^\/netzwerke\/[0-9a-f-]{36}$/);
    await expectNoSeriousA11yViolations(coordinator);

    const admitForm = coordinator.getByRole("region", {
      name: "Vorhandene Organisation aufnehmen",
    });
    await admitForm
      .getByLabel("Organisation")
      .selectOption({ label: "BBI Bitterfeld (Bitterfeld-Wolfen)" });
    await admitForm.getByRole("button", { name: "In das Netzwerk aufnehmen" }).click();
    await coordinator
      .getByRole("status")
      .filter({ hasText: "Die Organisation wurde in das Netzwerk aufgenommen." })
      .waitFor();
    await coordinator
      .getByRole("region", { name: /^Organisationen im Netzwerk/ })
      .getByText("BBI Bitterfeld", { exact: true })
      .waitFor();
    await expectNoSeriousA11yViolations(coordinator);

    // Ohne Neuladen erscheint bei BBI Bitterfeld der Hinweis.
    const toast = member
      .getByRole("status")
      .filter({ hasText: `Ihre Organisation wurde in das Netzwerk „${NETWORK}“ aufgenommen.` });
    await toast.waitFor({ timeout: 10_000 });
    expect(navigations).toEqual([]);
    await expectNoSeriousA11yViolations(member);

    // Der Hinweis führt zum Netzwerk, das die Mitglieder jetzt sehen dürfen.
    await toast.getByRole("link", { name: /aufgenommen/ }).click();
    await member.getByRole("heading", { level: 1, name: NETWORK }).waitFor();
    await expectNoSeriousA11yViolations(member);
  });
});
