import { eq } from "drizzle-orm";
import { getDb } from "~/db/client.server";
import { eventReservations } from "~/db/schema";
import * as eventThread from "~/routes/_app.diskussionen.zu.veranstaltung.$eventId";
import * as eventPage from "~/routes/_app.veranstaltungen.$eventId";
import * as editPage from "~/routes/_app.veranstaltungen.$eventId_.bearbeiten";
import * as newPage from "~/routes/_app.veranstaltungen.neu";
import { createEventFor, reserveFor } from "~/demo/event-factories.server";
import {
  fixedRow,
  describeMatrix,
  inNorth,
  networkMembers,
  type MatrixRow,
  type Outcome,
} from "#tests/helpers/matrix";
import { buildWorld, personaNames, type PersonaName, type World } from "#tests/helpers/world";

/**
 * The event pages against every persona (see #tests/helpers/matrix). The event belongs to
 * Nord and is organised by employer E; jobcenter A (coordinator, orgAdmin, staff) and the
 * Schuldnerberatung B (otherOrgAdmin) act for clients; Süd and the operator may not learn it
 * exists.
 */

const actsForClients: Partial<Record<PersonaName, Outcome>> = {
  coordinator: "ok",
  orgAdmin: "ok",
  staff: "ok",
  otherOrgAdmin: "ok",
};

async function freshEvent(world: World, options: { started?: boolean } = {}) {
  const startsAt = options.started
    ? new Date(Date.now() - 60 * 60 * 1000)
    : new Date(Date.now() + 14 * 24 * 60 * 60 * 1000);
  return createEventFor(world.users.employer, {
    networkId: world.networks.north.id,
    startsAt,
    endsAt: new Date(startsAt.getTime() + 2 * 60 * 60 * 1000),
    registrationDeadline: new Date(startsAt.getTime() - 24 * 60 * 60 * 1000),
  });
}

const onEvent = (eventId: string, form?: Record<string, string>, suffix = "") => ({
  path: `/veranstaltungen/${eventId}${suffix}`,
  params: { eventId },
  form,
});

const rows: MatrixRow<World, PersonaName>[] = [
  fixedRow("GET /veranstaltungen/neu", newPage.loader, networkMembers("ok")),
  fixedRow("POST /veranstaltungen/neu (unvollständig)", newPage.action, networkMembers(400), {
    path: "/veranstaltungen/neu",
    form: { title: "Inforunde" },
  }),
  {
    route: "GET /veranstaltungen/:id",
    handler: eventPage.loader,
    prepare: async (world) => onEvent(await freshEvent(world)),
    expect: inNorth("ok"),
  },
  {
    route: "GET /veranstaltungen/:id/bearbeiten",
    handler: editPage.loader,
    prepare: async (world) => onEvent(await freshEvent(world), undefined, "/bearbeiten"),
    expect: inNorth(403, { employer: "ok", employerAdmin: "ok" }),
  },
  {
    route: "POST /veranstaltungen/:id/bearbeiten (unvollständig)",
    handler: editPage.action,
    prepare: async (world) =>
      onEvent(await freshEvent(world), { title: "Inforunde" }, "/bearbeiten"),
    expect: inNorth(403, { employer: 400, employerAdmin: 400 }),
  },
  {
    route: "POST /veranstaltungen/:id reserve",
    handler: eventPage.action,
    prepare: async (world) =>
      onEvent(await freshEvent(world), { intent: "reserve", pseudonyms: "M. K." }),
    expect: inNorth(403, actsForClients),
  },
  {
    route: "POST /veranstaltungen/:id cancelReservation (Reservierung von Jobcenter A)",
    handler: eventPage.action,
    prepare: async (world) => {
      const id = await freshEvent(world);
      await reserveFor(world.users.staff, id, ["M. K."]);
      const [reservation] = await getDb()
        .select({ id: eventReservations.id })
        .from(eventReservations)
        .where(eq(eventReservations.eventId, id));
      return onEvent(id, { intent: "cancelReservation", reservationId: reservation!.id });
    },
    expect: inNorth(403, { coordinator: "ok", orgAdmin: "ok", staff: "ok" }),
  },
  {
    route: "POST /veranstaltungen/:id recordOutcomes (nach Beginn)",
    handler: eventPage.action,
    prepare: async (world) =>
      onEvent(await freshEvent(world, { started: true }), {
        intent: "recordOutcomes",
        attended: "12",
        hires: "1",
      }),
    expect: inNorth(403, { employer: "ok", employerAdmin: "ok" }),
  },
  {
    route: "POST /veranstaltungen/:id cancelEvent",
    handler: eventPage.action,
    prepare: async (world) => onEvent(await freshEvent(world), { intent: "cancelEvent" }),
    expect: inNorth(403, { employer: "ok", employerAdmin: "ok" }),
  },
  {
    route: "POST /veranstaltungen/:id (unbekannte Aktion)",
    handler: eventPage.action,
    prepare: async (world) => onEvent(await freshEvent(world), { intent: "export" }),
    expect: inNorth(400),
  },
  {
    // "Zur Diskussion": every member of the network, the employer and the coordinator included.
    route: "GET /diskussionen/zu/veranstaltung/:id",
    handler: eventThread.loader,
    prepare: async (world) => {
      const eventId = await freshEvent(world);
      return { path: `/diskussionen/zu/veranstaltung/${eventId}`, params: { eventId } };
    },
    expect: inNorth("ok"),
  },
];

describe("Veranstaltungen: Berechtigungen", () => {
  describeMatrix(rows, personaNames, buildWorld);
});
