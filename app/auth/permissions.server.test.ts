import {
  memberRoles,
  organizationKinds,
  referralStatuses,
  type ChannelEmployerAccess,
  type IdeaStatus,
  type IdeaVisibility,
  type MemberRole,
  type OrganizationKind,
  type ReferralStatus,
} from "~/db/schema";
import type { ReferralSide, TransitionName } from "~/referrals/state-machine";
import {
  actsAsEmployer,
  authorize,
  can,
  memberRolesFor,
  referralSide,
  reservationVisibility,
  type Actor,
  type Capability,
  type ChannelAccess,
  type EventAccess,
  type IdeaAccess,
  type ThreadAccess,
} from "./permissions.server";

// A refusal is audited; the tables need no database, so the audit log is left out.
vi.mock("~/audit/audit.server", () => ({ recordAudit: vi.fn() }));

/**
 * The permission rules as tables over plain objects. Two networks: in Nord the Bildungsträger A
 * (whose records the rows are about, unless a row says otherwise), the Schuldnerberatung B, the
 * employer E and the Kommune K of Nord's coordinator; in Süd the jobcenter C. The platform
 * admin's organisation belongs to no network. A, B and C each have an admin, a case worker and
 * an employer contact (who acts as an employer in any organisation).
 */
const north = "netz-nord";
const south = "netz-sued";

function person(
  organization: string,
  organizationKind: OrganizationKind,
  role: MemberRole,
  networkIds: string[],
  more: Partial<Actor> = {},
): Actor {
  return {
    id: `user-${role}-${organization}`,
    organizationId: `org-${organization}`,
    organizationKind,
    role,
    isPlatformAdmin: false,
    networkIds,
    coordinatedNetworkIds: [],
    ...more,
  };
}

const actors = {
  adminA: person("a", "bildungstraeger", "org_admin", [north]),
  staffA: person("a", "bildungstraeger", "staff", [north]),
  employerA: person("a", "bildungstraeger", "employer_member", [north]),
  adminB: person("b", "schuldnerberatung", "org_admin", [north]),
  staffB: person("b", "schuldnerberatung", "staff", [north]),
  employerB: person("b", "schuldnerberatung", "employer_member", [north]),
  adminC: person("c", "jobcenter", "org_admin", [south]),
  staffC: person("c", "jobcenter", "staff", [south]),
  employerC: person("c", "jobcenter", "employer_member", [south]),
  adminE: person("e", "arbeitgeber", "org_admin", [north]),
  employerE: person("e", "arbeitgeber", "employer_member", [north]),
  coordinator: person("k", "kommune", "staff", [north], {
    coordinatedNetworkIds: [north],
  }),
  platformAdmin: person("p", "sonstige", "org_admin", [], { isPlatformAdmin: true }),
};
type ActorName = keyof typeof actors;
const actorNames = Object.keys(actors) as ActorName[];

const orgA = actors.adminA.organizationId;
const orgB = actors.adminB.organizationId;
const orgE = actors.adminE.organizationId;

const membersOfA: ActorName[] = ["adminA", "staffA", "employerA"];
const membersOfC: ActorName[] = ["adminC", "staffC", "employerC"];
const membersOfE: ActorName[] = ["adminE", "employerE"];
const northMembers: ActorName[] = [
  ...membersOfA,
  ...["adminB", "staffB", "employerB"],
  ...membersOfE,
  "coordinator",
] as ActorName[];
const employersInNorth: ActorName[] = ["employerA", "employerB", "adminE", "employerE"];
const staffInNorth: ActorName[] = ["adminA", "staffA", "adminB", "staffB", "coordinator"];
const senders: ActorName[] = ["adminA", "staffA"];
const receivers: ActorName[] = ["adminB", "staffB"];
const referralParties = [...senders, ...receivers];

/** "ok" where can() allows; otherwise the status authorize() answers: 403, or 404 for "not yours to know". */
type Answer = "ok" | 403 | 404;
type Answers = Partial<Record<ActorName, Answer>>;

const each = (names: ActorName[], answer: Answer): Answers =>
  Object.fromEntries(names.map((name) => [name, answer]));

/** `answer` for every actor but the exceptions. */
function answers(answer: Answer, exceptions: Answers = {}): Record<ActorName, Answer> {
  return { ...(each(actorNames, answer) as Record<ActorName, Answer>), ...exceptions };
}

