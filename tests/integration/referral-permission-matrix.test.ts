import { and, eq } from "drizzle-orm";
import { randomUUID } from "node:crypto";
import { getDb } from "~/db/client.server";
import { auditLog } from "~/db/schema";
import * as services from "~/routes/_app.angebote";
import * as service from "~/routes/_app.angebote_.$serviceId";
import * as network from "~/routes/_app.netzwerke.$networkId";
import * as detail from "~/routes/_app.uebergaben.$referralId";
import * as editDraft from "~/routes/_app.uebergaben.$referralId_.bearbeiten";
import * as inbox from "~/routes/_app.uebergaben.eingang";
import * as outbox from "~/routes/_app.uebergaben.gesendet";
import * as create from "~/routes/_app.uebergaben.neu";
import * as print from "~/routes/uebergaben.$referralId.druck";
import { addMonths } from "~/referrals/consent";
import type { TransitionName } from "~/referrals/state-machine";
import { berlinDate } from "~/time/berlin";
import { advanceReferral, createReferral } from "~/demo/referral-factories.server";
import {
  buildReferralWorld,
  referralPersonaNames,
  type ReferralPersonaName,
  type ReferralWorld,
} from "#tests/helpers/referral-world";
import {
  fixedRow,
  describeMatrix,
  outcomes,
  type MatrixCell,
  type MatrixRow,
  type Outcome,
} from "#tests/helpers/matrix";
import { callRoute } from "#tests/helpers/routes";

/** Every referral route and action against everyone around a referral (see #tests/helpers/matrix). */

type Stage = "draft" | "sent" | "accepted" | "in_progress";

async function referralAt(world: ReferralWorld, stage: Stage): Promise<string> {
  const id = await createReferral({
    sender: world.users.senderStaff,
    serviceId: world.service.id,
    receiverOrganizationId: world.organizations.receiver.id,
    send: stage !== "draft",
  });
  const receiver = world.users.receiverStaff;
  if (stage === "accepted" || stage === "in_progress") {
    await advanceReferral(id, [{ actor: receiver, name: "accept" }]);
  }
  if (stage === "in_progress") await advanceReferral(id, [{ actor: receiver, name: "start" }]);
  return id;
}

const referralPage = (id: string, suffix = ""): MatrixCell => ({
  path: `/uebergaben/${id}${suffix}`,
  params: { referralId: id },
});

function referralForm(world: ReferralWorld): Record<string, string> {
  const today = berlinDate(new Date());
  return {
    serviceId: world.service.id,
    pseudonym: `Kunde ${randomUUID().slice(0, 4).replace(/\d/g, "x")}`,
    ageBand: "25_bis_34",
    needs: "schuldnerberatung",
    reason: "Mietschulden",
    urgency: "normal",
    contactPreference: "telefon",
    consentObtainedBy: "Petra Sommer",
    consentObtainedOn: today,
    consentForm: "schriftlich",
    consentOrganizationId: world.organizations.receiver.id,
    consentPurpose: "Schuldnerberatung",
    consentValidUntil: addMonths(today, 6),
  };
}

const transitionInputs: Record<TransitionName, Record<string, string>> = {
  send: {},
  accept: {},
  decline: { declineReason: "keine_kapazitaet" },
  start: { firstAppointmentOn: "2026-12-01" },
  complete: { outcome: "beratung_abgeschlossen" },
  withdraw: {},
  revokeConsent: {},
};

/** The referral's two organisations; for everyone else it does not exist. */
const onlyParties = (sender: Outcome, receiver: Outcome) =>
  outcomes(referralPersonaNames, 404, {
    anonymous: "login",
    senderStaff: sender,
    senderAdmin: sender,
    receiverStaff: receiver,
    receiverAdmin: receiver,
  });

/** Everyone signed in but employers. */
const referralWorkers = outcomes(referralPersonaNames, "ok", {
  anonymous: "login",
  employer: 403,
  employerAdmin: 403,
});

