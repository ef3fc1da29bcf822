import { randomUUID } from "node:crypto";
import { setIdeaStatus } from "~/ideas/ideas.server";
import * as idea from "~/routes/_app.ideen.$ideaId";
import * as editIdea from "~/routes/_app.ideen.$ideaId_.bearbeiten";
import * as search from "~/routes/_app.ideen._index";
import * as myIdeas from "~/routes/_app.ideen.meine";
import * as newIdea from "~/routes/_app.ideen.neu";
import { createIdeaFor } from "~/demo/idea-factories.server";
import {
  fixedRow,
  rowsOnFreshRecords,
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

const onIdea = rowsOnFreshRecords(ideaOf, ideaPage);

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
  fixedRow("GET /ideen", search.loader, signedIn("ok"), {
    path: "/ideen?q=Praktikum&targetGroups=U25&sortierung=newest",
  }),
  fixedRow("GET /ideen/meine", myIdeas.loader, signedIn("ok")),
  fixedRow("GET /ideen/neu", newIdea.loader, writers),
  {
    route: "POST /ideen/neu publish (network Nord)",
    handler: newIdea.action,
    prepare: (world) => ({ path: "/ideen/neu", form: ideaForm(world) }),
    // Süd members may not put an idea into Nord: the form is rejected.
    expect: { ...writers, otherNetworkAdmin: 400, otherNetworkStaff: 400 },
  },
  onIdea("GET /ideen/:id (published, Nord only)", idea.loader, "network", northOnly("ok")),
  onIdea("GET /ideen/:id (draft)", idea.loader, "draft", authorsOnly("ok")),
  onIdea("GET /ideen/:id (archived)", idea.loader, "archived", authorsOnly("ok")),
  onIdea("GET /ideen/:id (nationwide, Süd)", idea.loader, "nationwide", signedIn("ok")),
  fixedRow("GET /ideen/:id (unknown)", idea.loader, signedIn(404), () => ideaPage(randomUUID())),
  onIdea(
    "GET /ideen/:id/bearbeiten (published, Nord only)",
    editIdea.loader,
    "network",
    northOnly(403, "ok"),
    { suffix: "/bearbeiten" },
  ),
  onIdea(
    "POST /ideen/:id/bearbeiten (published, Nord only)",
    editIdea.action,
    "network",
    northOnly(403, "ok"),
    { suffix: "/bearbeiten", form: ideaForm },
  ),
  onIdea("POST /ideen/:id/bearbeiten (draft)", editIdea.action, "draft", authorsOnly("ok"), {
    suffix: "/bearbeiten",
    form: (world) => ({ ...ideaForm(world), intent: "draft" }),
  }),
  // The own organisation does not adopt its idea; employer members do not adopt at all.
  onIdea(
    "POST /ideen/:id adopt (published, Nord only)",
    idea.action,
    "network",
    { ...northOnly(403), otherOrgAdmin: "ok" },
    { form: { intent: "adopt", note: "Start im Herbst" } },
  ),
  onIdea(
    "POST /ideen/:id adopt (nationwide, Süd)",
    idea.action,
    "nationwide",
    signedIn("ok", {
      employer: 403,
      employerAdmin: 403,
      otherNetworkAdmin: 403,
      otherNetworkStaff: 403,
    }),
    { form: { intent: "adopt" } },
  ),
  onIdea("POST /ideen/:id adopt (draft)", idea.action, "draft", authorsOnly(403), {
    form: { intent: "adopt" },
  }),
  onIdea(
    "POST /ideen/:id bookmark (published, Nord only)",
    idea.action,
    "network",
    northOnly("ok"),
    { form: { intent: "bookmark" } },
  ),
  onIdea(
    "POST /ideen/:id archive (published, Nord only)",
    idea.action,
    "network",
    northOnly(403, "ok"),
    { form: { intent: "archive" } },
  ),
  onIdea("POST /ideen/:id publish (draft)", idea.action, "draft", authorsOnly("ok"), {
    form: { intent: "publish" },
  }),
];

describeMatrix(rows, personaNames, buildWorld);
