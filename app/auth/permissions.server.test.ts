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

/** The same value for each of the named actors. */
const each = <Value = Answer>(
  names: ActorName[],
  value: Value,
): Partial<Record<ActorName, Value>> => Object.fromEntries(names.map((name) => [name, value]));

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

type Row = [string, Capability, Record<ActorName, Answer>];
type Action = Capability["action"];

/** The rows of one action, each on its own record, named "<action> (<note>)". */
function rowsOf<A extends Action>(
  action: A,
  cases: [note: string, record: Omit<Extract<Capability, { action: A }>, "action">, Row[2]][],
): Row[] {
  return cases.map(([note, record, expected]) => [
    `${action} (${note})`,
    { action, ...record } as Capability,
    expected,
  ]);
}

/** Rows of actions that need nothing but their name. */
const plainRows = (actions: Action[], expected: Row[2]): Row[] =>
  actions.map((action) => [action, { action } as Capability, expected]);

/** Rows of actions about Nord that its coordinator may take. */
const coordinatorRows = (actions: Action[]): Row[] =>
  actions.map((action) => [
    `${action} (Nord)`,
    { action, networkId: north } as Capability,
    answers(403, { ...each(membersOfC, 404), coordinator: "ok" }),
  ]);

const table: Row[] = [
  ...plainRows(["network.create"], answers(403, { platformAdmin: "ok" })),
  ...rowsOf("network.appointCoordinator", [
    ["Nord", { networkId: north }, answers(403, { ...each(membersOfC, 404), platformAdmin: "ok" })],
  ]),
  ...rowsOf("network.view", [["Nord", { networkId: north }, answers("ok", each(membersOfC, 404))]]),
  ...coordinatorRows([
    "network.manageMembers",
    "network.configureReferrals",
    "network.viewReferralFigures",
  ]),
  ...(["organization.edit", "organization.manageMembers"] as const).flatMap((action) =>
    rowsOf(action, [
      [
        "A",
        { organizationId: orgA },
        answers(404, { adminA: "ok", staffA: 403, employerA: 403, platformAdmin: 403 }),
      ],
      [
        "employer E",
        { organizationId: orgE },
        answers(404, { adminE: "ok", employerE: 403, platformAdmin: 403 }),
      ],
    ]),
  ),
  ...rowsOf("services.manage", [
    [
      "A",
      { organizationId: orgA },
      answers(404, { adminA: "ok", staffA: 403, employerA: 403, platformAdmin: 403 }),
    ],
    [
      "employer E",
      { organizationId: orgE },
      answers(404, { adminE: 403, employerE: 403, platformAdmin: 403 }),
    ],
  ]),
  ...rowsOf("organization.changeKind", [
    [
      "B, in Nord",
      { organization: { id: orgB, networkIds: [north] } },
      answers(403, { ...each(membersOfC, 404), coordinator: "ok", platformAdmin: "ok" }),
    ],
  ]),
  ...plainRows(["realtime.connect"], answers("ok")),
  ...plainRows(["outbox.viewAll"], answers(403, { platformAdmin: "ok" })),
  ...plainRows(
    ["signInPolicy.manage", "identityProvider.manage"],
    answers(403, { platformAdmin: "ok" }),
  ),
  ...plainRows(["referral.work"], answers("ok", each([...employersInNorth, "employerC"], 403))),
  ...rowsOf("referral.view", [
    ["A → B, sent", { referral: referral("sent") }, answers(404, each(referralParties, "ok"))],
    ["A → B, draft", { referral: referral("draft") }, answers(404, each(senders, "ok"))],
  ]),
  ...rowsOf("referral.editDraft", [
    ["draft", { referral: referral("draft") }, answers(404, each(senders, "ok"))],
    [
      "sent",
      { referral: referral("sent") },
      answers(404, { ...each(senders, "ok"), ...each(receivers, 403) }),
    ],
  ]),
  [
    "referral.transition send (draft)",
    { action: "referral.transition", referral: referral("draft"), transition: "send" },
    answers(404, each(senders, "ok")),
  ],
  ...Object.entries(transitionBy).map(([transition, side]): Row => [
    `referral.transition ${transition} (sent)`,
    {
      action: "referral.transition",
      referral: referral("sent"),
      transition: transition as TransitionName,
    },
    answers(404, { ...each(parties[side], "ok"), ...each(parties[otherSide[side]], 403) }),
  ]),
  ...plainRows(["idea.create"], answers(403, each([...staffInNorth, "adminC", "staffC"], "ok"))),
  ...rowsOf("idea.view", [
    ["published in Nord", { idea: idea("published") }, nord("ok")],
    ["published nationwide", { idea: idea("published", "nationwide") }, answers("ok")],
    ["draft", { idea: idea("draft") }, answers(404, each(membersOfA, "ok"))],
    ["archived", { idea: idea("archived") }, answers(404, each(membersOfA, "ok"))],
  ]),
  ...rowsOf("idea.bookmark", [["published in Nord", { idea: idea("published") }, nord("ok")]]),
  ...rowsOf("idea.edit", [
    ["published in Nord", { idea: idea("published") }, nord(403, { adminA: "ok", staffA: "ok" })],
    [
      "draft",
      { idea: idea("draft") },
      answers(404, { adminA: "ok", staffA: "ok", employerA: 403 }),
    ],
  ]),
  ...rowsOf("idea.adopt", [
    [
      "published in Nord",
      { idea: idea("published") },
      nord(403, { adminB: "ok", staffB: "ok", coordinator: "ok" }),
    ],
    [
      "published nationwide",
      { idea: idea("published", "nationwide") },
      answers(
        403,
        each(["adminB", "staffB", "adminC", "staffC", "coordinator", "platformAdmin"], "ok"),
      ),
    ],
    ["draft", { idea: idea("draft") }, answers(404, each(membersOfA, 403))],
  ]),
  ...plainRows(
    ["discussion.browse", "event.browse", "course.browse", "event.create"],
    answers("ok", { platformAdmin: 403 }),
  ),
  ...plainRows(["course.create"], answers(403, { adminA: "ok", staffA: "ok" })),
  ...coordinatorRows(["channel.manage", "discussion.viewReports"]),
  ...rowsOf("channel.view", [
    ["closed to employers", { channel: channel("none") }, nord("ok", each(employersInNorth, 404))],
    ["employers read", { channel: channel("read") }, nord("ok")],
    ["archived", { channel: channel("write", true) }, nord("ok")],
  ]),
  ...rowsOf("thread.start", [
    ["closed to employers", { channel: channel("none") }, nord("ok", each(employersInNorth, 404))],
    ["employers read", { channel: channel("read") }, nord("ok", each(employersInNorth, 403))],
    ["employers write", { channel: channel("write") }, nord("ok")],
    ["archived", { channel: channel("write", true) }, nord(403)],
  ]),
  ...rowsOf("thread.view", [
    [
      "channel closed to employers",
      { thread: closedChannelThread },
      nord("ok", each(employersInNorth, 404)),
    ],
    ["channel, employers read", { thread: thread.channel(channel("read")) }, nord("ok")],
    ["published idea", { thread: thread.idea(idea("published")) }, nord("ok")],
    ["draft idea", { thread: thread.idea(idea("draft")) }, answers(404, each(membersOfA, "ok"))],
    ["referral", { thread: thread.referral() }, answers(404, each(referralParties, "ok"))],
    ["event", { thread: thread.event() }, nord("ok")],
  ]),
  ...rowsOf("thread.reply", [
    [
      "channel closed to employers",
      { thread: closedChannelThread },
      nord("ok", each(employersInNorth, 404)),
    ],
    [
      "channel, employers read",
      { thread: thread.channel(channel("read")) },
      nord("ok", each(employersInNorth, 403)),
    ],
    ["channel, employers write", { thread: thread.channel(channel("write")) }, nord("ok")],
    ["archived channel", { thread: thread.channel(channel("write", true)) }, nord(403)],
    [
      "locked, channel closed to employers",
      { thread: thread.channel(channel("none"), true) },
      nord(403, each(employersInNorth, 404)),
    ],
    ["published idea", { thread: thread.idea(idea("published")) }, nord("ok")],
    [
      "archived idea",
      { thread: thread.idea(idea("archived")) },
      answers(404, each(membersOfA, 403)),
    ],
    ["referral", { thread: thread.referral() }, answers(404, each(referralParties, "ok"))],
    ["event", { thread: thread.event() }, nord("ok")],
    ["locked event", { thread: thread.event(true) }, nord(403)],
  ]),
  ...rowsOf("thread.moderate", [
    [
      "channel closed to employers",
      { thread: closedChannelThread },
      nord(403, { ...each(employersInNorth, 404), coordinator: "ok" }),
    ],
    [
      "published idea",
      { thread: thread.idea(idea("published")) },
      nord(403, { coordinator: "ok" }),
    ],
    ["referral", { thread: thread.referral() }, answers(404, each(referralParties, 403))],
    ["event", { thread: thread.event() }, nord(403, { coordinator: "ok" })],
  ]),
  ...rowsOf("post.edit", [
    [
      "post of staffA, channel closed to employers",
      { thread: closedChannelThread, post: postOfStaffA() },
      nord(403, { ...each(employersInNorth, 404), staffA: "ok" }),
    ],
    [
      "removed post of staffA",
      { thread: closedChannelThread, post: postOfStaffA(true) },
      nord(403, each(employersInNorth, 404)),
    ],
    [
      "post of staffA, locked thread",
      { thread: thread.channel(channel("none"), true), post: postOfStaffA() },
      nord(403, each(employersInNorth, 404)),
    ],
  ]),
  ...rowsOf("post.delete", [
    [
      "post of staffA, channel closed to employers",
      { thread: closedChannelThread, post: postOfStaffA() },
      nord(403, { ...each(employersInNorth, 404), staffA: "ok", coordinator: "ok" }),
    ],
    [
      "removed post of staffA",
      { thread: closedChannelThread, post: postOfStaffA(true) },
      nord(403, each(employersInNorth, 404)),
    ],
    [
      "post of staffA, referral",
      { thread: thread.referral(), post: postOfStaffA() },
      answers(404, { ...each(referralParties, 403), staffA: "ok" }),
    ],
  ]),
  ...rowsOf("post.report", [
    [
      "post of staffA, channel closed to employers",
      { thread: closedChannelThread, post: postOfStaffA() },
      nord("ok", { ...each(employersInNorth, 404), staffA: 403 }),
    ],
    [
      "post of staffA, channel, employers read",
      { thread: thread.channel(channel("read")), post: postOfStaffA() },
      nord("ok", { staffA: 403 }),
    ],
    [
      "removed post of staffA",
      { thread: closedChannelThread, post: postOfStaffA(true) },
      nord(403, each(employersInNorth, 404)),
    ],
    [
      "post of staffA, referral",
      { thread: thread.referral(), post: postOfStaffA() },
      answers(404, each(referralParties, 403)),
    ],
  ]),
  ...rowsOf("event.view", [["of employer E", { event: event(orgE) }, nord("ok")]]),
  ...(["event.edit", "event.recordOutcomes"] as const).flatMap((action) =>
    rowsOf(action, [
      ["of employer E", { event: event(orgE) }, nord(403, each(membersOfE, "ok"))],
      ["of A", { event: event(orgA) }, nord(403, each(membersOfA, "ok"))],
    ]),
  ),
  ...rowsOf("event.reserve", [
    ["of employer E", { event: event(orgE) }, nord(403, each(staffInNorth, "ok"))],
  ]),
  ...rowsOf("reservation.cancel", [
    [
      "B's reservation, event of employer E",
      { event: event(orgE), reservation: { id: "reservation-1", organizationId: orgB } },
      nord(403, each(receivers, "ok")),
    ],
  ]),
  ...rowsOf("course.view", [["of A", { course: course(["jobcenter"]) }, nord("ok")]]),
  ...rowsOf("course.edit", [
    ["of A", { course: course(["jobcenter"]) }, nord(403, { adminA: "ok", staffA: "ok" })],
  ]),
  ...rowsOf("course.pledge", [
    [
      "of A, for Schuldnerberatungen",
      { course: course(["schuldnerberatung"]) },
      nord(403, each(receivers, "ok")),
    ],
    ["of A, for Kommunen", { course: course(["kommune"]) }, nord(403, { coordinator: "ok" })],
    ["of A, for Bildungsträger", { course: course(["bildungstraeger"]) }, nord(403)],
    ["of A, for jobcenters", { course: course(["jobcenter"]) }, nord(403)],
  ]),
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
  "signInPolicy.manage": true,
  "identityProvider.manage": true,
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
  it.each(organizationKinds)("%s", (organizationKind) => {
    // Per role: org_admin, staff, employer_member. Only an employer organisation is one as a whole.
    const employerOrganization = organizationKind === "arbeitgeber";
    expect(memberRoles.map((role) => actsAsEmployer({ role, organizationKind }))).toEqual([
      employerOrganization,
      employerOrganization,
      true,
    ]);
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
  const nobody = each(actorNames, null);

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
  const counts = each(actorNames, "counts");
  const ownOfStaff = each(staffInNorth, "own");

  it("an employer's event: the organiser sees all, Nord's case workers their own, the rest counts", () => {
    expect(visibilities(orgE)).toEqual({
      ...counts,
      ...ownOfStaff,
      ...each(membersOfE, "organiser"),
    });
  });

  it("an event of A: all of A organise it, its employer contact included", () => {
    expect(visibilities(orgA)).toEqual({
      ...counts,
      ...ownOfStaff,
      ...each(membersOfA, "organiser"),
    });
  });
});
