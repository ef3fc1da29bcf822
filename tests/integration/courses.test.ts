import { and, eq, inArray, lt } from "drizzle-orm";
import type { Server } from "socket.io";
import type { CourseInput } from "~/courses/course-form";
import { pledgeProblem, setPledge } from "~/courses/pledges.server";
import { settleExpiredCourses } from "~/courses/transitions.server";
import { getDb } from "~/db/client.server";
import { findById } from "~/db/find-by-id.server";
import { coursePledges, courses, mailOutbox, notifications, users } from "~/db/schema";
import { fromBerlinLocal } from "~/time/berlin";
import { setRealtimeServer, type CourseProgress } from "~/realtime/hub.server";
import * as coursePage from "~/routes/_app.massnahmen.$courseId";
import * as editCourse from "~/routes/_app.massnahmen.$courseId_.bearbeiten";
import * as pool from "~/routes/_app.massnahmen._index";
import * as newCourse from "~/routes/_app.massnahmen.neu";
import {
  afterDeadline,
  courseForm,
  courseInput,
  createBildungstraeger,
  createCourseFor,
  createPledgingOrganization,
} from "~/demo/course-factories.server";
import { berlinDateIn } from "~/demo/event-factories.server";
import { flashMessages } from "~/ui/flash-messages";
import { createLoginCookie } from "~/demo/factories.server";
import {
  buildRequest,
  callRoute,
  expectRejected,
  flashOf,
  feedbackOf,
} from "#tests/helpers/routes";
import { buildWorld } from "#tests/helpers/world";
import { auditCount } from "#tests/integration/audit-steps";
import { builtBeforeAll } from "#tests/integration/world-steps";

const world = builtBeforeAll(buildWorld);
let trainer: Awaited<ReturnType<typeof createBildungstraeger>>;
let trainerCookie: string;
/** A second and a third jobcenter in Nord, so that several organisations pledge. */
let second: Awaited<ReturnType<typeof createPledgingOrganization>>;
let third: Awaited<ReturnType<typeof createPledgingOrganization>>;

beforeAll(async () => {
  const north = world.networks.north.id;
  trainer = await createBildungstraeger(north);
  trainerCookie = (await createLoginCookie(trainer.staff.id)).cookie;
  second = await createPledgingOrganization(north, "Jobcenter Weimarer Land");
  third = await createPledgingOrganization(north, "Jobcenter Sömmerda");
});
afterEach(() => setRealtimeServer(undefined));

const newCourseFor = (overrides: Partial<CourseInput> = {}) =>
  createCourseFor(trainer.staff, { networkId: world.networks.north.id, ...overrides });

async function courseRow(id: string) {
  const row = await findById(
    courses,
    {
      status: courses.status,
      pledgedSeats: courses.pledgedSeats,
      confirmedAt: courses.confirmedAt,
      cancelledAt: courses.cancelledAt,
    },
    id,
  );
  return row!;
}

async function pledgeRows(courseId: string) {
  return getDb()
    .select({ organizationId: coursePledges.organizationId, seats: coursePledges.seats })
    .from(coursePledges)
    .where(eq(coursePledges.courseId, courseId));
}

/** The notifications with a message, per user id. */
async function notifiedUsers(message: string): Promise<string[]> {
  const rows = await getDb()
    .select({ userId: notifications.userId, link: notifications.link })
    .from(notifications)
    .where(eq(notifications.message, message));
  return rows.map((row) => row.userId).sort();
}

async function mailsWith(text: string) {
  const rows = await getDb()
    .select({ recipient: mailOutbox.recipient, subject: mailOutbox.subject, body: mailOutbox.body })
    .from(mailOutbox);
  return rows.filter((row) => row.body.includes(text));
}

async function membersOf(organizationIds: string[]) {
  return getDb()
    .select({ id: users.id, email: users.email, name: users.name, role: users.role })
    .from(users)
    .where(inArray(users.organizationId, organizationIds));
}

const confirmedText = (title: string) => `Die Maßnahme „${title}“ kommt zustande.`;
const cancelledText = (title: string) =>
  `Die Maßnahme „${title}“ findet nicht statt: Die Mindestteilnehmerzahl wurde bis zum Ende der Meldefrist nicht erreicht.`;

