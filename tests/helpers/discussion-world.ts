import type { Actor, ChannelAccess } from "~/auth/permissions.server";
import {
  attachedThreadId,
  getChannelAccess,
  getThreadRecord,
  type ThreadRecord,
} from "~/discussions/access.server";
import { createChannel } from "~/discussions/channels.server";
import { postSchema } from "~/discussions/post-form";
import { startChannelThread } from "~/discussions/posts.server";
import type { ChannelEmployerAccess, MemberRole } from "~/db/schema";
import { parseSubmission } from "~/form-schema";
import { appointCoordinator, createLoginCookie, createUser } from "~/demo/factories.server";
import { createIdeaFor } from "~/demo/idea-factories.server";
import { createReferral, createService } from "~/demo/referral-factories.server";
import { buildWorldFrom, defineWorld, worldOrganizations } from "./world";

/**
 * Discussions in two networks, for the socket tests. "Nord": organisation A (jobcenter, writes
 * the threads and sends the referral), B (Schuldnerberatung, receives it), D (Bildungsträger,
 * home of the coordinator) and an employer. "Süd": organisation C. Threads hang off every kind
 * of subject: channels closed to and readable by employers, a referral from A to B, and ideas of
 * A that are published (network or nationwide) or still a draft.
 */

export const personaKinds = [
  "ownOrgStaff",
  "otherOrgStaff",
  "coordinator",
  "employer",
  "otherNetworkStaff",
] as const;
export type PersonaKind = (typeof personaKinds)[number];

export const threadKinds = [
  "channelClosedToEmployers",
  "channelReadableByEmployers",
  "referral",
  "ideaPublished",
  "ideaDraft",
  "ideaNationwide",
] as const;
export type ThreadKind = (typeof threadKinds)[number];

export interface Member {
  user: Actor & { name: string };
  cookie: string;
}

/** A post form read as the thread page's action reads it: the document, or the message. */
export function parsePostInput(form: FormData) {
  const submission = parseSubmission(form, postSchema);
  return submission.status === "success"
    ? { ok: true as const, document: submission.value.body }
    : { ok: false as const, message: submission.error?.body?.[0] ?? "" };
}

/** A post as parsePostInput makes it from the no-JavaScript textarea; throws if refused. */
export function postInputFromText(bodyText: string) {
  const form = new FormData();
  form.set("bodyText", bodyText);
  const input = parsePostInput(form);
  if (!input.ok) throw new Error(`postInputFromText: ${input.message}`);
  return input;
}

/** The organisations of the discussion world; its author and coordinator stand for the personas. */
const discussionWorld = defineWorld({
  organizations: {
    orgA: worldOrganizations.orgA,
    orgB: worldOrganizations.orgB,
    orgD: { name: "Bildungswerk Nord", kind: "bildungstraeger", network: "north" },
    employerOrg: worldOrganizations.employerOrg,
    orgC: worldOrganizations.orgC,
  },
  users: {
    author: { organization: "orgA", role: "staff" },
    coordinator: { organization: "orgD", role: "staff" },
  },
  coordinator: "coordinator",
});

interface Networks {
  networkIds: string[];
  coordinatedNetworkIds?: string[];
}

/** A user with a session as the discussion code sees them. */
function memberOf(
  created: { id: string; name: string; organizationId: string; role: MemberRole },
  networks: Networks,
  cookie: string,
): Member {
  return {
    user: {
      id: created.id,
      name: created.name,
      organizationId: created.organizationId,
      // Discussion permissions do not depend on the kind of organisation.
      organizationKind: "sonstige",
      role: created.role,
      isPlatformAdmin: false,
      networkIds: networks.networkIds,
      coordinatedNetworkIds: networks.coordinatedNetworkIds ?? [],
    },
    cookie,
  };
}

