import type { Locator, Page } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./a11y";
import { demoAccounts, escapeRegExp, expect, test, uniqueSuffix } from "./fixtures";
import { expectEditorReady, fieldError, flash, selectedOption } from "./forms";
import { liveConnectionEstablished } from "./live";
import { followLink, followNavigation } from "./navigation";

/** Thomas Brandt, Fachkraft im Jobcenter Weimarer Land („Netzwerk ABC Weimarer Land“). */
const AUTHOR = demoAccounts.staff;
/** Ayşe Demir, Fachkraft im Jobcenter Ostalbkreis („Netzwerk ABC Ostalbkreis“). */
const OSTALB = "fachkraft.ostalb@example.org";

const AUTHOR_NAME = "Thomas Brandt";
const AUTHOR_ORGANIZATION = "Jobcenter Weimarer Land";
const OSTALB_ORGANIZATION = "Jobcenter Ostalbkreis";

/** How long the outbox worker may take until a published idea can be found. */
const INDEXING_TIMEOUT_MS = 15_000;

const SUMMARY =
  "Ehrenamtliche Lotsinnen und Lotsen aus dem Quartier begleiten Langzeitarbeitslose zu den ersten Terminen.";
const HEADING = "So lief es ab";
const BEFORE_BOLD = "Wir haben ";
const BOLD = "zwölf Lotsen";
const AFTER_BOLD = " aus dem Stadtteil gewonnen.";
const LIST = ["Erstgespräch im Nachbarschaftstreff", "Begleitung zum Jobcenter"];
const ADOPTION_NOTE = "Start im Herbst in Aalen mit zehn Teilnehmenden.";

/** A made-up word per run, letters only, so the search finds exactly this run's idea. */
function uniqueWord(base: string): string {
  return base + uniqueSuffix(7);
}

/** The word with one letter in the middle left out: a typo. */
function withTypo(word: string): string {
  const middle = Math.floor(word.length / 2);
  return word.slice(0, middle) + word.slice(middle + 1);
}

/**
 * Clicks a button of the editor's toolbar and waits until the editor has the focus back, as a
 * person would before typing on (the editor refocuses itself in the next animation frame).
 */
async function useToolbar(page: Page, button: string): Promise<void> {
  await page
    .getByRole("toolbar", { name: "Formatierung: Beschreibung" })
    .getByRole("button", { name: button, exact: true })
    .click();
  await expect(page.locator(":focus")).toHaveAttribute("role", "textbox");
}

/** The section with the hits; it is named by its heading „n Ideen für „…““. */
function hitSection(page: Page): Locator {
  return page.getByRole("region", { name: /^\d+ Ideen?( für „.*“)?$/ });
}

/** The hit whose title link is `title`. */
function hitFor(page: Page, title: string): Locator {
  return hitSection(page)
    .getByRole("listitem")
    .filter({ has: page.getByRole("link", { name: title, exact: true }) });
}

/**
 * Types `text` into „Suchbegriff“ as a person would and waits for the search-as-you-type answer.
 * Indexing runs in the background, so until `title` is found the search is sent again with
 * „Suchen“, for at most INDEXING_TIMEOUT_MS.
 */
async function searchUntilFound(page: Page, text: string, title: string): Promise<Locator> {
  await page.getByRole("searchbox", { name: "Suchbegriff" }).fill(text);
  await expect(
    page.getByRole("heading", { level: 2, name: new RegExp(` für „${escapeRegExp(text)}“$`) }),
  ).toBeVisible();
  const hit = hitFor(page, title);
  await expect(
    async () => {
      if ((await hit.count()) === 0) await page.getByRole("button", { name: "Suchen" }).click();
      await expect(hit).toBeVisible({ timeout: 1_000 });
    },
    `„${title}“ war nach ${INDEXING_TIMEOUT_MS / 1000} s nicht zu finden.`,
  ).toPass({
    timeout: INDEXING_TIMEOUT_MS,
  });
  return hit;
}

/** The number in parentheses behind a facet value, e.g. „Alleinerziehende (3)“. */
async function facetCount(checkbox: Locator): Promise<number> {
  const label = await checkbox.evaluate(
    (element) => element.closest("label")?.textContent?.trim() ?? "",
  );
  const count = /\((\d+)\)$/.exec(label)?.[1];
  expect(count, `Keine Anzahl an „${label}“`).toBeDefined();
  return Number(count);
}

