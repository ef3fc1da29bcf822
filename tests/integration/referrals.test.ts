import { randomUUID } from "node:crypto";
import { and, asc, count, eq, inArray } from "drizzle-orm";
import { can, referralSide, type Actor } from "~/auth/permissions.server";
import { getDb } from "~/db/client.server";
import {
  auditLog,
  mailOutbox,
  networkMemberships,
  notifications,
  referralConsents,
  referrals,
  referralTransitions,
  services,
  users,
  type OrganizationKind,
  type ServiceCategory,
} from "~/db/schema";
import { isOutboxMode } from "~/mail/mail.server";
import { addMonths } from "~/referrals/consent";
import { getReferralForSide } from "~/referrals/referral-detail.server";
import { listReferrals, referralNavCounts } from "~/referrals/referral-lists.server";
import { getReferralParties } from "~/referrals/referral-parties.server";
import { saveReferral } from "~/referrals/save-referral.server";
import { transitionNames, type TransitionName } from "~/referrals/state-machine";
import {
  referralMailTexts,
  referralNotificationTexts,
  referralTexts,
  serviceCategoryLabels,
  statusLabels,
} from "~/referrals/texts";
import type { TransitionInput } from "~/referrals/transition-form";
import { transitionReferral } from "~/referrals/transition-referral.server";
import {
  appointCoordinator,
  createNetwork,
  createOrganization,
  createUser,
} from "~/demo/factories.server";
import {
  createReferral,
  createService,
  exampleReferralFields,
  validConsent,
  type ReferralActor,
} from "~/demo/referral-factories.server";
import { admittedOrganization } from "#tests/integration/referral-steps";

const linkFor = (id: string) => `http://localhost/uebergaben/${id}`;

/** Client data that must never leave the two organisations' detail pages. */
const PSEUDONYM = "Kundin Sonnenblume";
const REASON = "Spielschulden seit dem Umzug; ein Mahnbescheid vom Inkassobüro liegt vor.";
const NEEDS: ServiceCategory[] = ["suchtberatung", "psychosoziale_beratung"];
const clientFields = { pseudonym: PSEUDONYM, reason: REASON, needs: NEEDS };

function transition<Name extends TransitionName>(
  actor: ReferralActor,
  referralId: string,
  name: Name,
  input: TransitionInput[Name],
  now?: Date,
) {
  return transitionReferral(actor, referralId, name, input, { ip: null, linkFor, now });
}

/** One transition of a referral's lifecycle, with the status it leads to. */
type LifecycleStep = {
  actor: ReferralActor;
  actorOrganizationId: string;
  name: TransitionName;
  input: TransitionInput[TransitionName];
  at: Date;
  to: string;
};

/**
 * A network with a sending jobcenter and a receiving counselling service. The receiver has two
 * counsellors, an admin, an employer member and a deactivated counsellor.
 */
async function buildParties(
  options: { receiverKind?: OrganizationKind; responseWorkingDays?: number } = {},
) {
  const tag = randomUUID().slice(0, 6);
  const network = await createNetwork();
  const senderOrg = await admittedOrganization(network.id, {
    name: `Jobcenter ${tag}`,
    kind: "jobcenter",
  });
  const receiverOrg = await admittedOrganization(network.id, {
    name: `Beratungsstelle Lindenhof ${tag}`,
    kind: options.receiverKind ?? "schuldnerberatung",
  });
  const namedUser = (organizationId: string, name: string) =>
    createUser({ organizationId, name: `${name} ${tag}` });
  const caseWorker = await namedUser(senderOrg.id, "Petra Sommer");
  const senderAdmin = await createUser({ organizationId: senderOrg.id, role: "org_admin" });
  const counsellorA = await namedUser(receiverOrg.id, "Anna Berger");
  const counsellorB = await namedUser(receiverOrg.id, "Bernd Krause");
  const receiverAdmin = await createUser({ organizationId: receiverOrg.id, role: "org_admin" });
  const receiverEmployer = await createUser({
    organizationId: receiverOrg.id,
    role: "employer_member",
  });
  const departed = await createUser({ organizationId: receiverOrg.id });
  await getDb().update(users).set({ deactivatedAt: new Date() }).where(eq(users.id, departed.id));
  const service = await createService({
    organizationId: receiverOrg.id,
    name: `Offene Sprechstunde ${tag}`,
    responseWorkingDays: options.responseWorkingDays ?? 5,
  });
  return {
    network,
    senderOrg,
    receiverOrg,
    caseWorker,
    senderAdmin,
    counsellorA,
    counsellorB,
    receiverAdmin,
    receiverEmployer,
    departed,
    service,
  };
}
type Parties = Awaited<ReturnType<typeof buildParties>>;

function referTo(
  parties: Parties,
  options: {
    send?: boolean;
    now?: Date;
    consent?: Parameters<typeof createReferral>[0]["consent"];
  } = {},
) {
  return createReferral({
    sender: parties.caseWorker,
    serviceId: parties.service.id,
    receiverOrganizationId: parties.receiverOrg.id,
    fields: clientFields,
    ...options,
  });
}

