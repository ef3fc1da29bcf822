import { randomUUID } from "node:crypto";
import { and, asc, eq, inArray } from "drizzle-orm";
import { getDb } from "~/db/client.server";
import {
  auditLog,
  networks,
  notifications,
  referralConsents,
  referrals,
  referralTransitions,
  users,
  type OrganizationKind,
} from "~/db/schema";
import {
  referralFiguresForNetwork,
  setReferralRetention,
} from "~/referrals/network-figures.server";
import { escalateOverdueReferrals } from "~/referrals/overdue.server";
import { anonymiseExpiredReferrals } from "~/referrals/retention.server";
import { referralNotificationTexts } from "~/referrals/texts";
import { appointCoordinator, createNetwork, createUser } from "~/demo/factories.server";
import {
  advanceReferral,
  createReferral,
  createService,
  type ReferralActor,
} from "~/demo/referral-factories.server";
import { admittedOrganization } from "#tests/integration/referral-steps";

const PSEUDONYM = "Kunde Ahornblatt";
const REASON = "Räumungsklage angekündigt, Stromsperre droht zum Monatsende.";

const at = (iso: string) => new Date(iso);

/** An organisation in the network with one active member per given role. */
async function memberOrganization(
  networkId: string,
  kind: OrganizationKind,
  roles: readonly ("staff" | "org_admin" | "employer_member")[] = ["staff"],
  responseWorkingDays = 5,
) {
  const organization = await admittedOrganization(networkId, {
    name: `Stelle ${randomUUID().slice(0, 6)}`,
    kind,
  });
  const members = [];
  for (const role of roles)
    members.push(await createUser({ organizationId: organization.id, role }));
  const service = await createService({ organizationId: organization.id, responseWorkingDays });
  return { organization, members, service };
}
type MemberOrganization = Awaited<ReturnType<typeof memberOrganization>>;

function refer(
  from: ReferralActor,
  to: MemberOrganization,
  options: { send?: boolean; now?: Date } = {},
) {
  return createReferral({
    sender: from,
    serviceId: to.service.id,
    receiverOrganizationId: to.organization.id,
    fields: { pseudonym: PSEUDONYM, reason: REASON },
    ...options,
  });
}

async function referralRow(id: string) {
  const [row] = await getDb().select().from(referrals).where(eq(referrals.id, id));
  return row!;
}

function auditTargets(action: "referral.escalated" | "referral.anonymised") {
  return getDb()
    .select({ targetId: auditLog.targetId, networkId: auditLog.networkId })
    .from(auditLog)
    .where(eq(auditLog.action, action));
}

