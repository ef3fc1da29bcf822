import { randomUUID } from "node:crypto";
import { setIdeaStatus } from "~/ideas/ideas.server";
import * as idea from "~/routes/_app.ideen.$ideaId";
import * as editIdea from "~/routes/_app.ideen.$ideaId_.bearbeiten";
import * as search from "~/routes/_app.ideen._index";
import * as myIdeas from "~/routes/_app.ideen.meine";
import * as newIdea from "~/routes/_app.ideen.neu";
import { createIdeaFor } from "~/demo/idea-factories.server";
import {
  describeMatrix,
  inNorth,
  signedIn,
  type MatrixCell,
  type MatrixRow,
  type Outcome,
} from "#tests/helpers/matrix";
import { buildWorld, personaNames, type PersonaName, type World } from "#tests/helpers/world";

/** Every Ideenbörse route and action against every persona (see #tests/helpers/matrix). */
type Kind = "network" | "draft" | "nationwide" | "archived";

/** Network-only, draft and archived ideas belong to organisation A (Nord); nationwide to C (Süd). */
async function ideaOf(world: World, kind: Kind): Promise<string> {
  const author = kind === "nationwide" ? world.users.otherNetworkStaff : world.users.staff;
  const id = await createIdeaFor(
    author,
    {
      networkId: kind === "nationwide" ? world.networks.south.id : world.networks.north.id,
      visibility: kind === "nationwide" ? "nationwide" : "network",
      title: `Idee ${kind} ${randomUUID().slice(0, 6)}`,
    },
    { publish: kind !== "draft" },
  );
  if (kind === "archived") await setIdeaStatus(author, id, "archived", null);
  return id;
}

const ideaPage = (id: string, suffix = ""): MatrixCell => ({
  path: `/ideen/${id}${suffix}`,
  params: { ideaId: id },
});

function ideaForm(world: World, networkId = world.networks.north.id): Record<string, string> {
  return {
    intent: "publish",
    title: `Speed-Dating ${randomUUID().slice(0, 6)}`,
    summary: "Arbeitgeber treffen Bewerberinnen in zehn Minuten.",
    bodyText: "Zehn Betriebe, vierzig Gespräche, sieben Einstellungen.",
    visibility: "network",
    networkId,
  };
}

/** Staff and admins of a network member write ideas; employer members and the operator do not. */
const writers = signedIn("ok", { platformAdmin: 403, employer: 403, employerAdmin: 403 });

/** Who sees a published network-only idea of Nord. */
const northOnly = (member: Outcome, author: Outcome = member) =>
  inNorth(member, { coordinator: author, orgAdmin: author, staff: author });

/** Only organisation A sees its drafts and archived ideas. */
const authorsOnly = (author: Outcome) => northOnly(404, author);

const rows: MatrixRow<World, PersonaName>[] = [
  {
    route: "GET /ideen",
    handler: search.loader,
    prepare: () => ({ path: "/ideen?q=Praktikum&targetGroups=U25&sortierung=newest" }),
    expect: signedIn("ok"),
  },
  {
    route: "GET /ideen/meine",
    handler: myIdeas.loader,
    prepare: () => ({ path: "/ideen/meine" }),
    expect: signedIn("ok"),
  },
  {
    route: "GET /ideen/neu",
    handler: newIdea.loader,
    prepare: () => ({ path: "/ideen/neu" }),
    expect: writers,
  },
  {
    route: "POST /ideen/neu publish (network Nord)",
    handler: newIdea.action,
    prepare: (world) => ({ path: "/ideen/neu", form: ideaForm(world) }),
    // Süd members may not put an idea into Nord: the form is rejected.
    expect: { ...writers, otherNetworkAdmin: 400, otherNetworkStaff: 400 },
  },
  {
    route: "GET /ideen/:id (published, Nord only)",
    handler: idea.loader,
    prepare: async (world) => ideaPage(await ideaOf(world, "network")),
    expect: northOnly("ok"),
  },
  {
    route: "GET /ideen/:id (draft)",
    handler: idea.loader,
    prepare: async (world) => ideaPage(await ideaOf(world, "draft")),
    expect: authorsOnly("ok"),
  },
  {
    route: "GET /ideen/:id (archived)",
    handler: idea.loader,
    prepare: async (world) => ideaPage(await ideaOf(world, "archived")),
    expect: authorsOnly("ok"),
  },
  {
    route: "GET /ideen/:id (nationwide, Süd)",
    handler: idea.loader,
    prepare: async (world) => ideaPage(await ideaOf(world, "nationwide")),
    expect: signedIn("ok"),
  },
  {
    route: "GET /ideen/:id (unknown)",
    handler: idea.loader,
    prepare: () => ideaPage(randomUUID()),
    expect: signedIn(404),
  },
  {
    route: "GET /ideen/:id/bearbeiten (published, Nord only)",
    handler: editIdea.loader,
    prepare: async (world) => ideaPage(await ideaOf(world, "network"), "/bearbeiten"),
    expect: northOnly(403, "ok"),
  },
  {
    route: "POST /ideen/:id/bearbeiten (published, Nord only)",
    handler: editIdea.action,
    prepare: async (world) => ({
      ...ideaPage(await ideaOf(world, "network"), "/bearbeiten"),
      form: ideaForm(world),
    }),
    expect: northOnly(403, "ok"),
  },
  {
    route: "POST /ideen/:id/bearbeiten (draft)",
    handler: editIdea.action,
    prepare: async (world) => ({
      ...ideaPage(await ideaOf(world, "draft"), "/bearbeiten"),
      form: { ...ideaForm(world), intent: "draft" },
    }),
    expect: authorsOnly("ok"),
  },
  {
    route: "POST /ideen/:id adopt (published, Nord only)",
    handler: idea.action,
    prepare: async (world) => ({
      ...ideaPage(await ideaOf(world, "network")),
      form: { intent: "adopt", note: "Start im Herbst" },
    }),
    // The own organisation does not adopt its idea; employer members do not adopt at all.
    expect: { ...northOnly(403), otherOrgAdmin: "ok" },
  },
  {
    route: "POST /ideen/:id adopt (nationwide, Süd)",
    handler: idea.action,
    prepare: async (world) => ({
      ...ideaPage(await ideaOf(world, "nationwide")),
      form: { intent: "adopt" },
    }),
    expect: signedIn("ok", {
      employer: 403,
      employerAdmin: 403,
      otherNetworkAdmin: 403,
      otherNetworkStaff: 403,
    }),
  },
  {
    route: "POST /ideen/:id adopt (draft)",
    handler: idea.action,
    prepare: async (world) => ({
      ...ideaPage(await ideaOf(world, "draft")),
      form: { intent: "adopt" },
    }),
    expect: authorsOnly(403),
  },
  {
    route: "POST /ideen/:id bookmark (published, Nord only)",
    handler: idea.action,
    prepare: async (world) => ({
      ...ideaPage(await ideaOf(world, "network")),
      form: { intent: "bookmark" },
    }),
    expect: northOnly("ok"),
  },
  {
    route: "POST /ideen/:id archive (published, Nord only)",
    handler: idea.action,
    prepare: async (world) => ({
      ...ideaPage(await ideaOf(world, "network")),
      form: { intent: "archive" },
    }),
    expect: northOnly(403, "ok"),
  },
  {
    route: "POST /ideen/:id publish (draft)",
    handler: idea.action,
    prepare: async (world) => ({
      ...ideaPage(await ideaOf(world, "draft")),
      form: { intent: "publish" },
    }),
    expect: authorsOnly("ok"),
  },
];

describeMatrix(rows, personaNames, buildWorld);
