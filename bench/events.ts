/**
 * Seat reservation benchmark: `npm run bench:events` (or `npx tsx bench/events.ts`).
 *
 * Creates a scratch PostgreSQL database, migrates it, posts one event with 50 seats and fires
 * 200 reservations at it at the same time: each is its own call of the domain function the page
 * uses (reserveSeats: one transaction that locks the event row), from 20 case workers of 10
 * jobcenters, over a pool of 20 connections. Reports the total time and the time per
 * reservation (p50, p99), and checks the outcome against the rows: exactly 50 confirmed and 150
 * on the waiting list, the counters on the event equal to the rows. Exits with code 1 otherwise.
 *
 * Baseline in the same run: the same 200 reservations, each for an event of its own, so that no
 * two wait for the same row lock. The difference is what queueing on one event costs.
 * Results go to bench/results/events-<timestamp>.json; the database is dropped at the end.
 *
 * Environment:
 *   BENCH_DATABASE_URL   PostgreSQL admin connection that may create databases (also
 *                        BENCH_PG_ADMIN_URL; default postgresql://postgres@127.0.0.1:5432/postgres)
 *   BENCH_RESERVATIONS   concurrent reservations (default 200)
 *   BENCH_SEATS          seats of the event (default 50)
 *   BENCH_POOL           connections in the pool (default 20)
 *   BENCH_KEEP_DB=1      keep the database afterwards (prints its URL)
 */
import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { getDb } from "~/db/client.server";
import { runMigrations } from "~/db/migrate.server";
import { eventReservations, events, users } from "~/db/schema";
import { reserveSeats } from "~/events/reservations.server";
import { createEventFor } from "~/demo/event-factories.server";
import { admitToNetwork, createNetwork, createOrganization } from "~/demo/factories.server";
import { integerFromEnv, machineSummary, runBenchmark, startRun } from "./harness";
import { createBenchDatabase } from "./app-database";
import { adminUrlFromEnv, redactUrl } from "./scratch-database";
import { stats } from "./server-timing";

const config = {
  adminUrl: adminUrlFromEnv(),
  databaseName: "portal_bench_events",
  reservations: integerFromEnv("BENCH_RESERVATIONS", 200),
  seats: integerFromEnv("BENCH_SEATS", 50),
  pool: integerFromEnv("BENCH_POOL", 20),
  organizations: 10,
  staffPerOrganization: 2,
  keep: process.env.BENCH_KEEP_DB === "1",
};

async function prepare() {
  const database = await createBenchDatabase(config.adminUrl, config.databaseName, {
    keep: config.keep,
    connections: config.pool,
  });
  await runMigrations(database.handle);

  const network = await createNetwork({ name: "Netzwerk Weimarer Land", region: "Apolda" });
  const employer = await createOrganization({ name: "Solar Nord GmbH", kind: "arbeitgeber" });
  await admitToNetwork(network.id, employer.id);
  const staff: { id: string; organizationId: string }[] = [];
  // Users are inserted directly: their passwords are never used, hashing them is not measured.
  for (let index = 1; index <= config.organizations; index += 1) {
    const jobcenter = await createOrganization({ name: `Jobcenter ${index}`, kind: "jobcenter" });
    await admitToNetwork(network.id, jobcenter.id);
    const rows = Array.from({ length: config.staffPerOrganization }, (_, member) => ({
      id: randomUUID(),
      organizationId: jobcenter.id,
      role: "staff" as const,
      email: `fachkraft-${index}-${member}@example.org`,
      name: `Fachkraft ${index}.${member}`,
      passwordHash: "unbenutzt",
    }));
    await getDb().insert(users).values(rows);
    staff.push(...rows);
  }
  const organiser = { id: randomUUID(), organizationId: employer.id };
  await getDb()
    .insert(users)
    .values({
      ...organiser,
      role: "employer_member",
      email: "personal@solar-nord.example.org",
      name: "Petra Sommer",
      passwordHash: "unbenutzt",
    });
  const eventId = await createEventFor(organiser, {
    networkId: network.id,
    title: "Speed-Dating Solarmontage",
    kind: "speed_dating",
    capacity: config.seats,
  });
  const separateEventIds: string[] = [];
  for (let index = 0; index < config.reservations; index += 1) {
    separateEventIds.push(
      await createEventFor(organiser, { networkId: network.id, title: `Inforunde ${index + 1}` }),
    );
  }
  return { eventId, separateEventIds, staff };
}