describe("offering a course", () => {
  it("rejects an incomplete form with German messages and keeps everything typed", async () => {
    const form = courseForm(world.networks.north.id, {
      title: "Lo",
      minParticipants: "25",
      maxParticipants: "20",
      pledgeDeadline: berlinDateIn(50),
      startDate: berlinDateIn(40),
      descriptionText: "Deutsch für die Pflege",
    });
    // No box ticked: the browser sends no admittedKinds at all.
    delete form.admittedKinds;
    const response = await callRoute(newCourse.action, "/massnahmen/neu", {
      cookie: trainerCookie,
      form,
    });
    expect(response.status).toBe(400);
    const body = (await feedbackOf(response)) as {
      errors: Record<string, string>;
      values: Record<string, string | string[]>;
    };
    // Rules between fields are checked along with the fields themselves: one submit, all problems.
    expect(body.errors).toEqual({
      title: "Bitte geben Sie einen Titel an (mindestens 3 Zeichen).",
      admittedKinds:
        "Bitte wählen Sie mindestens eine Art von Organisation, die Plätze zusagen kann.",
      minParticipants:
        "Die Mindestteilnehmerzahl darf nicht größer sein als die Höchstteilnehmerzahl.",
      pledgeDeadline: "Die Meldefrist muss vor dem Beginn der Maßnahme enden.",
    });
    expect(body.values).toMatchObject({
      title: "Lo",
      minParticipants: "25",
      descriptionText: "Deutsch für die Pflege",
      place: "Ritterstraße 7, 99510 Apolda",
    });
  });

  it.each([
    [
      { pledgeDeadline: berlinDateIn(-1) },
      "pledgeDeadline",
      "Die Meldefrist muss in der Zukunft liegen.",
    ],
    [
      { pledgeDeadline: "2026-02-30" },
      "pledgeDeadline",
      "Bitte geben Sie das Ende der Meldefrist als Datum an.",
    ],
    [
      { maxParticipants: "501" },
      "maxParticipants",
      "Bitte geben Sie die Höchstteilnehmerzahl als ganze Zahl von 1 bis 500 an.",
    ],
    [
      { minParticipants: "0" },
      "minParticipants",
      "Bitte geben Sie die Mindestteilnehmerzahl als ganze Zahl von 1 bis 500 an.",
    ],
    [{ descriptionText: "  " }, "description", "Bitte beschreiben Sie die Maßnahme im Textfeld."],
    [{ instrument: "bildungsgutschein" }, "instrument", "Bitte wählen Sie das Förderinstrument."],
  ])("rejects %o", async (overrides, field, message) => {
    const response = await callRoute(newCourse.action, "/massnahmen/neu", {
      cookie: trainerCookie,
      form: courseForm(world.networks.north.id, overrides),
    });
    expect(response.status).toBe(400);
    const body = (await feedbackOf(response)) as { errors: Record<string, string> };
    expect(body.errors).toEqual({ [field]: message });
  });

  it("does not offer a course in a network the Bildungsträger does not belong to", async () => {
    const response = await callRoute(newCourse.action, "/massnahmen/neu", {
      cookie: trainerCookie,
      form: courseForm(world.networks.south.id),
    });
    expect(response.status).toBe(400);
    expect((await feedbackOf(response)).errors).toEqual({
      networkId: "Bitte wählen Sie eines Ihrer Netzwerke.",
    });
  });

  it("creates the course with the deadline at the end of the Berlin day and several admitted kinds", async () => {
    const form = new URLSearchParams(courseForm(world.networks.north.id));
    form.append("admittedKinds", "schuldnerberatung");
    const request = buildRequest("/massnahmen/neu", { cookie: trainerCookie, form: {} });
    const response = await newCourse.action({
      request: new Request(request.url, { method: "POST", headers: request.headers, body: form }),
      params: {},
      context: {},
    });
    expect(response.status).toBe(302);
    const id = response.headers.get("location")!.replace("/massnahmen/", "");
    const row = await findById(
      courses,
      {
        pledgeDeadline: courses.pledgeDeadline,
        admittedKinds: courses.admittedKinds,
        organizationId: courses.organizationId,
        status: courses.status,
      },
      id,
    );
    // The whole Berlin day counts: the deadline is one millisecond before the next midnight.
    const nextMidnight = fromBerlinLocal(berlinDateIn(21), "00:00");
    expect(nextMidnight.ok && row!.pledgeDeadline.getTime()).toBe(
      nextMidnight.ok && nextMidnight.instant.getTime() - 1,
    );
    expect(row).toMatchObject({
      admittedKinds: ["jobcenter", "schuldnerberatung"],
      organizationId: trainer.organization.id,
      status: "open",
    });
    expect(await auditCount("course.created", id)).toBe(1);
  });

  it("lists the network's courses with their figures and the viewer's own pledge", async () => {
    const id = await newCourseFor({ title: "Pool-Liste Gabelstapler" });
    await setPledge(world.users.staff, id, 4, null);
    const response = await callRoute(pool.loader, "/massnahmen", { cookie: world.cookies.staff });
    const body = (await response.json()) as {
      courses: { id: string; pledgedSeats: number; ownPledge: number; organizationName: string }[];
    };
    expect(body.courses.find((course) => course.id === id)).toMatchObject({
      pledgedSeats: 4,
      ownPledge: 4,
      organizationName: "VHS Weimarer Land",
    });
    const south = await callRoute(pool.loader, "/massnahmen?anzeige=alle", {
      cookie: world.cookies.otherNetworkStaff,
    });
    expect(((await south.json()) as { courses: unknown[] }).courses).toEqual([]);
  });
});

