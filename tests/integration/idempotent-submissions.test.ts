import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import * as layout from "~/routes/_app";
import * as newIdea from "~/routes/_app.ideen.neu";
import { getDb } from "~/db/client.server";
import { ideas } from "~/db/schema";
import { flashMessages } from "~/ui/flash-messages";
import { callRoute, flashOf } from "#tests/helpers/routes";
import { buildWorld } from "#tests/helpers/world";
import { builtBeforeAll } from "#tests/integration/world-steps";

const world = builtBeforeAll(buildWorld);

const ideaForm = (title: string, submissionKey?: string) => ({
  intent: "publish",
  title,
  summary: "Eine Idee, die nur einmal gespeichert werden darf.",
  visibility: "network",
  networkId: world.networks.north.id,
  body: JSON.stringify({
    type: "doc",
    content: [{ type: "paragraph", content: [{ type: "text", text: "Kurze Wege." }] }],
  }),
  ...(submissionKey ? { submissionKey } : {}),
});

function postIdea(form: Record<string, string>) {
  return callRoute(newIdea.action, "/ideen/neu", { cookie: world.cookies.staff, form });
}

async function ideasTitled(title: string) {
  return getDb().select({ id: ideas.id }).from(ideas).where(eq(ideas.title, title));
}

describe("creating forms sent twice", () => {
  it("gives every page load a fresh key for its forms", async () => {
    const keyOf = async () =>
      (
        (await (
          await callRoute(layout.loader, "/netzwerk", { cookie: world.cookies.staff })
        ).json()) as {
          submissionKey: string;
        }
      ).submissionKey;
    const [first, second] = [await keyOf(), await keyOf()];
    expect(first).toMatch(/^[0-9a-f-]{36}$/);
    expect(second).not.toBe(first);
  });

  it("stores the record once and leads the repeat to it", async () => {
    const key = randomUUID();
    const first = await postIdea(ideaForm("Einmal-Idee", key));
    expect(first.status).toBe(302);
    // The browser lost the answer; the person presses the button again.
    const repeat = await postIdea(ideaForm("Einmal-Idee", key));
    expect(repeat.status).toBe(302);
    expect(repeat.headers.get("location")).toBe(first.headers.get("location"));
    expect(await flashOf(repeat)).toBe(flashMessages.submissionRepeated);
    expect(await ideasTitled("Einmal-Idee")).toHaveLength(1);
  });

  it("stores one record when both submissions arrive at the same time", async () => {
    const key = randomUUID();
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => postIdea(ideaForm("Gleichzeitige Idee", key))),
    );
    expect(answers.map((answer) => answer.status)).toEqual([302, 302, 302, 302, 302]);
    expect(new Set(answers.map((answer) => answer.headers.get("location"))).size).toBe(1);
    expect(await ideasTitled("Gleichzeitige Idee")).toHaveLength(1);
  });

  it("keeps keys apart per person and per page load", async () => {
    const key = randomUUID();
    await postIdea(ideaForm("Zwei Ideen", key));
    await postIdea(ideaForm("Zwei Ideen", randomUUID()));
    // Another person using the same key (it is no secret) creates their own record.
    await callRoute(newIdea.action, "/ideen/neu", {
      cookie: world.cookies.orgAdmin,
      form: ideaForm("Zwei Ideen", key),
    });
    expect(await ideasTitled("Zwei Ideen")).toHaveLength(3);
  });
});
