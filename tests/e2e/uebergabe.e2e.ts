import type { Locator, Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import {
  expectNoSeriousA11yViolations,
  liveConnectionEstablished,
  logIn,
  useBrowser,
} from "./browser";

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
  const letters = "abcdefghijklmnopqrstuvwxyz";
  const suffix = Array.from({ length: 6 }, () => letters[Math.floor(Math.random() * 26)]).join("");
  return `Kundin ${suffix[0]!.toUpperCase()}${suffix.slice(1)}`;
}

/** Today's calendar date in Berlin as "YYYY-MM-DD", as the server counts it. */
function berlinToday(): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Berlin" }).format(new Date());
}

function shiftDay(isoDay: string, { months = 0, days = 0 }: { months?: number; days?: number }) {
  const [year, month, day] = isoDay.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1 + months, Math.min(day, 28) + days))
    .toISOString()
    .slice(0, 10);
}

/** "2026-11-24" as the portal shows it: "24.11.2026". */
function germanDay(isoDay: string): string {
  const [year, month, day] = isoDay.split("-");
  return `${day}.${month}.${year}`;
}

function selectedLabel(select: Locator): Promise<string | undefined> {
  return select.evaluate((element) =>
    (element as HTMLSelectElement).selectedOptions[0]?.textContent?.trim(),
  );
}

/** The status badge in the line right below the page heading of a referral. */
function statusLine(page: Page): Locator {
  return page.getByRole("heading", { level: 1 }).locator("xpath=following-sibling::p[1]");
}

