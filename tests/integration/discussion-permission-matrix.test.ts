import { and, eq } from "drizzle-orm";
import { randomUUID } from "node:crypto";
import type { Actor, ChannelAccess } from "~/auth/permissions.server";
import { getDb } from "~/db/client.server";
import { auditLog, discussionReports, type ChannelEmployerAccess } from "~/db/schema";
import { attachedThreadId, getChannelAccess, getThreadRecord } from "~/discussions/access.server";
import { updateChannel } from "~/discussions/channels.server";
import { postInputFromText } from "#tests/helpers/discussion-world";
import {
  createPost,
  reportPost,
  setThreadLocked,
  startChannelThread,
} from "~/discussions/posts.server";
import * as channelPage from "~/routes/_app.diskussionen.$channelId";
import * as overview from "~/routes/_app.diskussionen._index";
import * as reports from "~/routes/_app.diskussionen.meldungen";
import * as people from "~/routes/_app.diskussionen.personen";
import * as threadPage from "~/routes/_app.diskussionen.thema.$threadId";
import * as toIdea from "~/routes/_app.diskussionen.zu.idee.$ideaId";
import * as toReferral from "~/routes/_app.diskussionen.zu.uebergabe.$referralId";
import { createChannelFor } from "~/demo/discussion-factories.server";
import { createEventFor } from "~/demo/event-factories.server";
import { createIdeaFor } from "~/demo/idea-factories.server";
import { createReferral, createService } from "~/demo/referral-factories.server";
import {
  fixedRow,
  describeMatrix,
  inNorth,
  networkMembers,
  type MatrixCell,
  type MatrixRow,
  type Outcome,
} from "#tests/helpers/matrix";
import { callRoute } from "#tests/helpers/routes";
import {
  buildWorldFrom,
  personaNames,
  standardWorld,
  worldOrganizations,
  type PersonaName,
} from "#tests/helpers/world";

/**
 * Every Diskussionen loader and action intent against every persona of the idea matrix. The
 * coordinator works for a third organisation of "Nord" (a Landkreis), so the referral thread
 * between organisation A and B shows that the coordinator may not read it.
 */

async function buildDiscussionWorld() {
  const world = await buildWorldFrom({
    ...standardWorld,
    organizations: {
      ...standardWorld.organizations,
      coordination: worldOrganizations.coordination,
    },
    users: { ...standardWorld.users, coordinator: { organization: "coordination", role: "staff" } },
  });
  const { networks, organizations, users } = world;
  const service = await createService({
    organizationId: organizations.orgB.id,
    category: "schuldnerberatung",
  });
  const north = networks.north.id;
  const coordinatorActor: Actor = {
    ...users.coordinator,
    organizationKind: organizations.coordination.kind,
    networkIds: [north],
    coordinatedNetworkIds: [north],
  };
  const channels = {
    none: await channelIn(north, coordinatorActor, "none"),
    read: await channelIn(north, coordinatorActor, "read"),
    write: await channelIn(north, coordinatorActor, "write"),
    archived: await channelIn(north, coordinatorActor, "write", { archived: true }),
  };
  return { ...world, service, coordinatorActor, channels };
}
type DiscussionWorld = Awaited<ReturnType<typeof buildDiscussionWorld>>;

async function channelIn(
  networkId: string,
  coordinator: Actor,
  employerAccess: ChannelEmployerAccess,
  options: { archived?: boolean } = {},
): Promise<ChannelAccess> {
  const channelId = await createChannelFor(coordinator, networkId, { employerAccess });
  const channel = (await getChannelAccess(channelId))!;
  if (options.archived) await updateChannel(coordinator, channel, { archived: true }, null);
  return (await getChannelAccess(channelId))!;
}

type Person = { id: string; organizationId: string; name: string };

/** A fresh thread per cell (so one persona's action never changes another's starting point). */
async function threadIn(channel: ChannelAccess, author: Person): Promise<string> {
  return startChannelThread(
    author,
    channel,
    `Thema ${randomUUID().slice(0, 8)}`,
    postInputFromText("Hallo"),
  );
}

async function postBy(threadId: string, author: Person): Promise<string> {
  const thread = (await getThreadRecord(threadId))!;
  return (await createPost(author, thread, postInputFromText("Ein Beitrag zum Thema."))).id;
}

