import type { Locator, Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import {
  demoAccounts,
  escapeRegExp,
  expectNoSeriousA11yViolations,
  liveConnectionEstablished,
  logIn,
  recordNavigations,
  uniqueSuffix,
  useBrowser,
} from "./browser";

/** Nadine Krause, Organisations-Administration im Jugendamt Weimarer Land. */
const YOUTH_WORKER = "admin.jugendamt-wl@example.org";
const YOUTH_WORKER_NAME = "Nadine Krause";
const YOUTH_OFFICE = "Jugendamt Weimarer Land";
/** Thomas Brandt, Fachkraft im Jobcenter Weimarer Land. */
const CASE_WORKER = demoAccounts.staff;
const CASE_WORKER_NAME = "Thomas Brandt";
const JOBCENTER = "Jobcenter Weimarer Land";

const CHANNEL = "U25 und Jugendberufsagentur";
/** A thread of the demo data in that channel (app/demo/demo-discussions.server.ts). */
const DEMO_THREAD =
  "Wer hat Erfahrung mit aufsuchendem Fallmanagement gemeinsam mit dem Jugendamt?";
const DEMO_QUESTION =
  "Wir haben mehrere Jugendliche, die Termine im Jobcenter nicht wahrnehmen. Hat jemand gute Erfahrungen mit gemeinsamen Hausbesuchen von Fallmanagement und Jugendamt gemacht?";

const QUESTION =
  "Eine Jugendliche bricht ihre Ausbildung ab und ist ab nächstem Monat im Leistungsbezug. Wer im Jobcenter ist für den ersten Kontakt zuständig?";
const ANSWER_START = "Danke für die Frage, ";
const ANSWER_END = "das übernimmt das U25-Team; ich melde mich heute noch bei Ihnen.";

/** The main navigation's „Diskussionen“ link, whatever its unread count. */
function discussionsLink(page: Page): Locator {
  return page
    .getByRole("navigation", { name: "Hauptnavigation" })
    .getByRole("link", { name: /^Diskussionen/ });
}

/** The unread count beside „Diskussionen“ in the main navigation (0 without a badge). */
async function unreadInNavigation(page: Page): Promise<number> {
  const text = (await discussionsLink(page).textContent()) ?? "";
  return Number(/\d+/.exec(text)?.[0] ?? 0);
}

/** The navigation link's accessible name for `count` unread posts. */
function discussionsLinkName(count: number): string {
  return count > 0 ? `Diskussionen ${count} ungelesen` : "Diskussionen";
}

/** A post of the thread page; articles are named by their heading „Name · Organisation“. */
function postBy(page: Page, author: string, organization: string): Locator {
  return page.getByRole("article", { name: `${author} · ${organization}`, exact: true });
}

/** The thread page's live region for arriving posts (visually hidden, aria-live="polite"). */
function postAnnouncements(page: Page): Locator {
  return page.locator('main [aria-live="polite"]');
}

describe("Diskussionen", () => {
  const browser = useBrowser();

  test("Das Jugendamt fragt im Kanal „U25 und Jugendberufsagentur“, das Jobcenter antwortet live mit @-Erwähnung", async () => {
    const title = `Ausbildungsabbruch: Wer übernimmt im Jobcenter? (${uniqueSuffix()})`;
    const titlePattern = escapeRegExp(title);

    // Thomas Brandt vom Jobcenter hat die Diskussionen offen.
    const caseWorker = await browser.newPage();
    const caseWorkerLive = liveConnectionEstablished(caseWorker);
    await logIn(caseWorker, CASE_WORKER);
    await discussionsLink(caseWorker).click();
    await caseWorker.getByRole("heading", { level: 1, name: "Diskussionen" }).waitFor();
    const network = caseWorker.getByRole("region", { name: "Netzwerk ABC Weimarer Land" });
    await network.getByRole("link", { name: CHANNEL, exact: true }).waitFor();
    await expectNoSeriousA11yViolations(caseWorker);

    await network.getByRole("link", { name: CHANNEL, exact: true }).click();
    await caseWorker.getByRole("heading", { level: 1, name: CHANNEL }).waitFor();
    const threads = caseWorker.getByRole("region", { name: /^Themen \(\d+\)$/ });
    await threads.getByRole("link", { name: DEMO_THREAD }).waitFor();
    expect(await caseWorker.getByRole("link", { name: title }).count()).toBe(0);
    const unreadBefore = await unreadInNavigation(caseWorker);
    await expectNoSeriousA11yViolations(caseWorker);
    await caseWorkerLive;
    // Any navigation of this page from here on would mean the thread did not arrive live.
    const caseWorkerNavigations = recordNavigations(caseWorker);

    // Nadine Krause vom Jugendamt öffnet denselben Kanal und stellt ihre Frage als neues Thema.
    const youthWorker = await browser.newPage();
    const youthWorkerLive = liveConnectionEstablished(youthWorker);
    await logIn(youthWorker, YOUTH_WORKER);
    await discussionsLink(youthWorker).click();
    await youthWorker.getByRole("heading", { level: 1, name: "Diskussionen" }).waitFor();
    await youthWorker.getByRole("link", { name: CHANNEL, exact: true }).click();
    await youthWorker.getByRole("heading", { level: 1, name: CHANNEL }).waitFor();
    const newThread = youthWorker.getByRole("region", { name: "Neues Thema" });
    // The editor has replaced the plain textarea: the page is hydrated.
    await newThread.getByRole("toolbar", { name: "Formatierung: Erster Beitrag" }).waitFor();
    await expectNoSeriousA11yViolations(youthWorker);
    await newThread.getByLabel("Titel", { exact: true }).fill(title);
    await newThread.getByRole("textbox", { name: "Erster Beitrag", exact: true }).click();
    await youthWorker.keyboard.type(QUESTION);
    await newThread.getByRole("button", { name: "Thema beginnen" }).click();

    await youthWorker.getByRole("heading", { level: 1, name: title }).waitFor();
    const threadPath = new URL(youthWorker.url()).pathname;
    expect(threadPath).toMatch(/^\/diskussionen\/thema\/[0-9a-f-]{36}$/);
    await youthWorker
      .getByRole("navigation", { name: "Brotkrumen" })
      .getByRole("link", { name: `Kanal „${CHANNEL}“` })
      .waitFor();
    const question = postBy(youthWorker, YOUTH_WORKER_NAME, YOUTH_OFFICE);
    await question.getByText(QUESTION, { exact: true }).waitFor();
    await youthWorkerLive;
    // Joined the thread's room: from here on answers arrive live.
    await youthWorker.getByText(/^Live/).waitFor();
    await expectNoSeriousA11yViolations(youthWorker);
    const youthWorkerNavigations = recordNavigations(youthWorker);

    // Ohne Neuladen erscheint das Thema beim Jobcenter, mit Zähler für Ungelesenes.
    const unreadThread = {
      level: 3,
      name: new RegExp(`^${titlePattern}\\s*1 ungelesen$`),
    } as const;
    const threadHeading = threads.getByRole("heading", unreadThread);
    await threadHeading.waitFor({ timeout: 10_000 });
    await threadHeading.getByText("1 ungelesen", { exact: true }).waitFor();
    await threads
      .getByRole("listitem")
      .filter({ has: caseWorker.getByRole("heading", unreadThread) })
      .getByText(`Begonnen von ${YOUTH_WORKER_NAME} · 1 Beitrag`, { exact: false })
      .waitFor();
    await caseWorker
      .getByRole("navigation", { name: "Hauptnavigation" })
      .getByRole("link", { name: discussionsLinkName(unreadBefore + 1), exact: true })
      .waitFor();
    expect(caseWorkerNavigations).toEqual([]);
    await expectNoSeriousA11yViolations(caseWorker);

    // Er öffnet das Thema; gelesen ist gelesen: der Zähler in der Navigation geht zurück.
    await threadHeading.getByRole("link", { name: title, exact: true }).click();
    await caseWorker.getByRole("heading", { level: 1, name: title }).waitFor();
    expect(new URL(caseWorker.url()).pathname).toBe(threadPath);
    await postBy(caseWorker, YOUTH_WORKER_NAME, YOUTH_OFFICE)
      .getByText(QUESTION, { exact: true })
      .waitFor();
    await caseWorker
      .getByRole("navigation", { name: "Hauptnavigation" })
      .getByRole("link", { name: discussionsLinkName(unreadBefore), exact: true })
      .waitFor();
    await caseWorker.getByText(/^Live/).waitFor();
    await expectNoSeriousA11yViolations(caseWorker);

    // Nadine Krause sieht, dass er mitliest.
    await youthWorker.getByText(`Live · Gerade hier: ${CASE_WORKER_NAME}`).waitFor();

    // Er antwortet und erwähnt sie: „@Nadine“ öffnet die Vorschläge, Enter übernimmt.
    const replySection = caseWorker.getByRole("region", { name: "Antworten" });
    await replySection.getByRole("toolbar", { name: "Formatierung: Ihre Antwort" }).waitFor();
    const editor = replySection.getByRole("textbox", { name: "Ihre Antwort", exact: true });
    await editor.click();
    await caseWorker.keyboard.type(ANSWER_START);
    // „schreibt …“ reaches the other side while he types.
    await youthWorker.getByText(`${CASE_WORKER_NAME} schreibt …`, { exact: true }).waitFor();
    await caseWorker.keyboard.type("@Nadine");
    const suggestions = caseWorker.getByRole("listbox", { name: "Personen vorschlagen" });
    const suggestion = suggestions.getByRole("option", {
      name: new RegExp(`^${YOUTH_WORKER_NAME}\\s*${YOUTH_OFFICE}$`),
    });
    await suggestion.waitFor();
    expect(await suggestion.getAttribute("aria-selected")).toBe("true");
    expect(await editor.getAttribute("aria-activedescendant")).toBe(
      await suggestion.getAttribute("id"),
    );
    await replySection
      .getByRole("status")
      .filter({ hasText: "1 Person gefunden." })
      // Visually hidden: only screen readers read it.
      .waitFor({ state: "attached" });
    await expectNoSeriousA11yViolations(caseWorker);
    await caseWorker.keyboard.press("Enter");
    await suggestions.waitFor({ state: "detached" });
    await editor.getByText(`@${YOUTH_WORKER_NAME}`, { exact: true }).waitFor();
    await caseWorker.keyboard.type(ANSWER_END);
    expect(await editor.textContent()).toBe(`${ANSWER_START}@${YOUTH_WORKER_NAME} ${ANSWER_END}`);
    await replySection.getByRole("button", { name: "Antwort senden" }).click();

    const ownAnswer = postBy(caseWorker, CASE_WORKER_NAME, JOBCENTER);
    await ownAnswer.getByText(ANSWER_END, { exact: false }).waitFor();
    // The editor is emptied for the next answer.
    await caseWorker.waitForFunction(
      () => document.querySelector("#antwort")?.textContent?.trim() === "",
    );
    await expectNoSeriousA11yViolations(caseWorker);

    // Bei Nadine Krause erscheint die Antwort ohne Neuladen, mit Erwähnung und Ansage.
    const answer = postBy(youthWorker, CASE_WORKER_NAME, JOBCENTER);
    await answer.waitFor({ timeout: 10_000 });
    await answer.getByText(ANSWER_END, { exact: false }).waitFor();
    const mention = answer.getByText(`@${YOUTH_WORKER_NAME}`, { exact: true });
    await mention.waitFor();
    expect(await mention.getAttribute("class")).toBe("mention");
    expect(await youthWorker.getByRole("article").count()).toBe(2);
    await postAnnouncements(youthWorker)
      .getByText(`Neuer Beitrag von ${CASE_WORKER_NAME}`, { exact: true })
      .waitFor({ state: "attached" });
    // The answer came in: „schreibt …“ is gone.
    await youthWorker
      .getByText(`${CASE_WORKER_NAME} schreibt …`, { exact: true })
      .waitFor({ state: "detached" });

    // Und einen Hinweis auf die Erwähnung, ebenfalls live – in der Live-Region der Hinweise.
    const notification = `${CASE_WORKER_NAME} hat Sie im Thema „${title}“ erwähnt`;
    const toast = youthWorker.getByRole("status").filter({ hasText: notification });
    await toast.waitFor({ timeout: 10_000 });
    expect(await toast.getAttribute("aria-live")).toBe("polite");
    const toastLink = toast.getByRole("link", { name: notification });
    expect(await toastLink.getAttribute("href")).toMatch(
      new RegExp(`^${escapeRegExp(threadPath)}#beitrag-[0-9a-f-]{36}$`),
    );
    expect(youthWorkerNavigations).toEqual([]);
    await expectNoSeriousA11yViolations(youthWorker);

    // Auf „Mein Netzwerk“ steht der Hinweis in der Liste und führt zur Antwort.
    await youthWorker
      .getByRole("navigation", { name: "Hauptnavigation" })
      .getByRole("link", { name: "Mein Netzwerk" })
      .click();
    await youthWorker.getByRole("heading", { level: 1, name: "Mein Netzwerk" }).waitFor();
    const notifications = youthWorker.getByRole("region", { name: "Benachrichtigungen" });
    const listed = notifications.getByRole("link", { name: notification, exact: true });
    await listed.waitFor();
    // The mention replaces the reply notice for the thread's starter: one notice, not two.
    expect(
      await notifications
        .getByRole("link", { name: `${CASE_WORKER_NAME} hat auf Ihr Thema „${title}“ geantwortet` })
        .count(),
    ).toBe(0);
    await expectNoSeriousA11yViolations(youthWorker);
    await listed.click();
    await youthWorker.getByRole("heading", { level: 1, name: title }).waitFor();
    expect(new URL(youthWorker.url()).pathname).toBe(threadPath);
    expect(new URL(youthWorker.url()).hash).toMatch(/^#beitrag-[0-9a-f-]{36}$/);
    await postBy(youthWorker, CASE_WORKER_NAME, JOBCENTER)
      .getByText(`@${YOUTH_WORKER_NAME}`, { exact: true })
      .waitFor();
  });

  test("Ohne JavaScript lässt sich ein Thema lesen und mit dem einfachen Formular beantworten", async () => {
    const reply = `Bei uns klappt das mit festen Ansprechpersonen im Jugendamt (${uniqueSuffix()}).`;
    const page = await browser.newPage({ javaScriptEnabled: false });
    await logIn(page, CASE_WORKER);
    await page.goto("/diskussionen");
    await page.getByRole("heading", { level: 1, name: "Diskussionen" }).waitFor();
    await page.getByRole("link", { name: CHANNEL, exact: true }).click();
    await page.getByRole("heading", { level: 1, name: CHANNEL }).waitFor();
    await page.getByRole("link", { name: DEMO_THREAD, exact: true }).click();
    await page.getByRole("heading", { level: 1, name: DEMO_THREAD }).waitFor();
    const threadPath = new URL(page.url()).pathname;
    expect(threadPath).toMatch(/^\/diskussionen\/thema\/[0-9a-f-]{36}$/);
    await postBy(page, YOUTH_WORKER_NAME, YOUTH_OFFICE)
      .getByText(DEMO_QUESTION, { exact: true })
      .waitFor();
    const postsBefore = await page.getByRole("article").count();
    // No axe here: it needs timers, which do not run without JavaScript. The same pages are
    // checked with JavaScript in the journey above.

    // Ein leerer Beitrag: die deutsche Fehlermeldung, die Seite bleibt.
    const replySection = page.getByRole("region", { name: "Antworten" });
    const field = replySection.getByRole("textbox", { name: "Ihre Antwort", exact: true });
    expect(await field.evaluate((element) => element.tagName)).toBe("TEXTAREA");
    const rejected = page.waitForResponse(
      (response) =>
        response.request().resourceType() === "document" && response.request().method() === "POST",
    );
    await replySection.getByRole("button", { name: "Antwort senden" }).click();
    expect((await rejected).status()).toBe(400);
    await replySection
      .getByRole("alert")
      .filter({ hasText: "Bitte schreiben Sie einen Beitrag." })
      .waitFor();
    expect(new URL(page.url()).pathname).toBe(threadPath);
    await page.getByRole("heading", { level: 1, name: DEMO_THREAD }).waitFor();
    expect(await page.getByRole("article").count()).toBe(postsBefore);
    expect(await field.getAttribute("aria-invalid")).toBe("true");
    const describedBy = (await field.getAttribute("aria-describedby")) ?? "";
    const errorId = describedBy.split(" ").find((id) => id.endsWith("-fehler"));
    expect(errorId).toBeDefined();
    expect(await page.locator(`[id="${errorId}"]`).textContent()).toBe(
      "Bitte schreiben Sie einen Beitrag.",
    );

    // Mit Text geht die Antwort als gewöhnliches Formular hinaus und steht danach im Thema.
    await field.fill(reply);
    await replySection.getByRole("button", { name: "Antwort senden" }).click();
    await page.waitForURL((url) => url.pathname === threadPath && url.hash.startsWith("#beitrag-"));
    const answer = page.locator(`article${new URL(page.url()).hash}`);
    await answer.getByText(reply, { exact: true }).waitFor();
    expect(await answer.getAttribute("aria-labelledby")).toBeTruthy();
    await postBy(page, CASE_WORKER_NAME, JOBCENTER).filter({ hasText: reply }).waitFor();
    expect(await page.getByRole("article").count()).toBe(postsBefore + 1);
    expect(await page.getByRole("alert").count()).toBe(0);
  });
});
