import { eq } from "drizzle-orm";
import { getDb } from "~/db/client.server";
import { ideaRevisions, ideas, notifications, searchOutbox } from "~/db/schema";
import { adoptIdea, updateIdea } from "~/ideas/ideas.server";
import { ideaTexts } from "~/ideas/texts";
import * as ideaRoute from "~/routes/_app.ideen.$ideaId";
import * as editIdea from "~/routes/_app.ideen.$ideaId_.bearbeiten";
import * as searchRoute from "~/routes/_app.ideen._index";
import * as newIdea from "~/routes/_app.ideen.neu";
import type { SearchEngine } from "~/search/engine";
import { createPostgresEngine } from "~/search/postgres-engine.server";
import { drainSearchOutbox, setSearchEngine } from "~/search/search-index.server";
import { createIdeaFor, ideaInput } from "~/demo/idea-factories.server";
import { callRoute, feedbackOf } from "#tests/helpers/routes";
import { buildWorld } from "#tests/helpers/world";
import { builtBeforeAll } from "#tests/integration/world-steps";

const world = builtBeforeAll(buildWorld);
afterEach(() => setSearchEngine(undefined));

/** An engine that is down: every call fails like an unreachable server. */
function engineDown(): SearchEngine {
  const fail = () => Promise.reject(new Error("Meilisearch nicht erreichbar: ECONNREFUSED"));
  return { name: "meilisearch", index: fail, remove: fail, search: fail, clear: fail };
}

async function outboxRows() {
  return getDb()
    .select({
      entityId: searchOutbox.entityId,
      attempts: searchOutbox.attempts,
      availableAt: searchOutbox.availableAt,
      lastError: searchOutbox.lastError,
    })
    .from(searchOutbox);
}

async function searchAs(cookie: string | undefined, query: string) {
  const response = await callRoute(searchRoute.loader, `/ideen?${query}`, { cookie });
  expect(response.status).toBe(200);
  return (await response.json()) as {
    result: {
      total: number;
      hits: { id: string; titleHighlighted: string; snippet: string }[];
      facets: Record<string, { value: string; count: number }[]>;
    };
  };
}

/** Saves a Nord idea again, published, with a new title and the rest of ideaInput's. */
const publishWithTitle = (actor: Parameters<typeof updateIdea>[0], id: string, title: string) =>
  updateIdea(actor, id, ideaInput({ networkId: world.networks.north.id, title }), true, null);

describe("search outbox", () => {
  it("keeps a change made while the engine is down and indexes it when the engine returns", async () => {
    const postgres = createPostgresEngine();
    await drainSearchOutbox(postgres);
    const id = await createIdeaFor(world.users.staff, {
      networkId: world.networks.north.id,
      title: "Quartierslotsen im Stadtteil",
    });

    setSearchEngine(engineDown());
    await expect(drainSearchOutbox()).rejects.toThrow("nicht erreichbar");
    const [pending] = await outboxRows();
    expect(pending).toMatchObject({ entityId: id, attempts: 1 });
    expect(pending!.lastError).toContain("ECONNREFUSED");
    expect(pending!.availableAt.getTime()).toBeGreaterThan(Date.now());
    // Not due yet: a drain right away does not hammer the engine.
    expect(await drainSearchOutbox(postgres)).toBe(0);

    // An edit while the engine is still down queues behind the first entry.
    await publishWithTitle(world.users.staff, id, "Quartierslotsen Apolda");

    setSearchEngine(postgres);
    const later = new Date(Date.now() + 60 * 60 * 1000);
    expect(await drainSearchOutbox(undefined, { now: later })).toBe(2);
    expect(await outboxRows()).toEqual([]);
    const found = await searchAs(world.cookies.otherOrgAdmin, "q=Quartierslotsen");
    expect(found.result.hits.map((hit) => hit.id)).toEqual([id]);
    expect(found.result.hits[0]!.titleHighlighted).toContain("Apolda");
  });
});