describe("Überfällige Übergaben", () => {
  let sender: MemberOrganization;
  let receiver: MemberOrganization;
  let overdueId: string;
  let answeredId: string;
  let counsellor: ReferralActor;
  let activeAdminIds: string[];

  beforeAll(async () => {
    const network = await createNetwork();
    sender = await memberOrganization(network.id, "jobcenter");
    // Only the two active admins may hear of an escalation, not staff or the employer member.
    receiver = await memberOrganization(
      network.id,
      "schuldnerberatung",
      ["staff", "org_admin", "org_admin", "employer_member", "org_admin"],
      2,
    );
    const [staffMember, adminA, adminB, , formerAdmin] = receiver.members;
    counsellor = staffMember!;
    activeAdminIds = [adminA!.id, adminB!.id].sort();
    await getDb()
      .update(users)
      .set({ deactivatedAt: new Date() })
      .where(eq(users.id, formerAdmin!.id));
    // Sent on Friday with two working days: due on Tuesday 2026-11-24.
    const sentAt = at("2026-11-20T10:00:00Z");
    overdueId = await refer(sender.members[0]!, receiver, { now: sentAt });
    answeredId = await refer(sender.members[0]!, receiver, { now: sentAt });
    await advanceReferral(answeredId, [
      { actor: counsellor, name: "accept", now: at("2026-11-23T09:00:00Z") },
    ]);
  });

  const overdueNotices = () =>
    getDb()
      .select({ userId: notifications.userId, link: notifications.link })
      .from(notifications)
      .where(
        and(
          inArray(
            notifications.userId,
            receiver.members.map((member) => member.id),
          ),
          eq(notifications.message, referralNotificationTexts.overdue(sender.organization.name)),
        ),
      );

  it("does not escalate on the due day itself, Berlin time", async () => {
    expect((await referralRow(overdueId)).dueOn).toBe("2026-11-24");
    // 23:30 in Berlin on the due day.
    expect(await escalateOverdueReferrals(at("2026-11-24T22:30:00Z"))).toBe(0);
    expect((await referralRow(overdueId)).escalatedAt).toBeNull();
    expect(await overdueNotices()).toEqual([]);
  });

  it("escalates a sent referral past its due day once and tells only the receiver's admins", async () => {
    // 00:30 in Berlin the day after, still the due day in UTC.
    const now = at("2026-11-24T23:30:00Z");
    expect(await escalateOverdueReferrals(now)).toBe(1);
    expect((await referralRow(overdueId)).escalatedAt).toEqual(now);

    const notices = await overdueNotices();
    expect(notices.map((notice) => notice.userId).sort()).toEqual(activeAdminIds);
    for (const notice of notices) expect(notice.link).toBe(`/uebergaben/${overdueId}`);

    expect(
      (await auditTargets("referral.escalated")).filter((row) => row.targetId === overdueId),
    ).toHaveLength(1);

    expect(await escalateOverdueReferrals(at("2026-11-26T08:00:00Z"))).toBe(0);
    expect((await referralRow(overdueId)).escalatedAt).toEqual(now);
    expect(await overdueNotices()).toHaveLength(2);
    expect(
      (await auditTargets("referral.escalated")).filter((row) => row.targetId === overdueId),
    ).toHaveLength(1);
  });

  it("never escalates an answered referral", async () => {
    expect(await escalateOverdueReferrals(at("2027-03-01T08:00:00Z"))).toBe(0);
    expect(await referralRow(answeredId)).toMatchObject({ status: "accepted", escalatedAt: null });
    expect((await auditTargets("referral.escalated")).map((row) => row.targetId)).not.toContain(
      answeredId,
    );
  });

  it("escalates exactly once when two runs overlap", async () => {
    const id = await refer(sender.members[0]!, receiver, { now: at("2026-12-01T10:00:00Z") });
    const now = at("2026-12-10T08:00:00Z");
    const counts = await Promise.all([
      escalateOverdueReferrals(now),
      escalateOverdueReferrals(now),
    ]);
    expect(counts.reduce((sum, value) => sum + value, 0)).toBe(1);
    expect(
      (await auditTargets("referral.escalated")).filter((row) => row.targetId === id),
    ).toHaveLength(1);
    const notices = (await overdueNotices()).filter(
      (notice) => notice.link === `/uebergaben/${id}`,
    );
    expect(notices).toHaveLength(2);
  });
});