/** A form about a new post of `author` in the thread. */
async function onPost(
  thread: Promise<string>,
  author: Person,
  form: Record<string, string>,
): Promise<MatrixCell> {
  const threadId = await thread;
  return threadCell(threadId, { ...form, postId: await postBy(threadId, author) });
}

/** A fresh thread of staff's in the channel closed to employers. */
const staffThread = (world: DiscussionWorld) => threadIn(world.channels.none, world.users.staff);

/** A staff thread the coordinator locked. */
async function lockedStaffThread(world: DiscussionWorld): Promise<string> {
  const threadId = await staffThread(world);
  await setThreadLocked(world.coordinatorActor, (await getThreadRecord(threadId))!, true, null);
  return threadId;
}

async function ideaThread(world: DiscussionWorld, publish: boolean): Promise<string> {
  const title = `Idee ${randomUUID().slice(0, 6)}`;
  const ideaId = await createIdeaFor(
    world.users.staff,
    { networkId: world.networks.north.id, visibility: "network", title },
    { publish },
  );
  return attachedThreadId({ kind: "idea", ideaId, ideaTitle: title });
}

/** The discussion of an event of Nord, organised by the employer. */
async function eventThread(world: DiscussionWorld): Promise<string> {
  const title = `Veranstaltung ${randomUUID().slice(0, 6)}`;
  const eventId = await createEventFor(world.users.employer, {
    networkId: world.networks.north.id,
    title,
  });
  return attachedThreadId({ kind: "event", eventId, eventTitle: title });
}

/** The way from a new idea of A to its discussion. */
async function ideaDiscussion(world: DiscussionWorld, publish: boolean): Promise<MatrixCell> {
  const ideaId = await createIdeaFor(
    world.users.staff,
    { networkId: world.networks.north.id, visibility: "network" },
    { publish },
  );
  return { path: `/diskussionen/zu/idee/${ideaId}`, params: { ideaId } };
}

async function referralOf(world: DiscussionWorld): Promise<string> {
  return createReferral({
    sender: world.users.staff,
    serviceId: world.service.id,
    receiverOrganizationId: world.organizations.orgB.id,
  });
}

async function referralThread(world: DiscussionWorld): Promise<string> {
  return attachedThreadId({ kind: "referral", referralId: await referralOf(world) });
}

/** The persona's own account; the anonymous visitor stands in for staff's. */
function selfOf(world: DiscussionWorld, persona: PersonaName): Person {
  return persona === "anonymous" ? world.users.staff : world.users[persona];
}

const channelCell = (channelId: string, form?: Record<string, string>): MatrixCell => ({
  path: `/diskussionen/${channelId}`,
  params: { channelId },
  form,
});
const threadCell = (threadId: string, form?: Record<string, string>): MatrixCell => ({
  path: `/diskussionen/thema/${threadId}`,
  params: { threadId },
  form,
});

// --- Who gets what -----------------------------------------------------------------------------

/** Nord's members, but the employer member does not even see a channel with access "none". */
const noEmployers = (member: Outcome, overrides: Partial<Record<PersonaName, Outcome>> = {}) =>
  inNorth(member, { employer: 404, employerAdmin: 404, ...overrides });

/** Only the coordinator of Nord moderates; other members are refused, outsiders do not see it. */
const moderatorOnly = noEmployers(403, { coordinator: "ok" });

/** The referral's two organisations (A sends, B receives); for everyone else it does not exist. */
const referralParties = (party: Outcome, overrides: Partial<Record<PersonaName, Outcome>> = {}) =>
  ({
    ...inNorth(404),
    orgAdmin: party,
    staff: party,
    otherOrgAdmin: party,
    ...overrides,
  }) satisfies Record<PersonaName, Outcome>;

/** A draft idea of organisation A: nobody else sees it, the coordinator included. */
const ideaAuthors = (author: Outcome) => inNorth(404, { orgAdmin: author, staff: author });

const everyone404 = inNorth(404);

// --- The matrix ------------------------------------------------------------------------------

/** GET /diskussionen/personen: whom one may mention in a fresh thread, for a search text. */
const mentionSuggestions = (
  label: string,
  thread: (world: DiscussionWorld) => Promise<string>,
  q: string,
  expect: Record<PersonaName, Outcome>,
): MatrixRow<DiscussionWorld, PersonaName> => ({
  route: `GET /diskussionen/personen (${label})`,
  handler: people.loader,
  prepare: async (world) => ({
    path: `/diskussionen/personen?thema=${await thread(world)}&q=${q}`,
  }),
  expect,
});

