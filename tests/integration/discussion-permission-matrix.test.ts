import type { ActionFunction, LoaderFunction } from "@remix-run/node";
import { and, eq } from "drizzle-orm";
import { randomUUID } from "node:crypto";
import type { Actor, ChannelAccess } from "~/auth/permissions.server";
import { getDb } from "~/db/client.server";
import { auditLog, discussionReports, type ChannelEmployerAccess } from "~/db/schema";
import { attachedThreadId, getChannelAccess, getThreadRecord } from "~/discussions/access.server";
import { createChannel, updateChannel } from "~/discussions/channels.server";
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
import {
  admitToNetwork,
  appointCoordinator,
  createNetwork,
  createOrganization,
  createUser,
  loginCookiesFor,
} from "~/demo/factories.server";
import { createEventFor } from "~/demo/event-factories.server";
import { createIdeaFor } from "~/demo/idea-factories.server";
import { createReferral, createService } from "~/demo/referral-factories.server";
import { outcomeOf, type Outcome } from "#tests/helpers/matrix";
import { callRoute } from "#tests/helpers/routes";
import { personaNames, type PersonaName } from "#tests/helpers/world";

/**
 * Every Diskussionen loader and action intent against every persona of the idea matrix. The
 * coordinator works for a third organisation of "Nord" (a Landkreis), so the referral thread
 * between organisation A and B shows that the coordinator may not read it.
 */

async function buildDiscussionWorld() {
  const north = await createNetwork({ name: "Netzwerk Nord", region: "Nordkreis" });
  const south = await createNetwork({ name: "Netzwerk Süd", region: "Südkreis" });
  const operator = await createOrganization({ name: "Betrieb" });
  const orgA = await createOrganization({ name: "Jobcenter Nordkreis", kind: "jobcenter" });
  const orgB = await createOrganization({
    name: "Schuldnerberatung Nord",
    kind: "schuldnerberatung",
  });
  const employerOrg = await createOrganization({ name: "Montage Nord GmbH", kind: "arbeitgeber" });
  const coordination = await createOrganization({ name: "Landkreis Nord", kind: "kommune" });
  const orgC = await createOrganization({ name: "Jobcenter Südkreis", kind: "jobcenter" });
  for (const organization of [orgA, orgB, employerOrg, coordination]) {
    await admitToNetwork(north.id, organization.id);
  }
  await admitToNetwork(south.id, orgC.id);

  const users = {
    platformAdmin: await createUser({
      organizationId: operator.id,
      role: "org_admin",
      isPlatformAdmin: true,
    }),
    coordinator: await createUser({ organizationId: coordination.id, role: "staff" }),
    orgAdmin: await createUser({ organizationId: orgA.id, role: "org_admin" }),
    staff: await createUser({ organizationId: orgA.id, role: "staff" }),
    employer: await createUser({ organizationId: employerOrg.id, role: "employer_member" }),
    employerAdmin: await createUser({ organizationId: employerOrg.id, role: "org_admin" }),
    otherOrgAdmin: await createUser({ organizationId: orgB.id, role: "org_admin" }),
    otherNetworkAdmin: await createUser({ organizationId: orgC.id, role: "org_admin" }),
    otherNetworkStaff: await createUser({ organizationId: orgC.id, role: "staff" }),
  };
  await appointCoordinator(north.id, users.coordinator.id);
  const service = await createService({ organizationId: orgB.id, category: "schuldnerberatung" });
  const coordinatorActor: Actor = {
    ...users.coordinator,
    organizationKind: orgA.kind,
    networkIds: [north.id],
    coordinatedNetworkIds: [north.id],
  };
  const channels = {
    none: await channelIn(north.id, coordinatorActor, "none"),
    read: await channelIn(north.id, coordinatorActor, "read"),
    write: await channelIn(north.id, coordinatorActor, "write"),
    archived: await channelIn(north.id, coordinatorActor, "write", { archived: true }),
  };
  const cookies = await loginCookiesFor(users);
  return {
    networks: { north, south },
    organizations: { orgA, orgB },
    users,
    service,
    coordinatorActor,
    channels,
    cookies,
  };
}
type DiscussionWorld = Awaited<ReturnType<typeof buildDiscussionWorld>>;

