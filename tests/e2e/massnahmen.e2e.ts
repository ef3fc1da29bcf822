import type { Page } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./a11y";
import { addDays, berlinToday } from "./dates";
import { demoAccounts, expect, test, uniqueSuffix } from "./fixtures";
import { expectEditorReady, fieldError, flash, submitForStatus } from "./forms";
import { recordNavigations } from "./live";
import { followLink, followNavigation } from "./navigation";

/** Martin Fiedler, Organisations-Administration der VHS Weimarer Land (Bildungsträger). */
const PROVIDER = "admin.vhs@example.org";
/** Sabine Körner, Netzwerkkoordination im Jobcenter Weimarer Land. */
const JOBCENTER_COORDINATOR = demoAccounts.coordinator;
const JOBCENTER = "Jobcenter Weimarer Land";

/**
 * Waits until the course's progress bar shows `pledged` seats and `status`. The bar is a meter
 * named by its text; its value is what assistive technology reads.
 */
async function expectProgress(page: Page, pledged: number, status: string): Promise<void> {
  const meter = page.getByRole("meter", {
    name: `${pledged} von mindestens 12 Plätzen zugesagt (höchstens 16)`,
    exact: true,
  });
  await expect(meter).toBeVisible({ timeout: 10_000 });
  await expect(meter).toHaveAttribute("aria-valuenow", String(pledged));
  await expect(meter).toHaveAttribute("aria-valuemax", "16");
  // The status badge stands right before the text: „kommt zustande 12 von mindestens 12 …“.
  await expect(
    page.getByText(`${status} ${pledged} von mindestens 12 Plätzen zugesagt`),
  ).toBeVisible();
}

/** The cells of the pledges table's row for `organization`. */
function pledgeRow(page: Page, organization: string) {
  return page
    .getByRole("region", { name: "Zusagen der Organisationen" })
    .getByRole("row")
    .filter({ has: page.getByRole("cell", { name: organization, exact: true }) })
    .getByRole("cell");
}