describe("Aufbewahrung und Anonymisierung", () => {
  const runAt = at("2027-06-15T10:00:00Z");
  const ids = {
    completedSevenMonthsAgo: "",
    declinedEightMonthsAgo: "",
    completedFiveMonthsAgo: "",
    openForLong: "",
    completedSixWeeksAgo: "",
    shortRetentionSixWeeksAgo: "",
    shortRetentionThreeWeeksAgo: "",
  };
  let snapshots: Map<string, Awaited<ReturnType<typeof snapshot>>>;
  let shortNetworkId: string;

  async function snapshot(id: string) {
    const [consent] = await getDb()
      .select()
      .from(referralConsents)
      .where(eq(referralConsents.referralId, id));
    return {
      referral: await referralRow(id),
      transitions: await getDb()
        .select()
        .from(referralTransitions)
        .where(eq(referralTransitions.referralId, id))
        .orderBy(asc(referralTransitions.occurredAt)),
      consent: consent!,
    };
  }

  /** Sent, accepted, started and completed (or declined) with notes on every receiver step. */
  async function closedReferral(
    from: MemberOrganization,
    to: MemberOrganization,
    closedAt: string,
    end: "complete" | "decline" = "complete",
  ) {
    const closed = at(closedAt);
    const day = 86_400_000;
    const id = await refer(from.members[0]!, to, { now: new Date(closed.getTime() - 14 * day) });
    const receiverActor = to.members[0]!;
    if (end === "decline") {
      await advanceReferral(id, [
        {
          actor: receiverActor,
          name: "decline",
          input: { declineReason: "nicht_zustaendig", note: "Zuständig ist das Jugendamt." },
          now: closed,
        },
      ]);
      return id;
    }
    await advanceReferral(id, [
      {
        actor: receiverActor,
        name: "accept",
        input: { note: "Erstkontakt telefonisch." },
        now: new Date(closed.getTime() - 10 * day),
      },
      {
        actor: receiverActor,
        name: "start",
        input: { firstAppointmentOn: "2026-01-01", note: "Unterlagen mitbringen." },
        now: new Date(closed.getTime() - 7 * day),
      },
      {
        actor: receiverActor,
        name: "complete",
        input: { outcome: "beratung_abgeschlossen", note: "Vergleich mit Gläubigern erreicht." },
        now: closed,
      },
    ]);
    return id;
  }

  beforeAll(async () => {
    const standard = await createNetwork();
    const sender = await memberOrganization(standard.id, "jobcenter");
    const receiver = await memberOrganization(standard.id, "schuldnerberatung");
    ids.completedSevenMonthsAgo = await closedReferral(sender, receiver, "2026-11-15T10:00:00Z");
    ids.declinedEightMonthsAgo = await closedReferral(
      sender,
      receiver,
      "2026-10-15T10:00:00Z",
      "decline",
    );
    ids.completedFiveMonthsAgo = await closedReferral(sender, receiver, "2027-01-15T10:00:00Z");
    ids.completedSixWeeksAgo = await closedReferral(sender, receiver, "2027-05-01T10:00:00Z");
    ids.openForLong = await refer(sender.members[0]!, receiver, {
      now: at("2025-11-03T10:00:00Z"),
    });
    await advanceReferral(ids.openForLong, [
      { actor: receiver.members[0]!, name: "accept", input: { note: "Warteliste." } },
    ]);

    const short = await createNetwork();
    shortNetworkId = short.id;
    const shortSender = await memberOrganization(short.id, "jobcenter", ["staff", "org_admin"]);
    const shortReceiver = await memberOrganization(short.id, "suchtberatung");
    await appointCoordinator(short.id, shortSender.members[1]!.id);
    await setReferralRetention(shortSender.members[1]!, short.id, 1, null);
    ids.shortRetentionSixWeeksAgo = await closedReferral(
      shortSender,
      shortReceiver,
      "2027-05-01T10:00:00Z",
    );
    ids.shortRetentionThreeWeeksAgo = await closedReferral(
      shortSender,
      shortReceiver,
      "2027-05-25T10:00:00Z",
    );

    snapshots = new Map();
    for (const id of Object.values(ids)) snapshots.set(id, await snapshot(id));
  });

  it("keeps referrals for six months by default; a coordinator can shorten that", async () => {
    const rows = await getDb()
      .select({ id: networks.id, months: networks.referralRetentionMonths })
      .from(networks)
      .where(
        inArray(networks.id, [
          (await referralRow(ids.completedSevenMonthsAgo)).networkId,
          shortNetworkId,
        ]),
      );
    expect(Object.fromEntries(rows.map((row) => [row.id, row.months]))).toEqual({
      [(await referralRow(ids.completedSevenMonthsAgo)).networkId]: 6,
      [shortNetworkId]: 1,
    });
    const [changed] = await getDb()
      .select({ details: auditLog.details })
      .from(auditLog)
      .where(
        and(
          eq(auditLog.action, "network.retention_changed"),
          eq(auditLog.targetId, shortNetworkId),
        ),
      );
    expect(changed?.details).toEqual({ months: 1 });
  });

  it("anonymises what ended longer ago than the retention period and keeps the figures", async () => {
    // The notes and consent details exist before, so their removal below means something.
    const before = snapshots.get(ids.completedSevenMonthsAgo)!;
    expect(before.transitions.filter((row) => row.note !== null)).toHaveLength(3);
    expect(before.consent.obtainedBy).not.toBeNull();
    expect(before.referral.pseudonym).toBe(PSEUDONYM);

    expect(await anonymiseExpiredReferrals(runAt)).toBe(3);

    const expired = [
      ids.completedSevenMonthsAgo,
      ids.declinedEightMonthsAgo,
      ids.shortRetentionSixWeeksAgo,
    ];
    for (const id of expired) {
      const old = snapshots.get(id)!;
      const now = await snapshot(id);
      expect(now.referral).toEqual({
        ...old.referral,
        pseudonym: null,
        reason: null,
        anonymisedAt: runAt,
      });
      expect(now.transitions).toEqual(old.transitions.map((row) => ({ ...row, note: null })));
      expect(now.consent).toEqual({ ...old.consent, obtainedBy: null, purpose: null });
    }
    // What the figures need is still there.
    expect(await referralRow(ids.completedSevenMonthsAgo)).toMatchObject({
      status: "completed",
      ageBand: "25_bis_34",
      needs: ["schuldnerberatung"],
      outcome: "beratung_abgeschlossen",
      firstAppointmentOn: "2026-01-01",
      closedAt: at("2026-11-15T10:00:00Z"),
    });
    expect(await referralRow(ids.declinedEightMonthsAgo)).toMatchObject({
      status: "declined",
      declineReason: "nicht_zustaendig",
    });

    for (const id of [
      ids.completedFiveMonthsAgo,
      ids.completedSixWeeksAgo,
      ids.openForLong,
      ids.shortRetentionThreeWeeksAgo,
    ]) {
      expect(await snapshot(id)).toEqual(snapshots.get(id));
    }

    const audited = await auditTargets("referral.anonymised");
    expect(audited.map((row) => row.targetId).sort()).toEqual([...expired].sort());
  });

  it("a second run finds nothing to do", async () => {
    const after = await snapshot(ids.completedSevenMonthsAgo);
    expect(await anonymiseExpiredReferrals(runAt)).toBe(0);
    expect(await snapshot(ids.completedSevenMonthsAgo)).toEqual(after);
    expect(await auditTargets("referral.anonymised")).toHaveLength(3);
  });

  it("later on anonymises what has expired since, but never an open referral", async () => {
    expect(await anonymiseExpiredReferrals(at("2027-07-20T10:00:00Z"))).toBe(2);
    expect((await referralRow(ids.completedFiveMonthsAgo)).anonymisedAt).toEqual(
      at("2027-07-20T10:00:00Z"),
    );
    expect((await referralRow(ids.shortRetentionThreeWeeksAgo)).anonymisedAt).toEqual(
      at("2027-07-20T10:00:00Z"),
    );
    expect((await referralRow(ids.completedSixWeeksAgo)).anonymisedAt).toBeNull();

    expect(await anonymiseExpiredReferrals(at("2040-01-01T00:00:00Z"))).toBe(1);
    expect(await snapshot(ids.openForLong)).toEqual(snapshots.get(ids.openForLong));
  });
});

