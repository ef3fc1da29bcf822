import { readFile } from "node:fs/promises";
import type { Locator } from "@playwright/test";
import ICAL from "ical.js";
import { expectNoSeriousA11yViolations } from "./a11y";
import { addDays, berlinToday, berlinWallClock, germanDate } from "./dates";
import { demoAccounts, escapeRegExp, expect, test, uniqueSuffix } from "./fixtures";
import { expectEditorReady, fieldError, flash } from "./forms";
import { recordNavigations } from "./live";
import { followLink, followNavigation, mainNavigation } from "./navigation";

/** Jens Adler, Personal bei der Solartechnik Apolda GmbH (Arbeitgeber im Netzwerk). */
const EMPLOYER = demoAccounts.employer;
const EMPLOYER_ORGANIZATION = "Solartechnik Apolda GmbH";
/** Thomas Brandt, Fachkraft im Jobcenter Weimarer Land. */
const CASE_WORKER = demoAccounts.staff;
const CASE_WORKER_NAME = "Thomas Brandt";
const JOBCENTER = "Jobcenter Weimarer Land";

const DESCRIPTION =
  "Wir stellen die Arbeit auf unseren Baustellen vor, danach gibt es kurze Kennenlerngespräche.";
const PLACE = "Jobcenter Weimarer Land, Herderstraße, 99510 Apolda, Raum 1.12";
const JOB = "Montagehelfer Solar";
const PSEUDONYMS = ["Kundin Sonnenblume", "M. K.", "Herr Ahorn"];
/** Looks like the number of a Bedarfsgemeinschaft: must never be stored. */
const BG_NUMBER = "12345BG0012345";

const MINUTE_MS = 60 * 1000;

/**
 * The Inforunde starts two to three minutes from now, so that it has begun when the employer
 * records what came of it; registration closes a minute before. Whole minutes, as the form
 * takes them.
 */
function soonAfter(now: Date) {
  const nextMinute = Math.ceil(now.getTime() / MINUTE_MS) * MINUTE_MS;
  const startsAt = new Date(nextMinute + 2 * MINUTE_MS);
  return {
    startsAt,
    endsAt: new Date(startsAt.getTime() + 60 * MINUTE_MS),
    deadline: new Date(startsAt.getTime() - MINUTE_MS),
  };
}

/** "2026-12-06" → "Dezember 2026", the caption of the month view. */
function monthCaption(date: string): string {
  return new Intl.DateTimeFormat("de-DE", {
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  }).format(new Date(`${date}T12:00:00Z`));
}

/** The next last Sunday of March from today on: the night clocks go from 2:00 to 3:00. */
function nextSpringForward(today: string): string {
  for (let year = Number(today.slice(0, 4)); ; year += 1) {
    const lastOfMarch = `${year}-03-31`;
    const date = addDays(lastOfMarch, -new Date(`${lastOfMarch}T00:00:00Z`).getUTCDay());
    if (date >= today) return date;
  }
}

/** "20261206T090000Z", the UTC form of DTSTART in an iCalendar file. */
function icsUtc(instant: Date): string {
  return instant
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
}

/** The first `count` cells of the table row that contains `text`, as read on screen. */
async function rowStart(table: Locator, text: string, count: number): Promise<string[]> {
  const cells = await table
    .getByRole("row")
    .filter({ has: table.page().getByRole("cell", { name: text, exact: true }) })
    .getByRole("cell")
    .allInnerTexts();
  return cells.slice(0, count);
}