describe("visibility through the search page", () => {
  it("never reveals a network-only idea to another network, not even in facet counts", async () => {
    setSearchEngine(createPostgresEngine());
    const secret = await createIdeaFor(world.users.staff, {
      networkId: world.networks.north.id,
      visibility: "network",
      title: "Zauberwortprojekt Nordkreis",
      targetGroups: ["Rehabilitanden"],
    });
    const open = await createIdeaFor(world.users.staff, {
      networkId: world.networks.north.id,
      visibility: "nationwide",
      title: "Zauberwortprojekt bundesweit",
      targetGroups: ["Ü50"],
    });
    await drainSearchOutbox();

    const south = await searchAs(world.cookies.otherNetworkStaff, "q=Zauberwortprojekt");
    expect(south.result.hits.map((hit) => hit.id)).toEqual([open]);
    expect(south.result.total).toBe(1);
    const southGroups = south.result.facets.targetGroups!.map((facet) => facet.value);
    expect(southGroups).not.toContain("Rehabilitanden");
    expect(JSON.stringify(south)).not.toContain("Nordkreis");

    const north = await searchAs(world.cookies.otherOrgAdmin, "q=Zauberwortprojekt");
    expect(north.result.hits.map((hit) => hit.id).sort()).toEqual([secret, open].sort());
  });

  it("shows drafts only to the author's organisation", async () => {
    setSearchEngine(createPostgresEngine());
    const draft = await createIdeaFor(
      world.users.staff,
      { networkId: world.networks.north.id, title: "Entwurfsgedanke Lotsendienst" },
      { publish: false },
    );
    await drainSearchOutbox();
    const colleague = await searchAs(world.cookies.orgAdmin, "q=Entwurfsgedanke");
    expect(colleague.result.hits.map((hit) => hit.id)).toEqual([draft]);
    const neighbour = await searchAs(world.cookies.otherOrgAdmin, "q=Entwurfsgedanke");
    expect(neighbour.result.total).toBe(0);
  });
});

describe("rich text from the form", () => {
  const baseForm = () => ({
    intent: "publish",
    title: "Sicherheitsprüfung",
    summary: "Eine Idee mit gefährlichem Text.",
    visibility: "network",
    networkId: world.networks.north.id,
  });

  it("rejects a body whose JSON smuggles a javascript: link, in German, keeping the input", async () => {
    const body = JSON.stringify({
      type: "doc",
      content: [
        {
          type: "paragraph",
          content: [
            {
              type: "text",
              text: "Klick",
              marks: [{ type: "link", attrs: { href: "javascript:alert(1)" } }],
            },
          ],
        },
      ],
    });
    const response = await callRoute(newIdea.action, "/ideen/neu", {
      cookie: world.cookies.staff,
      form: { ...baseForm(), body },
    });
    expect(response.status).toBe(400);
    const failure = (await feedbackOf(response)) as {
      errors: Record<string, string>;
      values: Record<string, string>;
    };
    expect(failure.errors.body).toMatch(/[A-ZÄÖÜ]/);
    expect(failure.values.title).toBe("Sicherheitsprüfung");
  });

  it("stores markup typed without JavaScript as text and shows it escaped", async () => {
    const response = await callRoute(newIdea.action, "/ideen/neu", {
      cookie: world.cookies.staff,
      form: {
        ...baseForm(),
        bodyText: '<script>alert(1)</script>\n\n<img src=x onerror="alert(2)">',
      },
    });
    expect(response.status).toBe(302);
    const ideaId = response.headers.get("location")!.split("/").pop()!;
    const page = await callRoute(ideaRoute.loader, `/ideen/${ideaId}`, {
      cookie: world.cookies.otherOrgAdmin,
      params: { ideaId },
    });
    const { idea } = (await page.json()) as { idea: { bodyHtml: string } };
    // Only as text: no element, no attribute, just the escaped characters.
    expect(idea.bodyHtml).not.toMatch(/<script|<img/i);
    expect(idea.bodyHtml).toContain("&lt;script&gt;");
    expect(idea.bodyHtml).toContain("&lt;img src=x onerror=");
  });
});

describe("revisions and adoptions", () => {
  it("keeps every saved version", async () => {
    const id = await createIdeaFor(world.users.staff, { networkId: world.networks.north.id });
    await publishWithTitle(world.users.orgAdmin, id, "Zweite Fassung");
    const revisions = await getDb()
      .select({ title: ideaRevisions.title, editor: ideaRevisions.editorUserId })
      .from(ideaRevisions)
      .where(eq(ideaRevisions.ideaId, id))
      .orderBy(ideaRevisions.createdAt);
    expect(revisions).toHaveLength(2);
    expect(revisions[1]).toEqual({ title: "Zweite Fassung", editor: world.users.orgAdmin.id });
  });

  it("counts one adoption per organisation and tells the author's organisation", async () => {
    const id = await createIdeaFor(world.users.staff, {
      networkId: world.networks.north.id,
      title: "Jobmobil auf dem Land",
    });
    const adopter = { ...world.users.otherOrgAdmin, organizationName: "Schuldnerberatung Nord" };
    expect(await adoptIdea(adopter, id, "Start im Herbst", null)).toEqual({ ok: true });
    expect(await adoptIdea(adopter, id, "noch einmal", null)).toMatchObject({ ok: false });
    const [idea] = await getDb()
      .select({ adoptionCount: ideas.adoptionCount })
      .from(ideas)
      .where(eq(ideas.id, id));
    expect(idea!.adoptionCount).toBe(1);
    const told = await getDb()
      .select({ userId: notifications.userId, message: notifications.message })
      .from(notifications)
      .where(eq(notifications.link, `/ideen/${id}`));
    expect(told.map((row) => row.userId).sort()).toEqual(
      [world.users.coordinator.id, world.users.orgAdmin.id, world.users.staff.id].sort(),
    );
    expect(told[0]!.message).toContain("Jobmobil auf dem Land");
  });
});