/** Records every navigation of the page's main frame, including client-side ones. */
function recordNavigations(page: Page): string[] {
  const navigations: string[] = [];
  page.on("framenavigated", (frame) => {
    if (frame === page.mainFrame()) navigations.push(frame.url());
  });
  return navigations;
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

describe("Übergabe an eine Beratungsstelle", () => {
  const browser = useBrowser();
  let referralPath: string | undefined;
  let referralPseudonym: string | undefined;

  test(
    "Eine Fachkraft des Jobcenters Weimarer Land übergibt eine Kundin mit Einwilligung an die Diakonie Schuldnerberatung",
    { timeout: 180_000 },
    async () => {
      const pseudonym = uniquePseudonym();
      referralPseudonym = pseudonym;
      const today = berlinToday();
      const consentValidUntil = shiftDay(today, { months: 6 });
      const firstAppointment = shiftDay(today, { days: 7 });

      // Uwe Schramm von der Schuldnerberatung hat den Eingang offen.
      const counsellor = await browser.newPage();
      const counsellorLive = liveConnectionEstablished(counsellor);
      await logIn(counsellor, COUNSELLOR);
      const counsellorNav = counsellor.getByRole("navigation", { name: "Hauptnavigation" });
      await counsellorNav.getByRole("link", { name: /^Eingang/ }).click();
      await counsellor.getByRole("heading", { level: 1, name: "Eingang" }).waitFor();
      expect(await counsellor.getByRole("link", { name: pseudonym }).count()).toBe(0);
      const inboxLinkBefore = await counsellorNav
        .getByRole("link", { name: /^Eingang/ })
        .textContent();
      const unansweredBefore = Number(/\d+/.exec(inboxLinkBefore ?? "")?.[0] ?? 0);
      await expectNoSeriousA11yViolations(counsellor);
      await counsellorLive;
      // Any navigation of this page from here on would mean the referral did not arrive live.
      const counsellorNavigations = recordNavigations(counsellor);

      // Thomas Brandt vom Jobcenter legt über „Gesendet“ eine neue Übergabe an.
      const caseWorker = await browser.newPage();
      const caseWorkerLive = liveConnectionEstablished(caseWorker);
      const caseWorkerTraffic = recordTraffic(caseWorker);
      await logIn(caseWorker, CASE_WORKER);
      await caseWorker
        .getByRole("navigation", { name: "Hauptnavigation" })
        .getByRole("link", { name: /^Gesendet/ })
        .click();
      await caseWorker.getByRole("heading", { level: 1, name: "Gesendet" }).waitFor();
      await expectNoSeriousA11yViolations(caseWorker);
      await caseWorker.getByRole("link", { name: "Neue Übergabe anlegen" }).click();
      await caseWorker.getByRole("heading", { level: 1, name: "Neue Übergabe" }).waitFor();
      expect(await caseWorker.getByLabel("Eingeholt von").inputValue()).toBe("Thomas Brandt");
      expect(await caseWorker.getByLabel("Datum der Einwilligung").inputValue()).toBe(today);
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
      expect(await coversFeedback.isChecked()).toBe(false);
      await caseWorker.getByRole("button", { name: "Übergabe senden" }).click();

      // Die deutsche Fehlermeldung erklärt das Problem; alles andere Getippte bleibt stehen.
      const bgNumberMessage = "Die Eingabe sieht aus wie eine BG-Nummer";
      await caseWorker.getByRole("alert").filter({ hasText: bgNumberMessage }).waitFor();
      const pseudonymField = caseWorker.getByLabel("Pseudonym oder Initialen");
      expect(await pseudonymField.getAttribute("aria-invalid")).toBe("true");
      // The message is tied to the field, so a screen reader reads it with the field.
      const describedBy = (await pseudonymField.getAttribute("aria-describedby")) ?? "";
      const errorId = describedBy.split(" ").find((id) => id.endsWith("-fehler"));
      expect(errorId).toBeDefined();
      expect(await caseWorker.locator(`[id="${errorId}"]`).textContent()).toContain(
        bgNumberMessage,
      );
      expect(new URL(caseWorker.url()).pathname).toBe("/uebergaben/neu");
      expect(await selectedLabel(service)).toBe(SERVICE);
      expect(await needs.getByRole("checkbox", { name: "Schuldnerberatung" }).isChecked()).toBe(
        true,
      );
      expect(await caseWorker.getByLabel("Anlass der Übergabe").inputValue()).toBe(REASON);
      expect(await selectedLabel(caseWorker.getByLabel("Dringlichkeit"))).toBe("dringend");
      expect(await pseudonymField.inputValue()).toBe("12345BG0012345");
      expect(await selectedLabel(caseWorker.getByLabel("Altersgruppe"))).toBe("35 bis 49 Jahre");
      expect(await selectedLabel(caseWorker.getByLabel("Bevorzugter Kontaktweg"))).toBe("Brief");
      expect(await caseWorker.getByLabel("Eingeholt von").inputValue()).toBe("Thomas Brandt");
      expect(await caseWorker.getByLabel("Datum der Einwilligung").inputValue()).toBe(today);
      expect(await selectedLabel(caseWorker.getByLabel("Form", { exact: true }))).toBe(
        "schriftlich",
      );
      expect(
        await selectedLabel(caseWorker.getByLabel("Empfangende Stelle laut Einwilligung")),
      ).toBe(RECEIVER);
      expect(await caseWorker.getByLabel("Zweck laut Einwilligung").inputValue()).toBe(
        CONSENT_PURPOSE,
      );
      expect(await caseWorker.getByLabel("Gültig bis").inputValue()).toBe(consentValidUntil);
      expect(await coversFeedback.isChecked()).toBe(false);
      await expectNoSeriousA11yViolations(caseWorker);

      // Mit einem Pseudonym geht die Übergabe hinaus.
      await pseudonymField.fill(pseudonym);
      await caseWorker.getByRole("button", { name: "Übergabe senden" }).click();
      await caseWorker.getByRole("heading", { level: 1, name: `Übergabe: ${pseudonym}` }).waitFor();
      referralPath = new URL(caseWorker.url()).pathname;
      expect(referralPath).toMatch(/^\/uebergaben\/[0-9a-f-]{36}$/);
      await caseWorker
        .getByRole("status")
        .filter({ hasText: "Die Übergabe wurde gesendet." })
        .waitFor();
      expect(await statusLine(caseWorker).textContent()).toContain("Gesendet");
      const secrecyHint = caseWorker.getByText(
        `${RECEIVER} unterliegt der Schweigepflicht (§ 203 StGB).`,
      );
      await secrecyHint.waitFor();
      await caseWorkerLive;
      await expectNoSeriousA11yViolations(caseWorker);
      // From here on the Jobcenter's page stays put: every change must arrive live.
      const caseWorkerNavigations = recordNavigations(caseWorker);

      // Ohne Neuladen erscheint die Übergabe im Eingang der Schuldnerberatung, mit Hinweis.
      const arrived = counsellor.getByRole("link", { name: pseudonym, exact: true });
      await arrived.waitFor({ timeout: 10_000 });
      await counsellor
        .getByRole("status")
        .filter({ hasText: `Neue Übergabe von ${SENDER}` })
        .waitFor({ timeout: 10_000 });
      await counsellorNav
        .getByRole("link", { name: `Eingang ${unansweredBefore + 1} unbeantwortet` })
        .waitFor();
      const row = counsellor.getByRole("row").filter({ has: arrived });
      expect(await row.getByRole("cell", { name: SENDER, exact: true }).count()).toBe(1);
      expect(await row.getByText("dringend", { exact: true }).count()).toBe(1);
      expect(counsellorNavigations).toEqual([]);
      await expectNoSeriousA11yViolations(counsellor);

      // Die Schuldnerberatung öffnet die Übergabe und sieht Anlass und Einwilligung.
      await arrived.click();
      await counsellor.getByRole("heading", { level: 1, name: `Übergabe: ${pseudonym}` }).waitFor();
      // The recorder does see client-side navigations, so the empty list above means something.
      expect(counsellorNavigations.length).toBeGreaterThan(0);
      expect(new URL(counsellor.url()).pathname).toBe(referralPath);
      await counsellor.getByText(REASON).waitFor();
      await counsellor.getByText(CONSENT_PURPOSE).waitFor();
      await counsellor.getByText("nur Status, Termine und Ergebnis").waitFor();
      await expectNoSeriousA11yViolations(counsellor);

      // Annehmen – der Stand erscheint beim Jobcenter ohne Neuladen.
      const accept = counsellor.getByRole("form", { name: "Annehmen" });
      await accept.getByText("Diese Notiz sieht nur Ihre Organisation", { exact: false }).waitFor();
      await accept.getByLabel("Notiz (optional)").fill(NOTES.accept);
      await accept.getByRole("button", { name: "Annehmen" }).click();
      await counsellor
        .getByRole("status")
        .filter({ hasText: "Sie haben die Übergabe angenommen." })
        .waitFor();
      await counsellor.getByText(NOTES.accept).waitFor();
      // Answered: the count beside „Eingang“ is back where it was.
      await counsellorNav
        .getByRole("link", {
          name: unansweredBefore > 0 ? `Eingang ${unansweredBefore} unbeantwortet` : "Eingang",
          exact: true,
        })
        .waitFor();
      await expectNoSeriousA11yViolations(counsellor);

      await expectStatus(caseWorker, "Angenommen");
      await caseWorker
        .getByRole("status")
        .filter({ hasText: `Übergabe an ${RECEIVER}: Angenommen` })
        .waitFor();

      // Ersttermin eintragen.
      const start = counsellor.getByRole("form", { name: "Ersttermin eintragen" });
      await start.getByLabel("Datum des Ersttermins").fill(firstAppointment);
      await start.getByLabel("Notiz (optional)").fill(NOTES.start);
      await start.getByRole("button", { name: "Ersttermin eintragen" }).click();
      await counsellor
        .getByRole("status")
        .filter({ hasText: "Der Ersttermin wurde eingetragen." })
        .waitFor();
      await counsellor.getByText(NOTES.start).waitFor();

      await expectStatus(caseWorker, "In Betreuung");
      await caseWorker
        .getByRole("status")
        .filter({ hasText: `Übergabe an ${RECEIVER}: In Betreuung` })
        .waitFor();
      const feedback = caseWorker.getByRole("region", { name: "Rückmeldung" });
      await feedback.getByText(germanDay(firstAppointment), { exact: true }).waitFor();

      // Abschließen mit Ergebnis und vertraulicher Notiz.
      const complete = counsellor.getByRole("form", { name: "Abschließen" });
      await complete.getByLabel("Ergebnis").selectOption({ label: "Beratung abgeschlossen" });
      await complete.getByLabel("Notiz (optional)").fill(NOTES.complete);
      await complete.getByRole("button", { name: "Abschließen" }).click();
      await counsellor
        .getByRole("status")
        .filter({ hasText: "Die Übergabe wurde abgeschlossen." })
        .waitFor();
      await counsellor.getByText(NOTES.complete).waitFor();
      expect(
        await counsellor.getByRole("region", { name: "Was Sie jetzt tun können" }).count(),
      ).toBe(0);
      await expectNoSeriousA11yViolations(counsellor);

      await expectStatus(caseWorker, "Abgeschlossen");
      await caseWorker
        .getByRole("status")
        .filter({ hasText: `Übergabe an ${RECEIVER}: Abgeschlossen` })
        .waitFor();
      // The timeline reads from the creation to the end, although creating and sending share
      // one instant.
      const steps = await caseWorker
        .getByRole("region", { name: "Verlauf" })
        .getByRole("listitem")
        .getByRole("strong")
        .allTextContents();
      expect(steps).toEqual(["Entwurf", "Gesendet", "Angenommen", "In Betreuung", "Abgeschlossen"]);
      await feedback.getByText("Beratung abgeschlossen", { exact: true }).waitFor();
      await feedback.getByText(germanDay(firstAppointment), { exact: true }).waitFor();
      expect(caseWorkerNavigations).toEqual([]);

      // Das Jobcenter sieht Status, Termin und Ergebnis – die Notizen der Beratung nicht.
      await secrecyHint.waitFor();
      const withheld = caseWorker
        .getByRole("region", { name: "Verlauf" })
        .getByText("Die Beratungsstelle hat eine Notiz hinterlegt.", { exact: false });
      expect(await withheld.count()).toBe(3);
      // The recorder did capture the server's answers, so the check above means something.
      expect(caseWorkerTraffic.some((body) => body.includes(pseudonym))).toBe(true);
      expect(caseWorkerTraffic.some((body) => body.includes("beratung_abgeschlossen"))).toBe(true);
      await expectNoNotes(caseWorker, caseWorkerTraffic);
      await expectNoSeriousA11yViolations(caseWorker);

      // Die Druckansicht für die Papierakte zeigt dasselbe, ebenfalls ohne die Notizen.
      await caseWorker.getByRole("link", { name: "Druckansicht (A4) öffnen" }).click();
      await caseWorker
        .getByRole("heading", { level: 1, name: `Übergabe: ${pseudonym} – Abgeschlossen` })
        .waitFor();
      expect(new URL(caseWorker.url()).pathname).toBe(`${referralPath}/druck`);
      await caseWorker.getByText("Beratung abgeschlossen", { exact: true }).waitFor();
      await expectNoNotes(caseWorker, caseWorkerTraffic);
      await expectNoSeriousA11yViolations(caseWorker);
      await caseWorker.reload();
      await caseWorker
        .getByRole("heading", { level: 1, name: `Übergabe: ${pseudonym} – Abgeschlossen` })
        .waitFor();
      await expectNoNotes(caseWorker, caseWorkerTraffic);
    },
  );

  test("Ein Arbeitgeber-Kontakt im selben Netzwerk bekommt die Übergabe nicht zu sehen", async () => {
    expect(referralPath, "Die Übergabe der vorigen Journey fehlt").toBeDefined();
    browser.allowError(/status of 404/);
    const employer = await browser.newPage();
    await logIn(employer, EMPLOYER);
    await employer.goto(referralPath!);
    await employer.getByRole("heading", { level: 1, name: "Nicht gefunden" }).waitFor();
    expect(await employer.content()).not.toContain(referralPseudonym);
    await expectNoSeriousA11yViolations(employer);

    const response = await employer.goto(`${referralPath!}/druck`);
    expect(response?.status()).toBe(404);
    await employer.getByRole("heading", { level: 1, name: "Nicht gefunden" }).waitFor();
  });

  test("Eine Fachkraft speichert eine Übergabe ohne Einwilligung als Entwurf und kann sie erst mit Einwilligung senden", async () => {
    const pseudonym = uniquePseudonym();
    const caseWorker = await browser.newPage();
    await logIn(caseWorker, CASE_WORKER);
    await caseWorker.goto("/uebergaben/gesendet");
    await caseWorker.getByRole("link", { name: "Neue Übergabe anlegen" }).click();
    await caseWorker.getByRole("heading", { level: 1, name: "Neue Übergabe" }).waitFor();

    // Die Einwilligung liegt noch nicht vor; „Eingeholt von“ und das Datum bleiben vorbelegt.
    await caseWorker.getByLabel("Angebot").selectOption({ label: SERVICE });
    await caseWorker
      .getByRole("group", { name: "Bedarfe" })
      .getByRole("checkbox", { name: "Schuldnerberatung" })
      .check();
    await caseWorker.getByLabel("Anlass der Übergabe").fill(REASON);
    await caseWorker.getByLabel("Pseudonym oder Initialen").fill(pseudonym);
    await caseWorker.getByLabel("Altersgruppe").selectOption({ label: "25 bis 34 Jahre" });
    expect(await caseWorker.getByLabel("Eingeholt von").inputValue()).toBe("Thomas Brandt");
    await caseWorker.getByRole("button", { name: "Als Entwurf speichern" }).click();

    await caseWorker.getByRole("heading", { level: 1, name: `Übergabe: ${pseudonym}` }).waitFor();
    await caseWorker
      .getByRole("status")
      .filter({ hasText: "Die Übergabe wurde als Entwurf gespeichert." })
      .waitFor();
    await statusLine(caseWorker).getByText("Entwurf", { exact: true }).waitFor();
    await caseWorker
      .getByRole("region", { name: "Einwilligung" })
      .getByText("Noch keine Einwilligung erfasst.", { exact: false })
      .waitFor();
    await expectNoSeriousA11yViolations(caseWorker);

    // Senden geht erst, wenn die Einwilligung erfasst ist.
    await caseWorker
      .getByRole("form", { name: "Übergabe senden" })
      .getByRole("button", { name: "Übergabe senden" })
      .click();
    await caseWorker
      .getByRole("alert")
      .filter({
        hasText: "Ohne dokumentierte Einwilligung kann die Übergabe nicht gesendet werden.",
      })
      .waitFor();
    await statusLine(caseWorker).getByText("Entwurf", { exact: true }).waitFor();
    await expectNoSeriousA11yViolations(caseWorker);

    // Der Entwurf lässt sich bearbeiten und wieder ohne Einwilligung speichern.
    await caseWorker.getByRole("link", { name: "Entwurf bearbeiten" }).click();
    await caseWorker.getByRole("heading", { level: 1, name: "Entwurf bearbeiten" }).waitFor();
    expect(await caseWorker.getByLabel("Pseudonym oder Initialen").inputValue()).toBe(pseudonym);
    await expectNoSeriousA11yViolations(caseWorker);
    await caseWorker.getByRole("button", { name: "Als Entwurf speichern" }).click();
    await caseWorker.getByRole("heading", { level: 1, name: `Übergabe: ${pseudonym}` }).waitFor();
    await statusLine(caseWorker).getByText("Entwurf", { exact: true }).waitFor();
  });
});

/** Waits until the referral's status badge and the newest entry of its timeline say `status`. */
async function expectStatus(page: Page, status: string): Promise<void> {
  await statusLine(page).getByText(status, { exact: true }).waitFor({ timeout: 10_000 });
  const entries = page.getByRole("region", { name: "Verlauf" }).getByRole("listitem");
  await entries.filter({ hasText: `${status} – Uwe Schramm (${RECEIVER})` }).waitFor();
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