async function referralRow(referralId: string) {
  const [row] = await getDb().select().from(referrals).where(eq(referrals.id, referralId));
  return row!;
}

/** Sending the draft is refused with the message, and it stays a draft. */
async function expectSendRefused(actor: ReferralActor, draftId: string, message: string) {
  expect(await transition(actor, draftId, "send", {})).toEqual({
    ok: false,
    message,
    conflict: false,
  });
  expect((await referralRow(draftId)).status).toBe("draft");
}

function transitionRows(referralId: string) {
  return getDb()
    .select()
    .from(referralTransitions)
    .where(eq(referralTransitions.referralId, referralId))
    .orderBy(asc(referralTransitions.occurredAt));
}

async function transitionCount(referralId: string) {
  const [row] = await getDb()
    .select({ value: count() })
    .from(referralTransitions)
    .where(eq(referralTransitions.referralId, referralId));
  return row!.value;
}

function notificationsFor(userIds: string[]) {
  return getDb().select().from(notifications).where(inArray(notifications.userId, userIds));
}

function mailsTo(emails: string[]) {
  return getDb().select().from(mailOutbox).where(inArray(mailOutbox.recipient, emails));
}

const idsOf = (list: { rows: { id: string }[] }) => list.rows.map((row) => row.id).sort();

function actorOf(
  user: { id: string; organizationId: string; role: Actor["role"]; isPlatformAdmin: boolean },
  networks: { networkIds?: string[]; coordinatedNetworkIds?: string[] } = {},
): Actor {
  return {
    id: user.id,
    organizationId: user.organizationId,
    // Referral permissions do not depend on the kind of organisation.
    organizationKind: "sonstige",
    role: user.role,
    isPlatformAdmin: user.isPlatformAdmin,
    networkIds: networks.networkIds ?? [],
    coordinatedNetworkIds: networks.coordinatedNetworkIds ?? [],
  };
}