describe("Kennzahlen je Organisation", () => {
  it("counts sent and received referrals per organisation, never drafts, and nothing else", async () => {
    const network = await createNetwork();
    const jobcenter = await memberOrganization(network.id, "jobcenter");
    const counselling = await memberOrganization(network.id, "suchtberatung");
    const training = await memberOrganization(network.id, "bildungstraeger");
    const caseWorker = jobcenter.members[0]!;
    const counsellor = counselling.members[0]!;
    const day = 86_400_000;

    await refer(caseWorker, counselling);
    await refer(caseWorker, counselling, { now: new Date(Date.now() - 30 * day) });
    await refer(caseWorker, counselling, { send: false });
    const steps = {
      accepted: ["accept"],
      in_progress: ["accept", "start"],
      completed: ["accept", "start", "complete"],
      declined: ["decline"],
    } as const;
    for (const names of Object.values(steps)) {
      const id = await refer(caseWorker, counselling);
      await advanceReferral(
        id,
        names.map((name) => ({ actor: counsellor, name })),
      );
    }
    const withdrawn = await refer(caseWorker, counselling);
    await advanceReferral(withdrawn, [{ actor: caseWorker, name: "withdraw" }]);
    await refer(caseWorker, training);
    const fromTraining = await refer(training.members[0]!, counselling);
    await advanceReferral(fromTraining, [{ actor: counsellor, name: "accept" }]);

    const figures = await referralFiguresForNetwork(network.id);
    expect(Object.fromEntries(figures)).toEqual({
      [jobcenter.organization.id]: {
        sent: 8,
        received: 0,
        open: 0,
        overdue: 0,
        completed: 0,
        declined: 0,
      },
      [counselling.organization.id]: {
        sent: 0,
        received: 8,
        open: 5,
        overdue: 1,
        completed: 1,
        declined: 1,
      },
      [training.organization.id]: {
        sent: 1,
        received: 1,
        open: 1,
        overdue: 0,
        completed: 0,
        declined: 0,
      },
    });
    for (const counts of figures.values()) {
      for (const value of Object.values(counts)) expect(Number.isInteger(value)).toBe(true);
    }
    const serialised = JSON.stringify(Object.fromEntries(figures));
    expect(serialised).not.toContain(PSEUDONYM);
    expect(serialised).not.toContain(REASON);

    // Three weeks on, the freshly sent ones are overdue as well.
    const later = await referralFiguresForNetwork(network.id, new Date(Date.now() + 21 * day));
    expect(later.get(counselling.organization.id)?.overdue).toBe(2);
    expect(later.get(training.organization.id)?.overdue).toBe(1);
  });
});
