import * as calendar from "~/routes/_app.veranstaltungen._index";
import * as subscription from "~/routes/_app.veranstaltungen.kalender-abo";
import * as feed from "~/routes/kalender.$feedFile";
import * as download from "~/routes/veranstaltungen.$eventId.ics";
import { createFeedToken } from "~/events/feed-tokens.server";
import { berlin, insertEvent } from "#tests/fixtures/calendar-fixtures";
import { describeMatrix, type MatrixRow, type Outcome } from "#tests/helpers/matrix";
import { callRoute } from "#tests/helpers/routes";
import { buildWorld, personaNames, type PersonaName, type World } from "#tests/helpers/world";

/** Every calendar route against every persona (see #tests/helpers/matrix). */

/** Members and coordinators of any network; the operator belongs to none. */
const networkMembers = (member: Outcome): Record<PersonaName, Outcome> => ({
  anonymous: "login",
  platformAdmin: 403,
  coordinator: member,
  orgAdmin: member,
  staff: member,
  employer: member,
  employerAdmin: member,
  otherOrgAdmin: member,
  otherNetworkAdmin: member,
  otherNetworkStaff: member,
});

/** An event of Nord: its members see it; Süd and the operator may not learn it exists. */
const northEvent: Record<PersonaName, Outcome> = {
  ...networkMembers("ok"),
  platformAdmin: 404,
  otherNetworkAdmin: 404,
  otherNetworkStaff: 404,
};

const southEvent: Record<PersonaName, Outcome> = {
  ...networkMembers(404),
  platformAdmin: 404,
  otherNetworkAdmin: "ok",
  otherNetworkStaff: "ok",
};

const loggedIn404: Record<PersonaName, Outcome> = { ...networkMembers(404), platformAdmin: 404 };

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
  {
    route: "GET /veranstaltungen (Liste)",
    handler: calendar.loader,
    prepare: () => ({ path: "/veranstaltungen" }),
    expect: networkMembers("ok"),
  },
  {
    route: "GET /veranstaltungen?ansicht=monat (gefiltert)",
    handler: calendar.loader,
    prepare: () => ({ path: "/veranstaltungen?ansicht=monat&monat=2026-03&art=inforunde" }),
    expect: networkMembers("ok"),
  },
  {
    route: "GET /veranstaltungen?ansicht=woche",
    handler: calendar.loader,
    prepare: () => ({ path: "/veranstaltungen?ansicht=woche&woche=2026-10-25&zielgruppe=U25" }),
    expect: networkMembers("ok"),
  },
  {
    route: "GET /veranstaltungen/:id/ics (Nord)",
    handler: download.loader,
    prepare: async (world) => icsOf(await eventIn(world, "north")),
    expect: northEvent,
  },
  {
    route: "GET /veranstaltungen/:id/ics (Nord, abgesagt)",
    handler: download.loader,
    prepare: async (world) => icsOf(await eventIn(world, "north", true)),
    expect: northEvent,
  },
  {
    route: "GET /veranstaltungen/:id/ics (Süd)",
    handler: download.loader,
    prepare: async (world) => icsOf(await eventIn(world, "south")),
    expect: southEvent,
  },
  {
    route: "GET /veranstaltungen/:id/ics (unbekannt)",
    handler: download.loader,
    prepare: () => icsOf("00000000-0000-4000-8000-000000000000"),
    expect: loggedIn404,
  },
  {
    route: "GET /veranstaltungen/kalender-abo",
    handler: subscription.loader,
    prepare: () => ({ path: "/veranstaltungen/kalender-abo" }),
    expect: networkMembers("ok"),
  },
  {
    route: "POST /veranstaltungen/kalender-abo create",
    handler: subscription.action,
    prepare: () => ({ path: "/veranstaltungen/kalender-abo", form: { intent: "create" } }),
    expect: networkMembers("ok"),
  },
  {
    route: "POST /veranstaltungen/kalender-abo revoke",
    handler: subscription.action,
    prepare: () => ({ path: "/veranstaltungen/kalender-abo", form: { intent: "revoke" } }),
    expect: networkMembers("ok"),
  },
  {
    route: "POST /veranstaltungen/kalender-abo (unbekannte Aktion)",
    handler: subscription.action,
    prepare: () => ({ path: "/veranstaltungen/kalender-abo", form: { intent: "export" } }),
    expect: networkMembers(400),
  },
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