test.describe("Ideenbörse", () => {
  test("Eine Fachkraft beschreibt eine Idee im Editor, veröffentlicht sie bundesweit, eine Fachkraft aus einem anderen Netzwerk findet sie mit einem Tippfehler und setzt sie auch um", async ({
    loggedInAs,
    browserErrors,
  }) => {
    test.setTimeout(180_000);
    const nationwideWord = uniqueWord("Quartierslotsen");
    const nationwideTitle = `${nationwideWord}: Nachbarschaft begleitet den Einstieg`;
    const networkWord = uniqueWord("Mosaikpaten");
    const networkTitle = `${networkWord}: Patenschaften nur im Weimarer Land`;

    // Thomas Brandt öffnet die Ideenbörse und beginnt eine neue Idee.
    const author = await loggedInAs(AUTHOR);
    await followNavigation(author, "Ideenbörse");
    await followLink(author, "Idee beschreiben");
    await expect(author).toHaveURL((url) => url.pathname === "/ideen/neu");
    const editor = author.getByRole("textbox", { name: "Beschreibung", exact: true });
    await expectEditorReady(author, "Beschreibung");
    await expect(author.getByLabel("Name", { exact: true })).toHaveValue(AUTHOR_NAME);
    await expectNoSeriousA11yViolations(author);

    // Er beschreibt die Idee – mit Überschrift, fettem Wort und Aufzählung –, vergisst aber den Titel.
    await author.getByLabel("Kurzbeschreibung").fill(SUMMARY);
    await editor.click();
    await useToolbar(author, "Überschrift");
    await expect(author.getByRole("button", { name: "Überschrift", pressed: true })).toBeVisible();
    await author.keyboard.type(HEADING);
    await author.keyboard.press("Enter");
    await expect(author.getByRole("button", { name: "Überschrift", pressed: false })).toBeVisible();
    await author.keyboard.type(BEFORE_BOLD);
    await useToolbar(author, "Fett");
    await author.keyboard.type(BOLD);
    await useToolbar(author, "Fett");
    await author.keyboard.type(AFTER_BOLD);
    await author.keyboard.press("Enter");
    await useToolbar(author, "Aufzählung");
    await expect(author.getByRole("button", { name: "Aufzählung", pressed: true })).toBeVisible();
    await author.keyboard.type(LIST[0]!);
    await author.keyboard.press("Enter");
    await author.keyboard.type(LIST[1]!);
    await expect(editor.getByRole("heading", { name: HEADING })).toBeVisible();
    await expect(editor.getByText(BOLD, { exact: true })).toBeVisible();
    await expect(editor.getByRole("listitem")).toHaveText(LIST, { useInnerText: true });

    const targetGroup = author
      .getByRole("group", { name: "Zielgruppen" })
      .getByRole("checkbox", { name: "Langzeitarbeitslose" });
    const fieldOfAction = author
      .getByRole("group", { name: "Handlungsfelder" })
      .getByRole("checkbox", { name: "Langzeitbezieher aktivieren" });
    await targetGroup.check();
    await fieldOfAction.check();
    await author.getByLabel("Ergebnis 1: Bezeichnung").fill("Teilnehmende");
    await author.getByLabel("Ergebnis 1: Wert").fill("12");
    const visibility = author.getByLabel("Wer kann die Idee finden?");
    await visibility.selectOption({ label: "bundesweit" });
    await author.getByRole("button", { name: "Veröffentlichen" }).click();

    // Die deutsche Fehlermeldung steht beim Titel; alles andere Getippte bleibt stehen.
    const titleMessage = "Bitte geben Sie einen Titel an (mindestens 3 Zeichen).";
    await expect(author.getByRole("alert").filter({ hasText: titleMessage })).toBeVisible();
    const titleField = author.getByLabel("Titel", { exact: true });
    await expect(titleField).toHaveAttribute("aria-invalid", "true");
    await expect(await fieldError(titleField)).toHaveText(titleMessage);
    await expect(author).toHaveURL((url) => url.pathname === "/ideen/neu");
    await expect(author.getByLabel("Kurzbeschreibung")).toHaveValue(SUMMARY);
    await expect(editor.getByRole("heading", { name: HEADING })).toBeVisible();
    await expect(editor.getByText(BOLD, { exact: true })).toHaveJSProperty("tagName", "STRONG");
    await expect(editor.getByRole("listitem")).toHaveText(LIST, { useInnerText: true });
    await expect(targetGroup).toBeChecked();
    await expect(fieldOfAction).toBeChecked();
    await expect(author.getByLabel("Ergebnis 1: Bezeichnung")).toHaveValue("Teilnehmende");
    await expect(author.getByLabel("Ergebnis 1: Wert")).toHaveValue("12");
    await expect(selectedOption(visibility)).toHaveText("bundesweit");
    await expectNoSeriousA11yViolations(author);

    // Mit Titel geht die Idee bundesweit hinaus.
    await titleField.fill(nationwideTitle);
    await author.getByRole("button", { name: "Veröffentlichen" }).click();
    await expect(author.getByRole("heading", { level: 1, name: nationwideTitle })).toBeVisible();
    const nationwidePath = new URL(author.url()).pathname;
    expect(nationwidePath).toMatch(/^\/ideen\/[0-9a-f-]{36}$/);
    await flash(author, "Die Idee ist veröffentlicht und in Kürze in der Suche zu finden.");
    await expect(author.getByText(SUMMARY, { exact: true })).toBeVisible();
    await expect(
      author.getByText(`${AUTHOR_ORGANIZATION} · Netzwerk ABC Weimarer Land · bundesweit`, {
        exact: false,
      }),
    ).toBeVisible();
    const tags = author.getByRole("list", { name: "Einordnung" });
    await expect(tags.getByText("Langzeitarbeitslose", { exact: true })).toBeVisible();
    await expect(tags.getByText("Langzeitbezieher aktivieren", { exact: true })).toBeVisible();

    // Überschrift, Fettdruck und Aufzählung kommen so an, wie sie im Editor standen.
    const description = author.getByRole("region", { name: "Beschreibung" });
    await expect(description.getByRole("heading", { name: HEADING })).toBeVisible();
    await expect(description.getByRole("strong").filter({ hasText: BOLD })).toBeVisible();
    await expect(description.getByText(`${BEFORE_BOLD}${BOLD}${AFTER_BOLD}`)).toBeVisible();
    await expect(description.getByRole("listitem")).toHaveText(LIST, { useInnerText: true });
    const results = author.getByRole("region", { name: "Ergebnisse" });
    const participants = results.getByRole("listitem").filter({ hasText: "Teilnehmende" });
    await expect(participants.getByRole("strong")).toHaveText("12");
    const contact = author.getByRole("region", { name: "Ansprechperson" });
    await expect(contact.getByText(AUTHOR_NAME, { exact: false })).toBeVisible();
    await expect(contact.getByRole("link", { name: AUTHOR })).toBeVisible();
    await expect(contact.getByRole("link", { name: AUTHOR })).toHaveAttribute(
      "href",
      `mailto:${AUTHOR}`,
    );
    await expect(
      author.getByRole("heading", { level: 2, name: "Das setzen auch um (0)" }),
    ).toBeVisible();
    // Die eigene Organisation kann die eigene Idee nicht „auch“ umsetzen.
    await expect(author.getByRole("button", { name: "Das setzen wir auch um" })).toHaveCount(0);
    await expectNoSeriousA11yViolations(author);

    // Eine zweite Idee bleibt im eigenen Netzwerk.
    await followLink(author, "← Zur Ideenbörse", "Ideenbörse");
    await followLink(author, "Idee beschreiben");
    await expectEditorReady(author, "Beschreibung");
    await author.getByLabel("Titel", { exact: true }).fill(networkTitle);
    await author
      .getByLabel("Kurzbeschreibung")
      .fill("Patinnen und Paten aus Betrieben begleiten Jugendliche durch die Ausbildung.");
    await author.getByRole("textbox", { name: "Beschreibung", exact: true }).click();
    await author.keyboard.type("Jede Patenschaft dauert ein Ausbildungsjahr.");
    await author
      .getByRole("group", { name: "Zielgruppen" })
      .getByRole("checkbox", { name: "Langzeitarbeitslose" })
      .check();
    await author
      .getByRole("group", { name: "Handlungsfelder" })
      .getByRole("checkbox", { name: "Langzeitbezieher aktivieren" })
      .check();
    const networkVisibility = author.getByLabel("Wer kann die Idee finden?");
    await expect(selectedOption(networkVisibility)).toHaveText("nur mein Netzwerk");
    await networkVisibility.selectOption({ label: "nur mein Netzwerk" });
    await author.getByRole("button", { name: "Veröffentlichen" }).click();
    await expect(author.getByRole("heading", { level: 1, name: networkTitle })).toBeVisible();
    const networkPath = new URL(author.url()).pathname;
    expect(networkPath).toMatch(/^\/ideen\/[0-9a-f-]{36}$/);
    expect(networkPath).not.toBe(nationwidePath);
    await expect(
      author.getByText(`${AUTHOR_ORGANIZATION} · Netzwerk ABC Weimarer Land · nur mein Netzwerk`, {
        exact: false,
      }),
    ).toBeVisible();

    // Im eigenen Netzwerk ist sie zu finden – also ist sie im Suchindex angekommen.
    await followLink(author, "← Zur Ideenbörse", "Ideenbörse");
    await searchUntilFound(author, networkWord, networkTitle);

    // Ayşe Demir aus dem Ostalbkreis sucht mit einem Tippfehler.
    const typo = withTypo(nationwideWord);
    expect(typo).not.toBe(nationwideWord);
    const finder = await loggedInAs(OSTALB);
    await followNavigation(finder, "Ideenbörse");
    await expectNoSeriousA11yViolations(finder);
    const hit = await searchUntilFound(finder, typo, nationwideTitle);

    // Der Treffer hebt das gefundene Wort hervor, die Filter zeigen ihre Anzahlen.
    const marked = await hit.locator("mark").allTextContents();
    expect(marked.map((text) => text.toLowerCase())).toContain(nationwideWord.toLowerCase());
    await expect(hit.getByRole("link", { name: nationwideTitle })).toHaveAttribute(
      "href",
      nationwidePath,
    );
    await expect(hit.getByText("bundesweit", { exact: false })).toBeVisible();
    const filters = finder.getByRole("search", { name: "Ideen durchsuchen" });
    const targetFacet = filters
      .getByRole("group", { name: "Zielgruppe" })
      .getByRole("checkbox", { name: /^Langzeitarbeitslose \(\d+\)$/ });
    expect(await facetCount(targetFacet)).toBeGreaterThanOrEqual(1);
    const fieldFacet = filters
      .getByRole("group", { name: "Handlungsfeld" })
      .getByRole("checkbox", { name: /^Langzeitbezieher aktivieren \(\d+\)$/ });
    expect(await facetCount(fieldFacet)).toBeGreaterThanOrEqual(1);
    const scopeFacet = filters
      .getByRole("group", { name: "Sichtbarkeit" })
      .getByRole("checkbox", { name: /^bundesweit \(\d+\)$/ });
    expect(await facetCount(scopeFacet)).toBeGreaterThanOrEqual(1);
    await expectNoSeriousA11yViolations(finder);

    // Die Adresse enthält die Suche: geteilt oder neu geladen zeigt sie denselben Treffer.
    const searchUrl = new URL(finder.url());
    expect(searchUrl.pathname).toBe("/ideen");
    expect(searchUrl.searchParams.get("q")).toBe(typo);
    await finder.goto(searchUrl.pathname + searchUrl.search);
    await expect(finder.getByRole("searchbox", { name: "Suchbegriff" })).toHaveValue(typo);
    await expect(hitFor(finder, nationwideTitle)).toBeVisible();

    // Die Idee „nur mein Netzwerk“ bleibt für den Ostalbkreis unsichtbar – auch mit dem genauen Wort.
    await finder.getByRole("searchbox", { name: "Suchbegriff" }).fill(networkWord);
    await expect(
      finder.getByRole("heading", { level: 2, name: `0 Ideen für „${networkWord}“` }),
    ).toBeVisible();
    await expect(
      finder.getByText("Keine Idee passt zu dieser Suche.", { exact: false }),
    ).toBeVisible();
    await expect(finder.getByRole("link", { name: networkTitle })).toHaveCount(0);
    await expectNoSeriousA11yViolations(finder);

    // Auch über die Adresse ist sie nicht zu öffnen.
    browserErrors.allow(/status of 404/);
    const notFound = await finder.goto(networkPath);
    expect(notFound?.status()).toBe(404);
    await expect(finder.getByRole("heading", { level: 1, name: "Nicht gefunden" })).toBeVisible();
    expect(await finder.content()).not.toContain(networkWord);
    await expectNoSeriousA11yViolations(finder);

    // Thomas Brandt hat „Mein Netzwerk“ offen, als der Ostalbkreis die Idee übernimmt.
    const authorLive = liveConnectionEstablished(author);
    await author.goto("/netzwerk");
    await expect(author.getByRole("heading", { level: 1, name: "Mein Netzwerk" })).toBeVisible();
    await authorLive;

    // Ayşe Demir öffnet die Idee und vermerkt, dass ihr Jobcenter sie auch umsetzt.
    await finder.goto(searchUrl.pathname + searchUrl.search);
    await hitFor(finder, nationwideTitle)
      .getByRole("link", { name: nationwideTitle, exact: true })
      .click();
    await expect(finder.getByRole("heading", { level: 1, name: nationwideTitle })).toBeVisible();
    await expect(finder).toHaveURL((url) => url.pathname === nationwidePath);
    await expect(
      finder.getByRole("heading", { level: 2, name: "Das setzen auch um (0)" }),
    ).toBeVisible();
    await expect(
      finder.getByRole("region", { name: "Ansprechperson" }).getByRole("link", { name: AUTHOR }),
    ).toBeVisible();
    // „Ähnliche Ideen“ zeigen nur, was der Ostalbkreis sehen darf: nicht die zweite Idee, obwohl
    // sie dieselbe Zielgruppe und dasselbe Handlungsfeld hat.
    const similar = finder.getByRole("region", { name: "Ähnliche Ideen" });
    await expect(similar.getByRole("link")).not.toHaveCount(0);
    await expect(similar.getByRole("link", { name: networkTitle })).toHaveCount(0);
    await expect(finder.getByRole("link", { name: networkTitle })).toHaveCount(0);
    await expectNoSeriousA11yViolations(finder);

    const adoptions = finder.getByRole("region", { name: /^Das setzen auch um/ });
    await adoptions.getByLabel("Kurze Notiz (optional)").fill(ADOPTION_NOTE);
    await adoptions.getByRole("button", { name: "Das setzen wir auch um" }).click();
    await flash(finder, "Vermerkt: Ihre Organisation setzt diese Idee auch um.");
    await expect(
      finder.getByRole("heading", { level: 2, name: "Das setzen auch um (1)" }),
    ).toBeVisible();
    const adoption = adoptions
      .getByRole("listitem")
      .filter({ has: finder.getByRole("strong").filter({ hasText: OSTALB_ORGANIZATION }) });
    await expect(adoption.getByText(ADOPTION_NOTE, { exact: true })).toBeVisible();
    // Einmal vermerkt, verschwindet das Formular.
    await expect(finder.getByRole("button", { name: "Das setzen wir auch um" })).toHaveCount(0);
    await expectNoSeriousA11yViolations(finder);

    // Sie merkt sich die Idee und findet sie unter „Meine Ideen“ auf der Merkliste.
    await finder.getByRole("button", { name: "Auf die Merkliste" }).click();
    await flash(finder, "Die Idee steht jetzt auf Ihrer Merkliste.");
    await expect(finder.getByRole("button", { name: "Von der Merkliste nehmen" })).toBeVisible();
    await finder.getByRole("link", { name: "← Zur Ideenbörse" }).click();
    await followLink(finder, "Meine Ideen und Merkliste", "Meine Ideen");
    await expect(
      finder
        .getByRole("region", { name: "Merkliste" })
        .getByRole("link", { name: nationwideTitle }),
    ).toBeVisible();
    await expect(
      finder
        .getByRole("region", { name: `Ideen von ${OSTALB_ORGANIZATION}` })
        .getByRole("link", { name: nationwideTitle }),
    ).toHaveCount(0);
    await expectNoSeriousA11yViolations(finder);

    // Thomas Brandt bekommt ohne Neuladen einen Hinweis, der zur Idee führt.
    const notification = `${OSTALB_ORGANIZATION} setzt Ihre Idee „${nationwideTitle}“ auch um`;
    await flash(author, notification, { timeout: 10_000 });
    await expectNoSeriousA11yViolations(author);
    await author.reload();
    const listed = author
      .getByRole("region", { name: "Benachrichtigungen" })
      .getByRole("link", { name: notification });
    await expect(listed).toBeVisible();
    await listed.click();
    await expect(author.getByRole("heading", { level: 1, name: nationwideTitle })).toBeVisible();
    await expect(
      author.getByRole("heading", { level: 2, name: "Das setzen auch um (1)" }),
    ).toBeVisible();
    await expect(
      author
        .getByRole("region", { name: /^Das setzen auch um/ })
        .getByText(ADOPTION_NOTE, { exact: true }),
    ).toBeVisible();

    // In „Meine Ideen“ stehen beide Ideen seiner Organisation, die erste einmal übernommen.
    await author.getByRole("link", { name: "← Zur Ideenbörse" }).click();
    await followLink(author, "Meine Ideen und Merkliste", "Meine Ideen");
    const own = author.getByRole("region", { name: `Ideen von ${AUTHOR_ORGANIZATION}` });
    const nationwideRow = own.getByRole("row").filter({
      has: author.getByRole("link", { name: nationwideTitle }),
    });
    // The last cell is the time of the last change.
    await expect(nationwideRow.getByRole("cell")).toHaveText(
      [nationwideTitle, "Veröffentlicht", "bundesweit", "1", /.*/],
      { useInnerText: true },
    );
    const networkRow = own.getByRole("row").filter({
      has: author.getByRole("link", { name: networkTitle }),
    });
    await expect(networkRow.getByRole("cell")).toHaveText(
      [networkTitle, "Veröffentlicht", "nur mein Netzwerk", "0", /.*/],
      { useInnerText: true },
    );
    await expectNoSeriousA11yViolations(author);
  });

  test("Die Suche funktioniert auch ohne JavaScript", async ({ loggedInAs }) => {
    // Also the login is a plain form post here.
    const page = await loggedInAs(AUTHOR, { javaScriptEnabled: false });
    await page.goto("/ideen");
    await expect(page.getByRole("heading", { level: 1, name: "Ideenbörse" })).toBeVisible();

    // Das Formular geht als gewöhnliches GET hinaus; die Antwort ist eine ganze Seite.
    await page.getByRole("searchbox", { name: "Suchbegriff" }).fill("Speed-Dating");
    const answer = page.waitForResponse(
      (response) =>
        response.request().resourceType() === "document" &&
        new URL(response.url()).pathname === "/ideen",
    );
    await page.getByRole("button", { name: "Suchen" }).click();
    expect((await answer).status()).toBe(200);
    await expect(
      page.getByRole("heading", { level: 2, name: /^\d+ Ideen? für „Speed-Dating“$/ }),
    ).toBeVisible();
    await expect(page).toHaveURL((url) => url.searchParams.get("q") === "Speed-Dating");
    const hit = hitFor(page, "Speed-Dating mit Arbeitgebern");
    await expect(hit).toBeVisible();
    await expect(hit.locator("mark")).not.toHaveCount(0);
    // No axe here: it needs timers, which do not run without JavaScript. The same page is checked
    // with JavaScript in the journey above.

    // Ein Filter wirkt über „Filter anwenden“, ebenfalls ohne JavaScript.
    const facet = page
      .getByRole("search", { name: "Ideen durchsuchen" })
      .getByRole("group", { name: "Zielgruppe" })
      .getByRole("checkbox", { name: /^Ü50 \(\d+\)$/ });
    await facet.check();
    await page.getByRole("button", { name: "Filter anwenden" }).click();
    await page.waitForURL((url) => url.searchParams.getAll("targetGroups").includes("Ü50"));
    await expect(page).toHaveURL((url) => url.searchParams.get("q") === "Speed-Dating");
    await expect(hitFor(page, "Speed-Dating mit Arbeitgebern")).toBeVisible();
    await expect(
      page
        .getByRole("group", { name: "Zielgruppe" })
        .getByRole("checkbox", { name: /^Ü50 \(\d+\)$/ }),
    ).toBeChecked();
  });
});