/** Something of Nord: its members get `member`, Süd and the platform admin do not learn of it. */
const nord = (member: Answer, exceptions: Answers = {}) =>
  answers(404, { ...each(northMembers, member), ...exceptions });

async function answerOf(actor: Actor, capability: Capability): Promise<Answer> {
  const refusal: unknown = await authorize(actor, capability, null).then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(refusal === null).toBe(can(actor, capability));
  if (refusal === null) return "ok";
  if (refusal instanceof Response && (refusal.status === 403 || refusal.status === 404)) {
    return refusal.status;
  }
  throw refusal;
}

// --- The records --------------------------------------------------------------------------------

const referral = (status: ReferralStatus) => ({
  id: "referral-1",
  senderOrganizationId: orgA,
  receiverOrganizationId: orgB,
  status,
});

const idea = (status: IdeaStatus, visibility: IdeaVisibility = "network"): IdeaAccess => ({
  id: "idea-1",
  organizationId: orgA,
  networkId: north,
  status,
  visibility,
});

const channel = (employerAccess: ChannelEmployerAccess, archived = false): ChannelAccess => ({
  id: "channel-1",
  networkId: north,
  employerAccess,
  archived,
});

const event = (organizationId: string): EventAccess => ({
  id: "event-1",
  networkId: north,
  organizationId,
});

const course = (admittedKinds: OrganizationKind[]) => ({
  id: "course-1",
  networkId: north,
  organizationId: orgA,
  admittedKinds,
  status: "open" as const,
});

const thread = {
  channel: (access: ChannelAccess, locked = false): ThreadAccess => ({
    id: "thread-1",
    locked,
    subject: "channel",
    channel: access,
  }),
  idea: (access: IdeaAccess): ThreadAccess => ({
    id: "thread-1",
    locked: false,
    subject: "idea",
    idea: access,
  }),
  referral: (): ThreadAccess => ({
    id: "thread-1",
    locked: false,
    subject: "referral",
    referral: referral("sent"),
  }),
  event: (locked = false): ThreadAccess => ({
    id: "thread-1",
    locked,
    subject: "event",
    event: event(orgE),
  }),
};

/** A post of A's case worker. */
const postOfStaffA = (removed = false) => ({
  id: "post-1",
  authorUserId: actors.staffA.id,
  removed,
});

const closedChannelThread = thread.channel(channel("none"));

// --- The table ----------------------------------------------------------------------------------

/** Who takes each step of a referral (the compiler insists on every transition). */
const transitionBy: Record<TransitionName, ReferralSide> = {
  send: "sender",
  accept: "receiver",
  decline: "receiver",
  start: "receiver",
  complete: "receiver",
  withdraw: "sender",
  revokeConsent: "sender",
};
const parties = { sender: senders, receiver: receivers };
const otherSide = { sender: "receiver", receiver: "sender" } as const;