describe("pledging seats", () => {
  it("sets the organisation's pledge to an absolute number, and 0 withdraws it", async () => {
    const id = await newCourseFor();
    expect(await setPledge(world.users.staff, id, 5, null)).toMatchObject({ ok: true });
    expect(await setPledge(world.users.orgAdmin, id, 3, null)).toMatchObject({
      ok: true,
      previous: 5,
    });
    expect((await courseRow(id)).pledgedSeats).toBe(3);
    expect(await pledgeRows(id)).toEqual([
      { organizationId: world.organizations.orgA.id, seats: 3 },
    ]);
    await setPledge(world.users.staff, id, 0, null);
    expect(await pledgeRows(id)).toEqual([]);
    expect((await courseRow(id)).pledgedSeats).toBe(0);
    expect(await auditCount("course.pledged", id)).toBe(3);
  });

  it("never exceeds the maximum and says how many seats are still free", async () => {
    const id = await newCourseFor({ minParticipants: 18, maxParticipants: 20 });
    await setPledge(world.users.staff, id, 14, null);
    expect(await setPledge(second.staff, id, 7, null)).toEqual({
      ok: false,
      message:
        "Es sind nur noch 6 Plätze frei – Ihre Organisation kann insgesamt höchstens 6 Plätze zusagen.",
    });
    expect(await setPledge(second.staff, id, 6, null)).toMatchObject({ ok: true });
    expect(await setPledge(third.staff, id, 1, null)).toEqual({
      ok: false,
      message:
        "Es sind keine Plätze mehr frei – Ihre Organisation kann höchstens 0 Plätze zusagen.",
    });
    // Own seats count as available for one's own new total.
    expect(await setPledge(world.users.staff, id, 15, null)).toMatchObject({ ok: false });
    expect(await setPledge(world.users.staff, id, 14, null)).toMatchObject({ ok: true });
    expect((await courseRow(id)).pledgedSeats).toBe(20);
  });

  it("takes no pledge after the deadline", async () => {
    const input = courseInput({ networkId: world.networks.north.id });
    const id = await newCourseFor(input);
    const result = await setPledge(world.users.staff, id, 2, null, { now: afterDeadline(input) });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(
      /^Die Meldefrist ist am \d{2}\.\d{2}\.\d{4} abgelaufen – Zusagen können nicht mehr geändert werden\.$/,
    );
    expect((await courseRow(id)).pledgedSeats).toBe(0);
  });

  it("answers a rejected pledge form with 400, the German message and the typed number", async () => {
    const id = await newCourseFor({ minParticipants: 2, maxParticipants: 3 });
    const post = (seats: string) =>
      callRoute(coursePage.action, `/massnahmen/${id}`, {
        cookie: world.cookies.staff,
        params: { courseId: id },
        form: { intent: "pledge", seats },
      });
    const typo = await post("zwei");
    await expectRejected(typo, {
      errors: { seats: "Bitte geben Sie die Zahl der Plätze als ganze Zahl von 0 bis 500 an." },
      values: { seats: "zwei" },
    });
    const tooMany = await post("4");
    await expectRejected(tooMany, {
      errors: {
        seats:
          "Es sind nur noch 3 Plätze frei – Ihre Organisation kann insgesamt höchstens 3 Plätze zusagen.",
      },
      values: { intent: "pledge", seats: "4" },
    });
    const fine = await post("1");
    expect(fine.status).toBe(302);
    expect(await flashOf(fine)).toBe(flashMessages.pledgeSaved);
  });

  it("tells open pages of the network the new figures, and nothing else", async () => {
    const emitted: { rooms: unknown; event: string; payload: unknown }[] = [];
    setRealtimeServer({
      to: (rooms: unknown) => ({
        emit: (event: string, payload: unknown) => emitted.push({ rooms, event, payload }),
      }),
    } as unknown as Server);
    const id = await newCourseFor({ minParticipants: 10, maxParticipants: 12 });
    await setPledge(world.users.staff, id, 4, null);
    const progress = emitted.filter((entry) => entry.event === "course:changed");
    const north = world.networks.north.id;
    expect(progress).toEqual([
      {
        rooms: [`network-staff:${north}`, `network-employers:${north}`],
        event: "course:changed",
        payload: {
          courseId: id,
          pledgedSeats: 4,
          minParticipants: 10,
          maxParticipants: 12,
          status: "open",
        } satisfies CourseProgress,
      },
    ]);
  });

  it("checks the rules without the database", () => {
    const open = {
      status: "open" as const,
      pledgeDeadline: new Date("2026-05-15T21:59:00Z"),
      minParticipants: 15,
      maxParticipants: 20,
      pledgedSeats: 12,
    };
    const before = new Date("2026-05-15T21:58:00Z");
    expect(pledgeProblem(open, 2, 0, before)).toBeNull();
    expect(pledgeProblem(open, 2, 10, before)).toBeNull();
    expect(pledgeProblem(open, 2, 11, before)).toMatch(/nur noch 8 Plätze frei/);
    expect(pledgeProblem(open, 2, 3, new Date("2026-05-15T21:59:01Z"))).toMatch(/15\.05\.2026/);
    expect(pledgeProblem({ ...open, status: "cancelled" }, 0, 1, before)).toBe(
      "Die Maßnahme wurde abgesagt – Zusagen sind nicht mehr möglich.",
    );
    const confirmed = { ...open, status: "confirmed" as const, pledgedSeats: 16 };
    expect(pledgeProblem(confirmed, 5, 4, before)).toBeNull();
    expect(pledgeProblem(confirmed, 5, 3, before)).toMatch(/nur bis auf 4 Plätze verringern/);
    // Raising is fine even in the rare case the total sits below the minimum.
    expect(pledgeProblem({ ...confirmed, pledgedSeats: 14 }, 5, 6, before)).toBeNull();
  });
});