describe("the editor", () => {
  const typedForm = () => ({
    intent: "draft",
    title: "Lotsen im Quartier",
    summary: "Ehrenamtliche begleiten zu den ersten Terminen.",
    bodyText: "Zwölf Lotsen aus dem Stadtteil.",
    targetGroups: "Langzeitarbeitslose",
    "results[0].label": "Teilnehmende",
    "results[0].value": "12",
    "results[1].label": "",
    "results[1].value": "",
    contactName: "Thomas Brandt",
    contactEmail: "",
    contactPhone: "",
    visibility: "nationwide",
    networkId: world.networks.north.id,
  });

  it("stores what was typed without JavaScript: ticked boxes, results rows, the plain text", async () => {
    const response = await callRoute(newIdea.action, "/ideen/neu", {
      cookie: world.cookies.staff,
      form: typedForm(),
    });
    expect(response.status).toBe(302);
    const ideaId = response.headers.get("location")!.split("/").pop()!;
    const [stored] = await getDb()
      .select({
        status: ideas.status,
        targetGroups: ideas.targetGroups,
        results: ideas.results,
        bodyText: ideas.bodyText,
        visibility: ideas.visibility,
      })
      .from(ideas)
      .where(eq(ideas.id, ideaId));
    expect(stored).toEqual({
      status: "draft",
      targetGroups: ["Langzeitarbeitslose"],
      results: [{ label: "Teilnehmende", value: "12" }],
      bodyText: "Zwölf Lotsen aus dem Stadtteil.",
      visibility: "nationwide",
    });
  });

  it("gives a refused form back as typed, with the message at the field", async () => {
    const response = await callRoute(newIdea.action, "/ideen/neu", {
      cookie: world.cookies.staff,
      form: { ...typedForm(), "results[1].label": "Praktika" },
    });
    expect(response.status).toBe(400);
    const failure = await feedbackOf(response);
    expect(failure.errors).toEqual({ results: ideaTexts.resultIncomplete });
    expect(failure.values).toMatchObject({
      title: "Lotsen im Quartier",
      bodyText: "Zwölf Lotsen aus dem Stadtteil.",
      targetGroups: "Langzeitarbeitslose",
      // conform leaves out what is empty.
      results: [{ label: "Teilnehmende", value: "12" }, { label: "Praktika" }],
    });
  });

  it("refuses a network the user's organisation does not belong to", async () => {
    const response = await callRoute(newIdea.action, "/ideen/neu", {
      cookie: world.cookies.staff,
      form: { ...typedForm(), networkId: world.networks.south.id },
    });
    expect(response.status).toBe(400);
    expect((await feedbackOf(response)).errors).toEqual({ networkId: ideaTexts.networkInvalid });
  });

  it("starts an edit with the stored idea, its description as the editor's document", async () => {
    const ideaId = await createIdeaFor(world.users.staff, {
      networkId: world.networks.north.id,
      title: "Gespeicherte Fassung",
    });
    const page = await callRoute(editIdea.loader, `/ideen/${ideaId}/bearbeiten`, {
      cookie: world.cookies.orgAdmin,
      params: { ideaId },
    });
    const { defaultValue, published } = (await page.json()) as {
      defaultValue: Record<string, unknown> & { body: string };
      published: boolean;
    };
    const { body, ...stored } = ideaInput({
      networkId: world.networks.north.id,
      title: "Gespeicherte Fassung",
    });
    expect(published).toBe(true);
    expect(defaultValue).toEqual({ ...stored, body: expect.any(String) });
    expect(JSON.parse(defaultValue.body)).toEqual(body);
  });
});

describe("the adoption form", () => {
  it("refuses a second adoption by the same organisation at its note", async () => {
    const ideaId = await createIdeaFor(world.users.staff, { networkId: world.networks.north.id });
    const adopt = (note: string) =>
      callRoute(ideaRoute.action, `/ideen/${ideaId}`, {
        cookie: world.cookies.otherOrgAdmin,
        params: { ideaId },
        form: { intent: "adopt", note },
      });
    expect((await adopt("Start im Herbst")).status).toBe(302);
    const again = await adopt("Noch einmal");
    expect(again.status).toBe(400);
    expect(await feedbackOf(again)).toMatchObject({
      intent: "adopt",
      errors: { note: ideaTexts.alreadyAdopted },
      values: { note: "Noch einmal" },
    });
  });
});
