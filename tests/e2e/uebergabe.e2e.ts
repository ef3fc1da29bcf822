import type { Locator, Page } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./a11y";
import { berlinToday, germanDate } from "./dates";
import { expect, logInLive, test, uniqueSuffix } from "./fixtures";
import { fieldError, flash, selectedOption } from "./forms";
import { recordNavigations } from "./live";
import { followLink, followNavigation, mainNavigation } from "./navigation";

/** Thomas Brandt, Fachkraft im Jobcenter Weimarer Land. */
const CASE_WORKER = "fachkraft.jobcenter@example.org";
/** Uwe Schramm, Diakonie Schuldnerberatung Apolda: an die Schweigepflicht (§ 203 StGB) gebunden. */
const COUNSELLOR = "beratung.schuldnerberatung@example.org";
/** Jens Adler, Arbeitgeber-Kontakt der Solartechnik Apolda GmbH. */
const EMPLOYER = "personal@solartechnik-apolda.example.org";

const SENDER = "Jobcenter Weimarer Land";
const RECEIVER = "Diakonie Schuldnerberatung Apolda";
const SERVICE = "Schuldner- und Insolvenzberatung – Antwort in 5 Arbeitstagen";

const REASON =
  "Mietrückstände und mehrere Inkassoschreiben; die Kundin möchte vor der Arbeitsaufnahme ihre Finanzen ordnen.";
const CONSENT_PURPOSE =
  "Schuldnerberatung und Rückmeldung von Status und Ersttermin an das Jobcenter";

/** What the counsellor writes down; none of it may reach the Jobcenter (§ 203 StGB). */
const NOTES = {
  accept: "Rückruf am Vormittag vereinbart",
  start: "Gläubigerliste wird zum Termin mitgebracht",
  complete: "Vertraulich: Spielschulden besprochen",
};

/** A pseudonym per run without digits: the demo data already holds referrals. */
function uniquePseudonym(): string {
  const suffix = uniqueSuffix();
  return `Kundin ${suffix[0]!.toUpperCase()}${suffix.slice(1)}`;
}

function shiftDay(isoDay: string, { months = 0, days = 0 }: { months?: number; days?: number }) {
  const [year, month, day] = isoDay.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1 + months, Math.min(day, 28) + days))
    .toISOString()
    .slice(0, 10);
}

/** The status badge in the line right below the page heading of a referral. */
function statusLine(page: Page): Locator {
  return page.getByRole("heading", { level: 1 }).locator("xpath=following-sibling::p[1]");
}

/** Everything the server sends to this page: documents, loader data and socket frames. */
function recordTraffic(page: Page): string[] {
  const received: string[] = [];
  page.on("response", (response) => {
    const type = response.request().resourceType();
    if (type !== "document" && type !== "fetch" && type !== "xhr") return;
    response.text().then(
      (body) => received.push(body),
      () => undefined, // redirects have no body
    );
  });
  page.on("websocket", (socket) => {
    socket.on("framereceived", (frame) => {
      if (typeof frame.payload === "string") received.push(frame.payload);
    });
  });
  return received;
}

