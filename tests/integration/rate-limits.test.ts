import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { createClient } from "redis";
import type { ActionFunction } from "@remix-run/node";
import * as coursePage from "~/routes/_app.massnahmen.$courseId";
import * as editCourse from "~/routes/_app.massnahmen.$courseId_.bearbeiten";
import * as members from "~/routes/_app.organisation_.mitglieder";
import * as network from "~/routes/_app.netzwerke.$networkId";
import * as referralPage from "~/routes/_app.uebergaben.$referralId";
import * as newReferral from "~/routes/_app.uebergaben.neu";
import * as eventPage from "~/routes/_app.veranstaltungen.$eventId";
import * as editEvent from "~/routes/_app.veranstaltungen.$eventId_.bearbeiten";
import {
  createBildungstraeger,
  createCourseFor,
  createPledgingOrganization,
} from "~/demo/course-factories.server";
import { createEventFor, reserveFor } from "~/demo/event-factories.server";
import { createLoginCookie, createOrganization, createUser } from "~/demo/factories.server";
import { createReferral, createService } from "~/demo/referral-factories.server";
import { configureRateLimits, consume, mailLimitReached } from "~/rate-limits.server";
import { runInRequestScope } from "~/request-context.server";
import { reservationOf } from "#tests/helpers/event-records";
import { buildRequest, callRoute, feedbackOf, TEST_IP } from "#tests/helpers/routes";
import { RedisProcess, freePort, hasRedisServer } from "#tests/helpers/server-processes";
import { buildWorld } from "#tests/helpers/world";
import { builtBeforeAll } from "#tests/integration/world-steps";

/**
 * Requests that make the portal send mail are limited per person and per client address
 * (~/rate-limits.server.ts): tightly where a person types the address (invitations), generously
 * where the mail tells members of a change. The limits outlive a Redis restart.
 */

const world = builtBeforeAll(buildWorld);

async function newAdmin() {
  const organization = await createOrganization({ kind: "schuldnerberatung" });
  const admin = await createUser({ organizationId: organization.id, role: "org_admin" });
  return { admin, cookie: (await createLoginCookie(admin.id)).cookie };
}

let sent = 0;
/** The invitation form of the members page, sent from a client address. */
function invite(cookie: string, { ip = TEST_IP, email = `person-${++sent}@example.org` } = {}) {
  const request = buildRequest("/organisation/mitglieder", {
    cookie,
    form: { intent: "invite", email, role: "staff" },
  });
  return runInRequestScope({ clientIp: ip }, () =>
    members.action({ request, params: {}, context: {} }),
  );
}

const retry = String.raw`Bitte versuchen Sie es in \d+ Minuten? erneut\.$`;
const tooManyInvitations = new RegExp(
  String.raw`^Es wurden in kurzer Zeit zu viele Einladungen verschickt\. ${retry}`,
);
const tooManyChanges = new RegExp(
  String.raw`^Es wurden in kurzer Zeit zu viele Änderungen gespeichert, die E-Mails verschicken\. ${retry}`,
);

async function expectRefusedInGerman(
  response: Response,
  typed: Record<string, string>,
  message = tooManyInvitations,
) {
  expect(response.status).toBe(429);
  const feedback = await feedbackOf(response);
  expect(feedback.errors.form).toMatch(message);
  expect(feedback.values).toMatchObject(typed);
}