describe("Übergaben: consent", () => {
  let parties: Parties;
  beforeAll(async () => {
    parties = await buildParties({ responseWorkingDays: 2 });
  });

  const saveAndSend = (consent: ReturnType<typeof validConsent> | null, now = new Date()) =>
    saveReferral(
      { ...parties.caseWorker, networkIds: [parties.network.id] },
      { referral: { ...exampleReferralFields(parties.service.id), ...clientFields }, consent },
      { send: true, linkFor },
      null,
      now,
    );

  async function referralCountOfSender() {
    const [row] = await getDb()
      .select({ value: count() })
      .from(referrals)
      .where(eq(referrals.senderOrganizationId, parties.senderOrg.id));
    return row!.value;
  }

  it("refuses to send without a consent and stores nothing", async () => {
    const before = await referralCountOfSender();
    expect(await saveAndSend(null)).toEqual({
      ok: false,
      errors: { consent: referralTexts.consentMissing },
    });
    expect(await referralCountOfSender()).toBe(before);
  });

  it("refuses to send a draft that has no consent", async () => {
    const draftId = await referTo(parties, { send: false, consent: null });
    await expectSendRefused(parties.caseWorker, draftId, referralTexts.consentMissing);
    const row = await referralRow(draftId);
    expect(row).toMatchObject({ status: "draft", sentAt: null, dueOn: null });
    expect(await transitionCount(draftId)).toBe(1);
  });

  it("refuses an expired consent, which stays valid through its last day in Berlin", async () => {
    const createdAt = new Date("2026-03-02T09:00:00Z");
    const consent = { consentValidUntil: "2026-03-31" };
    const lastEvening = await referTo(parties, { send: false, now: createdAt, consent });
    const afterMidnight = await referTo(parties, { send: false, now: createdAt, consent });
    const nextMorning = await referTo(parties, { send: false, now: createdAt, consent });

    // 23:00 in Berlin (CEST) on the last day: still valid.
    expect(
      await transition(
        parties.caseWorker,
        lastEvening,
        "send",
        {},
        new Date("2026-03-31T21:00:00Z"),
      ),
    ).toEqual({ ok: true, status: "sent" });
    // 00:30 in Berlin on the next day, although still 31 March in UTC.
    for (const [id, at] of [
      [afterMidnight, "2026-03-31T22:30:00Z"],
      [nextMorning, "2026-04-01T08:00:00Z"],
    ] as const) {
      expect(await transition(parties.caseWorker, id, "send", {}, new Date(at))).toEqual({
        ok: false,
        message: referralTexts.consentExpired,
        conflict: false,
      });
      expect((await referralRow(id)).status).toBe("draft");
    }

    const now = new Date("2026-04-01T08:00:00Z");
    expect(
      await saveAndSend(
        validConsent(
          parties.receiverOrg.id,
          { consentObtainedOn: "2026-01-05", consentValidUntil: "2026-03-31" },
          now,
        ),
        now,
      ),
    ).toEqual({ ok: false, errors: { consent: referralTexts.consentExpired } });
  });

  it("refuses a consent that names another organisation", async () => {
    const elsewhere = await createOrganization({ kind: "suchtberatung" });
    expect(
      await saveAndSend(
        validConsent(parties.receiverOrg.id, { consentOrganizationId: elsewhere.id }),
      ),
    ).toEqual({ ok: false, errors: { consent: referralTexts.consentWrongOrganization } });

    const draftId = await referTo(parties, {
      send: false,
      consent: { consentOrganizationId: elsewhere.id },
    });
    await expectSendRefused(parties.caseWorker, draftId, referralTexts.consentWrongOrganization);
  });

  it("refuses to send a draft whose consent row records a revocation", async () => {
    const otherDraft = await referTo(parties, { send: false });
    await getDb()
      .update(referralConsents)
      .set({ revokedAt: new Date(), revokedByUserId: parties.caseWorker.id })
      .where(eq(referralConsents.referralId, otherDraft));
    await expectSendRefused(parties.caseWorker, otherDraft, referralTexts.consentRevoked);
  });

  it("refuses to send a stored draft once the service no longer takes referrals", async () => {
    const own = await buildParties();
    const closedService = await referTo(own, { send: false });
    await getDb()
      .update(services)
      .set({ acceptsReferrals: false })
      .where(eq(services.id, own.service.id));
    await expectSendRefused(own.caseWorker, closedService, referralTexts.serviceUnavailable);
    expect(await referralRow(closedService)).toMatchObject({ status: "draft", sentAt: null });

    await getDb()
      .update(services)
      .set({ acceptsReferrals: true })
      .where(eq(services.id, own.service.id));
    const leftNetwork = await referTo(own, { send: false });
    await getDb()
      .delete(networkMemberships)
      .where(
        and(
          eq(networkMemberships.networkId, own.network.id),
          eq(networkMemberships.organizationId, own.receiverOrg.id),
        ),
      );
    await expectSendRefused(own.caseWorker, leftNetwork, referralTexts.serviceUnavailable);
    expect(await notificationsFor([own.counsellorA.id])).toEqual([]);
  });

  it.each([
    ["on a Friday with 2 working days", "2026-11-20T10:00:00Z", 2, "2026-11-24"],
    ["late on Thursday in UTC, already Friday in Berlin", "2026-11-19T23:30:00Z", 2, "2026-11-24"],
    ["before Christmas with 5 working days", "2026-12-23T10:00:00Z", 5, "2026-12-31"],
  ])("sends with a valid consent %s and sets dueOn", async (_when, at, days, dueOn) => {
    const own = await buildParties({ responseWorkingDays: days });
    const now = new Date(at);
    const id = await referTo(own, { now });
    expect(await referralRow(id)).toMatchObject({ status: "sent", sentAt: now, dueOn });

    // Sending a stored draft computes the same deadline.
    const draftId = await referTo(own, { send: false, now });
    expect(await transition(own.caseWorker, draftId, "send", {}, now)).toEqual({
      ok: true,
      status: "sent",
    });
    expect(await referralRow(draftId)).toMatchObject({ status: "sent", sentAt: now, dueOn });
  });
  it("stores the documented consent with the sent referral", async () => {
    const now = new Date("2026-11-20T10:00:00Z");
    const id = await referTo(parties, { now, consent: { consentCoversFeedback: true } });
    const [consent] = await getDb()
      .select()
      .from(referralConsents)
      .where(eq(referralConsents.referralId, id));
    expect(consent).toMatchObject({
      organizationId: parties.receiverOrg.id,
      obtainedBy: "Petra Sommer",
      obtainedOn: "2026-11-20",
      validUntil: addMonths("2026-11-20", 12),
      form: "schriftlich",
      coversFeedback: true,
      recordedByUserId: parties.caseWorker.id,
      revokedAt: null,
    });
  });
});

