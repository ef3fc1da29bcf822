import * as sessionsPage from "~/routes/_app.konto.sitzungen";
import { sessionHandle } from "~/account/sessions.server";
import { sessionRequestCookie } from "~/auth/cookie.server";
import { createSession } from "~/auth/session.server";
import { describeMatrix, fixedRow, signedIn, type MatrixRow } from "#tests/helpers/matrix";
import { buildWorld, personaNames, type PersonaName, type World } from "#tests/helpers/world";

/**
 * "Sitzungen" against every persona (see #tests/helpers/matrix): everyone signed in sees and
 * ends their own sessions, and nobody, the platform admin included, can even name another
 * person's session, whether a colleague's, another organisation's or another network's.
 */

const path = "/konto/sitzungen";

/** A handle of nobody's session, for the visitor, who has none. */
const unknownHandle = "0123456789abcdef";

/** A further login of the persona's user; the world's cookie stays the acting session. */
async function otherSessionOf(world: World, persona: PersonaName): Promise<string> {
  if (persona === "anonymous") return unknownHandle;
  const session = await createSession(world.users[persona].id);
  return sessionHandle(session.id);
}

/** A session of the first owner that is not the persona. */
function foreignSessionRow(
  route: string,
  owners: [Exclude<PersonaName, "anonymous">, Exclude<PersonaName, "anonymous">],
): MatrixRow<World, PersonaName> {
  return {
    route,
    handler: sessionsPage.action,
    prepare: async (world, persona) => {
      const owner = owners[0] === persona ? owners[1] : owners[0];
      const session = await createSession(world.users[owner].id);
      return { path, form: { intent: "end", session: sessionHandle(session.id) } };
    },
    expect: signedIn(404),
  };
}

const rows: MatrixRow<World, PersonaName>[] = [
  fixedRow(`GET ${path}`, sessionsPage.loader, signedIn("ok")),
  {
    route: `POST ${path} end (eigene andere Sitzung)`,
    handler: sessionsPage.action,
    prepare: async (world, persona) => ({
      path,
      form: { intent: "end", session: await otherSessionOf(world, persona) },
    }),
    expect: signedIn("ok"),
  },
  {
    route: `POST ${path} end (diese Sitzung)`,
    handler: sessionsPage.action,
    prepare: async (world, persona) => {
      if (persona === "anonymous") return { path, form: { intent: "end", session: unknownHandle } };
      // The acting session is one of the persona's own, made for this cell.
      const session = await createSession(world.users[persona].id);
      return {
        path,
        cookie: await sessionRequestCookie(session.token),
        form: { intent: "end", session: sessionHandle(session.id) },
      };
    },
    expect: signedIn(400),
  },
  foreignSessionRow(`POST ${path} end (Kollegin derselben Organisation)`, ["staff", "orgAdmin"]),
  foreignSessionRow(`POST ${path} end (andere Organisation im Netzwerk)`, [
    "otherOrgAdmin",
    "orgAdmin",
  ]),
  foreignSessionRow(`POST ${path} end (anderes Netzwerk)`, [
    "otherNetworkStaff",
    "otherNetworkAdmin",
  ]),
  fixedRow(`POST ${path} end (ohne Sitzung)`, sessionsPage.action, signedIn(404), {
    path,
    form: { intent: "end" },
  }),
  {
    route: `POST ${path} endOthers`,
    handler: sessionsPage.action,
    prepare: async (world, persona) => {
      await otherSessionOf(world, persona);
      return { path, form: { intent: "endOthers" } };
    },
    expect: signedIn("ok"),
  },
  fixedRow(`POST ${path} (unbekannte Aktion)`, sessionsPage.action, signedIn(400), {
    path,
    form: { intent: "endAll" },
  }),
];

describe("Sitzungen: Berechtigungen", () => {
  describeMatrix(rows, personaNames, buildWorld);
});