test.describe("Veranstaltungen", () => {
  test("Ein Arbeitgeber lädt zur Inforunde für 25 Montagehelfer ein, eine Fachkraft reserviert drei Plätze und lädt die Kalenderdatei, der Arbeitgeber sieht drei Reservierungen und trägt zwei Einstellungen ein", async ({
    loggedInAs,
    loggedInLiveAs,
  }) => {
    // Includes the wait for the Inforunde to begin (two to three minutes).
    test.setTimeout(300_000);
    const title = `Inforunde: 25 Montagehelfer für Solaranlagen gesucht (${uniqueSuffix()})`;
    const today = berlinToday();
    const deadlineDay = addDays(today, 12);
    const springForward = nextSpringForward(today);

    // Jens Adler von der Solartechnik Apolda öffnet den Veranstaltungskalender.
    const employer = await loggedInLiveAs(EMPLOYER);
    await followNavigation(employer, "Veranstaltungen");
    await expectNoSeriousA11yViolations(employer);

    await followLink(employer, "Veranstaltung anlegen");
    await expectEditorReady(employer, "Beschreibung");
    await expectNoSeriousA11yViolations(employer);

    // Er füllt das Formular aus, vergisst aber den Titel und wählt eine Uhrzeit, die es in der
    // Nacht der Zeitumstellung nicht gibt.
    await employer.getByLabel("Art", { exact: true }).selectOption({ label: "Inforunde" });
    await employer.getByRole("textbox", { name: "Beschreibung", exact: true }).click();
    await employer.keyboard.type(DESCRIPTION);
    await employer.getByLabel("Datum", { exact: true }).fill(springForward);
    await employer.getByLabel("Beginn", { exact: true }).fill("02:30");
    await employer.getByLabel("Ende", { exact: true }).fill("12:00");
    await employer.getByLabel("Anmeldung bis (Datum)").fill(deadlineDay);
    await employer.getByLabel("Veranstaltungsort").fill(PLACE);
    await employer.getByLabel("Plätze", { exact: true }).fill("25");
    await employer
      .getByRole("group", { name: "Zielgruppen" })
      .getByRole("checkbox", { name: "Geflüchtete" })
      .check();
    await employer.getByLabel("Stelle 1: Bezeichnung").fill(JOB);
    await employer.getByLabel("Stelle 1: Anzahl").fill("25");
    const publish = employer.getByRole("button", { name: "Veröffentlichen" });
    // The browser checks the form with the action's own rules before anything is sent.
    await publish.click();

    const titleMissing = "Bitte geben Sie einen Titel mit mindestens 3 Zeichen an.";
    const timeMissing = `Die Uhrzeit 02:30 gibt es am ${germanDate(springForward)} nicht: In dieser Nacht wird die Uhr von 2:00 auf 3:00 Uhr vorgestellt. Bitte wählen Sie eine andere Uhrzeit.`;
    const summary = employer
      .getByRole("alert")
      .filter({ hasText: "Bitte prüfen Sie Ihre Eingaben:" });
    await expect(summary).toBeVisible();
    await expect(summary.getByRole("listitem")).toHaveText([titleMissing, timeMissing], {
      useInnerText: true,
    });
    const titleField = employer.getByLabel("Titel", { exact: true });
    await expect(titleField).toHaveAttribute("aria-invalid", "true");
    await expect(await fieldError(titleField)).toHaveText(titleMissing);
    const startTime = employer.getByLabel("Beginn", { exact: true });
    await expect(await fieldError(startTime)).toHaveText(timeMissing);
    // Alles Getippte ist noch da.
    await expect(startTime).toHaveValue("02:30");
    await expect(employer.getByLabel("Datum", { exact: true })).toHaveValue(springForward);
    await expect(employer.getByLabel("Anmeldung bis (Datum)")).toHaveValue(deadlineDay);
    await expect(employer.getByLabel("Veranstaltungsort")).toHaveValue(PLACE);
    await expect(employer.getByLabel("Plätze", { exact: true })).toHaveValue("25");
    await expect(employer.getByLabel("Stelle 1: Bezeichnung")).toHaveValue(JOB);
    await expect(employer.getByLabel("Stelle 1: Anzahl")).toHaveValue("25");
    await expect(
      employer
        .getByRole("group", { name: "Zielgruppen" })
        .getByRole("checkbox", { name: "Geflüchtete" }),
    ).toBeChecked();
    await expect(
      employer
        .getByRole("textbox", { name: "Beschreibung", exact: true })
        .getByText(DESCRIPTION, { exact: true }),
    ).toBeVisible();
    await expectNoSeriousA11yViolations(employer);

    // Mit Titel und dem richtigen Termin wird die Inforunde veröffentlicht. Sie beginnt in
    // wenigen Minuten, damit er danach eintragen kann, was aus ihr geworden ist.
    const { startsAt, endsAt, deadline } = soonAfter(new Date());
    const start = berlinWallClock(startsAt);
    const end = berlinWallClock(endsAt);
    const closes = berlinWallClock(deadline);
    const eventDay = start.date;
    await titleField.fill(title);
    await employer.getByLabel("Datum", { exact: true }).fill(start.date);
    await startTime.fill(start.time);
    if (end.date !== start.date) {
      await employer.getByLabel("Enddatum (optional)").fill(end.date);
    }
    await employer.getByLabel("Ende", { exact: true }).fill(end.time);
    await employer.getByLabel("Anmeldung bis (Datum)").fill(closes.date);
    await employer.getByLabel("Uhrzeit (optional)").fill(closes.time);
    await publish.click();
    await expect(employer.getByRole("heading", { level: 1, name: title })).toBeVisible();
    const eventPath = new URL(employer.url()).pathname;
    expect(eventPath).toMatch(/^\/veranstaltungen\/[0-9a-f-]{36}$/);
    await flash(
      employer,
      "Die Veranstaltung ist veröffentlicht und steht im Kalender Ihres Netzwerks.",
    );
    const facts = employer.getByRole("region", { name: "Eckdaten" });
    await expect(
      facts.getByText(`${germanDate(eventDay)}, ${start.time}`, { exact: false }),
    ).toBeVisible();
    await expect(facts.getByText(PLACE, { exact: true })).toBeVisible();
    await expect(facts.getByText(`${JOB} – 25 Stellen`, { exact: true })).toBeVisible();
    await expect(facts.getByText(DESCRIPTION, { exact: true })).toBeVisible();
    const employerSeats = employer.getByRole("region", { name: "Plätze" });
    await expect(employerSeats.getByText("0 von 25 Plätzen belegt", { exact: true })).toBeVisible();
    await expect(
      employer
        .getByRole("region", { name: "Alle Reservierungen" })
        .getByText("Noch keine Reservierungen.", { exact: false }),
    ).toBeVisible();
    // Ergebnisse erst nach Beginn: vorher gibt es kein Formular dafür.
    const pendingOutcomes = employer.getByRole("region", { name: "Ergebnisse" });
    await expect(
      pendingOutcomes.getByText(
        "Nach Beginn der Veranstaltung kann die veranstaltende Organisation hier",
        { exact: false },
      ),
    ).toBeVisible();
    await expect(employer.getByRole("button", { name: "Ergebnisse speichern" })).toHaveCount(0);
    await expectNoSeriousA11yViolations(employer);
    // From here on the page must follow the reservations without reloading.
    const employerNavigations = recordNavigations(employer);

    // Thomas Brandt vom Jobcenter findet die Inforunde im Kalender, erst in der Liste …
    const caseWorker = await loggedInAs(CASE_WORKER);
    await followNavigation(caseWorker, "Veranstaltungen");
    const views = caseWorker.getByRole("navigation", { name: "Ansicht" });
    await expect(views.getByRole("link", { name: "Liste" })).toHaveAttribute(
      "aria-current",
      "page",
    );
    const listEntry = caseWorker
      .getByRole("article")
      .filter({ has: caseWorker.getByRole("link", { name: title, exact: true }) });
    await expect(listEntry.getByText("25 von 25 Plätzen frei", { exact: false })).toBeVisible();
    await expect(
      listEntry.getByText(`Veranstalter: ${EMPLOYER_ORGANIZATION}`, { exact: false }),
    ).toBeVisible();
    await expectNoSeriousA11yViolations(caseWorker);

    // … dann in der Monatsansicht.
    await views.getByRole("link", { name: "Monat" }).click();
    await caseWorker.waitForURL((url) => url.searchParams.get("ansicht") === "monat");
    await expect(
      caseWorker.getByRole("heading", { level: 2, name: monthCaption(today) }),
    ).toBeVisible();
    if (eventDay.slice(0, 7) !== today.slice(0, 7)) {
      await caseWorker
        .getByRole("navigation", { name: "Zeitraum wählen" })
        .getByRole("link", { name: "Nächster Monat →" })
        .click();
      await expect(
        caseWorker.getByRole("heading", { level: 2, name: monthCaption(eventDay) }),
      ).toBeVisible();
    }
    const month = caseWorker.getByRole("table", { name: monthCaption(eventDay) });
    // An Inforunde that runs past midnight shows "ab 23:09" on its first day; one that ends at
    // midnight stays on its day.
    const lastDay = berlinWallClock(new Date(endsAt.getTime() - 1)).date;
    const timeOnStartDay =
      lastDay === start.date ? `${start.time}–${end.time}` : `ab ${start.time}`;
    const monthLink = month.getByRole("link", {
      name: `${timeOnStartDay} ${title}`,
      exact: true,
    });
    await expect(monthLink).toBeVisible();
    await expectNoSeriousA11yViolations(caseWorker);

    await monthLink.click();
    await expect(caseWorker.getByRole("heading", { level: 1, name: title })).toBeVisible();
    await expect(caseWorker).toHaveURL((url) => url.pathname === eventPath);
    const seats = caseWorker.getByRole("region", { name: "Plätze" });
    await expect(seats.getByText("0 von 25 Plätzen belegt", { exact: true })).toBeVisible();
    await expectNoSeriousA11yViolations(caseWorker);

    // Eine BG-Nummer statt eines Pseudonyms wird abgelehnt, die Eingabe bleibt stehen.
    const pseudonymsField = seats.getByLabel("Pseudonyme (höchstens 30, eines pro Zeile)");
    const typedWithNumber = [PSEUDONYMS[0], BG_NUMBER, PSEUDONYMS[2]].join("\n");
    await pseudonymsField.fill(typedWithNumber);
    // Sending is refused in the browser, with the summary and the message at the field.
    const reserve = seats.getByRole("button", { name: "Plätze reservieren" });
    await reserve.click();
    const bgNumberRefused =
      "Zeile 2: Die Eingabe sieht aus wie eine BG-Nummer (Nummer der Bedarfsgemeinschaft).";
    await expect(seats.getByRole("alert").filter({ hasText: bgNumberRefused })).toBeVisible();
    await expect(await fieldError(pseudonymsField)).toHaveText(
      new RegExp(`^${escapeRegExp(bgNumberRefused)}`),
    );
    await expect(pseudonymsField).toHaveValue(typedWithNumber);
    await expect(seats.getByText("0 von 25 Plätzen belegt", { exact: true })).toBeVisible();
    await expectNoSeriousA11yViolations(caseWorker);

    // Drei Pseudonyme, eines pro Zeile: drei Plätze auf einmal.
    await pseudonymsField.fill(PSEUDONYMS.join("\n"));
    await reserve.click();
    await flash(caseWorker, "Die Plätze sind reserviert.");
    // The list is emptied, so sending the form again cannot book the same people twice.
    await expect(pseudonymsField).toHaveValue("");
    await expect(seats.getByText("3 von 25 Plätzen belegt", { exact: true })).toBeVisible();
    const own = caseWorker.getByRole("table", { name: "Reservierungen Ihrer Organisation" });
    for (const pseudonym of PSEUDONYMS) {
      await expect
        .poll(() => rowStart(own, pseudonym, 3))
        .toEqual([pseudonym, "Fester Platz", CASE_WORKER_NAME]);
    }
    await expectNoSeriousA11yViolations(caseWorker);

    // Die Kalenderdatei: ein echter Download, zurückgelesen mit einem unabhängigen Parser.
    const [download] = await Promise.all([
      caseWorker.waitForEvent("download"),
      caseWorker.getByRole("link", { name: "Kalenderdatei (.ics)" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^veranstaltung-[0-9a-f]{8}\.ics$/);
    const ics = await readFile(await download.path(), "utf8");
    expect(ics.startsWith("BEGIN:VCALENDAR\r\n")).toBe(true);
    expect(ics).toContain(`DTSTART:${icsUtc(startsAt)}\r\n`);
    const calendar = new ICAL.Component(ICAL.parse(ics));
    const vevents = calendar.getAllSubcomponents("vevent");
    expect(vevents).toHaveLength(1);
    const vevent = new ICAL.Event(vevents[0]);
    expect(vevent.summary).toBe(title);
    expect(vevent.location).toBe(PLACE);
    expect(vevent.startDate.toJSDate().toISOString()).toBe(startsAt.toISOString());
    expect(vevent.endDate.toJSDate().toISOString()).toBe(endsAt.toISOString());
    // Reservations never leave the portal in a calendar file.
    for (const pseudonym of PSEUDONYMS) expect(ics).not.toContain(pseudonym);
    expect(ics).not.toContain(CASE_WORKER_NAME);

    // Bei Jens Adler erscheinen die drei Reservierungen ohne Neuladen – mit der Organisation,
    // aber ohne den Namen der Fachkraft.
    await expect(employerSeats.getByText("3 von 25 Plätzen belegt", { exact: true })).toBeVisible({
      timeout: 10_000,
    });
    const all = employer.getByRole("table", { name: "Alle Reservierungen" });
    for (const pseudonym of PSEUDONYMS) {
      await expect
        .poll(() => rowStart(all, pseudonym, 3))
        .toEqual([pseudonym, "Fester Platz", JOBCENTER]);
    }
    expect(employerNavigations).toEqual([]);
    await expectNoSeriousA11yViolations(employer);
    // Also the loader data in the reloaded page's source must not carry the name.
    await employer.reload();
    await expect(employer.getByRole("heading", { level: 1, name: title })).toBeVisible();
    await expect(all.getByRole("row")).toHaveCount(1 + PSEUDONYMS.length);
    expect(await employer.content()).not.toContain(CASE_WORKER_NAME);

    // Nach Beginn der Inforunde trägt er ein, was aus ihr geworden ist: Ergebnisse gibt es erst,
    // wenn sie begonnen hat, also wartet der Test bis dahin (zwei bis drei Minuten).
    await employer.waitForTimeout(Math.max(0, startsAt.getTime() - Date.now()) + 1_000);
    await employer.reload();
    await expect(employer.getByRole("heading", { level: 1, name: title })).toBeVisible();
    const outcomes = employer.getByRole("region", { name: "Ergebnisse" });
    await expect(outcomes.getByRole("button", { name: "Ergebnisse speichern" })).toBeVisible();
    await expectNoSeriousA11yViolations(employer);

    // Mehr Einstellungen über das Jobcenter als insgesamt: die deutsche Fehlermeldung.
    const totals = {
      Teilgenommen: "3",
      Vorstellungsgespräche: "3",
      Praktika: "1",
      Einstellungen: "2",
    };
    const viaJobcenter = {
      Teilgenommen: "3",
      Vorstellungsgespräche: "3",
      Praktika: "1",
      Einstellungen: "3",
    };
    for (const [figure, value] of Object.entries(totals)) {
      await outcomes.getByLabel(figure, { exact: true }).fill(value);
    }
    for (const [figure, value] of Object.entries(viaJobcenter)) {
      const field = outcomes.getByLabel(`${figure} (${JOBCENTER})`, { exact: true });
      await field.fill(value);
    }
    const save = outcomes.getByRole("button", { name: "Ergebnisse speichern" });
    await save.click();
    const sumTooHigh =
      "Die Angaben der einzelnen Organisationen bei „Einstellungen“ ergeben zusammen mehr als die Gesamtzahl.";
    await expect(outcomes.getByRole("alert").filter({ hasText: sumTooHigh })).toBeVisible();
    const hiresTotal = outcomes.getByLabel("Einstellungen", { exact: true });
    await expect(await fieldError(hiresTotal)).toHaveText(sumTooHigh);
    const hiresViaJobcenter = outcomes.getByLabel(`Einstellungen (${JOBCENTER})`, {
      exact: true,
    });
    await expect(hiresViaJobcenter).toHaveValue("3");
    await expect(outcomes.getByLabel("Teilgenommen", { exact: true })).toHaveValue("3");
    await expectNoSeriousA11yViolations(employer);

    // Zwei Einstellungen, beide über das Jobcenter.
    await hiresViaJobcenter.fill("2");
    await save.click();
    await flash(employer, "Die Ergebnisse wurden gespeichert.");
    await expect(outcomes.getByRole("alert")).not.toBeAttached();
    for (const [figure, value] of Object.entries(totals)) {
      const recorded = outcomes.getByRole("listitem").filter({ hasText: new RegExp(`${figure}$`) });
      await expect(recorded.getByRole("strong")).toHaveText(value);
    }
    const byOrganization = outcomes.getByRole("table", {
      name: "Nach reservierender Organisation",
    });
    await expect(
      byOrganization
        .getByRole("row")
        .filter({ has: employer.getByRole("rowheader", { name: JOBCENTER }) })
        .getByRole("cell"),
    ).toHaveText(["3", "3", "1", "2"], { useInnerText: true });
    expect(await employer.content()).not.toContain(CASE_WORKER_NAME);
    await expectNoSeriousA11yViolations(employer);
  });

  test("Eine Fachkraft abonniert ihre Veranstaltungen im eigenen Kalender und beendet das Abo wieder", async ({
    loggedInAs,
  }) => {
    // Jana Wiegand hat in den Demodaten einen Platz bei der Informationsveranstaltung reserviert.
    const page = await loggedInAs("fallmanagement.jobcenter@example.org");
    await mainNavigation(page).getByRole("link", { name: "Veranstaltungen" }).click();
    await followLink(page, "Kalender-Abo");
    await expect(page.getByText("Sie haben zurzeit kein Kalender-Abo.")).toBeVisible();
    await expectNoSeriousA11yViolations(page);

    await page.getByRole("button", { name: "Abo-Adresse erzeugen" }).click();
    await expect(page.getByRole("heading", { level: 2, name: "Ihre Abo-Adresse" })).toBeVisible();
    const addressField = page.getByLabel("Abo-Adresse zum Kopieren");
    await expect(addressField).toHaveValue(/\/kalender\/[^/]+\.ics$/);
    const address = await addressField.inputValue();
    await expectNoSeriousA11yViolations(page);

    // What Outlook would fetch: the reserved event, never a pseudonym.
    const feed = await page.request.get(address);
    expect(feed.status()).toBe(200);
    expect(feed.headers()["content-type"]).toContain("text/calendar");
    const calendar = new ICAL.Component(ICAL.parse(await feed.text()));
    const titles = calendar
      .getAllSubcomponents("vevent")
      .map((vevent) => new ICAL.Event(vevent).summary);
    expect(titles).toContain("Montagehelfer in der Solarbranche – Informationsveranstaltung");
    expect(await feed.text()).not.toContain("T. M.");

    // Beendet: die Adresse liefert nichts mehr.
    await page.getByRole("button", { name: "Abo beenden" }).click();
    await expect(
      page
        .getByRole("status")
        .getByText("Ihr Kalender-Abo ist beendet. Die Adresse funktioniert nicht mehr."),
    ).toBeVisible();
    await expect(page.getByText("Sie haben zurzeit kein Kalender-Abo.")).toBeVisible();
    expect((await page.request.get(address)).status()).toBe(404);
    await expectNoSeriousA11yViolations(page);
  });
});
