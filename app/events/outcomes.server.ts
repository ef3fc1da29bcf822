import { and, asc, eq, ne } from "drizzle-orm";
import { getDb } from "~/db/client.server";
import { inUnitOfWork } from "~/db/unit-of-work.server";
import { eventOutcomesByOrganization, eventReservations, events, organizations } from "~/db/schema";
import { recordEventAudit } from "./audit.server";
import { lockEvent } from "./reservations.server";
import type { OutcomeInput } from "./outcome-form";
import { outcomeTexts as texts } from "./texts";

/**
 * What came of an event, recorded by the organiser afterwards: counts only, never people. The
 * form and its rules are in ./outcome-form.ts.
 */

/** Organisations with a seat or waiting-list place: the rows the organiser may fill in. */
export function reservingOrganizations(eventId: string) {
  return getDb()
    .selectDistinct({ id: organizations.id, name: organizations.name })
    .from(eventReservations)
    .innerJoin(organizations, eq(organizations.id, eventReservations.organizationId))
    .where(and(eq(eventReservations.eventId, eventId), ne(eventReservations.status, "cancelled")))
    .orderBy(asc(organizations.name), asc(organizations.id));
}

/**
 * The organisations outcomes can be recorded for: those that reserved, and those whose rows were
 * recorded before their reservations were cancelled.
 */
export function outcomeOrganizations(
  reserving: { id: string; name: string }[],
  recorded: { organizationId: string; organizationName: string }[],
): { id: string; name: string }[] {
  return [
    ...reserving,
    ...recorded
      .filter((row) => !reserving.some((organization) => organization.id === row.organizationId))
      .map((row) => ({ id: row.organizationId, name: row.organizationName })),
  ];
}

/** The recorded rows per organisation, with names, for the organiser's page. */
export function outcomesByOrganization(eventId: string) {
  return getDb()
    .select({
      organizationId: eventOutcomesByOrganization.organizationId,
      organizationName: organizations.name,
      attended: eventOutcomesByOrganization.attended,
      interviews: eventOutcomesByOrganization.interviews,
      internships: eventOutcomesByOrganization.internships,
      hires: eventOutcomesByOrganization.hires,
    })
    .from(eventOutcomesByOrganization)
    .innerJoin(organizations, eq(organizations.id, eventOutcomesByOrganization.organizationId))
    .where(eq(eventOutcomesByOrganization.eventId, eventId))
    .orderBy(asc(organizations.name));
}

/**
 * Records (or corrects) the outcomes: totals on the event, the rows per organisation replaced
 * as a whole. Only once the event has begun.
 */
export async function recordOutcomes(
  actor: { id: string; organizationId: string },
  eventId: string,
  input: OutcomeInput,
  ip: string | null = null,
  now = new Date(),
): Promise<{ ok: true } | { ok: false; message: string }> {
  return inUnitOfWork(async ({ tx }) => {
    const event = await lockEvent(tx, eventId);
    if (!event || event.startsAt > now) return { ok: false as const, message: texts.notStarted };
    if (event.cancelledAt) return { ok: false as const, message: texts.eventCancelled };
    await tx
      .update(events)
      .set({ ...input.totals, outcomesRecordedAt: now, updatedAt: now })
      .where(eq(events.id, eventId));
    await tx
      .delete(eventOutcomesByOrganization)
      .where(eq(eventOutcomesByOrganization.eventId, eventId));
    if (input.byOrganization.length > 0) {
      await tx
        .insert(eventOutcomesByOrganization)
        .values(input.byOrganization.map((row) => ({ ...row, eventId })));
    }
    await recordEventAudit(tx, {
      action: "event.outcomes_recorded",
      actor,
      ip,
      targetId: eventId,
      networkId: event.networkId,
      details: { ...input.totals, organizations: input.byOrganization.length },
    });
    return { ok: true as const };
  });
}
