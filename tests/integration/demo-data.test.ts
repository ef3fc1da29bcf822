import { asc, eq } from "drizzle-orm";
import { getDb } from "~/db/client.server";
import { courses, events } from "~/db/schema";
import { seedDemoData } from "~/demo/demo-data.server";

/** `npm start` seeds this on a fresh database: it must go through every domain rule unrefused. */
describe("Die Demodaten", () => {
  beforeAll(async () => {
    await seedDemoData();
  }, 60_000);

  it("bring Veranstaltungen mit belegten Plätzen, einer vollen Warteliste und Ergebnissen", async () => {
    const rows = await getDb()
      .select({
        title: events.title,
        capacity: events.capacity,
        confirmed: events.confirmedSeats,
        waitlisted: events.waitlistedSeats,
        hires: events.hires,
      })
      .from(events)
      .orderBy(asc(events.startsAt));
    expect(rows).toHaveLength(5);
    const byTitle = new Map(rows.map((row) => [row.title, row]));
    expect(
      byTitle.get("Montagehelfer in der Solarbranche – Informationsveranstaltung"),
    ).toMatchObject({ capacity: 25, confirmed: 4, waitlisted: 0 });
    expect(byTitle.get("Speed-Dating mit Handwerksbetrieben")).toMatchObject({
      capacity: 4,
      confirmed: 4,
      waitlisted: 1,
    });
    expect(byTitle.get("Praktikumsbörse Solar und Elektro")?.hires).toBe(2);
  });

  it("bring eine offene und eine zustande gekommene Maßnahme", async () => {
    const rows = await getDb()
      .select({ status: courses.status, pledged: courses.pledgedSeats })
      .from(courses)
      .where(eq(courses.title, "Berufssprachkurs B1 mit Lagerlogistik"))
      .union(
        getDb()
          .select({ status: courses.status, pledged: courses.pledgedSeats })
          .from(courses)
          .where(eq(courses.title, "JOB-TURBO Aktivierung mit Betriebspraktikum")),
      );
    expect(rows).toEqual(
      expect.arrayContaining([
        { status: "open", pledged: 8 },
        { status: "confirmed", pledged: 10 },
      ]),
    );
  });
});