const table: [string, Capability, Record<ActorName, Answer>][] = [
  ["network.create", { action: "network.create" }, answers(403, { platformAdmin: "ok" })],
  [
    "network.appointCoordinator (Nord)",
    { action: "network.appointCoordinator", networkId: north },
    answers(403, { ...each(membersOfC, 404), platformAdmin: "ok" }),
  ],
  [
    "network.view (Nord)",
    { action: "network.view", networkId: north },
    answers("ok", each(membersOfC, 404)),
  ],
  ...(
    ["network.manageMembers", "network.configureReferrals", "network.viewReferralFigures"] as const
  ).map((action): [string, Capability, Record<ActorName, Answer>] => [
    `${action} (Nord)`,
    { action, networkId: north },
    answers(403, { ...each(membersOfC, 404), coordinator: "ok" }),
  ]),
  ...(["organization.edit", "organization.manageMembers"] as const).flatMap(
    (action): [string, Capability, Record<ActorName, Answer>][] => [
      [
        `${action} (A)`,
        { action, organizationId: orgA },
        answers(404, { adminA: "ok", staffA: 403, employerA: 403, platformAdmin: 403 }),
      ],
      [
        `${action} (employer E)`,
        { action, organizationId: orgE },
        answers(404, { adminE: "ok", employerE: 403, platformAdmin: 403 }),
      ],
    ],
  ),
  [
    "services.manage (A)",
    { action: "services.manage", organizationId: orgA },
    answers(404, { adminA: "ok", staffA: 403, employerA: 403, platformAdmin: 403 }),
  ],
  [
    "services.manage (employer E)",
    { action: "services.manage", organizationId: orgE },
    answers(404, { adminE: 403, employerE: 403, platformAdmin: 403 }),
  ],
  [
    "organization.changeKind (B, in Nord)",
    { action: "organization.changeKind", organization: { id: orgB, networkIds: [north] } },
    answers(403, { ...each(membersOfC, 404), coordinator: "ok", platformAdmin: "ok" }),
  ],
  ["realtime.connect", { action: "realtime.connect" }, answers("ok")],
  ["outbox.viewAll", { action: "outbox.viewAll" }, answers(403, { platformAdmin: "ok" })],
  [
    "referral.work",
    { action: "referral.work" },
    answers("ok", each([...employersInNorth, "employerC"], 403)),
  ],
  [
    "referral.view (A → B, sent)",
    { action: "referral.view", referral: referral("sent") },
    answers(404, each(referralParties, "ok")),
  ],
  [
    "referral.view (A → B, draft)",
    { action: "referral.view", referral: referral("draft") },
    answers(404, each(senders, "ok")),
  ],
  [
    "referral.editDraft (draft)",
    { action: "referral.editDraft", referral: referral("draft") },
    answers(404, each(senders, "ok")),
  ],
  [
    "referral.editDraft (sent)",
    { action: "referral.editDraft", referral: referral("sent") },
    answers(404, { ...each(senders, "ok"), ...each(receivers, 403) }),
  ],
  [
    "referral.transition send (draft)",
    { action: "referral.transition", referral: referral("draft"), transition: "send" },
    answers(404, each(senders, "ok")),
  ],
  ...Object.entries(transitionBy).map(
    ([transition, side]): [string, Capability, Record<ActorName, Answer>] => [
      `referral.transition ${transition} (sent)`,
      {
        action: "referral.transition",
        referral: referral("sent"),
        transition: transition as TransitionName,
      },
      answers(404, { ...each(parties[side], "ok"), ...each(parties[otherSide[side]], 403) }),
    ],
  ),
  [
    "idea.create",
    { action: "idea.create" },
    answers(403, each([...staffInNorth, "adminC", "staffC"], "ok")),
  ],
  ["idea.view (published in Nord)", { action: "idea.view", idea: idea("published") }, nord("ok")],
  [
    "idea.view (published nationwide)",
    { action: "idea.view", idea: idea("published", "nationwide") },
    answers("ok"),
  ],
  [
    "idea.view (draft)",
    { action: "idea.view", idea: idea("draft") },
    answers(404, each(membersOfA, "ok")),
  ],
  [
    "idea.view (archived)",
    { action: "idea.view", idea: idea("archived") },
    answers(404, each(membersOfA, "ok")),
  ],
  [
    "idea.bookmark (published in Nord)",
    { action: "idea.bookmark", idea: idea("published") },
    nord("ok"),
  ],
  [
    "idea.edit (published in Nord)",
    { action: "idea.edit", idea: idea("published") },
    nord(403, { adminA: "ok", staffA: "ok" }),
  ],
  [
    "idea.edit (draft)",
    { action: "idea.edit", idea: idea("draft") },
    answers(404, { adminA: "ok", staffA: "ok", employerA: 403 }),
  ],
  [
    "idea.adopt (published in Nord)",
    { action: "idea.adopt", idea: idea("published") },
    nord(403, { adminB: "ok", staffB: "ok", coordinator: "ok" }),
  ],
  [
    "idea.adopt (published nationwide)",
    { action: "idea.adopt", idea: idea("published", "nationwide") },
    answers(
      403,
      each(["adminB", "staffB", "adminC", "staffC", "coordinator", "platformAdmin"], "ok"),
    ),
  ],
  [
    "idea.adopt (draft)",
    { action: "idea.adopt", idea: idea("draft") },
    answers(404, each(membersOfA, 403)),
  ],
  ...(["discussion.browse", "event.browse", "course.browse", "event.create"] as const).map(
    (action): [string, Capability, Record<ActorName, Answer>] => [
      action,
      { action },
      answers("ok", { platformAdmin: 403 }),
    ],
  ),
  ["course.create", { action: "course.create" }, answers(403, { adminA: "ok", staffA: "ok" })],
  ...(["channel.manage", "discussion.viewReports"] as const).map(
    (action): [string, Capability, Record<ActorName, Answer>] => [
      `${action} (Nord)`,
      { action, networkId: north },
      answers(403, { ...each(membersOfC, 404), coordinator: "ok" }),
    ],
  ),
  [
    "channel.view (closed to employers)",
    { action: "channel.view", channel: channel("none") },
    nord("ok", each(employersInNorth, 404)),
  ],
  [
    "channel.view (employers read)",
    { action: "channel.view", channel: channel("read") },
    nord("ok"),
  ],
  [
    "channel.view (archived)",
    { action: "channel.view", channel: channel("write", true) },
    nord("ok"),
  ],
  [
    "thread.start (closed to employers)",
    { action: "thread.start", channel: channel("none") },
    nord("ok", each(employersInNorth, 404)),
  ],
  [
    "thread.start (employers read)",
    { action: "thread.start", channel: channel("read") },
    nord("ok", each(employersInNorth, 403)),
  ],
  [
    "thread.start (employers write)",
    { action: "thread.start", channel: channel("write") },
    nord("ok"),
  ],
  [
    "thread.start (archived)",
    { action: "thread.start", channel: channel("write", true) },
    nord(403),
  ],
  [
    "thread.view (channel closed to employers)",
    { action: "thread.view", thread: closedChannelThread },
    nord("ok", each(employersInNorth, 404)),
  ],
  [
    "thread.view (channel, employers read)",
    { action: "thread.view", thread: thread.channel(channel("read")) },
    nord("ok"),
  ],
  [
    "thread.view (published idea)",
    { action: "thread.view", thread: thread.idea(idea("published")) },
    nord("ok"),
  ],
  [
    "thread.view (draft idea)",
    { action: "thread.view", thread: thread.idea(idea("draft")) },
    answers(404, each(membersOfA, "ok")),
  ],
  [
    "thread.view (referral)",
    { action: "thread.view", thread: thread.referral() },
    answers(404, each(referralParties, "ok")),
  ],
  ["thread.view (event)", { action: "thread.view", thread: thread.event() }, nord("ok")],
  [
    "thread.reply (channel closed to employers)",
    { action: "thread.reply", thread: closedChannelThread },
    nord("ok", each(employersInNorth, 404)),
  ],
  [
    "thread.reply (channel, employers read)",
    { action: "thread.reply", thread: thread.channel(channel("read")) },
    nord("ok", each(employersInNorth, 403)),
  ],
  [
    "thread.reply (channel, employers write)",
    { action: "thread.reply", thread: thread.channel(channel("write")) },
    nord("ok"),
  ],
  [
    "thread.reply (archived channel)",
    { action: "thread.reply", thread: thread.channel(channel("write", true)) },
    nord(403),
  ],
  [
    "thread.reply (locked, channel closed to employers)",
    { action: "thread.reply", thread: thread.channel(channel("none"), true) },
    nord(403, each(employersInNorth, 404)),
  ],
  [
    "thread.reply (published idea)",
    { action: "thread.reply", thread: thread.idea(idea("published")) },
    nord("ok"),
  ],
  [
    "thread.reply (archived idea)",
    { action: "thread.reply", thread: thread.idea(idea("archived")) },
    answers(404, each(membersOfA, 403)),
  ],
  [
    "thread.reply (referral)",
    { action: "thread.reply", thread: thread.referral() },
    answers(404, each(referralParties, "ok")),
  ],
  ["thread.reply (event)", { action: "thread.reply", thread: thread.event() }, nord("ok")],
  [
    "thread.reply (locked event)",
    { action: "thread.reply", thread: thread.event(true) },
    nord(403),
  ],
  [
    "thread.moderate (channel closed to employers)",
    { action: "thread.moderate", thread: closedChannelThread },
    nord(403, { ...each(employersInNorth, 404), coordinator: "ok" }),
  ],
  [
    "thread.moderate (published idea)",
    { action: "thread.moderate", thread: thread.idea(idea("published")) },
    nord(403, { coordinator: "ok" }),
  ],
  [
    "thread.moderate (referral)",
    { action: "thread.moderate", thread: thread.referral() },
    answers(404, each(referralParties, 403)),
  ],
  [
    "thread.moderate (event)",
    { action: "thread.moderate", thread: thread.event() },
    nord(403, { coordinator: "ok" }),
  ],
  [
    "post.edit (post of staffA, channel closed to employers)",
    { action: "post.edit", thread: closedChannelThread, post: postOfStaffA() },
    nord(403, { ...each(employersInNorth, 404), staffA: "ok" }),
  ],
  [
    "post.edit (removed post of staffA)",
    { action: "post.edit", thread: closedChannelThread, post: postOfStaffA(true) },
    nord(403, each(employersInNorth, 404)),
  ],
  [
    "post.edit (post of staffA, locked thread)",
    { action: "post.edit", thread: thread.channel(channel("none"), true), post: postOfStaffA() },
    nord(403, each(employersInNorth, 404)),
  ],
  [
    "post.delete (post of staffA, channel closed to employers)",
    { action: "post.delete", thread: closedChannelThread, post: postOfStaffA() },
    nord(403, { ...each(employersInNorth, 404), staffA: "ok", coordinator: "ok" }),
  ],
  [
    "post.delete (removed post of staffA)",
    { action: "post.delete", thread: closedChannelThread, post: postOfStaffA(true) },
    nord(403, each(employersInNorth, 404)),
  ],
  [
    "post.delete (post of staffA, referral)",
    { action: "post.delete", thread: thread.referral(), post: postOfStaffA() },
    answers(404, { ...each(referralParties, 403), staffA: "ok" }),
  ],
  [
    "post.report (post of staffA, channel closed to employers)",
    { action: "post.report", thread: closedChannelThread, post: postOfStaffA() },
    nord("ok", { ...each(employersInNorth, 404), staffA: 403 }),
  ],
  [
    "post.report (post of staffA, channel, employers read)",
    { action: "post.report", thread: thread.channel(channel("read")), post: postOfStaffA() },
    nord("ok", { staffA: 403 }),
  ],
  [
    "post.report (removed post of staffA)",
    { action: "post.report", thread: closedChannelThread, post: postOfStaffA(true) },
    nord(403, each(employersInNorth, 404)),
  ],
  [
    "post.report (post of staffA, referral)",
    { action: "post.report", thread: thread.referral(), post: postOfStaffA() },
    answers(404, each(referralParties, 403)),
  ],
  ["event.view (of employer E)", { action: "event.view", event: event(orgE) }, nord("ok")],
  ...(["event.edit", "event.recordOutcomes"] as const).flatMap(
    (action): [string, Capability, Record<ActorName, Answer>][] => [
      [
        `${action} (of employer E)`,
        { action, event: event(orgE) },
        nord(403, each(membersOfE, "ok")),
      ],
      [`${action} (of A)`, { action, event: event(orgA) }, nord(403, each(membersOfA, "ok"))],
    ],
  ),
  [
    "event.reserve (of employer E)",
    { action: "event.reserve", event: event(orgE) },
    nord(403, each(staffInNorth, "ok")),
  ],
  [
    "reservation.cancel (B's reservation, event of employer E)",
    {
      action: "reservation.cancel",
      event: event(orgE),
      reservation: { id: "reservation-1", organizationId: orgB },
    },
    nord(403, each(receivers, "ok")),
  ],
  ["course.view (of A)", { action: "course.view", course: course(["jobcenter"]) }, nord("ok")],
  [
    "course.edit (of A)",
    { action: "course.edit", course: course(["jobcenter"]) },
    nord(403, { adminA: "ok", staffA: "ok" }),
  ],
  [
    "course.pledge (of A, for Schuldnerberatungen)",
    { action: "course.pledge", course: course(["schuldnerberatung"]) },
    nord(403, each(receivers, "ok")),
  ],
  [
    "course.pledge (of A, for Kommunen)",
    { action: "course.pledge", course: course(["kommune"]) },
    nord(403, { coordinator: "ok" }),
  ],
  [
    "course.pledge (of A, for Bildungsträger)",
    { action: "course.pledge", course: course(["bildungstraeger"]) },
    nord(403),
  ],
  [
    "course.pledge (of A, for jobcenters)",
    { action: "course.pledge", course: course(["jobcenter"]) },
    nord(403),
  ],
];