/** Fires all reservations at once; returns the total time, each one's time and the refusals. */
async function fireAtOnce(
  staff: { id: string; organizationId: string }[],
  eventIdFor: (index: number) => string,
) {
  const durations: number[] = [];
  const failures: string[] = [];
  const began = performance.now();
  await Promise.all(
    Array.from({ length: config.reservations }, async (_, index) => {
      const started = performance.now();
      const result = await reserveSeats(staff[index % staff.length]!, eventIdFor(index), [
        `Kunde ${index + 1}`,
      ]);
      durations.push(performance.now() - started);
      if (!result.ok) failures.push(result.message);
    }),
  );
  return { totalMs: performance.now() - began, perReservation: stats(durations), failures };
}

async function countRows(eventId: string) {
  const rows = await getDb()
    .select({ status: eventReservations.status, count: sql<number>`count(*)::int` })
    .from(eventReservations)
    .where(eq(eventReservations.eventId, eventId))
    .groupBy(eventReservations.status);
  const of = (status: string) => rows.find((row) => row.status === status)?.count ?? 0;
  const [counters] = await getDb()
    .select({ confirmed: events.confirmedSeats, waitlisted: events.waitlistedSeats })
    .from(events)
    .where(eq(events.id, eventId));
  return { confirmedRows: of("confirmed"), waitlistedRows: of("waitlisted"), ...counters! };
}

const ms = (value: number) => `${value.toFixed(1)} ms`;

async function main() {
  const run = startRun(
    `Veranstaltungs-Benchmark: ${config.reservations} gleichzeitige Reservierungen für ` +
      `${config.seats} Plätze, Pool ${config.pool} Verbindungen; ${machineSummary()}`,
  );
  const { eventId, separateEventIds, staff } = await prepare();

  // A running portal has its connections open: open all of them first, so that connection set-up
  // is not measured as reservation time.
  await Promise.all(
    Array.from({ length: config.pool }, () => getDb().execute(sql`select pg_sleep(0.05)`)),
  );

  const { totalMs, perReservation, failures } = await fireAtOnce(staff, () => eventId);
  const baseline = await fireAtOnce(staff, (index) => separateEventIds[index]!);
  const counts = await countRows(eventId);
  const expected = {
    confirmed: Math.min(config.seats, config.reservations),
    waitlisted: Math.max(0, config.reservations - config.seats),
  };
  const correct =
    failures.length === 0 &&
    baseline.failures.length === 0 &&
    counts.confirmedRows === expected.confirmed &&
    counts.waitlistedRows === expected.waitlisted &&
    counts.confirmed === counts.confirmedRows &&
    counts.waitlisted === counts.waitlistedRows;

  console.log(`\nGesamtzeit:         ${ms(totalMs)}`);
  console.log(
    `Je Reservierung:    p50 ${ms(perReservation.p50)}, p99 ${ms(perReservation.p99)}, ` +
      `max ${ms(perReservation.max)} (${perReservation.count} Aufrufe)`,
  );
  console.log(
    `Durchsatz:          ${((config.reservations / totalMs) * 1000).toFixed(0)} Reservierungen/s`,
  );
  console.log(
    `Ergebnis:           ${counts.confirmedRows} bestätigt, ${counts.waitlistedRows} auf der Warteliste ` +
      `(Zähler am Termin: ${counts.confirmed} / ${counts.waitlisted}; erwartet ${expected.confirmed} / ${expected.waitlisted})`,
  );
  if (failures.length > 0) console.log(`Abgelehnt:          ${failures.length} (${failures[0]})`);
  console.log(
    `\nVergleich (gleicher Lauf): ${config.reservations} Reservierungen auf ${config.reservations} ` +
      `verschiedene Termine, ohne gemeinsame Sperre`,
  );
  console.log(`Gesamtzeit:         ${ms(baseline.totalMs)}`);
  console.log(
    `Je Reservierung:    p50 ${ms(baseline.perReservation.p50)}, p99 ${ms(baseline.perReservation.p99)}`,
  );
  console.log(correct ? "✓ Kapazität eingehalten" : "✗ FALSCHES ERGEBNIS");

  await run.finish();
  const file = run.save("events", {
    config: { ...config, adminUrl: redactUrl(config.adminUrl) },
    totalMs,
    perReservation,
    baseline: { totalMs: baseline.totalMs, perReservation: baseline.perReservation },
    counts,
    expected,
    correct,
  });
  console.log(`\nErgebnisse: ${file}`);
  if (!correct) process.exitCode = 1;
}

runBenchmark(main);