describe("the course kommt zustande", () => {
  it("is confirmed exactly once and every pledging organisation and the Bildungsträger hear of it", async () => {
    const title = "Fachlagerist Apolda";
    const id = await newCourseFor({ title, minParticipants: 15, maxParticipants: 20 });
    await setPledge(world.users.staff, id, 8, null);
    expect((await courseRow(id)).status).toBe("open");
    await setPledge(second.staff, id, 7, null);
    const confirmed = await courseRow(id);
    expect(confirmed.status).toBe("confirmed");
    expect(confirmed.confirmedAt).toBeInstanceOf(Date);

    // More pledges and edits after the confirmation change nothing about it.
    await setPledge(third.staff, id, 2, null);
    await setPledge(world.users.staff, id, 9, null);

    const involved = [world.organizations.orgA.id, second.organization.id, trainer.organization.id];
    const members = await membersOf(involved);
    expect(await notifiedUsers(confirmedText(title))).toEqual(members.map((m) => m.id).sort());
    const [notification] = await getDb()
      .select({ link: notifications.link })
      .from(notifications)
      .where(eq(notifications.message, confirmedText(title)));
    expect(notification!.link).toBe(`/massnahmen/${id}`);

    const mails = await mailsWith(confirmedText(title));
    expect(mails.map((mail) => mail.recipient).sort()).toEqual(
      members.map((member) => member.email).sort(),
    );
    expect(await auditCount("course.confirmed", id)).toBe(1);
    for (const mail of mails) {
      expect(mail.subject).toBe("Eine Maßnahme kommt zustande");
      expect(mail.body).toContain(`http://localhost:`);
      expect(mail.body).toContain(`/massnahmen/${id}`);
      // Neutral text only: no person's name or address.
      for (const member of await membersOf([...involved, world.organizations.employerOrg.id])) {
        expect(mail.body).not.toContain(member.name);
        expect(mail.body).not.toContain(member.email);
      }
    }
  });

  it("limits reductions after the confirmation to the minimum", async () => {
    const id = await newCourseFor({ minParticipants: 15, maxParticipants: 20 });
    await setPledge(world.users.staff, id, 8, null);
    await setPledge(second.staff, id, 7, null);
    expect(await setPledge(world.users.staff, id, 7, null)).toEqual({
      ok: false,
      message:
        "Die Maßnahme kommt zustande, weil mindestens 15 Plätze zugesagt sind. Sie können Ihre Zusage deshalb nur bis auf 8 Plätze verringern.",
    });
    await setPledge(third.staff, id, 3, null);
    expect(await setPledge(world.users.staff, id, 5, null)).toMatchObject({ ok: true });
    expect(await setPledge(second.staff, id, 6, null)).toMatchObject({ ok: false });
    expect(await courseRow(id)).toMatchObject({ status: "confirmed", pledgedSeats: 15 });
  });

  it("is confirmed when the Bildungsträger lowers the minimum to the pledged seats", async () => {
    const title = "Schweißkurs Mindestzahl gesenkt";
    const id = await newCourseFor({ title, minParticipants: 12, maxParticipants: 16 });
    await setPledge(world.users.staff, id, 6, null);
    await setPledge(second.staff, id, 4, null);
    const edit = (overrides: Record<string, string>) =>
      callRoute(editCourse.action, `/massnahmen/${id}/bearbeiten`, {
        cookie: trainerCookie,
        params: { courseId: id },
        form: courseForm(world.networks.north.id, { title, ...overrides }),
      });

    const tooSmall = await edit({ minParticipants: "5", maxParticipants: "9" });
    await expectRejected(tooSmall, {
      errors: {
        maxParticipants:
          "Es sind bereits 10 Plätze zugesagt – die Höchstteilnehmerzahl kann nicht darunter liegen.",
      },
      values: { maxParticipants: "9", title },
    });
    expect((await courseRow(id)).status).toBe("open");

    const lowered = await edit({ minParticipants: "10", maxParticipants: "16" });
    expect(lowered.status).toBe(302);
    expect((await courseRow(id)).status).toBe("confirmed");
    expect(await auditCount("course.updated", id)).toBe(1);
    const members = await membersOf([
      world.organizations.orgA.id,
      second.organization.id,
      trainer.organization.id,
    ]);
    expect(await notifiedUsers(confirmedText(title))).toEqual(members.map((m) => m.id).sort());

    const raised = await edit({ minParticipants: "11", maxParticipants: "16" });
    await expectRejected(raised, {
      errors: {
        minParticipants:
          "Die Maßnahme kommt mit 10 Plätzen zustande – die Mindestteilnehmerzahl kann nicht mehr darüber angehoben werden.",
      },
    });
  });
});

