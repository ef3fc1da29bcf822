import { and, eq } from "drizzle-orm";
import { getDb } from "~/db/client.server";
import { auditLog, organizations, referrals } from "~/db/schema";
import * as network from "~/routes/_app.netzwerke.$networkId";
import * as organization from "~/routes/_app.organisation";
import * as detail from "~/routes/_app.uebergaben.$referralId";
import * as print from "~/routes/uebergaben.$referralId.druck";
import { createLoginCookie, createUser } from "~/demo/factories.server";
import { advanceReferral, createReferral, createService } from "~/demo/referral-factories.server";
import { buildReferralWorld } from "#tests/helpers/referral-world";
import { callRoute } from "#tests/helpers/routes";
import { admittedOrganization } from "#tests/integration/referral-steps";
import { builtBeforeAll } from "#tests/integration/world-steps";

/**
 * Issue 12, defect 1: whether the sender reads the counsellor's notes is fixed when the referral
 * is sent (§ 203 StGB), and the organisation's kind is changed only by a coordinator of one of
 * its networks or the platform admin, audited.
 */

const world = builtBeforeAll(buildReferralWorld);

/** A Schuldnerberatung of its own per test, since the tests change its kind. */
let receiver: Awaited<ReturnType<typeof freshReceiver>>;
beforeEach(async () => {
  receiver = await freshReceiver();
});

async function freshReceiver() {
  const { id } = await admittedOrganization(world.networks.north.id, { kind: "schuldnerberatung" });
  const counsellor = await createUser({ organizationId: id, role: "staff" });
  const admin = await createUser({ organizationId: id, role: "org_admin" });
  const service = await createService({ organizationId: id, category: "schuldnerberatung" });
  return { id, counsellor, service, adminCookie: (await createLoginCookie(admin.id)).cookie };
}

async function kindOf(organizationId: string) {
  const [row] = await getDb()
    .select({ kind: organizations.kind })
    .from(organizations)
    .where(eq(organizations.id, organizationId));
  return row!.kind;
}

/** A referral from the sender's staff to the Schuldnerberatung, sent unless `send` is false. */
const referToReceiver = (options: { send?: boolean } = {}) =>
  createReferral({
    sender: world.users.senderStaff,
    serviceId: receiver.service.id,
    receiverOrganizationId: receiver.id,
    ...options,
  });

/** A referral sent to the Schuldnerberatung and accepted there with a counsellor's note. */
async function referralWithNote(note: string): Promise<string> {
  const id = await referToReceiver();
  await advanceReferral(id, [{ actor: receiver.counsellor, name: "accept", input: { note } }]);
  return id;
}

function changeKind(persona: "coordinator" | "senderAdmin" | "platformAdmin", kind: string) {
  const networkId = world.networks.north.id;
  return callRoute(network.action, `/netzwerke/${networkId}`, {
    cookie: world.cookies[persona],
    params: { networkId },
    form: { intent: "changeKind", organizationId: receiver.id, kind },
  });
}

/** Everything the sender's browser can get about the referral: page, `?_data` and print view. */
async function whatTheSenderReads(referralId: string): Promise<string[]> {
  const params = { referralId };
  const cookie = world.cookies.senderStaff;
  const responses = [
    await callRoute(detail.loader, `/uebergaben/${referralId}`, { cookie, params }),
    await callRoute(
      detail.loader,
      `/uebergaben/${referralId}?_data=${encodeURIComponent("routes/_app.uebergaben.$referralId")}`,
      { cookie, params },
    ),
    await callRoute(print.loader, `/uebergaben/${referralId}/druck`, { cookie, params }),
  ];
  for (const response of responses) expect(response.status).toBe(200);
  return Promise.all(responses.map((response) => response.text()));
}