describe("Übergaben: lifecycle", () => {
  let parties: Parties;
  beforeAll(async () => {
    parties = await buildParties();
  });

  it("draft → sent → accepted → in_progress → completed records each step and closes at the end", async () => {
    const day = (n: number) => new Date(Date.UTC(2026, 10, n, 9, 0));
    const id = await referTo(parties, { send: false, now: day(2) });
    const sender = { actorOrganizationId: parties.senderOrg.id };
    const receiver = { actorOrganizationId: parties.receiverOrg.id };
    const lifecycle: LifecycleStep[] = [
      { actor: parties.caseWorker, ...sender, name: "send", input: {}, at: day(3), to: "sent" },
      {
        actor: parties.counsellorA,
        ...receiver,
        name: "accept",
        input: { note: "Wir melden uns telefonisch." },
        at: day(4),
        to: "accepted",
      },
      {
        actor: parties.counsellorB,
        ...receiver,
        name: "start",
        input: { firstAppointmentOn: "2026-11-12", note: null },
        at: day(5),
        to: "in_progress",
      },
      {
        actor: parties.counsellorA,
        ...receiver,
        name: "complete",
        input: { outcome: "beratung_abgeschlossen", note: "Haushaltsplan steht." },
        at: day(20),
        to: "completed",
      },
    ];
    for (const step of lifecycle) {
      expect(await transition(step.actor, id, step.name, step.input, step.at)).toEqual({
        ok: true,
        status: step.to,
      });
      if (step.to !== "completed") expect((await referralRow(id)).closedAt).toBeNull();
    }

    const steps = (await transitionRows(id)).map((row) => ({
      fromStatus: row.fromStatus,
      toStatus: row.toStatus,
      actorUserId: row.actorUserId,
      actorOrganizationId: row.actorOrganizationId,
      note: row.note,
      occurredAt: row.occurredAt,
    }));
    const created = { actor: parties.caseWorker, ...sender, input: {}, at: day(2), to: "draft" };
    expect(steps).toEqual(
      [created, ...lifecycle].map((step, index, all) => ({
        fromStatus: index === 0 ? null : all[index - 1]!.to,
        toStatus: step.to,
        actorUserId: step.actor.id,
        actorOrganizationId: step.actorOrganizationId,
        note: "note" in step.input ? step.input.note : null,
        occurredAt: step.at,
      })),
    );
    expect(await referralRow(id)).toMatchObject({
      status: "completed",
      sentAt: day(3),
      dueOn: "2026-11-10",
      firstAppointmentOn: "2026-11-12",
      outcome: "beratung_abgeschlossen",
      closedAt: day(20),
      declineReason: null,
    });

    const audit = await getDb()
      .select({ action: auditLog.action, details: auditLog.details })
      .from(auditLog)
      .where(eq(auditLog.targetId, id));
    expect(audit.map((entry) => entry.action).sort()).toEqual([
      "referral.created",
      ...Array<string>(4).fill("referral.transitioned"),
    ]);
  });

  it("decline stores the reason and the note and ends the referral", async () => {
    const id = await referTo(parties);
    const now = new Date();
    expect(
      await transition(
        parties.counsellorA,
        id,
        "decline",
        { declineReason: "nicht_zustaendig", note: "Bitte an die Suchtberatung wenden." },
        now,
      ),
    ).toEqual({ ok: true, status: "declined" });
    expect(await referralRow(id)).toMatchObject({
      status: "declined",
      declineReason: "nicht_zustaendig",
      closedAt: now,
    });
    expect((await transitionRows(id)).at(-1)).toMatchObject({
      fromStatus: "sent",
      toStatus: "declined",
      note: "Bitte an die Suchtberatung wenden.",
    });

    const late = await transition(parties.counsellorB, id, "accept", { note: null });
    expect(late).toMatchObject({ ok: false, conflict: true });
    expect(late.ok ? "" : late.message).toContain("abgelehnt");
    expect((await referralRow(id)).status).toBe("declined");
  });

  it("the sender withdraws while sent and while accepted, but not once the work has started", async () => {
    const whileSent = await referTo(parties);
    const now = new Date();
    expect(
      await transition(parties.caseWorker, whileSent, "withdraw", { note: "Doppelt" }, now),
    ).toEqual({ ok: true, status: "withdrawn" });
    expect(await referralRow(whileSent)).toMatchObject({ status: "withdrawn", closedAt: now });

    const whileAccepted = await referTo(parties);
    await transition(parties.counsellorA, whileAccepted, "accept", { note: null });
    expect(await transition(parties.caseWorker, whileAccepted, "withdraw", { note: null })).toEqual(
      { ok: true, status: "withdrawn" },
    );
    expect((await referralRow(whileAccepted)).closedAt).not.toBeNull();

    const started = await referTo(parties);
    await transition(parties.counsellorA, started, "accept", { note: null });
    await transition(parties.counsellorA, started, "start", {
      firstAppointmentOn: "2026-12-01",
      note: null,
    });
    expect(await transition(parties.caseWorker, started, "withdraw", { note: null })).toMatchObject(
      { ok: false },
    );
    expect(await referralRow(started)).toMatchObject({ status: "in_progress", closedAt: null });
  });

  it("revoking the consent ends the referral and refuses every further transition", async () => {
    const id = await referTo(parties);
    await transition(parties.counsellorA, id, "accept", { note: null });
    await transition(parties.counsellorA, id, "start", {
      firstAppointmentOn: "2026-12-01",
      note: null,
    });
    const now = new Date();
    expect(
      await transition(
        parties.caseWorker,
        id,
        "revokeConsent",
        { note: "Widerruf telefonisch erklärt." },
        now,
      ),
    ).toEqual({ ok: true, status: "consent_revoked" });
    expect(await referralRow(id)).toMatchObject({ status: "consent_revoked", closedAt: now });
    const [consent] = await getDb()
      .select()
      .from(referralConsents)
      .where(eq(referralConsents.referralId, id));
    expect(consent).toMatchObject({ revokedAt: now, revokedByUserId: parties.caseWorker.id });

    const rowsBefore = await transitionCount(id);
    const inputs: TransitionInput = {
      send: {},
      accept: { note: null },
      decline: { declineReason: "sonstiges", note: null },
      start: { firstAppointmentOn: "2026-12-02", note: null },
      complete: { outcome: "abgebrochen", note: null },
      withdraw: { note: null },
      revokeConsent: { note: null },
    };
    for (const name of transitionNames) {
      for (const actor of [parties.caseWorker, parties.counsellorA]) {
        const result = await transition(actor, id, name, inputs[name] as never);
        expect(result, `${name} after revocation`).toMatchObject({ ok: false });
      }
    }
    expect(await transitionCount(id)).toBe(rowsBefore);
    expect(await referralRow(id)).toMatchObject({ status: "consent_revoked", closedAt: now });
    for (const side of ["sender", "receiver"] as const) {
      expect((await getReferralForSide(id, side))!.actions).toEqual([]);
    }
  });
});

