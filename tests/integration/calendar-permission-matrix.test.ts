import * as calendar from "~/routes/_app.veranstaltungen._index";
import * as subscription from "~/routes/_app.veranstaltungen.kalender-abo";
import * as feed from "~/routes/kalender.$feedFile";
import * as download from "~/routes/veranstaltungen.$eventId.ics";
import { createFeedToken } from "~/events/feed-tokens.server";
import { berlin, insertEvent } from "#tests/fixtures/calendar-fixtures";
import {
  fixedRow,
  describeMatrix,
  inNorth,
  inSouth,
  networkMembers,
  signedIn,
  type MatrixRow,
} from "#tests/helpers/matrix";
import { callRoute } from "#tests/helpers/routes";
import { buildWorld, personaNames, type PersonaName, type World } from "#tests/helpers/world";

/** Every calendar route against every persona (see #tests/helpers/matrix). */

async function eventIn(world: World, network: "north" | "south", cancelled = false) {
  return insertEvent({
    networkId: world.networks[network].id,
    organizationId:
      network === "north" ? world.organizations.employerOrg.id : world.organizations.orgC.id,
    startsAt: berlin("2026-06-15", "10:00"),
    cancelledAt: cancelled ? new Date("2026-06-01T10:00:00Z") : null,
  });
}

const icsOf = (eventId: string) => ({
  path: `/veranstaltungen/${eventId}/ics`,
  params: { eventId },
});

const rows: MatrixRow<World, PersonaName>[] = [
  fixedRow("GET /veranstaltungen (Liste)", calendar.loader, networkMembers("ok"), {
    path: "/veranstaltungen",
  }),
  fixedRow(
    "GET /veranstaltungen?ansicht=monat (gefiltert)",
    calendar.loader,
    networkMembers("ok"),
    { path: "/veranstaltungen?ansicht=monat&monat=2026-03&art=inforunde" },
  ),
  fixedRow("GET /veranstaltungen?ansicht=woche", calendar.loader, networkMembers("ok"), {
    path: "/veranstaltungen?ansicht=woche&woche=2026-10-25&zielgruppe=U25",
  }),
  {
    route: "GET /veranstaltungen/:id/ics (Nord)",
    handler: download.loader,
    prepare: async (world) => icsOf(await eventIn(world, "north")),
    expect: inNorth("ok"),
  },
  {
    route: "GET /veranstaltungen/:id/ics (Nord, abgesagt)",
    handler: download.loader,
    prepare: async (world) => icsOf(await eventIn(world, "north", true)),
    expect: inNorth("ok"),
  },
  {
    route: "GET /veranstaltungen/:id/ics (Süd)",
    handler: download.loader,
    prepare: async (world) => icsOf(await eventIn(world, "south")),
    expect: inSouth("ok"),
  },
  {
    route: "GET /veranstaltungen/:id/ics (unbekannt)",
    handler: download.loader,
    prepare: () => icsOf("00000000-0000-4000-8000-000000000000"),
    expect: signedIn(404),
  },
  fixedRow("GET /veranstaltungen/kalender-abo", subscription.loader, networkMembers("ok")),
  fixedRow("POST /veranstaltungen/kalender-abo create", subscription.action, networkMembers("ok"), {
    path: "/veranstaltungen/kalender-abo",
    form: { intent: "create" },
  }),
  fixedRow("POST /veranstaltungen/kalender-abo revoke", subscription.action, networkMembers("ok"), {
    path: "/veranstaltungen/kalender-abo",
    form: { intent: "revoke" },
  }),
  fixedRow(
    "POST /veranstaltungen/kalender-abo (unbekannte Aktion)",
    subscription.action,
    networkMembers(400),
    { path: "/veranstaltungen/kalender-abo", form: { intent: "export" } },
  ),
];

describe("Kalender: Berechtigungen", () => {
  const world = describeMatrix(rows, personaNames, buildWorld);

  /** The feed needs no session: the token alone decides, and every failure looks the same. */
  describe("GET /kalender/:token.ics", () => {
    const fetchFeed = (feedFile: string, cookie?: string) =>
      callRoute(feed.loader, `/kalender/${feedFile}`, { params: { feedFile }, cookie });

    it.each(personaNames.filter((name) => name !== "anonymous" && name !== "platformAdmin"))(
      "%s: the own token works without a session",
      async (persona) => {
        const token = await createFeedToken(world().users[persona], null);
        expect((await fetchFeed(`${token}.ics`)).status).toBe(200);
      },
    );

    it("platformAdmin: a token of someone in no network answers 404", async () => {
      const token = await createFeedToken(world().users.platformAdmin, null);
      expect((await fetchFeed(`${token}.ics`)).status).toBe(404);
    });

    it("a session does not replace the token", async () => {
      for (const persona of personaNames) {
        const response = await fetchFeed(
          "abcdefghijklmnopqrstuvwxyz234567.ics",
          world().cookies[persona],
        );
        expect(response.status).toBe(404);
      }
    });
  });
});