/** Admins manage their own organisation's services; `foreignService` answers another's. */
const organizationAdmins = (foreignService: Outcome) =>
  outcomes(referralPersonaNames, 403, {
    anonymous: "login",
    platformAdmin: foreignService,
    senderAdmin: foreignService,
    receiverAdmin: "ok",
  });

function transitionRow(
  name: TransitionName,
  stage: Stage,
  sender: Outcome,
  receiver: Outcome,
): MatrixRow<ReferralWorld, ReferralPersonaName> {
  return {
    route: `POST /uebergaben/:id ${name} (${stage})`,
    handler: detail.action,
    prepare: async (world) => ({
      ...referralPage(await referralAt(world, stage)),
      form: { intent: name, ...transitionInputs[name] },
    }),
    // A draft is invisible to the receiving organisation.
    expect: onlyParties(sender, stage === "draft" ? 404 : receiver),
  };
}

const rows: MatrixRow<ReferralWorld, ReferralPersonaName>[] = [
  fixedRow("GET /uebergaben/eingang", inbox.loader, referralWorkers, {
    path: "/uebergaben/eingang?status=sent",
  }),
  fixedRow("GET /uebergaben/gesendet", outbox.loader, referralWorkers, {
    path: "/uebergaben/gesendet?overdue=1",
  }),
  fixedRow("GET /uebergaben/neu", create.loader, referralWorkers),
  {
    route: "POST /uebergaben/neu send to the Schuldnerberatung",
    handler: create.action,
    prepare: (world) => ({
      path: "/uebergaben/neu",
      form: { ...referralForm(world), intent: "send" },
    }),
    // The service is offered only in "Nord" and never to its own organisation.
    expect: {
      ...referralWorkers,
      platformAdmin: 400,
      receiverStaff: 400,
      receiverAdmin: 400,
      otherNetworkStaff: 400,
    },
  },
  {
    route: "GET /uebergaben/:id (sent)",
    handler: detail.loader,
    prepare: async (world) => referralPage(await referralAt(world, "sent")),
    expect: onlyParties("ok", "ok"),
  },
  {
    route: "GET /uebergaben/:id (draft)",
    handler: detail.loader,
    prepare: async (world) => referralPage(await referralAt(world, "draft")),
    expect: onlyParties("ok", 404),
  },
  {
    route: "GET /uebergaben/:id (unknown id)",
    handler: detail.loader,
    prepare: () => referralPage(randomUUID()),
    expect: onlyParties(404, 404),
  },
  {
    route: "GET /uebergaben/:id/druck (sent)",
    handler: print.loader,
    prepare: async (world) => referralPage(await referralAt(world, "sent"), "/druck"),
    expect: onlyParties("ok", "ok"),
  },
  {
    route: "GET /uebergaben/:id/bearbeiten (draft)",
    handler: editDraft.loader,
    prepare: async (world) => referralPage(await referralAt(world, "draft"), "/bearbeiten"),
    expect: onlyParties("ok", 404),
  },
  {
    route: "POST /uebergaben/:id/bearbeiten save draft",
    handler: editDraft.action,
    prepare: async (world) => ({
      ...referralPage(await referralAt(world, "draft"), "/bearbeiten"),
      form: { ...referralForm(world), intent: "draft" },
    }),
    expect: onlyParties("ok", 404),
  },
  transitionRow("send", "draft", "ok", 404),
  transitionRow("accept", "sent", 403, "ok"),
  transitionRow("decline", "sent", 403, "ok"),
  transitionRow("start", "accepted", 403, "ok"),
  transitionRow("complete", "in_progress", 403, "ok"),
  transitionRow("withdraw", "sent", "ok", 403),
  transitionRow("withdraw", "accepted", "ok", 403),
  transitionRow("revokeConsent", "in_progress", "ok", 403),
  fixedRow("GET /angebote", services.loader, organizationAdmins("ok")),
  fixedRow("POST /angebote create", services.action, organizationAdmins("ok"), () => ({
    path: "/angebote",
    form: {
      name: `Angebot ${randomUUID().slice(0, 6)}`,
      category: "sonstige",
      responseWorkingDays: "5",
    },
  })),
  {
    route: "GET /angebote/:id (service of the Schuldnerberatung)",
    handler: service.loader,
    prepare: (world) => ({
      path: `/angebote/${world.service.id}`,
      params: { serviceId: world.service.id },
    }),
    expect: organizationAdmins(404),
  },
  {
    route: "POST /angebote/:id (service of the Schuldnerberatung)",
    handler: service.action,
    prepare: (world) => ({
      path: `/angebote/${world.service.id}`,
      params: { serviceId: world.service.id },
      form: {
        name: "Schuldner- und Insolvenzberatung",
        category: "schuldnerberatung",
        responseWorkingDays: "5",
        acceptsReferrals: "on",
      },
    }),
    expect: organizationAdmins(404),
  },
  {
    route: "POST /netzwerke/:id retention (Nord)",
    handler: network.action,
    prepare: (world) => ({
      path: `/netzwerke/${world.networks.north.id}`,
      params: { networkId: world.networks.north.id },
      form: { intent: "retention", months: "6" },
    }),
    expect: outcomes(referralPersonaNames, 403, {
      anonymous: "login",
      coordinator: "ok",
      otherNetworkStaff: 404,
    }),
  },
];