describe("§ 203 StGB is fixed when a referral is sent", () => {
  // However the kind changes, what was sent under secrecy stays under it.
  const kindChanges = {
    "by the coordinator": async () => {
      expect((await changeKind("coordinator", "sonstige")).status).toBe(302);
    },
    "in the database": async () => {
      await getDb()
        .update(organizations)
        .set({ kind: "sonstige" })
        .where(eq(organizations.id, receiver.id));
    },
  };

  it.each(Object.keys(kindChanges) as (keyof typeof kindChanges)[])(
    "keeps a counsellor's notes from the sender after the kind was changed %s",
    async (how) => {
      const note = "Erstgespräch: Schulden bei drei Inkassobüros, Angst vor Pfändung.";
      const before = await referralWithNote(note);
      for (const body of await whatTheSenderReads(before)) expect(body).not.toContain(note);

      await kindChanges[how]();
      expect(await kindOf(receiver.id)).toBe("sonstige");

      for (const body of await whatTheSenderReads(before)) {
        expect(body).not.toContain(note);
        expect(body).toContain('"noteWithheld":true');
      }
    },
  );

  it("binds a referral sent after the change by the receiver's new kind", async () => {
    expect((await changeKind("coordinator", "sonstige")).status).toBe(302);
    const note = "Termin vereinbart, Unterlagen vollständig.";
    const after = await referralWithNote(note);
    const [stored] = await getDb()
      .select({ bound: referrals.receiverSecrecyBound })
      .from(referrals)
      .where(eq(referrals.id, after));
    expect(stored!.bound).toBe(false);
    for (const body of await whatTheSenderReads(after)) expect(body).toContain(note);
  });

  it("takes no referral any more once the receiver became an employer", async () => {
    const draft = await referToReceiver({ send: false });
    expect((await changeKind("coordinator", "arbeitgeber")).status).toBe(302);
    await expect(referToReceiver()).rejects.toThrow(/serviceId/);
    await expect(
      advanceReferral(draft, [{ actor: world.users.senderStaff, name: "send", input: {} }]),
    ).rejects.toThrow();
  });

  it("stores the secrecy of the receiver at sending, and none for a draft", async () => {
    const draft = await referToReceiver({ send: false });
    const sentLater = await referToReceiver({ send: false });
    await advanceReferral(sentLater, [{ actor: world.users.senderStaff, name: "send" }]);
    const sentAtOnce = await referralWithNote("–");
    const rows = await getDb()
      .select({ id: referrals.id, bound: referrals.receiverSecrecyBound })
      .from(referrals);
    const bound = Object.fromEntries(rows.map((row) => [row.id, row.bound]));
    expect([bound[draft], bound[sentLater], bound[sentAtOnce]]).toEqual([null, true, true]);
  });
});

describe("Changing an organisation's kind", () => {
  it("is no self-service field: the organisation's admin cannot change it on /organisation", async () => {
    const response = await callRoute(organization.action, "/organisation", {
      cookie: receiver.adminCookie,
      form: { name: "Schuldnerberatung Ost", kind: "sonstige", city: "Oststadt" },
    });
    expect([302, 400]).toContain(response.status);
    expect(await kindOf(receiver.id)).toBe("schuldnerberatung");
  });

  it("is refused to the organisation's own admin", async () => {
    const networkId = world.networks.north.id;
    const response = await callRoute(network.action, `/netzwerke/${networkId}`, {
      cookie: receiver.adminCookie,
      params: { networkId },
      form: { intent: "changeKind", organizationId: receiver.id, kind: "sonstige" },
    });
    expect(response.status).toBe(403);
    expect(await kindOf(receiver.id)).toBe("schuldnerberatung");
  });

  it.each([
    ["senderAdmin", 403],
    ["platformAdmin", 302],
  ] as const)("is answered %s → %s", async (persona, status) => {
    expect((await changeKind(persona, "sonstige")).status).toBe(status);
    expect(await kindOf(receiver.id)).toBe(status === 302 ? "sonstige" : "schuldnerberatung");
  });

  it("is audited with the old and the new kind", async () => {
    await changeKind("coordinator", "sonstige");
    const entries = await getDb()
      .select({ actorUserId: auditLog.actorUserId, details: auditLog.details })
      .from(auditLog)
      .where(
        and(eq(auditLog.action, "organization.kind_changed"), eq(auditLog.targetId, receiver.id)),
      );
    expect(entries).toEqual([
      {
        actorUserId: world.users.coordinator.id,
        details: { from: "schuldnerberatung", to: "sonstige" },
      },
    ]);
  });

  it("refuses an unknown kind with a German message", async () => {
    const response = await changeKind("coordinator", "geheimdienst");
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("Bitte wählen Sie die Art der Organisation.");
    expect(await kindOf(receiver.id)).toBe("schuldnerberatung");
  });
});