describe("Einladungen sind begrenzt", () => {
  it("refuses a person's 31st invitation within an hour in German and keeps the input; a colleague still invites", async () => {
    const { cookie } = await newAdmin();
    for (let i = 0; i < 30; i++) expect((await invite(cookie)).status).toBe(302);
    const refused = await invite(cookie, { email: "eine.mehr@example.org" });
    await expectRefusedInGerman(refused, { email: "eine.mehr@example.org", role: "staff" });

    const colleague = await newAdmin();
    expect((await invite(colleague.cookie)).status).toBe(302);
  });

  it("refuses the 101st invitation from one address within an hour; other addresses go on", async () => {
    const ip = "198.51.100.30";
    for (let admin = 0; admin < 4; admin++) {
      const { cookie } = await newAdmin();
      for (let i = 0; i < 25; i++) expect((await invite(cookie, { ip })).status).toBe(302);
    }
    const { cookie } = await newAdmin();
    await expectRefusedInGerman(await invite(cookie, { ip, email: "vom.amt@example.org" }), {
      email: "vom.amt@example.org",
    });
    expect((await invite(cookie, { ip: "192.0.2.30" })).status).toBe(302);
  });

  it("counts the coordinator's new organisation with its invited admin as an invitation", async () => {
    const networkId = world.networks.north.id;
    const form = {
      intent: "create",
      name: "Stadtteilzentrum Nord",
      kind: "sonstige",
      city: "",
      adminEmail: "leitung@example.org",
    };
    const request = buildRequest(`/netzwerke/${networkId}`, {
      cookie: world.cookies.coordinator,
      form,
    });
    for (let i = 0; i < 30; i++) await consume("invitationsByUser", world.users.coordinator.id);
    const response = await runInRequestScope({ clientIp: TEST_IP }, () =>
      network.action({ request, params: { networkId }, context: {} }),
    );
    await expectRefusedInGerman(response, { name: form.name, adminEmail: form.adminEmail });
  });
});

describe("Änderungen, die E-Mails verschicken, sind begrenzt", () => {
  it("refuses a person's 101st such change within an hour in German and keeps the input; a colleague goes on", async () => {
    const north = world.networks.north.id;
    const trainer = await createBildungstraeger(north, "VHS Nord");
    const courseId = await createCourseFor(trainer.staff, { networkId: north });
    const [person, colleague] = await Promise.all(
      ["Jobcenter Weimarer Land", "Jobcenter Sömmerda"].map(async (name) => {
        const { staff } = await createPledgingOrganization(north, name);
        return (await createLoginCookie(staff.id)).cookie;
      }),
    );
    const pledge = (cookie: string, seats: string) =>
      callRoute(coursePage.action, `/massnahmen/${courseId}`, {
        cookie,
        params: { courseId },
        form: { intent: "pledge", seats },
      });
    for (let i = 0; i < 100; i++) {
      expect((await pledge(person!, String((i % 2) + 1))).status).toBe(302);
    }
    await expectRefusedInGerman(await pledge(person!, "3"), { seats: "3" }, tooManyChanges);
    expect((await pledge(colleague!, "1")).status).toBe(302);
  });

  it("refuses the 2001st such change from one address within an hour; other addresses go on", async () => {
    const ip = "198.51.100.40";
    const changes = Array.from({ length: 2000 }, (_, i) =>
      mailLimitReached("notifyingChanges", `person-${i}`, ip),
    );
    expect((await Promise.all(changes)).every((refusal) => refusal === null)).toBe(true);
    expect(await mailLimitReached("notifyingChanges", "person-2000", ip)).toMatch(tooManyChanges);
    expect(await mailLimitReached("notifyingChanges", "person-2000", "192.0.2.40")).toBeNull();
  });

  it("is checked by every action that may send such a mail", async () => {
    const north = world.networks.north.id;
    const { staff, otherOrgAdmin } = world.users;
    const trainer = await createBildungstraeger(north);
    const trainerCookie = (await createLoginCookie(trainer.staff.id)).cookie;
    const service = await createService({
      organizationId: world.organizations.orgB.id,
      acceptsReferrals: true,
    });
    const referralId = await createReferral({
      sender: staff,
      serviceId: service.id,
      receiverOrganizationId: world.organizations.orgB.id,
    });
    const courseId = await createCourseFor(trainer.staff, { networkId: north });
    const eventId = await createEventFor(staff, { networkId: north });
    await reserveFor(otherOrgAdmin, eventId, ["A. B."]);
    const reservation = await reservationOf(eventId, "A. B.");
    for (const person of [staff, otherOrgAdmin, trainer.staff]) {
      for (let i = 0; i < 100; i++) await consume("notifyingChangesByUser", person.id);
    }

    const actions: {
      name: string;
      handler: ActionFunction;
      path: string;
      params?: Record<string, string>;
      cookie: string | undefined;
      form: Record<string, string>;
    }[] = [
      {
        name: "eine Übergabe senden",
        handler: newReferral.action,
        path: "/uebergaben/neu",
        cookie: world.cookies.staff,
        form: { intent: "send", pseudonym: "M. K." },
      },
      {
        name: "eine Übergabe annehmen",
        handler: referralPage.action,
        path: `/uebergaben/${referralId}`,
        params: { referralId },
        cookie: (await createLoginCookie(otherOrgAdmin.id)).cookie,
        form: { intent: "accept", note: "Termin folgt" },
      },
      {
        name: "eine Veranstaltung ändern",
        handler: editEvent.action,
        path: `/veranstaltungen/${eventId}/bearbeiten`,
        params: { eventId },
        cookie: world.cookies.staff,
        form: { title: "Inforunde verschoben" },
      },
      {
        name: "eine Veranstaltung absagen",
        handler: eventPage.action,
        path: `/veranstaltungen/${eventId}`,
        params: { eventId },
        cookie: world.cookies.staff,
        form: { intent: "cancelEvent" },
      },
      {
        name: "eine Reservierung zurückgeben",
        handler: eventPage.action,
        path: `/veranstaltungen/${eventId}`,
        params: { eventId },
        cookie: (await createLoginCookie(otherOrgAdmin.id)).cookie,
        form: { intent: "cancelReservation", reservationId: reservation.id },
      },
      {
        name: "eine Maßnahme ändern",
        handler: editCourse.action,
        path: `/massnahmen/${courseId}/bearbeiten`,
        params: { courseId },
        cookie: trainerCookie,
        form: { title: "Schweißkurs" },
      },
      {
        name: "Plätze in einer Maßnahme zusagen",
        handler: coursePage.action,
        path: `/massnahmen/${courseId}`,
        params: { courseId },
        cookie: world.cookies.staff,
        form: { intent: "pledge", seats: "2" },
      },
    ];
    for (const { name, handler, form, ...request } of actions) {
      const response = await callRoute(handler, request.path, { ...request, form });
      expect(response.status, name).toBe(429);
      const { intent: _intent, ...typed } = form;
      await expectRefusedInGerman(response, typed, tooManyChanges);
    }
  });
});