/** Every capability, so that a new one cannot go without rows (the compiler insists). */
const capabilities: Record<Capability["action"], true> = {
  "network.create": true,
  "network.appointCoordinator": true,
  "network.view": true,
  "network.manageMembers": true,
  "organization.edit": true,
  "organization.manageMembers": true,
  "organization.changeKind": true,
  "realtime.connect": true,
  "outbox.viewAll": true,
  "network.configureReferrals": true,
  "network.viewReferralFigures": true,
  "services.manage": true,
  "referral.work": true,
  "referral.view": true,
  "referral.editDraft": true,
  "referral.transition": true,
  "idea.create": true,
  "idea.view": true,
  "idea.edit": true,
  "idea.adopt": true,
  "idea.bookmark": true,
  "discussion.browse": true,
  "channel.manage": true,
  "channel.view": true,
  "thread.start": true,
  "thread.view": true,
  "thread.reply": true,
  "thread.moderate": true,
  "post.edit": true,
  "post.delete": true,
  "post.report": true,
  "discussion.viewReports": true,
  "event.browse": true,
  "event.create": true,
  "event.view": true,
  "event.edit": true,
  "event.reserve": true,
  "reservation.cancel": true,
  "event.recordOutcomes": true,
  "course.browse": true,
  "course.create": true,
  "course.view": true,
  "course.edit": true,
  "course.pledge": true,
};