export async function buildDiscussionWorld() {
  const world = await buildWorldFrom(discussionWorld);
  const { north, south } = world.networks;
  const { orgA, orgB, orgD, employerOrg, orgC } = world.organizations;
  const inNorth = { networkIds: [north.id] };
  const coordinatesNorth = { ...inNorth, coordinatedNetworkIds: [north.id] };

  async function member(
    organizationId: string,
    role: MemberRole,
    networks: Networks,
  ): Promise<Member> {
    const created = await createUser({ organizationId, role });
    for (const networkId of networks.coordinatedNetworkIds ?? [])
      await appointCoordinator(networkId, created.id);
    const { cookie } = await createLoginCookie(created.id);
    return memberOf(created, networks, cookie);
  }

  /** A new user of the kind, with a session: each test starts with its own rate-limit window. */
  function persona(kind: PersonaKind): Promise<Member> {
    switch (kind) {
      case "ownOrgStaff":
        return member(orgA.id, "staff", inNorth);
      case "otherOrgStaff":
        return member(orgB.id, "staff", inNorth);
      case "coordinator":
        return member(orgD.id, "staff", coordinatesNorth);
      case "employer":
        return member(employerOrg.id, "employer_member", inNorth);
      case "otherNetworkStaff":
        return member(orgC.id, "staff", { networkIds: [south.id] });
    }
  }

  const author = memberOf(world.users.author, inNorth, world.cookies.author!);
  const coordinator = memberOf(
    world.users.coordinator,
    coordinatesNorth,
    world.cookies.coordinator!,
  );

  async function channelThread(name: string, employerAccess: ChannelEmployerAccess) {
    const created = await createChannel(
      coordinator.user,
      north.id,
      { name, description: "", employerAccess },
      null,
    );
    if (!("id" in created)) throw new Error(`createChannel: ${created.error}`);
    const channel = (await getChannelAccess(created.id)) as ChannelAccess;
    return startChannelThread(
      author.user,
      channel,
      `Thema in „${name}“`,
      postInputFromText(`Erster Beitrag in „${name}“`),
    );
  }

  async function ideaThread(
    title: string,
    visibility: "network" | "nationwide",
    publish: boolean,
  ): Promise<string> {
    const ideaId = await createIdeaFor(
      author.user,
      { networkId: north.id, title, visibility },
      { publish },
    );
    return attachedThreadId({ kind: "idea", ideaId, ideaTitle: title });
  }

  const service = await createService({
    organizationId: orgB.id,
    category: "schuldnerberatung",
  });
  const referralId = await createReferral({
    sender: author.user,
    serviceId: service.id,
    receiverOrganizationId: orgB.id,
  });

  const threadIds: Record<ThreadKind, string> = {
    channelClosedToEmployers: await channelThread("Allgemein", "none"),
    channelReadableByEmployers: await channelThread("Fachkräfte und Betriebe", "read"),
    referral: await attachedThreadId({ kind: "referral", referralId }),
    ideaPublished: await ideaThread("Praktikum im Betrieb", "network", true),
    ideaDraft: await ideaThread("Entwurf: Sprachkurs mit Kinderbetreuung", "network", false),
    ideaNationwide: await ideaThread("Jobmesse für Alleinerziehende", "nationwide", true),
  };

  /** The thread as actions see it (read afresh, so counters and lock state are current). */
  async function threadRecordById(threadId: string): Promise<ThreadRecord> {
    const record = await getThreadRecord(threadId);
    if (!record) throw new Error(`thread ${threadId} missing`);
    return record;
  }
  const thread = (kind: ThreadKind) => threadRecordById(threadIds[kind]);

  let freshThreads = 0;
  /** A new thread of its own in a channel of Nord closed to employers, for one test. */
  async function freshThread(title: string): Promise<string> {
    freshThreads += 1;
    return channelThread(`${title} (${freshThreads})`, "none");
  }

  return {
    networks: { north, south },
    organizations: { orgA, orgB, orgD, employerOrg, orgC },
    /** Staff of organisation A: may read and write in every thread of this world. */
    author,
    coordinator,
    persona,
    threadIds,
    thread,
    threadRecordById,
    freshThread,
  };
}
export type DiscussionWorld = Awaited<ReturnType<typeof buildDiscussionWorld>>;