test.describe("Maßnahmen-Pool", () => {
  test("Ein Jobcenter sagt Plätze für eine Maßnahme der VHS zu, der Fortschritt erscheint live", async ({
    loggedInAs,
    loggedInLiveAs,
  }) => {
    test.setTimeout(90_000);
    // A course of its own per run: once a course „kommt zustande“, that cannot be undone, so the
    // journey would not start from the same state twice with the demo course.
    const title = `Berufssprachkurs B1 mit Lagerlogistik (${uniqueSuffix()})`;
    const today = berlinToday();

    // Martin Fiedler von der VHS bietet eine Maßnahme für 12 bis 16 Teilnehmende an.
    const provider = await loggedInLiveAs(PROVIDER);
    await followNavigation(provider, "Maßnahmen-Pool");
    // The demo data's course of the VHS is in the pool, with its progress bar.
    await expect(
      provider
        .getByRole("listitem")
        .filter({
          has: provider.getByRole("link", {
            name: "Berufssprachkurs B1 mit Lagerlogistik",
            exact: true,
          }),
        })
        .getByRole("meter"),
    ).toBeVisible();
    await expectNoSeriousA11yViolations(provider);

    await followLink(provider, "Maßnahme anbieten");
    await expectEditorReady(provider, "Beschreibung");
    await expectNoSeriousA11yViolations(provider);
    await provider.getByLabel("Titel", { exact: true }).fill(title);
    await provider.getByRole("textbox", { name: "Beschreibung", exact: true }).click();
    await provider.keyboard.type(
      "Deutsch für den Beruf und Grundlagen der Lagerlogistik, mit Staplerschein und Praktikum.",
    );
    await provider
      .getByLabel("Förderinstrument")
      .selectOption({ label: "Maßnahme nach § 45 SGB III" });
    await provider.getByLabel("Beginn", { exact: true }).fill(addDays(today, 60));
    await provider.getByLabel("Dauer", { exact: true }).fill("4 Monate, Teilzeit");
    await provider
      .getByLabel("Ort", { exact: true })
      .fill("VHS Weimarer Land, Bahnhofstraße 12, 99510 Apolda");
    await provider.getByLabel("Mindestteilnehmerzahl").fill("12");
    await provider.getByLabel("Höchstteilnehmerzahl").fill("16");
    await provider.getByLabel("Meldefrist bis einschließlich").fill(addDays(today, 30));
    await expect(
      provider
        .getByRole("group", { name: "Wer kann Plätze zusagen?" })
        .getByRole("checkbox", { name: "Jobcenter", exact: true }),
    ).toBeChecked();
    await provider.getByRole("button", { name: "Maßnahme anbieten" }).click();
    await expect(provider.getByRole("heading", { level: 1, name: title })).toBeVisible();
    const coursePath = new URL(provider.url()).pathname;
    expect(coursePath).toMatch(/^\/massnahmen\/[0-9a-f-]{36}$/);
    await expectProgress(provider, 0, "offen");
    await expect(
      provider
        .getByRole("region", { name: "Zusagen der Organisationen" })
        .getByText("Noch hat keine Organisation Plätze zugesagt.", { exact: true }),
    ).toBeVisible();
    await expectNoSeriousA11yViolations(provider);
    // From here on the VHS page must follow the pledges without reloading.
    const providerNavigations = recordNavigations(provider);
    const announcements = provider.locator('.course-progress [aria-live="polite"]');

    // Sabine Körner vom Jobcenter findet die Maßnahme im Pool und sagt 8 Plätze zu.
    const coordinator = await loggedInAs(JOBCENTER_COORDINATOR);
    await followNavigation(coordinator, "Maßnahmen-Pool");
    const courseLink = coordinator.getByRole("link", { name: title, exact: true });
    await expect(courseLink).toBeVisible();
    await expectNoSeriousA11yViolations(coordinator);
    await courseLink.click();
    await expect(coordinator.getByRole("heading", { level: 1, name: title })).toBeVisible();
    await expect(coordinator).toHaveURL((url) => url.pathname === coursePath);
    const pledgeSection = coordinator.getByRole("region", { name: "Plätze zusagen" });
    await expect(
      pledgeSection.getByText("Ihre Organisation hat 0 Plätze zugesagt. Noch frei: 16 Plätze.", {
        exact: true,
      }),
    ).toBeVisible();
    await expectNoSeriousA11yViolations(coordinator);

    const seats = pledgeSection.getByLabel("Plätze Ihrer Organisation insgesamt");
    const save = pledgeSection.getByRole("button", { name: "Zusage speichern" });
    await seats.fill("8");
    await save.click();
    await flash(coordinator, "Ihre Zusage wurde gespeichert.");
    await expectProgress(coordinator, 8, "offen");

    // Bei der VHS wächst der Balken ohne Neuladen; Screenreader hören den neuen Stand.
    await expectProgress(provider, 8, "offen");
    await expect(
      announcements.getByText("Neuer Stand: 8 von mindestens 12 Plätzen zugesagt (höchstens 16).", {
        exact: true,
      }),
    ).toBeAttached();
    await expect(pledgeRow(provider, JOBCENTER)).toHaveText([JOBCENTER, "8"], {
      useInnerText: true,
      timeout: 10_000,
    });

    // Sie erhöht auf 12: die Mindestteilnehmerzahl ist erreicht, die Maßnahme kommt zustande.
    await seats.fill("12");
    await save.click();
    await expect(
      pledgeSection.getByText("Ihre Organisation hat 12 Plätze zugesagt. Noch frei: 4 Plätze.", {
        exact: true,
      }),
    ).toBeVisible();
    await expectProgress(coordinator, 12, "kommt zustande");
    await expectNoSeriousA11yViolations(coordinator);

    await expectProgress(provider, 12, "kommt zustande");
    await expect(
      announcements.getByText("Die Maßnahme kommt zustande.", { exact: true }),
    ).toBeAttached();
    await expect(pledgeRow(provider, JOBCENTER)).toHaveText([JOBCENTER, "12"], {
      useInnerText: true,
      timeout: 10_000,
    });
    // Die VHS bekommt zudem einen Hinweis, ebenfalls live.
    const confirmed = `Die Maßnahme „${title}“ kommt zustande.`;
    await flash(provider, confirmed, { timeout: 10_000 });
    expect(providerNavigations).toEqual([]);
    await expectNoSeriousA11yViolations(provider);

    // 20 Plätze wären mehr als die Höchstteilnehmerzahl: die deutsche Fehlermeldung, die Zahl
    // bleibt im Feld, der Stand bleibt bei 12.
    await seats.fill("20");
    expect(await submitForStatus(coordinator, save)).toBe(400);
    const overMaximum =
      "Es sind nur noch 4 Plätze frei – Ihre Organisation kann insgesamt höchstens 16 Plätze zusagen.";
    await expect(
      pledgeSection
        .getByRole("alert")
        .filter({ hasText: "Bitte prüfen Sie Ihre Eingaben:" })
        .getByText(overMaximum, { exact: true }),
    ).toBeVisible();
    await expect(seats).toHaveValue("20");
    await expect(seats).toHaveAttribute("aria-invalid", "true");
    await expect(await fieldError(seats)).toHaveText(overMaximum);
    await expectProgress(coordinator, 12, "kommt zustande");
    await expectNoSeriousA11yViolations(coordinator);
    await expectProgress(provider, 12, "kommt zustande");
    expect(providerNavigations).toEqual([]);
  });
});
