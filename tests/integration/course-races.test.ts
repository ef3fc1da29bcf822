import { and, eq } from "drizzle-orm";
import { setPledge, type PledgeResult } from "~/courses/pledges.server";
import { settleExpiredCourses } from "~/courses/transitions.server";
import { getDb } from "~/db/client.server";
import { coursePledges, courses, notifications } from "~/db/schema";
import { endOfBerlinDay } from "~/time/berlin";
import {
  createBildungstraeger,
  createCourseFor,
  createPledgingOrganization,
} from "~/demo/course-factories.server";
import { berlinDateIn } from "~/demo/event-factories.server";
import { createNetwork } from "~/demo/factories.server";
import { auditCount } from "#tests/integration/audit-steps";

/**
 * Pledges race for the last seats of a course: on PostgreSQL, with real concurrent
 * transactions (PGlite runs one statement at a time, so it could not show a lost update).
 */
describe.skipIf(!process.env.DATABASE_URL)("Zusagen gleichzeitig auf PostgreSQL", () => {
  let networkId: string;
  let trainer: Awaited<ReturnType<typeof createBildungstraeger>>;
  let jobcenters: Awaited<ReturnType<typeof createPledgingOrganization>>[];

  beforeAll(async () => {
    networkId = (await createNetwork({ name: "Netzwerk Weimarer Land" })).id;
    trainer = await createBildungstraeger(networkId);
    jobcenters = [];
    for (let index = 1; index <= 30; index += 1) {
      jobcenters.push(await createPledgingOrganization(networkId, `Jobcenter ${index}`));
    }
  });

  async function figures(courseId: string) {
    const [course] = await getDb()
      .select({ pledgedSeats: courses.pledgedSeats, status: courses.status })
      .from(courses)
      .where(eq(courses.id, courseId));
    const rows = await getDb()
      .select({ seats: coursePledges.seats })
      .from(coursePledges)
      .where(eq(coursePledges.courseId, courseId));
    return { ...course!, sumOfRows: rows.reduce((sum, row) => sum + row.seats, 0) };
  }

  const failures = (results: PledgeResult[]) =>
    results.flatMap((result) => (result.ok ? [] : [result.message]));

  it("30 jobcenters pledging at once never exceed the maximum and confirm exactly once", async () => {
    const title = "Umschulung Lagerlogistik – Wettlauf";
    const id = await createCourseFor(trainer.staff, {
      networkId,
      title,
      minParticipants: 15,
      maxParticipants: 20,
    });
    const wanted = jobcenters.map((_, index) => 1 + (index % 3));
    const results = await Promise.all(
      jobcenters.map((jobcenter, index) => setPledge(jobcenter.staff, id, wanted[index]!, null)),
    );

    const after = await figures(id);
    expect(after.pledgedSeats).toBeLessThanOrEqual(20);
    // A pledge is only refused when fewer seats are free than it asks for (at most 3).
    expect(after.pledgedSeats).toBeGreaterThanOrEqual(18);
    expect(after.sumOfRows).toBe(after.pledgedSeats);
    const accepted = results.reduce(
      (sum, result, index) => sum + (result.ok ? wanted[index]! : 0),
      0,
    );
    expect(accepted).toBe(after.pledgedSeats);
    expect(failures(results).length).toBeGreaterThan(0);
    for (const message of failures(results)) expect(message).toMatch(/frei/);

    expect(after.status).toBe("confirmed");
    expect(await auditCount("course.confirmed", id)).toBe(1);
    const message = `Die Maßnahme „${title}“ kommt zustande.`;
    const trainerNotes = await getDb()
      .select({ id: notifications.id })
      .from(notifications)
      .where(and(eq(notifications.userId, trainer.staff.id), eq(notifications.message, message)));
    expect(trainerNotes).toHaveLength(1);
    // Every organisation that had pledged when it was confirmed heard of it once, no one twice.
    const perUser = await getDb()
      .select({ userId: notifications.userId })
      .from(notifications)
      .where(eq(notifications.message, message));
    const userIds = perUser.map((row) => row.userId);
    expect(new Set(userIds).size).toBe(userIds.length);
    expect(userIds.length).toBeGreaterThanOrEqual(2);
  });

  it("concurrent reductions and increases keep the total within minimum and maximum", async () => {
    const id = await createCourseFor(trainer.staff, {
      networkId,
      minParticipants: 10,
      maxParticipants: 20,
    });
    const pledging = jobcenters.slice(0, 10);
    for (const jobcenter of pledging) await setPledge(jobcenter.staff, id, 2, null);
    expect(await figures(id)).toMatchObject({ pledgedSeats: 20, status: "confirmed" });

    // Five try to withdraw (the minimum lets them go down by 10 seats together), five want more.
    const targets = pledging.map((_, index) => (index % 2 === 0 ? 0 : 4));
    const results = await Promise.all(
      pledging.map((jobcenter, index) => setPledge(jobcenter.staff, id, targets[index]!, null)),
    );
    const after = await figures(id);
    expect(after.sumOfRows).toBe(after.pledgedSeats);
    expect(after.pledgedSeats).toBeGreaterThanOrEqual(10);
    expect(after.pledgedSeats).toBeLessThanOrEqual(20);
    const change = results.reduce(
      (sum, result, index) => sum + (result.ok ? targets[index]! - 2 : 0),
      0,
    );
    expect(after.pledgedSeats).toBe(20 + change);
    for (const message of failures(results)) expect(message).toMatch(/frei|verringert/);
  });

  it("pledges racing the deadline job end in exactly one transition", async () => {
    const deadline = endOfBerlinDay(berlinDateIn(5));
    if (!deadline.ok) throw new Error("deadline");
    const id = await createCourseFor(trainer.staff, {
      networkId,
      minParticipants: 15,
      maxParticipants: 30,
      pledgeDeadline: deadline.instant,
    });
    const justBefore = new Date(deadline.instant.getTime() - 1000);
    const justAfter = new Date(deadline.instant.getTime() + 60_000);
    await Promise.all([
      ...jobcenters
        .slice(0, 15)
        .map((jobcenter) => setPledge(jobcenter.staff, id, 1, null, { now: justBefore })),
      settleExpiredCourses(justAfter),
      settleExpiredCourses(justAfter),
    ]);
    await settleExpiredCourses(justAfter);

    const after = await figures(id);
    expect(after.sumOfRows).toBe(after.pledgedSeats);
    const transitions =
      (await auditCount("course.confirmed", id)) + (await auditCount("course.cancelled", id));
    expect(transitions).toBe(1);
    if (after.status === "cancelled") expect(after.pledgedSeats).toBeLessThan(15);
    else expect(after).toMatchObject({ status: "confirmed", pledgedSeats: 15 });
  });
});