describe("can() and authorize(): every capability for every actor", () => {
  it("has rows for every capability", () => {
    expect(new Set(table.map(([, capability]) => capability.action))).toEqual(
      new Set(Object.keys(capabilities)),
    );
  });

  it.each(table)("%s", async (_row, capability, expected) => {
    const actual = {} as Record<ActorName, Answer>;
    for (const name of actorNames) actual[name] = await answerOf(actors[name], capability);
    expect(actual).toEqual(expected);
  });
});

describe("actsAsEmployer", () => {
  /** Per kind: org_admin, staff, employer_member. */
  const table: Record<OrganizationKind, [boolean, boolean, boolean]> = {
    jobcenter: [false, false, true],
    agentur_fuer_arbeit: [false, false, true],
    jugendamt: [false, false, true],
    schuldnerberatung: [false, false, true],
    suchtberatung: [false, false, true],
    psychosozialer_dienst: [false, false, true],
    bildungstraeger: [false, false, true],
    arbeitgeber: [true, true, true],
    kammer: [false, false, true],
    krankenkasse: [false, false, true],
    kommune: [false, false, true],
    migrationsberatung: [false, false, true],
    sonstige: [false, false, true],
  };

  it.each(organizationKinds)("%s", (organizationKind) => {
    expect(memberRoles.map((role) => actsAsEmployer({ role, organizationKind }))).toEqual(
      table[organizationKind],
    );
  });
});