const reply = { intent: "reply", bodyText: "Danke, das probieren wir auch aus." };
const start = {
  intent: "start",
  title: "Praktikumsplätze im Sommer",
  bodyText: "Wer hat noch Plätze frei?",
};

const rows: MatrixRow<DiscussionWorld, PersonaName>[] = [
  // /diskussionen
  fixedRow("GET /diskussionen", overview.loader, networkMembers("ok")),
  {
    route: "POST /diskussionen create (Nord)",
    handler: overview.action,
    prepare: (world) => ({
      path: "/diskussionen",
      form: {
        intent: "create",
        networkId: world.networks.north.id,
        name: `Kanal ${randomUUID().slice(0, 8)}`,
        description: "Für alles, was sonst nirgends passt.",
        employerAccess: "read",
      },
    }),
    expect: inNorth(403, { coordinator: "ok", platformAdmin: 403 }),
  },
  {
    route: "POST /diskussionen create (Nord, without a name)",
    handler: overview.action,
    prepare: (world) => ({
      path: "/diskussionen",
      form: { intent: "create", networkId: world.networks.north.id, name: "", employerAccess: "x" },
    }),
    expect: inNorth(403, { coordinator: 400, platformAdmin: 403 }),
  },

  // /diskussionen/:channelId
  {
    route: "GET /diskussionen/:channelId (employer access none)",
    handler: channelPage.loader,
    prepare: (world) => channelCell(world.channels.none.id),
    expect: noEmployers("ok"),
  },
  {
    route: "GET /diskussionen/:channelId (employer access read)",
    handler: channelPage.loader,
    prepare: (world) => channelCell(world.channels.read.id),
    expect: inNorth("ok"),
  },
  {
    route: "GET /diskussionen/:channelId (archived)",
    handler: channelPage.loader,
    prepare: (world) => channelCell(world.channels.archived.id),
    expect: inNorth("ok"),
  },
  {
    route: "GET /diskussionen/:channelId (unknown)",
    handler: channelPage.loader,
    prepare: () => channelCell(randomUUID()),
    expect: everyone404,
  },
  {
    route: "POST /diskussionen/:channelId start (access none)",
    handler: channelPage.action,
    prepare: (world) => channelCell(world.channels.none.id, start),
    expect: noEmployers("ok"),
  },
  {
    route: "POST /diskussionen/:channelId start (access read)",
    handler: channelPage.action,
    prepare: (world) => channelCell(world.channels.read.id, start),
    expect: inNorth("ok", { employer: 403, employerAdmin: 403 }),
  },
  {
    route: "POST /diskussionen/:channelId start (access write)",
    handler: channelPage.action,
    prepare: (world) =>
      channelCell(world.channels.write.id, {
        intent: "start",
        title: "Speed-Dating im Mai",
        bodyText: "Wir suchen noch zehn Betriebe.",
      }),
    expect: inNorth("ok"),
  },
  {
    route: "POST /diskussionen/:channelId start (archived)",
    handler: channelPage.action,
    prepare: (world) =>
      channelCell(world.channels.archived.id, {
        intent: "start",
        title: "Noch eine Frage",
        bodyText: "Geht das noch?",
      }),
    expect: inNorth(403),
  },
  {
    route: "POST /diskussionen/:channelId start (access none, empty)",
    handler: channelPage.action,
    prepare: (world) =>
      channelCell(world.channels.none.id, { intent: "start", title: "", bodyText: "" }),
    expect: noEmployers(400),
  },
  {
    route: "POST /diskussionen/:channelId settings (access none)",
    handler: channelPage.action,
    prepare: async (world) =>
      channelCell((await channelIn(world.networks.north.id, world.coordinatorActor, "none")).id, {
        intent: "settings",
        name: `Umbenannt ${randomUUID().slice(0, 8)}`,
        description: "Neue Beschreibung",
        employerAccess: "none",
      }),
    expect: moderatorOnly,
  },
  {
    route: "POST /diskussionen/:channelId archive (access none)",
    handler: channelPage.action,
    prepare: async (world) =>
      channelCell((await channelIn(world.networks.north.id, world.coordinatorActor, "none")).id, {
        intent: "archive",
      }),
    expect: moderatorOnly,
  },
  {
    route: "POST /diskussionen/:channelId restore (archived, access read)",
    handler: channelPage.action,
    prepare: async (world) =>
      channelCell(
        (
          await channelIn(world.networks.north.id, world.coordinatorActor, "read", {
            archived: true,
          })
        ).id,
        { intent: "restore" },
      ),
    // The employer member may read this channel, so learns of it: 403, not 404.
    expect: inNorth(403, { coordinator: "ok" }),
  },

  // /diskussionen/thema/:threadId (loader)
  {
    route: "GET /diskussionen/thema/:threadId (channel, access none)",
    handler: threadPage.loader,
    prepare: async (world) => threadCell(await staffThread(world)),
    expect: noEmployers("ok"),
  },
  {
    route: "GET /diskussionen/thema/:threadId (channel, access read)",
    handler: threadPage.loader,
    prepare: async (world) => threadCell(await threadIn(world.channels.read, world.users.staff)),
    expect: inNorth("ok"),
  },
  {
    route: "GET /diskussionen/thema/:threadId (published idea of A)",
    handler: threadPage.loader,
    prepare: async (world) => threadCell(await ideaThread(world, true)),
    expect: inNorth("ok"),
  },
  {
    route: "GET /diskussionen/thema/:threadId (draft idea of A)",
    handler: threadPage.loader,
    prepare: async (world) => threadCell(await ideaThread(world, false)),
    expect: ideaAuthors("ok"),
  },
  {
    route: "GET /diskussionen/thema/:threadId (event of the employer)",
    handler: threadPage.loader,
    prepare: async (world) => threadCell(await eventThread(world)),
    expect: inNorth("ok"),
  },
  {
    route: "GET /diskussionen/thema/:threadId (referral A → B)",
    handler: threadPage.loader,
    prepare: async (world) => threadCell(await referralThread(world)),
    expect: referralParties("ok"),
  },
  {
    route: "GET /diskussionen/thema/:threadId (unknown)",
    handler: threadPage.loader,
    prepare: () => threadCell(randomUUID()),
    expect: everyone404,
  },

  // /diskussionen/thema/:threadId (actions)
  {
    route: "POST thema reply (channel, access none)",
    handler: threadPage.action,
    prepare: async (world) => threadCell(await staffThread(world), reply),
    expect: noEmployers("ok"),
  },
  {
    route: "POST thema reply (channel, access read)",
    handler: threadPage.action,
    prepare: async (world) =>
      threadCell(await threadIn(world.channels.read, world.users.staff), reply),
    expect: inNorth("ok", { employer: 403, employerAdmin: 403 }),
  },
  {
    route: "POST thema reply (channel, access write)",
    handler: threadPage.action,
    prepare: async (world) =>
      threadCell(await threadIn(world.channels.write, world.users.staff), reply),
    expect: inNorth("ok"),
  },
  {
    route: "POST thema reply (channel, archived)",
    handler: threadPage.action,
    prepare: async (world) => {
      const channel = await channelIn(world.networks.north.id, world.coordinatorActor, "write");
      const threadId = await threadIn(channel, world.users.staff);
      await updateChannel(world.coordinatorActor, channel, { archived: true }, null);
      return threadCell(threadId, reply);
    },
    expect: inNorth(403),
  },
  {
    route: "POST thema reply (locked thread)",
    handler: threadPage.action,
    prepare: async (world) => threadCell(await lockedStaffThread(world), reply),
    expect: noEmployers(403),
  },
  {
    route: "POST thema reply (empty)",
    handler: threadPage.action,
    prepare: async (world) =>
      threadCell(await threadIn(world.channels.write, world.users.staff), {
        intent: "reply",
        bodyText: "   ",
      }),
    expect: inNorth(400),
  },
  {
    route: "POST thema reply (published idea of A)",
    handler: threadPage.action,
    prepare: async (world) => threadCell(await ideaThread(world, true), reply),
    expect: inNorth("ok"),
  },
  {
    route: "POST thema reply (event of the employer)",
    handler: threadPage.action,
    prepare: async (world) => threadCell(await eventThread(world), reply),
    expect: inNorth("ok"),
  },
  {
    route: "POST thema reply (referral A → B)",
    handler: threadPage.action,
    prepare: async (world) => threadCell(await referralThread(world), reply),
    expect: referralParties("ok"),
  },
  {
    route: "POST thema edit (own post)",
    handler: threadPage.action,
    prepare: (world, persona) =>
      onPost(staffThread(world), selfOf(world, persona), {
        intent: "edit",
        bodyText: "Korrigiert: ab Juni.",
      }),
    // The employer wrote it while the channel was open to employers; now it is hidden from them.
    expect: noEmployers("ok"),
  },
  {
    route: "POST thema edit (own post, empty)",
    handler: threadPage.action,
    prepare: (world, persona) =>
      onPost(staffThread(world), selfOf(world, persona), { intent: "edit", bodyText: "" }),
    expect: noEmployers(400),
  },
  {
    route: "POST thema edit (post of staff)",
    handler: threadPage.action,
    prepare: (world) =>
      onPost(staffThread(world), world.users.staff, { intent: "edit", bodyText: "Übernommen?" }),
    expect: noEmployers(403, { staff: "ok" }),
  },
  {
    route: "POST thema edit (post of another thread)",
    handler: threadPage.action,
    prepare: async (world, persona) => {
      const threadId = await staffThread(world);
      const elsewhere = await staffThread(world);
      const postId = await postBy(elsewhere, selfOf(world, persona));
      return threadCell(threadId, { intent: "edit", postId, bodyText: "Falscher Ort" });
    },
    expect: everyone404,
  },
  {
    route: "POST thema delete (own post)",
    handler: threadPage.action,
    prepare: (world, persona) =>
      onPost(staffThread(world), selfOf(world, persona), { intent: "delete" }),
    expect: noEmployers("ok"),
  },
  {
    route: "POST thema delete (post of staff)",
    handler: threadPage.action,
    prepare: (world) => onPost(staffThread(world), world.users.staff, { intent: "delete" }),
    // The author, and the coordinator as moderator.
    expect: noEmployers(403, { staff: "ok", coordinator: "ok" }),
  },
  {
    route: "POST thema report (post of staff)",
    handler: threadPage.action,
    prepare: (world) =>
      onPost(staffThread(world), world.users.staff, {
        intent: "report",
        reason: "Enthält einen Namen.",
      }),
    // Nobody reports their own post.
    expect: noEmployers("ok", { staff: 403 }),
  },
  {
    route: "POST thema report (post of staff, without a reason)",
    handler: threadPage.action,
    prepare: (world) =>
      onPost(staffThread(world), world.users.staff, { intent: "report", reason: " " }),
    expect: noEmployers(400, { staff: 403 }),
  },
  {
    route: "POST thema report (referral A → B)",
    handler: threadPage.action,
    prepare: (world) =>
      onPost(referralThread(world), world.users.staff, { intent: "report", reason: "Unpassend" }),
    expect: referralParties(403),
  },
  {
    route: "POST thema hide (post of staff)",
    handler: threadPage.action,
    prepare: (world) => onPost(staffThread(world), world.users.staff, { intent: "hide" }),
    expect: moderatorOnly,
  },
  {
    route: "POST thema hide (referral A → B)",
    handler: threadPage.action,
    prepare: (world) => onPost(referralThread(world), world.users.staff, { intent: "hide" }),
    // Referral threads have no moderator: the coordinator does not even see them.
    expect: referralParties(403),
  },
  {
    route: "POST thema lock",
    handler: threadPage.action,
    prepare: async (world) => threadCell(await staffThread(world), { intent: "lock" }),
    expect: moderatorOnly,
  },
  {
    route: "POST thema unlock",
    handler: threadPage.action,
    prepare: async (world) => threadCell(await lockedStaffThread(world), { intent: "unlock" }),
    expect: moderatorOnly,
  },
  {
    route: "POST thema lock (published idea of A)",
    handler: threadPage.action,
    prepare: async (world) => threadCell(await ideaThread(world, true), { intent: "lock" }),
    expect: inNorth(403, { coordinator: "ok" }),
  },
  {
    route: "POST thema lock (event of the employer)",
    handler: threadPage.action,
    prepare: async (world) => threadCell(await eventThread(world), { intent: "lock" }),
    expect: inNorth(403, { coordinator: "ok" }),
  },
  {
    route: "POST thema (unknown intent)",
    handler: threadPage.action,
    prepare: async (world) => threadCell(await staffThread(world), { intent: "vote" }),
    expect: noEmployers(400),
  },

  // /diskussionen/meldungen
  fixedRow(
    "GET /diskussionen/meldungen",
    reports.loader,
    networkMembers(403, { coordinator: "ok" }),
  ),
  ...(["hide", "dismiss"] as const).map((intent): MatrixRow<DiscussionWorld, PersonaName> => ({
    route: `POST /diskussionen/meldungen ${intent}`,
    handler: reports.action,
    prepare: async (world) => ({
      path: "/diskussionen/meldungen",
      form: { intent, reportId: await openReport(world) },
    }),
    expect: moderatorOnly,
  })),

  // Mention suggestions
  mentionSuggestions("channel, access none", staffThread, "a", noEmployers("ok")),
  mentionSuggestions(
    "channel, access read",
    (world) => threadIn(world.channels.read, world.users.staff),
    "",
    inNorth("ok", { employer: 403, employerAdmin: 403 }),
  ),
  mentionSuggestions("referral A → B", referralThread, "Person", referralParties("ok")),

  // The way from an idea or a referral to its discussion
  {
    route: "GET /diskussionen/zu/idee/:ideaId (published idea of A)",
    handler: toIdea.loader,
    prepare: (world) => ideaDiscussion(world, true),
    expect: inNorth("ok"),
  },
  {
    route: "GET /diskussionen/zu/idee/:ideaId (draft idea of A)",
    handler: toIdea.loader,
    prepare: (world) => ideaDiscussion(world, false),
    expect: ideaAuthors("ok"),
  },
  {
    route: "GET /diskussionen/zu/uebergabe/:referralId",
    handler: toReferral.loader,
    prepare: async (world) => {
      const referralId = await referralOf(world);
      return { path: `/diskussionen/zu/uebergabe/${referralId}`, params: { referralId } };
    },
    expect: referralParties("ok"),
  },
];

