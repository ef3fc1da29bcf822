import type { Locator, Page } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./a11y";
import { demoAccounts, escapeRegExp, expect, test, uniqueSuffix } from "./fixtures";
import { expectEditorReady, fieldError, toast } from "./forms";
import { recordNavigations } from "./live";
import { followNavigation, mainNavigation } from "./navigation";

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
  return mainNavigation(page).getByRole("link", { name: /^Diskussionen/ });
}

/** The unread count beside „Diskussionen“ in the main navigation (0 without a badge). */
async function unreadInNavigation(page: Page): Promise<number> {
  const text = (await discussionsLink(page).textContent()) ?? "";
  return Number(/\d+/.exec(text)?.[0] ?? 0);
}

/** The navigation link for `count` unread posts, named as a screen reader reads it. */
function discussionsLinkFor(page: Page, count: number): Locator {
  const name = count > 0 ? `Diskussionen ${count} ungelesen` : "Diskussionen";
  return mainNavigation(page).getByRole("link", { name, exact: true });
}

/** A post of the thread page; articles are named by their heading „Name · Organisation“. */
function postBy(page: Page, author: string, organization: string): Locator {
  return page.getByRole("article", { name: `${author} · ${organization}`, exact: true });
}

/** The thread page's live region for arriving posts (visually hidden, aria-live="polite"). */
function postAnnouncements(page: Page): Locator {
  return page.locator('main [aria-live="polite"]');
}