describe("memberRolesFor", () => {
  it("offers every role but in an employer organisation, which has no staff", () => {
    for (const kind of organizationKinds) {
      expect(memberRolesFor(kind)).toEqual(
        kind === "arbeitgeber"
          ? ["org_admin", "employer_member"]
          : ["org_admin", "staff", "employer_member"],
      );
    }
  });
});

describe("referralSide (A sends to B)", () => {
  const sides = (status: ReferralStatus) =>
    Object.fromEntries(
      actorNames.map((name) => [name, referralSide(actors[name], referral(status))]),
    );
  const nobody = Object.fromEntries(actorNames.map((name) => [name, null]));

  it("a draft is the sender's alone", () => {
    expect(sides("draft")).toEqual({ ...nobody, adminA: "sender", staffA: "sender" });
  });

  it.each(referralStatuses.filter((status) => status !== "draft"))(
    "%s: the receiver joins once it was sent",
    (status) => {
      expect(sides(status)).toEqual({
        ...nobody,
        adminA: "sender",
        staffA: "sender",
        adminB: "receiver",
        staffB: "receiver",
      });
    },
  );
});

describe("reservationVisibility", () => {
  const visibilities = (organizer: string) =>
    Object.fromEntries(
      actorNames.map((name) => [name, reservationVisibility(actors[name], event(organizer))]),
    );
  const counts = Object.fromEntries(actorNames.map((name) => [name, "counts"]));
  const ownOfStaff = Object.fromEntries(staffInNorth.map((name) => [name, "own"]));

  it("an employer's event: the organiser sees all, Nord's case workers their own, the rest counts", () => {
    expect(visibilities(orgE)).toEqual({
      ...counts,
      ...ownOfStaff,
      adminE: "organiser",
      employerE: "organiser",
    });
  });

  it("an event of A: all of A organise it, its employer contact included", () => {
    expect(visibilities(orgA)).toEqual({
      ...counts,
      ...ownOfStaff,
      adminA: "organiser",
      staffA: "organiser",
      employerA: "organiser",
    });
  });
});