/** A post of staff in a channel thread, reported by the other organisation's admin. */
async function openReport(world: DiscussionWorld): Promise<string> {
  const threadId = await staffThread(world);
  const postId = await postBy(threadId, world.users.staff);
  const thread = (await getThreadRecord(threadId))!;
  const reporter = {
    ...world.users.otherOrgAdmin,
    organizationKind: "schuldnerberatung" as const,
    networkIds: [world.networks.north.id],
    coordinatedNetworkIds: [],
  };
  await reportPost(reporter, postId, thread, "Enthält Kundendaten.");
  const [report] = await getDb()
    .select({ id: discussionReports.id })
    .from(discussionReports)
    .where(eq(discussionReports.postId, postId));
  return report!.id;
}

const currentWorld = describeMatrix(rows, personaNames, buildDiscussionWorld);

describe("answers beyond the status", () => {
  let world: DiscussionWorld;
  beforeAll(() => {
    world = currentWorld();
  });

  /** The audited openings of a referral's thread. */
  const viewsOf = (referralId: string) =>
    getDb()
      .select({ actorUserId: auditLog.actorUserId, details: auditLog.details })
      .from(auditLog)
      .where(
        and(
          eq(auditLog.action, "discussion.referral_thread_viewed"),
          eq(auditLog.targetId, referralId),
        ),
      );

  it("a reply answers 303 See Other to the thread page, at the new post", async () => {
    const threadId = await staffThread(world);
    const response = await callRoute(threadPage.action, `/diskussionen/thema/${threadId}`, {
      cookie: world.cookies.orgAdmin,
      params: { threadId },
      form: reply,
    });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toMatch(
      new RegExp(`^/diskussionen/thema/${threadId}#beitrag-[0-9a-f-]{36}$`),
    );
  });

  it("every opening of a referral's thread is written to the audit log", async () => {
    const referralId = await referralOf(world);
    const threadId = await attachedThreadId({ kind: "referral", referralId });
    for (const persona of ["staff", "otherOrgAdmin"] as const) {
      const response = await callRoute(threadPage.loader, `/diskussionen/thema/${threadId}`, {
        cookie: world.cookies[persona],
        params: { threadId },
      });
      expect(response.status).toBe(200);
    }
    const entries = await viewsOf(referralId);
    expect(entries.map((entry) => entry.actorUserId).sort()).toEqual(
      [world.users.staff.id, world.users.otherOrgAdmin.id].sort(),
    );
    expect(entries[0]!.details).toEqual({ threadId });
  });

  it("a coordinator refused a referral thread is audited as a denial, not as a view", async () => {
    const referralId = await referralOf(world);
    const threadId = await attachedThreadId({ kind: "referral", referralId });
    const response = await callRoute(threadPage.loader, `/diskussionen/thema/${threadId}`, {
      cookie: world.cookies.coordinator,
      params: { threadId },
    });
    expect(response.status).toBe(404);
    expect(await viewsOf(referralId)).toEqual([]);
  });
});