describe("Übergaben: two people acting at the same moment", () => {
  it("of a simultaneous accept and decline exactly one wins; the other learns who did what", async () => {
    const parties = await buildParties();
    const winners = { accepted: 0, declined: 0 };
    for (let round = 0; round < 10; round += 1) {
      const id = await referTo(parties);
      const rowsBefore = await transitionCount(id);
      const [accepted, declined] = await Promise.all([
        transition(parties.counsellorA, id, "accept", { note: null }),
        transition(parties.counsellorB, id, "decline", {
          declineReason: "keine_kapazitaet",
          note: null,
        }),
      ]);
      const results = [accepted, declined];
      expect(
        results.filter((result) => result.ok),
        `round ${round}`,
      ).toHaveLength(1);
      const acceptWon = accepted.ok;
      const loser = acceptWon ? declined : accepted;
      if (loser.ok) throw new Error("both transitions succeeded");
      expect(loser.conflict).toBe(true);
      expect(loser.message).toContain("inzwischen");
      expect(loser.message).toContain(acceptWon ? "angenommen" : "abgelehnt");
      expect(loser.message).toContain(
        acceptWon ? parties.counsellorA.name : parties.counsellorB.name,
      );
      expect(await transitionCount(id)).toBe(rowsBefore + 1);
      const row = await referralRow(id);
      expect(row.status).toBe(acceptWon ? "accepted" : "declined");
      expect(row.declineReason).toBe(acceptWon ? null : "keine_kapazitaet");
      winners[acceptWon ? "accepted" : "declined"] += 1;
    }
    expect(winners.accepted + winners.declined).toBe(10);
  });
});