test.describe("Übergabe an eine Beratungsstelle", () => {
  let referralPath: string | undefined;
  let referralPseudonym: string | undefined;

  test("Eine Fachkraft des Jobcenters Weimarer Land übergibt eine Kundin mit Einwilligung an die Diakonie Schuldnerberatung", async ({
    newPage,
    loggedInLiveAs,
  }) => {
    test.setTimeout(180_000);
    const pseudonym = uniquePseudonym();
    referralPseudonym = pseudonym;
    const today = berlinToday();
    const consentValidUntil = shiftDay(today, { months: 6 });
    const firstAppointment = shiftDay(today, { days: 7 });

    // Uwe Schramm von der Schuldnerberatung hat den Eingang offen.
    const counsellor = await loggedInLiveAs(COUNSELLOR);
    const counsellorNav = mainNavigation(counsellor);
    await followNavigation(counsellor, /^Eingang/, "Eingang");
    await expect(counsellor.getByRole("link", { name: pseudonym })).toHaveCount(0);
    const inboxLinkBefore = await counsellorNav
      .getByRole("link", { name: /^Eingang/ })
      .textContent();
    const unansweredBefore = Number(/\d+/.exec(inboxLinkBefore ?? "")?.[0] ?? 0);
    await expectNoSeriousA11yViolations(counsellor);
    // Any navigation of this page from here on would mean the referral did not arrive live.
    const counsellorNavigations = recordNavigations(counsellor);

    // Thomas Brandt vom Jobcenter legt über „Gesendet“ eine neue Übergabe an.
    const caseWorker = await newPage();
    const caseWorkerTraffic = recordTraffic(caseWorker);
    await logInLive(caseWorker, CASE_WORKER);
    await followNavigation(caseWorker, /^Gesendet/, "Gesendet");
    await expectNoSeriousA11yViolations(caseWorker);
    await followLink(caseWorker, "Neue Übergabe anlegen", "Neue Übergabe");
    await expect(caseWorker.getByLabel("Eingeholt von")).toHaveValue("Thomas Brandt");
    await expect(caseWorker.getByLabel("Datum der Einwilligung")).toHaveValue(today);
    await expectNoSeriousA11yViolations(caseWorker);

    // Versehentlich landet die BG-Nummer im Feld für das Pseudonym.
    const service = caseWorker.getByLabel("Angebot");
    await service.selectOption({ label: SERVICE });
    const needs = caseWorker.getByRole("group", { name: "Bedarfe" });
    await needs.getByRole("checkbox", { name: "Schuldnerberatung" }).check();
    await caseWorker.getByLabel("Anlass der Übergabe").fill(REASON);
    await caseWorker.getByLabel("Dringlichkeit").selectOption({ label: "dringend" });
    await caseWorker.getByLabel("Pseudonym oder Initialen").fill("12345BG0012345");
    await caseWorker.getByLabel("Altersgruppe").selectOption({ label: "35 bis 49 Jahre" });
    await caseWorker.getByLabel("Bevorzugter Kontaktweg").selectOption({ label: "Brief" });
    await caseWorker.getByLabel("Form", { exact: true }).selectOption({ label: "schriftlich" });
    await caseWorker
      .getByLabel("Empfangende Stelle laut Einwilligung")
      .selectOption({ label: RECEIVER });
    await caseWorker.getByLabel("Zweck laut Einwilligung").fill(CONSENT_PURPOSE);
    await caseWorker.getByLabel("Gültig bis").fill(consentValidUntil);
    const coversFeedback = caseWorker.getByRole("checkbox", {
      name: "Die Einwilligung umfasst inhaltliche Rückmeldungen der empfangenden Stelle",
    });
    await expect(coversFeedback).not.toBeChecked();
    await caseWorker.getByRole("button", { name: "Übergabe senden" }).click();

    // Die deutsche Fehlermeldung erklärt das Problem; alles andere Getippte bleibt stehen.
    const bgNumberMessage = "Die Eingabe sieht aus wie eine BG-Nummer";
    await expect(caseWorker.getByRole("alert").filter({ hasText: bgNumberMessage })).toBeVisible();
    const pseudonymField = caseWorker.getByLabel("Pseudonym oder Initialen");
    await expect(pseudonymField).toHaveAttribute("aria-invalid", "true");
    // The message is tied to the field, so a screen reader reads it with the field.
    await expect(await fieldError(pseudonymField)).toContainText(bgNumberMessage);
    await expect(caseWorker).toHaveURL((url) => url.pathname === "/uebergaben/neu");
    await expect(selectedOption(service)).toHaveText(SERVICE);
    await expect(needs.getByRole("checkbox", { name: "Schuldnerberatung" })).toBeChecked();
    await expect(caseWorker.getByLabel("Anlass der Übergabe")).toHaveValue(REASON);
    await expect(selectedOption(caseWorker.getByLabel("Dringlichkeit"))).toHaveText("dringend");
    await expect(pseudonymField).toHaveValue("12345BG0012345");
    await expect(selectedOption(caseWorker.getByLabel("Altersgruppe"))).toHaveText(
      "35 bis 49 Jahre",
    );
    await expect(selectedOption(caseWorker.getByLabel("Bevorzugter Kontaktweg"))).toHaveText(
      "Brief",
    );
    await expect(caseWorker.getByLabel("Eingeholt von")).toHaveValue("Thomas Brandt");
    await expect(caseWorker.getByLabel("Datum der Einwilligung")).toHaveValue(today);
    await expect(selectedOption(caseWorker.getByLabel("Form", { exact: true }))).toHaveText(
      "schriftlich",
    );
    await expect(
      selectedOption(caseWorker.getByLabel("Empfangende Stelle laut Einwilligung")),
    ).toHaveText(RECEIVER);
    await expect(caseWorker.getByLabel("Zweck laut Einwilligung")).toHaveValue(CONSENT_PURPOSE);
    await expect(caseWorker.getByLabel("Gültig bis")).toHaveValue(consentValidUntil);
    await expect(coversFeedback).not.toBeChecked();
    await expectNoSeriousA11yViolations(caseWorker);

    // Mit einem Pseudonym geht die Übergabe hinaus.
    await pseudonymField.fill(pseudonym);
    await caseWorker.getByRole("button", { name: "Übergabe senden" }).click();
    await expect(
      caseWorker.getByRole("heading", { level: 1, name: `Übergabe: ${pseudonym}` }),
    ).toBeVisible();
    referralPath = new URL(caseWorker.url()).pathname;
    expect(referralPath).toMatch(/^\/uebergaben\/[0-9a-f-]{36}$/);
    await flash(caseWorker, "Die Übergabe wurde gesendet.");
    await expect(statusLine(caseWorker)).toContainText("Gesendet");
    const secrecyHint = caseWorker.getByText(
      `${RECEIVER} unterliegt der Schweigepflicht (§ 203 StGB).`,
    );
    await expect(secrecyHint).toBeVisible();
    await expectNoSeriousA11yViolations(caseWorker);
    // From here on the Jobcenter's page stays put: every change must arrive live.
    const caseWorkerNavigations = recordNavigations(caseWorker);

    // Ohne Neuladen erscheint die Übergabe im Eingang der Schuldnerberatung, mit Hinweis.
    const arrived = counsellor.getByRole("link", { name: pseudonym, exact: true });
    await expect(arrived).toBeVisible({ timeout: 10_000 });
    await flash(counsellor, `Neue Übergabe von ${SENDER}`, { timeout: 10_000 });
    await expect(
      counsellorNav.getByRole("link", { name: `Eingang ${unansweredBefore + 1} unbeantwortet` }),
    ).toBeVisible();
    const row = counsellor.getByRole("row").filter({ has: arrived });
    await expect(row.getByRole("cell", { name: SENDER, exact: true })).toHaveCount(1);
    await expect(row.getByText("dringend", { exact: true })).toHaveCount(1);
    expect(counsellorNavigations).toEqual([]);
    await expectNoSeriousA11yViolations(counsellor);

    // Die Schuldnerberatung öffnet die Übergabe und sieht Anlass und Einwilligung.
    await arrived.click();
    await expect(
      counsellor.getByRole("heading", { level: 1, name: `Übergabe: ${pseudonym}` }),
    ).toBeVisible();
    // The recorder does see client-side navigations, so the empty list above means something.
    expect(counsellorNavigations.length).toBeGreaterThan(0);
    await expect(counsellor).toHaveURL((url) => url.pathname === referralPath);
    await expect(counsellor.getByText(REASON)).toBeVisible();
    await expect(counsellor.getByText(CONSENT_PURPOSE)).toBeVisible();
    await expect(counsellor.getByText("nur Status, Termine und Ergebnis")).toBeVisible();
    await expectNoSeriousA11yViolations(counsellor);

    // Annehmen – der Stand erscheint beim Jobcenter ohne Neuladen.
    const accept = counsellor.getByRole("form", { name: "Annehmen" });
    await expect(
      accept.getByText("Diese Notiz sieht nur Ihre Organisation", { exact: false }),
    ).toBeVisible();
    await accept.getByLabel("Notiz (optional)").fill(NOTES.accept);
    await accept.getByRole("button", { name: "Annehmen" }).click();
    await flash(counsellor, "Sie haben die Übergabe angenommen.");
    await expect(counsellor.getByText(NOTES.accept)).toBeVisible();
    // Answered: the count beside „Eingang“ is back where it was.
    await expect(
      counsellorNav.getByRole("link", {
        name: unansweredBefore > 0 ? `Eingang ${unansweredBefore} unbeantwortet` : "Eingang",
        exact: true,
      }),
    ).toBeVisible();
    await expectNoSeriousA11yViolations(counsellor);

    await expectStatus(caseWorker, "Angenommen");
    await flash(caseWorker, `Übergabe an ${RECEIVER}: Angenommen`);

    // Ersttermin eintragen.
    const start = counsellor.getByRole("form", { name: "Ersttermin eintragen" });
    await start.getByLabel("Datum des Ersttermins").fill(firstAppointment);
    await start.getByLabel("Notiz (optional)").fill(NOTES.start);
    await start.getByRole("button", { name: "Ersttermin eintragen" }).click();
    await flash(counsellor, "Der Ersttermin wurde eingetragen.");
    await expect(counsellor.getByText(NOTES.start)).toBeVisible();

    await expectStatus(caseWorker, "In Betreuung");
    await flash(caseWorker, `Übergabe an ${RECEIVER}: In Betreuung`);
    const feedback = caseWorker.getByRole("region", { name: "Rückmeldung" });
    await expect(feedback.getByText(germanDate(firstAppointment), { exact: true })).toBeVisible();

    // Abschließen mit Ergebnis und vertraulicher Notiz.
    const complete = counsellor.getByRole("form", { name: "Abschließen" });
    await complete.getByLabel("Ergebnis").selectOption({ label: "Beratung abgeschlossen" });
    await complete.getByLabel("Notiz (optional)").fill(NOTES.complete);
    await complete.getByRole("button", { name: "Abschließen" }).click();
    await flash(counsellor, "Die Übergabe wurde abgeschlossen.");
    await expect(counsellor.getByText(NOTES.complete)).toBeVisible();
    await expect(counsellor.getByRole("region", { name: "Was Sie jetzt tun können" })).toHaveCount(
      0,
    );
    await expectNoSeriousA11yViolations(counsellor);

    await expectStatus(caseWorker, "Abgeschlossen");
    await flash(caseWorker, `Übergabe an ${RECEIVER}: Abgeschlossen`);
    // The timeline reads from the creation to the end, although creating and sending share
    // one instant.
    await expect(
      caseWorker.getByRole("region", { name: "Verlauf" }).getByRole("listitem").getByRole("strong"),
    ).toHaveText(["Entwurf", "Gesendet", "Angenommen", "In Betreuung", "Abgeschlossen"]);
    await expect(feedback.getByText("Beratung abgeschlossen", { exact: true })).toBeVisible();
    await expect(feedback.getByText(germanDate(firstAppointment), { exact: true })).toBeVisible();
    expect(caseWorkerNavigations).toEqual([]);

    // Das Jobcenter sieht Status, Termin und Ergebnis – die Notizen der Beratung nicht.
    await expect(secrecyHint).toBeVisible();
    const withheld = caseWorker
      .getByRole("region", { name: "Verlauf" })
      .getByText("Die Beratungsstelle hat eine Notiz hinterlegt.", { exact: false });
    await expect(withheld).toHaveCount(3);
    // The recorder did capture the server's answers, so the check above means something.
    expect(caseWorkerTraffic.some((body) => body.includes(pseudonym))).toBe(true);
    expect(caseWorkerTraffic.some((body) => body.includes("beratung_abgeschlossen"))).toBe(true);
    await expectNoNotes(caseWorker, caseWorkerTraffic);
    await expectNoSeriousA11yViolations(caseWorker);

    // Die Druckansicht für die Papierakte zeigt dasselbe, ebenfalls ohne die Notizen.
    await caseWorker.getByRole("link", { name: "Druckansicht (A4) öffnen" }).click();
    const printHeading = caseWorker.getByRole("heading", {
      level: 1,
      name: `Übergabe: ${pseudonym} – Abgeschlossen`,
    });
    await expect(printHeading).toBeVisible();
    await expect(caseWorker).toHaveURL((url) => url.pathname === `${referralPath}/druck`);
    await expect(caseWorker.getByText("Beratung abgeschlossen", { exact: true })).toBeVisible();
    await expectNoNotes(caseWorker, caseWorkerTraffic);
    await expectNoSeriousA11yViolations(caseWorker);
    await caseWorker.reload();
    await expect(printHeading).toBeVisible();
    await expectNoNotes(caseWorker, caseWorkerTraffic);
  });

  test("Ein Arbeitgeber-Kontakt im selben Netzwerk bekommt die Übergabe nicht zu sehen", async ({
    loggedInAs,
    browserErrors,
  }) => {
    expect(referralPath, "Die Übergabe der vorigen Journey fehlt").toBeDefined();
    browserErrors.allow(/status of 404/);
    const employer = await loggedInAs(EMPLOYER);
    await employer.goto(referralPath!);
    await expect(employer.getByRole("heading", { level: 1, name: "Nicht gefunden" })).toBeVisible();
    expect(await employer.content()).not.toContain(referralPseudonym);
    await expectNoSeriousA11yViolations(employer);

    const response = await employer.goto(`${referralPath!}/druck`);
    expect(response?.status()).toBe(404);
    await expect(employer.getByRole("heading", { level: 1, name: "Nicht gefunden" })).toBeVisible();
  });

  test("Eine Fachkraft speichert eine Übergabe ohne Einwilligung als Entwurf und kann sie erst mit Einwilligung senden", async ({
    loggedInAs,
  }) => {
    const pseudonym = uniquePseudonym();
    const caseWorker = await loggedInAs(CASE_WORKER);
    await caseWorker.goto("/uebergaben/gesendet");
    await followLink(caseWorker, "Neue Übergabe anlegen", "Neue Übergabe");

    // Die Einwilligung liegt noch nicht vor; „Eingeholt von“ und das Datum bleiben vorbelegt.
    await caseWorker.getByLabel("Angebot").selectOption({ label: SERVICE });
    await caseWorker
      .getByRole("group", { name: "Bedarfe" })
      .getByRole("checkbox", { name: "Schuldnerberatung" })
      .check();
    await caseWorker.getByLabel("Anlass der Übergabe").fill(REASON);
    await caseWorker.getByLabel("Pseudonym oder Initialen").fill(pseudonym);
    await caseWorker.getByLabel("Altersgruppe").selectOption({ label: "25 bis 34 Jahre" });
    await expect(caseWorker.getByLabel("Eingeholt von")).toHaveValue("Thomas Brandt");
    await caseWorker.getByRole("button", { name: "Als Entwurf speichern" }).click();

    await expect(
      caseWorker.getByRole("heading", { level: 1, name: `Übergabe: ${pseudonym}` }),
    ).toBeVisible();
    await flash(caseWorker, "Die Übergabe wurde als Entwurf gespeichert.");
    await expect(statusLine(caseWorker).getByText("Entwurf", { exact: true })).toBeVisible();
    await expect(
      caseWorker
        .getByRole("region", { name: "Einwilligung" })
        .getByText("Noch keine Einwilligung erfasst.", { exact: false }),
    ).toBeVisible();
    await expectNoSeriousA11yViolations(caseWorker);

    // Senden geht erst, wenn die Einwilligung erfasst ist.
    await caseWorker
      .getByRole("form", { name: "Übergabe senden" })
      .getByRole("button", { name: "Übergabe senden" })
      .click();
    await expect(
      caseWorker.getByRole("alert").filter({
        hasText: "Ohne dokumentierte Einwilligung kann die Übergabe nicht gesendet werden.",
      }),
    ).toBeVisible();
    await expect(statusLine(caseWorker).getByText("Entwurf", { exact: true })).toBeVisible();
    await expectNoSeriousA11yViolations(caseWorker);

    // Der Entwurf lässt sich bearbeiten und wieder ohne Einwilligung speichern.
    await followLink(caseWorker, "Entwurf bearbeiten");
    await expect(caseWorker.getByLabel("Pseudonym oder Initialen")).toHaveValue(pseudonym);
    await expectNoSeriousA11yViolations(caseWorker);
    await caseWorker.getByRole("button", { name: "Als Entwurf speichern" }).click();
    await expect(
      caseWorker.getByRole("heading", { level: 1, name: `Übergabe: ${pseudonym}` }),
    ).toBeVisible();
    await expect(statusLine(caseWorker).getByText("Entwurf", { exact: true })).toBeVisible();
  });
});

/** Waits until the referral's status badge and the newest entry of its timeline say `status`. */
async function expectStatus(page: Page, status: string): Promise<void> {
  await expect(statusLine(page).getByText(status, { exact: true })).toBeVisible({
    timeout: 10_000,
  });
  const entries = page.getByRole("region", { name: "Verlauf" }).getByRole("listitem");
  await expect(entries.filter({ hasText: `${status} – Uwe Schramm (${RECEIVER})` })).toBeVisible();
}

/** Neither the page nor anything the server sent it contains a note of the counsellor. */
async function expectNoNotes(page: Page, traffic: string[]): Promise<void> {
  const html = await page.content();
  const text = await page.locator("body").innerText();
  for (const note of Object.values(NOTES)) {
    expect(html, "Notiz der Beratungsstelle im HTML").not.toContain(note);
    expect(text, "Notiz der Beratungsstelle auf der Seite").not.toContain(note);
    expect(
      traffic.filter((body) => body.includes(note)),
      "Notiz der Beratungsstelle in einer Antwort des Servers",
    ).toEqual([]);
  }
}
