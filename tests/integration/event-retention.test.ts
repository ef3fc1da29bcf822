import { and, eq, inArray } from "drizzle-orm";
import { getDb } from "~/db/client.server";
import { auditLog, eventReservations } from "~/db/schema";
import { cancelEvent } from "~/events/events.server";
import { reserveSeats } from "~/events/reservations.server";
import {
  ERASED_PSEUDONYM,
  erasePastEventPseudonyms,
  PSEUDONYM_RETENTION_DAYS,
} from "~/events/retention.server";
import { createEventFor } from "~/demo/event-factories.server";
import { buildWorld } from "#tests/helpers/world";
import { builtBeforeAll } from "#tests/integration/world-steps";

const DAY_MS = 24 * 60 * 60 * 1000;

const world = builtBeforeAll(buildWorld);

/** An event that ended `daysAgo` days ago, with two reservations made before its deadline. */
async function pastEventWithReservations(daysAgo: number): Promise<string> {
  const endsAt = new Date(Date.now() - daysAgo * DAY_MS);
  const startsAt = new Date(endsAt.getTime() - 2 * 60 * 60 * 1000);
  const eventId = await createEventFor(world.users.employer, {
    networkId: world.networks.north.id,
    startsAt,
    endsAt,
    registrationDeadline: new Date(startsAt.getTime() - DAY_MS),
  });
  const beforeDeadline = new Date(startsAt.getTime() - 2 * DAY_MS);
  const reserved = await reserveSeats(
    world.users.staff,
    eventId,
    ["Kundin Linde", "M. K."],
    null,
    beforeDeadline,
  );
  expect(reserved.ok).toBe(true);
  return eventId;
}

const pseudonymsOf = async (eventId: string) =>
  (
    await getDb()
      .select({ pseudonym: eventReservations.pseudonym, status: eventReservations.status })
      .from(eventReservations)
      .where(eq(eventReservations.eventId, eventId))
  )
    .map((row) => `${row.pseudonym}/${row.status}`)
    .sort();

describe("pseudonyms of past events", () => {
  it(`are erased ${PSEUDONYM_RETENTION_DAYS} days after the event, once, keeping the seats' status`, async () => {
    const expired = await pastEventWithReservations(PSEUDONYM_RETENTION_DAYS + 1);
    const recent = await pastEventWithReservations(PSEUDONYM_RETENTION_DAYS - 1);

    expect(await erasePastEventPseudonyms()).toBeGreaterThanOrEqual(1);
    expect(await pseudonymsOf(expired)).toEqual([
      `${ERASED_PSEUDONYM}/confirmed`,
      `${ERASED_PSEUDONYM}/confirmed`,
    ]);
    expect(await pseudonymsOf(recent)).toEqual(["Kundin Linde/confirmed", "M. K./confirmed"]);

    // Nothing left to erase: a second run changes nothing and audits nothing.
    expect(await erasePastEventPseudonyms()).toBe(0);
    const audits = await getDb()
      .select({ targetId: auditLog.targetId, details: auditLog.details })
      .from(auditLog)
      .where(
        and(
          eq(auditLog.action, "event.pseudonyms_erased"),
          inArray(auditLog.targetId, [expired, recent]),
        ),
      );
    expect(audits).toEqual([
      {
        targetId: expired,
        details: { reservations: 2, retentionDays: PSEUDONYM_RETENTION_DAYS },
      },
    ]);
  });

  it(`count from the cancellation when an event was called off`, async () => {
    const startsAt = new Date(Date.now() + 30 * DAY_MS);
    const eventId = await createEventFor(world.users.employer, {
      networkId: world.networks.north.id,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 2 * 60 * 60 * 1000),
      registrationDeadline: new Date(startsAt.getTime() - DAY_MS),
    });
    const longAgo = new Date(Date.now() - (PSEUDONYM_RETENTION_DAYS + 1) * DAY_MS);
    expect((await reserveSeats(world.users.staff, eventId, ["Herr Birke"], null, longAgo)).ok).toBe(
      true,
    );
    expect(await cancelEvent(world.users.employer, eventId, null, longAgo)).toBe("cancelled");

    await erasePastEventPseudonyms();
    expect(await pseudonymsOf(eventId)).toEqual([`${ERASED_PSEUDONYM}/confirmed`]);
  });
});