describe("Übergaben: § 203 StGB", () => {
  const notes = {
    accept: "Erstgespräch: Rückfall nach Jobverlust geschildert.",
    start: "Termin beim Gericht wegen Privatinsolvenz vorbereitet.",
    complete: "Therapieplatz in der Fachklinik vermittelt.",
  };

  async function completedReferral(
    receiverKind: OrganizationKind,
    consent: { consentCoversFeedback?: boolean } = {},
  ) {
    const parties = await buildParties({ receiverKind });
    const id = await referTo(parties, { consent });
    await transition(parties.counsellorA, id, "accept", { note: notes.accept });
    await transition(parties.counsellorA, id, "start", {
      firstAppointmentOn: "2026-12-03",
      note: notes.start,
    });
    await transition(parties.counsellorB, id, "complete", {
      outcome: "an_andere_stelle_vermittelt",
      note: notes.complete,
    });
    return { parties, id };
  }

  function receiverEntries(detail: NonNullable<Awaited<ReturnType<typeof getReferralForSide>>>) {
    return detail.timeline.filter((entry) =>
      ["accepted", "in_progress", "completed"].includes(entry.toStatus),
    );
  }

  function expectCodesAndDates(
    detail: NonNullable<Awaited<ReturnType<typeof getReferralForSide>>>,
  ) {
    expect(detail.referral).toMatchObject({
      status: "completed",
      outcome: "an_andere_stelle_vermittelt",
      firstAppointmentOn: "2026-12-03",
    });
    expect(detail.referral.sentAt).toBeInstanceOf(Date);
    expect(detail.referral.closedAt).toBeInstanceOf(Date);
    expect(detail.referral.dueOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(receiverEntries(detail).map((entry) => entry.occurredAt)).toEqual([
      expect.any(Date),
      expect.any(Date),
      expect.any(Date),
    ]);
  }

  it.each(["schuldnerberatung", "suchtberatung", "psychosozialer_dienst"] as const)(
    "withholds the notes of a %s from the sender when the consent does not cover feedback",
    async (kind) => {
      const { id } = await completedReferral(kind);
      const detail = (await getReferralForSide(id, "sender"))!;
      expect(detail.secrecy).toEqual({ bound: true, senderSeesNotes: false });
      expect(receiverEntries(detail)).toHaveLength(3);
      for (const entry of receiverEntries(detail)) {
        expect(entry).toMatchObject({ note: null, noteWithheld: true });
      }
      const serialised = JSON.stringify(detail);
      for (const note of Object.values(notes)) expect(serialised).not.toContain(note);
      expectCodesAndDates(detail);

      const own = (await getReferralForSide(id, "receiver"))!;
      expect(receiverEntries(own).map((entry) => [entry.note, entry.noteWithheld])).toEqual([
        [notes.accept, false],
        [notes.start, false],
        [notes.complete, false],
      ]);
    },
  );

  it("shows the notes to the sender when the consent covers feedback", async () => {
    const { id } = await completedReferral("suchtberatung", { consentCoversFeedback: true });
    const detail = (await getReferralForSide(id, "sender"))!;
    expect(detail.secrecy).toEqual({ bound: true, senderSeesNotes: true });
    expect(receiverEntries(detail).map((entry) => [entry.note, entry.noteWithheld])).toEqual([
      [notes.accept, false],
      [notes.start, false],
      [notes.complete, false],
    ]);
    expectCodesAndDates(detail);
  });

  it.each(["bildungstraeger", "jugendamt"] as const)(
    "shows the notes of a %s to the sender without feedback consent",
    async (kind) => {
      const { id } = await completedReferral(kind);
      const detail = (await getReferralForSide(id, "sender"))!;
      expect(detail.secrecy).toEqual({ bound: false, senderSeesNotes: true });
      expect(receiverEntries(detail).map((entry) => entry.note)).toEqual([
        notes.accept,
        notes.start,
        notes.complete,
      ]);
      expectCodesAndDates(detail);
    },
  );

  it("the sender keeps seeing its own notes next to withheld ones", async () => {
    const parties = await buildParties({ receiverKind: "schuldnerberatung" });
    const id = await referTo(parties);
    await transition(parties.counsellorA, id, "accept", { note: notes.accept });
    await transition(parties.caseWorker, id, "withdraw", { note: "Kundin ist verzogen." });
    const detail = (await getReferralForSide(id, "sender"))!;
    const byStatus = Object.fromEntries(
      detail.timeline.map((entry) => [entry.toStatus, [entry.note, entry.noteWithheld]]),
    );
    expect(byStatus.accepted).toEqual([null, true]);
    expect(byStatus.withdrawn).toEqual(["Kundin ist verzogen.", false]);
    expect(JSON.stringify(detail)).not.toContain(notes.accept);
  });
});

describe("Übergaben: who sees a referral", () => {
  it("hides drafts from the receiver and referrals from employer members and outsiders", async () => {
    const parties = await buildParties();
    const coordinatorOrg = await admittedOrganization(parties.network.id, { kind: "kommune" });
    const coordinator = await createUser({ organizationId: coordinatorOrg.id, role: "org_admin" });
    await appointCoordinator(parties.network.id, coordinator.id);
    const senderEmployer = await createUser({
      organizationId: parties.senderOrg.id,
      role: "employer_member",
    });
    const platformAdmin = await createUser({
      organizationId: coordinatorOrg.id,
      role: "org_admin",
      isPlatformAdmin: true,
    });

    const inNetwork = { networkIds: [parties.network.id] };
    const caseWorker = actorOf(parties.caseWorker, inNetwork);
    const counsellor = actorOf(parties.counsellorA, inNetwork);
    const outsiders = {
      receiverEmployer: actorOf(parties.receiverEmployer, inNetwork),
      senderEmployer: actorOf(senderEmployer, inNetwork),
      coordinator: actorOf(coordinator, {
        ...inNetwork,
        coordinatedNetworkIds: [parties.network.id],
      }),
      platformAdmin: actorOf(platformAdmin, inNetwork),
    };

    const id = await referTo(parties, { send: false });
    const draft = (await getReferralParties(id))!;
    expect(draft.status).toBe("draft");
    expect(referralSide(caseWorker, draft)).toBe("sender");
    expect(can(caseWorker, { action: "referral.editDraft", referral: draft })).toBe(true);
    expect(referralSide(counsellor, draft)).toBeNull();
    expect(can(counsellor, { action: "referral.view", referral: draft })).toBe(false);

    await transition(parties.caseWorker, id, "send", {});
    const sent = (await getReferralParties(id))!;
    expect(referralSide(counsellor, sent)).toBe("receiver");
    expect(can(counsellor, { action: "referral.view", referral: sent })).toBe(true);
    const mayTransitionSent = (actor: Actor, transition: TransitionName) =>
      can(actor, { action: "referral.transition", referral: sent, transition });
    expect(mayTransitionSent(counsellor, "accept")).toBe(true);
    expect(mayTransitionSent(counsellor, "withdraw")).toBe(false);
    expect(can(counsellor, { action: "referral.editDraft", referral: sent })).toBe(false);
    expect(mayTransitionSent(caseWorker, "withdraw")).toBe(true);
    expect(mayTransitionSent(caseWorker, "accept")).toBe(false);

    for (const [who, actor] of Object.entries(outsiders)) {
      for (const referral of [draft, sent]) {
        expect(referralSide(actor, referral), who).toBeNull();
        expect(can(actor, { action: "referral.view", referral }), who).toBe(false);
        expect(
          can(actor, { action: "referral.transition", referral, transition: "accept" }),
          who,
        ).toBe(false);
      }
    }
    expect(can(outsiders.receiverEmployer, { action: "referral.work" })).toBe(false);
  });
});

describe("Übergaben: a draft was never shared", () => {
  it("has no consent to revoke: the draft's consent is edited out instead", async () => {
    const parties = await buildParties();
    const id = await referTo(parties, { send: false });
    const result = await transition(parties.caseWorker, id, "revokeConsent", { note: null });
    expect(result).toMatchObject({ ok: false });
    expect((await referralRow(id)).status).toBe("draft");
    expect(await listReferrals("inbox", parties.receiverOrg.id, {}, 1)).toEqual({
      rows: [],
      total: 0,
    });
    const referral = (await getReferralParties(id))!;
    const counsellor = actorOf(parties.counsellorA, { networkIds: [parties.network.id] });
    expect(referralSide(counsellor, referral)).toBeNull();
  });
});

describe("Übergaben: notifications and mails", () => {
  it("tells the receiving staff and the creator without revealing anything about the client", async () => {
    expect(isOutboxMode()).toBe(true);
    const parties = await buildParties();
    const receiverWorkers = [parties.counsellorA, parties.counsellorB, parties.receiverAdmin];
    const everyone = [
      ...receiverWorkers,
      parties.receiverEmployer,
      parties.departed,
      parties.caseWorker,
      parties.senderAdmin,
    ];

    const id = await referTo(parties);
    const relativeLink = `/uebergaben/${id}`;
    const arrived = await notificationsFor(everyone.map((user) => user.id));
    expect(arrived.map((row) => row.userId).sort()).toEqual(
      receiverWorkers.map((user) => user.id).sort(),
    );
    for (const row of arrived) {
      expect(row).toMatchObject({
        message: referralNotificationTexts.arrived(parties.senderOrg.name),
        link: relativeLink,
      });
    }
    const arrivalMails = await mailsTo(everyone.map((user) => user.email));
    expect(arrivalMails.map((mail) => mail.recipient).sort()).toEqual(
      receiverWorkers.map((user) => user.email).sort(),
    );
    for (const mail of arrivalMails) {
      expect(mail).toMatchObject({
        subject: referralMailTexts.arrivedSubject,
        body: referralMailTexts.arrived(parties.senderOrg.name, linkFor(id)),
        triggeredByUserId: parties.caseWorker.id,
      });
    }

    await transition(parties.counsellorA, id, "accept", { note: "Rückruf morgen." });
    const toCreator = await notificationsFor([parties.caseWorker.id, parties.senderAdmin.id]);
    expect(toCreator).toEqual([
      expect.objectContaining({
        userId: parties.caseWorker.id,
        message: referralNotificationTexts.statusChanged(
          statusLabels.accepted,
          parties.receiverOrg.name,
        ),
        link: relativeLink,
      }),
    ]);
    const creatorMails = await mailsTo([parties.caseWorker.email, parties.senderAdmin.email]);
    expect(creatorMails).toEqual([
      expect.objectContaining({
        recipient: parties.caseWorker.email,
        subject: referralMailTexts.statusSubject,
        body: referralMailTexts.status(statusLabels.accepted, linkFor(id)),
        triggeredByUserId: parties.counsellorA.id,
      }),
    ]);

    await transition(parties.counsellorA, id, "start", {
      firstAppointmentOn: "2026-12-03",
      note: null,
    });
    await transition(parties.counsellorA, id, "complete", {
      outcome: "beratung_aufgenommen",
      note: null,
    });
    expect(await notificationsFor([parties.caseWorker.id])).toHaveLength(3);
    expect(await mailsTo([parties.caseWorker.email])).toHaveLength(3);

    const allNotifications = await notificationsFor(everyone.map((user) => user.id));
    const allMails = await mailsTo(everyone.map((user) => user.email));
    const texts = [
      ...allNotifications.map((row) => row.message),
      ...allMails.flatMap((mail) => [mail.subject, mail.body]),
    ];
    expect(texts.length).toBeGreaterThan(10);
    const secrets = [PSEUDONYM, REASON, ...NEEDS.map((need) => serviceCategoryLabels[need])];
    for (const text of texts) {
      for (const secret of secrets) expect(text).not.toContain(secret);
    }
    for (const excluded of [parties.receiverEmployer, parties.departed]) {
      expect(await notificationsFor([excluded.id])).toEqual([]);
      expect(await mailsTo([excluded.email])).toEqual([]);
    }
  });

  it("the sender's own changes send no message to the sender", async () => {
    const parties = await buildParties();
    const id = await referTo(parties);
    await transition(parties.caseWorker, id, "withdraw", { note: null });
    expect(await notificationsFor([parties.caseWorker.id])).toEqual([]);
    expect(await mailsTo([parties.caseWorker.email])).toEqual([]);
  });

  it("saving a draft notifies nobody", async () => {
    const parties = await buildParties();
    await referTo(parties, { send: false });
    const receiverIds = [parties.counsellorA.id, parties.counsellorB.id, parties.receiverAdmin.id];
    expect(await notificationsFor(receiverIds)).toEqual([]);
    expect(
      await mailsTo([
        parties.counsellorA.email,
        parties.counsellorB.email,
        parties.receiverAdmin.email,
      ]),
    ).toEqual([]);
  });
});

describe("Übergaben: inbox and outbox", () => {
  let parties: Parties;
  let otherService: Awaited<ReturnType<typeof createService>>;
  const ids = { draft: "", fresh: "", overdue: "", accepted: "" };

  beforeAll(async () => {
    parties = await buildParties();
    otherService = await createService({
      organizationId: parties.receiverOrg.id,
      name: "Gruppenangebot",
    });
    ids.draft = await referTo(parties, { send: false });
    ids.fresh = await referTo(parties);
    ids.overdue = await createReferral({
      sender: parties.caseWorker,
      serviceId: otherService.id,
      receiverOrganizationId: parties.receiverOrg.id,
      now: new Date(Date.now() - 30 * 86_400_000),
    });
    ids.accepted = await createReferral({
      sender: parties.caseWorker,
      serviceId: otherService.id,
      receiverOrganizationId: parties.receiverOrg.id,
    });
    await transition(parties.counsellorA, ids.accepted, "accept", { note: null });
  });

  it("never shows drafts in the receiver's inbox and names the counterpart", async () => {
    const inbox = await listReferrals("inbox", parties.receiverOrg.id, {}, 1);
    expect(idsOf(inbox)).toEqual([ids.fresh, ids.overdue, ids.accepted].sort());
    expect(inbox.total).toBe(3);
    expect(new Set(inbox.rows.map((row) => row.counterpartName))).toEqual(
      new Set([parties.senderOrg.name]),
    );
    expect(await listReferrals("inbox", parties.receiverOrg.id, { status: "draft" }, 1)).toEqual({
      rows: [],
      total: 0,
    });

    const outbox = await listReferrals("outbox", parties.senderOrg.id, {}, 1);
    expect(idsOf(outbox)).toEqual(Object.values(ids).sort());
    expect(new Set(outbox.rows.map((row) => row.counterpartName))).toEqual(
      new Set([parties.receiverOrg.name]),
    );
    expect(await listReferrals("inbox", parties.senderOrg.id, {}, 1)).toEqual({
      rows: [],
      total: 0,
    });
  });

  it("filters by status, service and overdue", async () => {
    const sent = await listReferrals("inbox", parties.receiverOrg.id, { status: "sent" }, 1);
    expect(idsOf(sent)).toEqual([ids.fresh, ids.overdue].sort());
    expect(sent.total).toBe(2);

    const byService = await listReferrals(
      "inbox",
      parties.receiverOrg.id,
      { serviceId: otherService.id },
      1,
    );
    expect(idsOf(byService)).toEqual([ids.overdue, ids.accepted].sort());

    for (const [box, organizationId] of [
      ["inbox", parties.receiverOrg.id],
      ["outbox", parties.senderOrg.id],
    ] as const) {
      const overdue = await listReferrals(box, organizationId, { overdue: true }, 1);
      expect(overdue.rows).toEqual([expect.objectContaining({ id: ids.overdue, overdue: true })]);
      expect(overdue.total).toBe(1);
    }

    const drafts = await listReferrals("outbox", parties.senderOrg.id, { status: "draft" }, 1);
    expect(idsOf(drafts)).toEqual([ids.draft]);

    const all = await listReferrals("outbox", parties.senderOrg.id, {}, 1);
    expect(Object.fromEntries(all.rows.map((row) => [row.id, row.overdue]))).toEqual({
      [ids.draft]: false,
      [ids.fresh]: false,
      [ids.overdue]: true,
      [ids.accepted]: false,
    });
  });

  it("counts unanswered referrals for the receiver and overdue ones for the sender", async () => {
    expect(await referralNavCounts(parties.receiverOrg.id)).toEqual({
      unanswered: 2,
      overdueSent: 0,
    });
    expect(await referralNavCounts(parties.senderOrg.id)).toEqual({
      unanswered: 0,
      overdueSent: 1,
    });
    // A month from now the fresh one is overdue as well.
    expect(
      await referralNavCounts(parties.senderOrg.id, new Date(Date.now() + 30 * 86_400_000)),
    ).toEqual({ unanswered: 0, overdueSent: 2 });
  });
});