async function channelIn(
  networkId: string,
  coordinator: Actor,
  employerAccess: ChannelEmployerAccess,
  options: { archived?: boolean } = {},
): Promise<ChannelAccess> {
  const created = await createChannel(
    coordinator,
    networkId,
    { name: `Kanal ${randomUUID().slice(0, 8)}`, description: "", employerAccess },
    null,
  );
  if ("error" in created) throw new Error(created.error);
  const channel = (await getChannelAccess(created.id))!;
  if (options.archived) await updateChannel(coordinator, channel, { archived: true }, null);
  return (await getChannelAccess(created.id))!;
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

const channelCell = (channelId: string, form?: Record<string, string>): Cell => ({
  path: `/diskussionen/${channelId}`,
  params: { channelId },
  form,
});
const threadCell = (threadId: string, form?: Record<string, string>): Cell => ({
  path: `/diskussionen/thema/${threadId}`,
  params: { threadId },
  form,
});

// --- Who gets what -----------------------------------------------------------------------------

/** Members of "Nord" (the coordinator included); Süd and the operator do not see Nord's things. */
const nord = (member: Outcome, overrides: Partial<Record<PersonaName, Outcome>> = {}) =>
  ({
    anonymous: "login",
    platformAdmin: 404,
    coordinator: member,
    orgAdmin: member,
    staff: member,
    employer: member,
    employerAdmin: member,
    otherOrgAdmin: member,
    otherNetworkAdmin: 404,
    otherNetworkStaff: 404,
    ...overrides,
  }) satisfies Record<PersonaName, Outcome>;

/** Nord's members, but the employer member does not even see a channel with access "none". */
const noEmployers = (member: Outcome, overrides: Partial<Record<PersonaName, Outcome>> = {}) =>
  nord(member, { employer: 404, employerAdmin: 404, ...overrides });

/** Only the coordinator of Nord moderates; other members are refused, outsiders do not see it. */
const moderatorOnly = noEmployers(403, { coordinator: "ok" });

/** The referral's two organisations (A sends, B receives); for everyone else it does not exist. */
const referralParties = (party: Outcome, overrides: Partial<Record<PersonaName, Outcome>> = {}) =>
  ({
    ...nord(404),
    orgAdmin: party,
    staff: party,
    otherOrgAdmin: party,
    ...overrides,
  }) satisfies Record<PersonaName, Outcome>;

/** A draft idea of organisation A: nobody else sees it, the coordinator included. */
const ideaAuthors = (author: Outcome) => nord(404, { orgAdmin: author, staff: author });

const everyone404 = nord(404);

// --- The matrix ------------------------------------------------------------------------------

interface Cell {
  path: string;
  params?: Record<string, string>;
  form?: Record<string, string>;
}

interface Row {
  route: string;
  handler: LoaderFunction | ActionFunction;
  prepare: (world: DiscussionWorld, persona: PersonaName) => Promise<Cell> | Cell;
  expect: Record<PersonaName, Outcome>;
}

const reply = { intent: "reply", bodyText: "Danke, das probieren wir auch aus." };

const rows: Row[] = [
  // /diskussionen
  {
    route: "GET /diskussionen",
    handler: overview.loader,
    prepare: () => ({ path: "/diskussionen" }),
    expect: { ...nord("ok"), platformAdmin: 403, otherNetworkAdmin: "ok", otherNetworkStaff: "ok" },
  },
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
    expect: nord(403, { coordinator: "ok", platformAdmin: 403 }),
  },
  {
    route: "POST /diskussionen create (Nord, without a name)",
    handler: overview.action,
    prepare: (world) => ({
      path: "/diskussionen",
      form: { intent: "create", networkId: world.networks.north.id, name: "", employerAccess: "x" },
    }),
    expect: nord(403, { coordinator: 400, platformAdmin: 403 }),
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
    expect: nord("ok"),
  },
  {
    route: "GET /diskussionen/:channelId (archived)",
    handler: channelPage.loader,
    prepare: (world) => channelCell(world.channels.archived.id),
    expect: nord("ok"),
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
    prepare: (world) =>
      channelCell(world.channels.none.id, {
        intent: "start",
        title: "Praktikumsplätze im Sommer",
        bodyText: "Wer hat noch Plätze frei?",
      }),
    expect: noEmployers("ok"),
  },
  {
    route: "POST /diskussionen/:channelId start (access read)",
    handler: channelPage.action,
    prepare: (world) =>
      channelCell(world.channels.read.id, {
        intent: "start",
        title: "Praktikumsplätze im Sommer",
        bodyText: "Wer hat noch Plätze frei?",
      }),
    expect: nord("ok", { employer: 403, employerAdmin: 403 }),
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
    expect: nord("ok"),
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
    expect: nord(403),
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
    expect: nord(403, { coordinator: "ok" }),
  },

  // /diskussionen/thema/:threadId (loader)
  {
    route: "GET /diskussionen/thema/:threadId (channel, access none)",
    handler: threadPage.loader,
    prepare: async (world) => threadCell(await threadIn(world.channels.none, world.users.staff)),
    expect: noEmployers("ok"),
  },
  {
    route: "GET /diskussionen/thema/:threadId (channel, access read)",
    handler: threadPage.loader,
    prepare: async (world) => threadCell(await threadIn(world.channels.read, world.users.staff)),
    expect: nord("ok"),
  },
  {
    route: "GET /diskussionen/thema/:threadId (published idea of A)",
    handler: threadPage.loader,
    prepare: async (world) => threadCell(await ideaThread(world, true)),
    expect: nord("ok"),
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
    expect: nord("ok"),
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
    prepare: async (world) =>
      threadCell(await threadIn(world.channels.none, world.users.staff), reply),
    expect: noEmployers("ok"),
  },
  {
    route: "POST thema reply (channel, access read)",
    handler: threadPage.action,
    prepare: async (world) =>
      threadCell(await threadIn(world.channels.read, world.users.staff), reply),
    expect: nord("ok", { employer: 403, employerAdmin: 403 }),
  },
  {
    route: "POST thema reply (channel, access write)",
    handler: threadPage.action,
    prepare: async (world) =>
      threadCell(await threadIn(world.channels.write, world.users.staff), reply),
    expect: nord("ok"),
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
    expect: nord(403),
  },
  {
    route: "POST thema reply (locked thread)",
    handler: threadPage.action,
    prepare: async (world) => {
      const threadId = await threadIn(world.channels.none, world.users.staff);
      await setThreadLocked(world.coordinatorActor, (await getThreadRecord(threadId))!, true, null);
      return threadCell(threadId, reply);
    },
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
    expect: nord(400),
  },
  {
    route: "POST thema reply (published idea of A)",
    handler: threadPage.action,
    prepare: async (world) => threadCell(await ideaThread(world, true), reply),
    expect: nord("ok"),
  },
  {
    route: "POST thema reply (event of the employer)",
    handler: threadPage.action,
    prepare: async (world) => threadCell(await eventThread(world), reply),
    expect: nord("ok"),
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
    prepare: async (world, persona) => {
      const threadId = await threadIn(world.channels.none, world.users.staff);
      const postId = await postBy(threadId, selfOf(world, persona));
      return threadCell(threadId, { intent: "edit", postId, bodyText: "Korrigiert: ab Juni." });
    },
    // The employer wrote it while the channel was open to employers; now it is hidden from them.
    expect: noEmployers("ok"),
  },
  {
    route: "POST thema edit (own post, empty)",
    handler: threadPage.action,
    prepare: async (world, persona) => {
      const threadId = await threadIn(world.channels.none, world.users.staff);
      const postId = await postBy(threadId, selfOf(world, persona));
      return threadCell(threadId, { intent: "edit", postId, bodyText: "" });
    },
    expect: noEmployers(400),
  },
  {
    route: "POST thema edit (post of staff)",
    handler: threadPage.action,
    prepare: async (world) => {
      const threadId = await threadIn(world.channels.none, world.users.staff);
      const postId = await postBy(threadId, world.users.staff);
      return threadCell(threadId, { intent: "edit", postId, bodyText: "Übernommen?" });
    },
    expect: noEmployers(403, { staff: "ok" }),
  },
  {
    route: "POST thema edit (post of another thread)",
    handler: threadPage.action,
    prepare: async (world, persona) => {
      const threadId = await threadIn(world.channels.none, world.users.staff);
      const elsewhere = await threadIn(world.channels.none, world.users.staff);
      const postId = await postBy(elsewhere, selfOf(world, persona));
      return threadCell(threadId, { intent: "edit", postId, bodyText: "Falscher Ort" });
    },
    expect: everyone404,
  },
  {
    route: "POST thema delete (own post)",
    handler: threadPage.action,
    prepare: async (world, persona) => {
      const threadId = await threadIn(world.channels.none, world.users.staff);
      const postId = await postBy(threadId, selfOf(world, persona));
      return threadCell(threadId, { intent: "delete", postId });
    },
    expect: noEmployers("ok"),
  },
  {
    route: "POST thema delete (post of staff)",
    handler: threadPage.action,
    prepare: async (world) => {
      const threadId = await threadIn(world.channels.none, world.users.staff);
      const postId = await postBy(threadId, world.users.staff);
      return threadCell(threadId, { intent: "delete", postId });
    },
    // The author, and the coordinator as moderator.
    expect: noEmployers(403, { staff: "ok", coordinator: "ok" }),
  },
  {
    route: "POST thema report (post of staff)",
    handler: threadPage.action,
    prepare: async (world) => {
      const threadId = await threadIn(world.channels.none, world.users.staff);
      const postId = await postBy(threadId, world.users.staff);
      return threadCell(threadId, { intent: "report", postId, reason: "Enthält einen Namen." });
    },
    // Nobody reports their own post.
    expect: noEmployers("ok", { staff: 403 }),
  },
  {
    route: "POST thema report (post of staff, without a reason)",
    handler: threadPage.action,
    prepare: async (world) => {
      const threadId = await threadIn(world.channels.none, world.users.staff);
      const postId = await postBy(threadId, world.users.staff);
      return threadCell(threadId, { intent: "report", postId, reason: " " });
    },
    expect: noEmployers(400, { staff: 403 }),
  },
  {
    route: "POST thema report (referral A → B)",
    handler: threadPage.action,
    prepare: async (world) => {
      const threadId = await referralThread(world);
      const postId = await postBy(threadId, world.users.staff);
      return threadCell(threadId, { intent: "report", postId, reason: "Unpassend" });
    },
    expect: referralParties(403),
  },
  {
    route: "POST thema hide (post of staff)",
    handler: threadPage.action,
    prepare: async (world) => {
      const threadId = await threadIn(world.channels.none, world.users.staff);
      const postId = await postBy(threadId, world.users.staff);
      return threadCell(threadId, { intent: "hide", postId });
    },
    expect: moderatorOnly,
  },
  {
    route: "POST thema hide (referral A → B)",
    handler: threadPage.action,
    prepare: async (world) => {
      const threadId = await referralThread(world);
      const postId = await postBy(threadId, world.users.staff);
      return threadCell(threadId, { intent: "hide", postId });
    },
    // Referral threads have no moderator: the coordinator does not even see them.
    expect: referralParties(403),
  },
  {
    route: "POST thema lock",
    handler: threadPage.action,
    prepare: async (world) =>
      threadCell(await threadIn(world.channels.none, world.users.staff), { intent: "lock" }),
    expect: moderatorOnly,
  },
  {
    route: "POST thema unlock",
    handler: threadPage.action,
    prepare: async (world) => {
      const threadId = await threadIn(world.channels.none, world.users.staff);
      await setThreadLocked(world.coordinatorActor, (await getThreadRecord(threadId))!, true, null);
      return threadCell(threadId, { intent: "unlock" });
    },
    expect: moderatorOnly,
  },
  {
    route: "POST thema lock (published idea of A)",
    handler: threadPage.action,
    prepare: async (world) => threadCell(await ideaThread(world, true), { intent: "lock" }),
    expect: nord(403, { coordinator: "ok" }),
  },
  {
    route: "POST thema lock (event of the employer)",
    handler: threadPage.action,
    prepare: async (world) => threadCell(await eventThread(world), { intent: "lock" }),
    expect: nord(403, { coordinator: "ok" }),
  },
  {
    route: "POST thema (unknown intent)",
    handler: threadPage.action,
    prepare: async (world) =>
      threadCell(await threadIn(world.channels.none, world.users.staff), { intent: "vote" }),
    expect: noEmployers(400),
  },

  // /diskussionen/meldungen
  {
    route: "GET /diskussionen/meldungen",
    handler: reports.loader,
    prepare: () => ({ path: "/diskussionen/meldungen" }),
    expect: {
      ...nord(403, { coordinator: "ok" }),
      platformAdmin: 403,
      otherNetworkAdmin: 403,
      otherNetworkStaff: 403,
    },
  },
  ...(["hide", "dismiss"] as const).map((intent): Row => ({
    route: `POST /diskussionen/meldungen ${intent}`,
    handler: reports.action,
    prepare: async (world) => ({
      path: "/diskussionen/meldungen",
      form: { intent, reportId: await openReport(world) },
    }),
    expect: moderatorOnly,
  })),

  // Mention suggestions
  {
    route: "GET /diskussionen/personen (channel, access none)",
    handler: people.loader,
    prepare: async (world) => ({
      path: `/diskussionen/personen?thema=${await threadIn(world.channels.none, world.users.staff)}&q=a`,
    }),
    expect: noEmployers("ok"),
  },
  {
    route: "GET /diskussionen/personen (channel, access read)",
    handler: people.loader,
    prepare: async (world) => ({
      path: `/diskussionen/personen?thema=${await threadIn(world.channels.read, world.users.staff)}&q=`,
    }),
    expect: nord("ok", { employer: 403, employerAdmin: 403 }),
  },
  {
    route: "GET /diskussionen/personen (referral A → B)",
    handler: people.loader,
    prepare: async (world) => ({
      path: `/diskussionen/personen?thema=${await referralThread(world)}&q=Person`,
    }),
    expect: referralParties("ok"),
  },

  // The way from an idea or a referral to its discussion
  {
    route: "GET /diskussionen/zu/idee/:ideaId (published idea of A)",
    handler: toIdea.loader,
    prepare: async (world) => {
      const ideaId = await createIdeaFor(
        world.users.staff,
        { networkId: world.networks.north.id, visibility: "network" },
        { publish: true },
      );
      return { path: `/diskussionen/zu/idee/${ideaId}`, params: { ideaId } };
    },
    expect: nord("ok"),
  },
  {
    route: "GET /diskussionen/zu/idee/:ideaId (draft idea of A)",
    handler: toIdea.loader,
    prepare: async (world) => {
      const ideaId = await createIdeaFor(
        world.users.staff,
        { networkId: world.networks.north.id, visibility: "network" },
        { publish: false },
      );
      return { path: `/diskussionen/zu/idee/${ideaId}`, params: { ideaId } };
    },
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
  const threadId = await threadIn(world.channels.none, world.users.staff);
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

let world: DiscussionWorld;
beforeAll(async () => {
  world = await buildDiscussionWorld();
});

describe.each(rows)("$route", (row) => {
  it.each(personaNames)("%s", async (persona) => {
    const cell = await row.prepare(world, persona);
    const response = await callRoute(row.handler, cell.path, {
      cookie: world.cookies[persona],
      params: cell.params,
      form: cell.form,
    });
    expect(outcomeOf(response)).toBe(row.expect[persona]);
  });
});

describe("answers beyond the status", () => {
  it("a reply answers 303 See Other to the thread page, at the new post", async () => {
    const threadId = await threadIn(world.channels.none, world.users.staff);
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
    const entries = await getDb()
      .select({ actorUserId: auditLog.actorUserId, details: auditLog.details })
      .from(auditLog)
      .where(
        and(
          eq(auditLog.action, "discussion.referral_thread_viewed"),
          eq(auditLog.targetId, referralId),
        ),
      );
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
    const views = await getDb()
      .select({ id: auditLog.id })
      .from(auditLog)
      .where(
        and(
          eq(auditLog.action, "discussion.referral_thread_viewed"),
          eq(auditLog.targetId, referralId),
        ),
      );
    expect(views).toEqual([]);
  });
});