describe("editing a course with pledges", () => {
  it("keeps every kind of organisation admitted that already pledged, and says why", async () => {
    const title = "Bewerbungstraining mit Agentur";
    const id = await newCourseFor({ title, admittedKinds: ["jobcenter", "agentur_fuer_arbeit"] });
    const agency = await createPledgingOrganization(
      world.networks.north.id,
      "Agentur für Arbeit Nordkreis",
      "agentur_fuer_arbeit",
    );
    expect((await setPledge(agency.staff, id, 2, null)).ok).toBe(true);

    const response = await callRoute(editCourse.action, `/massnahmen/${id}/bearbeiten`, {
      cookie: trainerCookie,
      params: { courseId: id },
      form: courseForm(world.networks.north.id, { title, admittedKinds: "jobcenter" }),
    });
    await expectRejected(response, {
      errors: {
        admittedKinds:
          "Es gibt schon Zusagen von Agentur für Arbeit. Diese Organisationsart muss zugelassen bleiben, damit sie ihre Zusage ändern kann.",
      },
    });
  });
});

describe("the deadline passes", () => {
  it("does nothing before the deadline", async () => {
    const input = courseInput({ networkId: world.networks.north.id, title: "Noch Zeit" });
    const id = await newCourseFor(input);
    await setPledge(world.users.staff, id, 3, null);
    const justBefore = new Date(input.pledgeDeadline.getTime() - 1000);
    await settleExpiredCourses(justBefore);
    expect((await courseRow(id)).status).toBe("open");
    expect(await notifiedUsers(cancelledText("Noch Zeit"))).toEqual([]);
  });

  it("cancels a course below the minimum exactly once, also when the job runs twice at a time", async () => {
    const title = "Maßnahme ohne genug Zusagen";
    const input = courseInput({ networkId: world.networks.north.id, title });
    const id = await newCourseFor(input);
    await setPledge(world.users.staff, id, 3, null);
    await setPledge(second.staff, id, 2, null);
    await setPledge(third.staff, id, 1, null);
    await setPledge(third.staff, id, 0, null);
    const later = afterDeadline(input);
    // Courses of other tests fall due too: every one of them must be settled exactly once.
    const due = await getDb()
      .select({ id: courses.id })
      .from(courses)
      .where(and(eq(courses.status, "open"), lt(courses.pledgeDeadline, later)));
    expect(due.map((course) => course.id)).toContain(id);

    const runs = [
      ...(await Promise.all([settleExpiredCourses(later), settleExpiredCourses(later)])),
      await settleExpiredCourses(later),
      await settleExpiredCourses(afterDeadline(input, 2)),
    ];
    expect(runs.reduce((sum, run) => sum + run.cancelled + run.confirmed, 0)).toBe(due.length);
    expect(runs.slice(2)).toEqual([
      { confirmed: 0, cancelled: 0 },
      { confirmed: 0, cancelled: 0 },
    ]);
    const row = await courseRow(id);
    expect(row.status).toBe("cancelled");
    expect(row.cancelledAt!.getTime()).toBe(later.getTime());

    // Those who pledged (and still do) and the Bildungsträger; the withdrawn one is not involved.
    const involved = [world.organizations.orgA.id, second.organization.id, trainer.organization.id];
    const members = await membersOf(involved);
    expect(await notifiedUsers(cancelledText(title))).toEqual(members.map((m) => m.id).sort());
    const mails = await mailsWith(cancelledText(title));
    expect(mails.map((mail) => mail.recipient).sort()).toEqual(members.map((m) => m.email).sort());
    expect(mails.every((mail) => mail.subject === "Eine Maßnahme findet nicht statt")).toBe(true);
    expect(await auditCount("course.cancelled", id)).toBe(1);

    expect(await setPledge(world.users.staff, id, 4, null)).toEqual({
      ok: false,
      message: "Die Maßnahme wurde abgesagt – Zusagen sind nicht mehr möglich.",
    });
    const page = await callRoute(coursePage.loader, `/massnahmen/${id}`, {
      cookie: world.cookies.staff,
      params: { courseId: id },
    });
    expect(await page.json()).toMatchObject({
      course: { status: "cancelled" },
      may: { pledge: false, edit: false },
    });
  });

  it("confirms an open course that reached its minimum by the deadline", async () => {
    const title = "Nachzügler zur Frist";
    const input = courseInput({ networkId: world.networks.north.id, title, minParticipants: 5 });
    const id = await newCourseFor(input);
    await setPledge(world.users.staff, id, 3, null);
    // Such a course cannot arise through the portal; it stands for one the pledge left behind.
    await getDb().update(courses).set({ minParticipants: 3 }).where(eq(courses.id, id));
    const result = await settleExpiredCourses(afterDeadline(input));
    expect(result.confirmed).toBeGreaterThanOrEqual(1);
    expect((await courseRow(id)).status).toBe("confirmed");
    const members = await membersOf([world.organizations.orgA.id, trainer.organization.id]);
    expect(await notifiedUsers(confirmedText(title))).toEqual(members.map((m) => m.id).sort());
  });
});