describe.skipIf(!hasRedisServer())("Ratenbegrenzung bei einem Redis-Neustart", () => {
  let workDir: string;
  let redis: RedisProcess;

  beforeAll(async () => {
    workDir = mkdtempSync(path.join(tmpdir(), "portal-rate-limits-"));
    redis = new RedisProcess(await freePort(), workDir, path.join(workDir, "redis.log"));
  });

  afterAll(async () => {
    await configureRateLimits({
      redisUrl: process.env.REDIS_URL,
      keyPrefix: `rl-test-${randomBytes(6).toString("hex")}`,
    });
    await redis.stop();
    rmSync(workDir, { recursive: true, force: true });
  });

  it("counts in memory while Redis is away and in Redis once it is back, without failing a request", async () => {
    const keyPrefix = `rl-restart-${randomBytes(4).toString("hex")}`;
    await configureRateLimits({ redisUrl: redis.url, keyPrefix });
    const countedInRedis = async (key: string) => {
      const client = createClient({ url: redis.url });
      await client.connect();
      try {
        return await client.get(`${keyPrefix}:invitationsByUser:${key}`);
      } finally {
        await client.quit();
      }
    };
    let person = 0;
    /** One invitation by someone new, then whether Redis holds its count. */
    const sharedThroughRedis = async () => {
      const key = `person-${++person}`;
      expect(await consume("invitationsByUser", key)).toBeNull();
      return (await countedInRedis(key)) !== null;
    };

    // Redis is not there yet: the instance counts on its own, and still refuses the 31st.
    for (let i = 0; i < 30; i++) expect(await consume("invitationsByUser", "anna")).toBeNull();
    expect(await consume("invitationsByUser", "anna")).toBeGreaterThan(0);

    await redis.start();
    await expect.poll(() => sharedThroughRedis(), { timeout: 10_000 }).toBe(true);

    // A restart: requests during it are answered from memory, none fails or waits for Redis.
    await redis.stop();
    const stopped = Date.now();
    for (let i = 0; i < 5; i++) expect(await consume("invitationsByUser", "cem")).toBeNull();
    expect(Date.now() - stopped).toBeLessThan(1_000);
    await redis.start();
    await expect.poll(() => sharedThroughRedis(), { timeout: 10_000 }).toBe(true);
  });
});