const currentWorld = describeMatrix(rows, referralPersonaNames, buildReferralWorld);

describe("network page", () => {
  it.each(referralPersonaNames.filter((persona) => persona !== "anonymous"))(
    "%s sees referral counts only as the coordinator",
    async (persona) => {
      const world = currentWorld();
      const response = await callRoute(network.loader, `/netzwerke/${world.networks.north.id}`, {
        cookie: world.cookies[persona],
        params: { networkId: world.networks.north.id },
      });
      if (response.status !== 200) {
        expect(persona).toBe("otherNetworkStaff");
        return;
      }
      const body = (await response.json()) as { referralPanel: unknown };
      if (persona === "coordinator") {
        expect(body.referralPanel).toMatchObject({ retentionMonths: 6 });
        expect(JSON.stringify(body)).not.toContain("Mietschulden");
      } else {
        expect(body.referralPanel).toBeNull();
      }
    },
  );
});

describe("audit of every read", () => {
  async function auditRowsFor(referralId: string) {
    return getDb()
      .select({ action: auditLog.action, actorUserId: auditLog.actorUserId })
      .from(auditLog)
      .where(eq(auditLog.targetId, referralId));
  }

  it("writes who opened the detail page and the print view, and who was refused", async () => {
    const world = currentWorld();
    const id = await referralAt(world, "sent");
    for (const [handler, suffix] of [
      [detail.loader, ""],
      [print.loader, "/druck"],
    ] as const) {
      const cell = referralPage(id, suffix);
      for (const persona of ["senderStaff", "receiverStaff", "coordinator"] as const) {
        await callRoute(handler, cell.path, {
          cookie: world.cookies[persona],
          params: cell.params,
        });
      }
    }
    const rows = await auditRowsFor(id);
    const reads = (action: string) =>
      rows.filter((row) => row.action === action).map((row) => row.actorUserId);
    expect(reads("referral.viewed").sort()).toEqual(
      [world.users.senderStaff.id, world.users.receiverStaff.id].sort(),
    );
    expect(reads("referral.printed").sort()).toEqual(
      [world.users.senderStaff.id, world.users.receiverStaff.id].sort(),
    );
    const refused = await getDb()
      .select({ details: auditLog.details })
      .from(auditLog)
      .where(
        and(
          eq(auditLog.action, "permission.denied"),
          eq(auditLog.actorUserId, world.users.coordinator.id),
        ),
      );
    expect(
      refused.filter((row) => (row.details as Record<string, unknown>).referralId === id),
    ).toHaveLength(2);
  });
});