test.describe("Diskussionen", () => {
  test("Das Jugendamt fragt im Kanal „U25 und Jugendberufsagentur“, das Jobcenter antwortet live mit @-Erwähnung", async ({
    loggedInLiveAs,
  }) => {
    // Two people, a live thread and ten axe checks: on a busy machine close to the default minute.
    test.setTimeout(90_000);
    const title = `Ausbildungsabbruch: Wer übernimmt im Jobcenter? (${uniqueSuffix()})`;
    const titlePattern = escapeRegExp(title);

    // Thomas Brandt vom Jobcenter hat die Diskussionen offen.
    const caseWorker = await loggedInLiveAs(CASE_WORKER);
    await followNavigation(caseWorker, /^Diskussionen/, "Diskussionen");
    const network = caseWorker.getByRole("region", { name: "Netzwerk ABC Weimarer Land" });
    await expect(network.getByRole("link", { name: CHANNEL, exact: true })).toBeVisible();
    await expectNoSeriousA11yViolations(caseWorker);

    await network.getByRole("link", { name: CHANNEL, exact: true }).click();
    await expect(caseWorker.getByRole("heading", { level: 1, name: CHANNEL })).toBeVisible();
    const threads = caseWorker.getByRole("region", { name: /^Themen \(\d+\)$/ });
    await expect(threads.getByRole("link", { name: DEMO_THREAD })).toBeVisible();
    await expect(caseWorker.getByRole("link", { name: title })).toHaveCount(0);
    const unreadBefore = await unreadInNavigation(caseWorker);
    await expectNoSeriousA11yViolations(caseWorker);
    // Any navigation of this page from here on would mean the thread did not arrive live.
    const caseWorkerNavigations = recordNavigations(caseWorker);

    // Nadine Krause vom Jugendamt öffnet denselben Kanal und stellt ihre Frage als neues Thema.
    const youthWorker = await loggedInLiveAs(YOUTH_WORKER);
    await followNavigation(youthWorker, /^Diskussionen/, "Diskussionen");
    await youthWorker.getByRole("link", { name: CHANNEL, exact: true }).click();
    await expect(youthWorker.getByRole("heading", { level: 1, name: CHANNEL })).toBeVisible();
    const newThread = youthWorker.getByRole("region", { name: "Neues Thema" });
    await expectEditorReady(newThread, "Erster Beitrag");
    await expectNoSeriousA11yViolations(youthWorker);
    await newThread.getByLabel("Titel", { exact: true }).fill(title);
    await newThread.getByRole("textbox", { name: "Erster Beitrag", exact: true }).click();
    await youthWorker.keyboard.type(QUESTION);
    await newThread.getByRole("button", { name: "Thema beginnen" }).click();

    await expect(youthWorker.getByRole("heading", { level: 1, name: title })).toBeVisible();
    const threadPath = new URL(youthWorker.url()).pathname;
    expect(threadPath).toMatch(/^\/diskussionen\/thema\/[0-9a-f-]{36}$/);
    await expect(
      youthWorker
        .getByRole("navigation", { name: "Brotkrumen" })
        .getByRole("link", { name: `Kanal „${CHANNEL}“` }),
    ).toBeVisible();
    const question = postBy(youthWorker, YOUTH_WORKER_NAME, YOUTH_OFFICE);
    await expect(question.getByText(QUESTION, { exact: true })).toBeVisible();
    // Joined the thread's room: from here on answers arrive live.
    await expect(youthWorker.getByText(/^Live/)).toBeVisible();
    await expectNoSeriousA11yViolations(youthWorker);
    const youthWorkerNavigations = recordNavigations(youthWorker);

    // Ohne Neuladen erscheint das Thema beim Jobcenter, mit Zähler für Ungelesenes.
    const unreadThread = {
      level: 3,
      name: new RegExp(`^${titlePattern}\\s*1 ungelesen$`),
    } as const;
    const threadHeading = threads.getByRole("heading", unreadThread);
    await expect(threadHeading).toBeVisible({ timeout: 10_000 });
    await expect(threadHeading.getByText("1 ungelesen", { exact: true })).toBeVisible();
    await expect(
      threads
        .getByRole("listitem")
        .filter({ has: caseWorker.getByRole("heading", unreadThread) })
        .getByText(`Begonnen von ${YOUTH_WORKER_NAME} · 1 Beitrag`, { exact: false }),
    ).toBeVisible();
    await expect(discussionsLinkFor(caseWorker, unreadBefore + 1)).toBeVisible();
    expect(caseWorkerNavigations).toEqual([]);
    await expectNoSeriousA11yViolations(caseWorker);

    // Er öffnet das Thema; gelesen ist gelesen: der Zähler in der Navigation geht zurück.
    await threadHeading.getByRole("link", { name: title, exact: true }).click();
    await expect(caseWorker.getByRole("heading", { level: 1, name: title })).toBeVisible();
    await expect(caseWorker).toHaveURL((url) => url.pathname === threadPath);
    await expect(
      postBy(caseWorker, YOUTH_WORKER_NAME, YOUTH_OFFICE).getByText(QUESTION, { exact: true }),
    ).toBeVisible();
    await expect(discussionsLinkFor(caseWorker, unreadBefore)).toBeVisible();
    await expect(caseWorker.getByText(/^Live/)).toBeVisible();
    await expectNoSeriousA11yViolations(caseWorker);

    // Nadine Krause sieht, dass er mitliest.
    await expect(youthWorker.getByText(`Live · Gerade hier: ${CASE_WORKER_NAME}`)).toBeVisible();

    // Er antwortet und erwähnt sie: „@Nadine“ öffnet die Vorschläge, Enter übernimmt.
    const replySection = caseWorker.getByRole("region", { name: "Antworten" });
    await expectEditorReady(replySection, "Ihre Antwort");
    const editor = replySection.getByRole("textbox", { name: "Ihre Antwort", exact: true });
    await editor.click();
    await caseWorker.keyboard.type(ANSWER_START);
    // „schreibt …“ reaches the other side while he types.
    await expect(
      youthWorker.getByText(`${CASE_WORKER_NAME} schreibt …`, { exact: true }),
    ).toBeVisible();
    await caseWorker.keyboard.type("@Nadine");
    const suggestions = caseWorker.getByRole("listbox", { name: "Personen vorschlagen" });
    const suggestion = suggestions.getByRole("option", {
      name: new RegExp(`^${YOUTH_WORKER_NAME}\\s*${YOUTH_OFFICE}$`),
    });
    await expect(suggestion).toBeVisible();
    await expect(suggestion).toHaveAttribute("aria-selected", "true");
    await expect(editor).toHaveAttribute(
      "aria-activedescendant",
      (await suggestion.getAttribute("id"))!,
    );
    // Visually hidden: only screen readers read it.
    await expect(
      replySection.getByRole("status").filter({ hasText: "1 Person gefunden." }),
    ).toBeAttached();
    await expectNoSeriousA11yViolations(caseWorker);
    await caseWorker.keyboard.press("Enter");
    await expect(suggestions).not.toBeAttached();
    await expect(editor.getByText(`@${YOUTH_WORKER_NAME}`, { exact: true })).toBeVisible();
    await caseWorker.keyboard.type(ANSWER_END);
    await expect(editor).toHaveText(`${ANSWER_START}@${YOUTH_WORKER_NAME} ${ANSWER_END}`);
    await replySection.getByRole("button", { name: "Antwort senden" }).click();

    const ownAnswer = postBy(caseWorker, CASE_WORKER_NAME, JOBCENTER);
    await expect(ownAnswer.getByText(ANSWER_END, { exact: false })).toBeVisible();
    // The editor is emptied for the next answer.
    await expect(editor).toBeEmpty();
    await expectNoSeriousA11yViolations(caseWorker);

    // Bei Nadine Krause erscheint die Antwort ohne Neuladen, mit Erwähnung und Ansage.
    const answer = postBy(youthWorker, CASE_WORKER_NAME, JOBCENTER);
    await expect(answer).toBeVisible({ timeout: 10_000 });
    await expect(answer.getByText(ANSWER_END, { exact: false })).toBeVisible();
    const mention = answer.getByText(`@${YOUTH_WORKER_NAME}`, { exact: true });
    await expect(mention).toBeVisible();
    await expect(mention).toHaveAttribute("class", "mention");
    await expect(youthWorker.getByRole("article")).toHaveCount(2);
    await expect(
      postAnnouncements(youthWorker).getByText(`Neuer Beitrag von ${CASE_WORKER_NAME}`, {
        exact: true,
      }),
    ).toBeAttached();
    // The answer came in: „schreibt …“ is gone.
    await expect(
      youthWorker.getByText(`${CASE_WORKER_NAME} schreibt …`, { exact: true }),
    ).not.toBeAttached();

    // Und einen Hinweis auf die Erwähnung, ebenfalls live – in der Live-Region der Hinweise.
    const notification = `${CASE_WORKER_NAME} hat Sie im Thema „${title}“ erwähnt`;
    const mentionNotice = toast(youthWorker, notification);
    await expect(mentionNotice).toBeVisible({ timeout: 10_000 });
    await expect(mentionNotice).toHaveAttribute("aria-live", "polite");
    await expect(mentionNotice.getByRole("link", { name: notification })).toHaveAttribute(
      "href",
      new RegExp(`^${escapeRegExp(threadPath)}#beitrag-[0-9a-f-]{36}$`),
    );
    expect(youthWorkerNavigations).toEqual([]);
    await expectNoSeriousA11yViolations(youthWorker);

    // Auf „Mein Netzwerk“ steht der Hinweis in der Liste und führt zur Antwort.
    await followNavigation(youthWorker, "Mein Netzwerk");
    const notifications = youthWorker.getByRole("region", { name: "Benachrichtigungen" });
    const listed = notifications.getByRole("link", { name: notification, exact: true });
    await expect(listed).toBeVisible();
    // The mention replaces the reply notice for the thread's starter: one notice, not two.
    await expect(
      notifications.getByRole("link", {
        name: `${CASE_WORKER_NAME} hat auf Ihr Thema „${title}“ geantwortet`,
      }),
    ).toHaveCount(0);
    await expectNoSeriousA11yViolations(youthWorker);
    await listed.click();
    await expect(youthWorker.getByRole("heading", { level: 1, name: title })).toBeVisible();
    await expect(youthWorker).toHaveURL(
      (url) => url.pathname === threadPath && /^#beitrag-[0-9a-f-]{36}$/.test(url.hash),
    );
    await expect(
      postBy(youthWorker, CASE_WORKER_NAME, JOBCENTER).getByText(`@${YOUTH_WORKER_NAME}`, {
        exact: true,
      }),
    ).toBeVisible();
  });

  test("Ohne JavaScript lässt sich ein Thema lesen und mit dem einfachen Formular beantworten", async ({
    loggedInAs,
  }) => {
    const reply = `Bei uns klappt das mit festen Ansprechpersonen im Jugendamt (${uniqueSuffix()}).`;
    const page = await loggedInAs(CASE_WORKER, { javaScriptEnabled: false });
    await page.goto("/diskussionen");
    await expect(page.getByRole("heading", { level: 1, name: "Diskussionen" })).toBeVisible();
    await page.getByRole("link", { name: CHANNEL, exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: CHANNEL })).toBeVisible();
    await page.getByRole("link", { name: DEMO_THREAD, exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: DEMO_THREAD })).toBeVisible();
    const threadPath = new URL(page.url()).pathname;
    expect(threadPath).toMatch(/^\/diskussionen\/thema\/[0-9a-f-]{36}$/);
    await expect(
      postBy(page, YOUTH_WORKER_NAME, YOUTH_OFFICE).getByText(DEMO_QUESTION, { exact: true }),
    ).toBeVisible();
    const postsBefore = await page.getByRole("article").count();
    // No axe here: it needs timers, which do not run without JavaScript. The same pages are
    // checked with JavaScript in the journey above.

    // Ein leerer Beitrag: die deutsche Fehlermeldung, die Seite bleibt.
    const replySection = page.getByRole("region", { name: "Antworten" });
    const field = replySection.getByRole("textbox", { name: "Ihre Antwort", exact: true });
    await expect(field).toHaveJSProperty("tagName", "TEXTAREA");
    const rejected = page.waitForResponse(
      (response) =>
        response.request().resourceType() === "document" && response.request().method() === "POST",
    );
    await replySection.getByRole("button", { name: "Antwort senden" }).click();
    expect((await rejected).status()).toBe(400);
    await expect(
      replySection.getByRole("alert").filter({ hasText: "Bitte schreiben Sie einen Beitrag." }),
    ).toBeVisible();
    await expect(page).toHaveURL((url) => url.pathname === threadPath);
    await expect(page.getByRole("heading", { level: 1, name: DEMO_THREAD })).toBeVisible();
    await expect(page.getByRole("article")).toHaveCount(postsBefore);
    await expect(field).toHaveAttribute("aria-invalid", "true");
    await expect(await fieldError(field)).toHaveText("Bitte schreiben Sie einen Beitrag.");

    // Mit Text geht die Antwort als gewöhnliches Formular hinaus und steht danach im Thema.
    await field.fill(reply);
    await replySection.getByRole("button", { name: "Antwort senden" }).click();
    await page.waitForURL((url) => url.pathname === threadPath && url.hash.startsWith("#beitrag-"));
    const answer = page.locator(`article${new URL(page.url()).hash}`);
    await expect(answer.getByText(reply, { exact: true })).toBeVisible();
    await expect(answer).toHaveAttribute("aria-labelledby", /.+/);
    await expect(
      postBy(page, CASE_WORKER_NAME, JOBCENTER).filter({ hasText: reply }),
    ).toBeVisible();
    await expect(page.getByRole("article")).toHaveCount(postsBefore + 1);
    await expect(page.getByRole("alert")).toHaveCount(0);
  });
});
