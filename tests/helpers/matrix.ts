import type { ActionFunction, LoaderFunction } from "@remix-run/node";
import { callRoute } from "./routes";
import { personaNames, type PersonaName } from "./world";

/**
 * Shared vocabulary of the permission matrix tests. "ok" is a 200 page or the redirect after a
 * successful action; "login" is the redirect of a visitor to the login page; numbers are the
 * status of a rejected form (400) or a denial (403, or 404 where the persona may not even learn
 * that the record exists).
 */
export type Outcome = "ok" | "login" | 400 | 403 | 404;

export function outcomeOf(response: Response): Outcome | number {
  // redirect() answers 302; actions that answer "303 See Other" mean the same.
  if (response.status === 302 || response.status === 303) {
    return response.headers.get("location")?.startsWith("/anmelden?weiter=") ? "login" : "ok";
  }
  if (response.status === 200) return "ok";
  return response.status;
}

/** One request of a matrix row, built afresh per persona so no cell sees another's changes. */
export interface MatrixCell {
  path: string;
  params?: Record<string, string>;
  form?: Record<string, string>;
  /** Sent instead of the persona's session, e.g. one of its own for a row that ends sessions. */
  cookie?: string;
}

export interface MatrixRow<World, Persona extends string> {
  route: string;
  handler: LoaderFunction | ActionFunction;
  prepare: (world: World, persona: Persona) => Promise<MatrixCell> | MatrixCell;
  expect: Record<Persona, Outcome>;
}

/**
 * A row whose request needs nothing of the world. Without a cell it asks the path its route
 * names: `fixedRow("GET /ideen/neu", newIdea.loader, writers)`. A cell with unique values is
 * given as a function, so that each persona gets its own.
 */
export function fixedRow<World, Persona extends string>(
  route: string,
  handler: LoaderFunction | ActionFunction,
  expect: Record<Persona, Outcome>,
  cell: MatrixCell | (() => MatrixCell) = { path: route.replace(/^GET /, "") },
): MatrixRow<World, Persona> {
  return { route, handler, prepare: () => (typeof cell === "function" ? cell() : cell), expect };
}

/** What a row asks about its record: a page below the record's own, and a form (made per cell). */
export interface RecordRequest<World> {
  suffix?: string;
  form?: Record<string, string> | ((world: World) => Record<string, string>);
}

/**
 * Rows about a record made afresh for each cell, so that no persona's action changes what the
 * next one meets: `create` makes a record of the row's kind, `page` is the request about its id.
 */
export function rowsOnFreshRecords<World, Kind>(
  create: (world: World, kind: Kind) => Promise<string>,
  page: (id: string, suffix?: string) => MatrixCell,
) {
  return <Persona extends string>(
    route: string,
    handler: LoaderFunction | ActionFunction,
    kind: Kind,
    expect: Record<Persona, Outcome>,
    request: RecordRequest<World> = {},
  ): MatrixRow<World, Persona> => ({
    route,
    handler,
    prepare: async (world) => {
      const cell = page(await create(world, kind), request.suffix);
      const form = typeof request.form === "function" ? request.form(world) : request.form;
      return form ? { ...cell, form } : cell;
    },
    expect,
  });
}

/** `outcome` for every persona but the exceptions. */
export function outcomes<Persona extends string>(
  personas: readonly Persona[],
  outcome: Outcome,
  exceptions: Partial<Record<Persona, Outcome>> = {},
): Record<Persona, Outcome> {
  const all = Object.fromEntries(personas.map((persona) => [persona, outcome]));
  return { ...all, ...exceptions } as Record<Persona, Outcome>;
}

/**
 * The recurring expectations over the personas of #tests/helpers/world (or a list extending
 * them): the visitor is sent to log in, the operator's organisation belongs to no network, and
 * what belongs to Nord does not exist for Süd.
 */
export function worldOutcomes<Extra extends string = never>(
  personas: readonly (PersonaName | Extra)[],
) {
  type Exceptions = Partial<Record<PersonaName | Extra, Outcome>>;
  const signedIn = (member: Outcome, exceptions: Exceptions = {}) =>
    outcomes(personas, member, { anonymous: "login", ...exceptions });
  return {
    signedIn,
    /** Members of any network; the operator is refused. */
    networkMembers: (member: Outcome, exceptions: Exceptions = {}) =>
      signedIn(member, { platformAdmin: 403, ...exceptions }),
    /** Something of Nord: Süd and the operator may not learn that it exists. */
    inNorth: (member: Outcome, exceptions: Exceptions = {}) =>
      signedIn(member, {
        platformAdmin: 404,
        otherNetworkAdmin: 404,
        otherNetworkStaff: 404,
        ...exceptions,
      }),
    /** Something of Süd: only its members learn that it exists. */
    inSouth: (member: Outcome) =>
      signedIn(404, { otherNetworkAdmin: member, otherNetworkStaff: member } as Exceptions),
    /** The members pages: only organisation admins (the operator's too) pass the role check. */
    organizationAdmins: (admin: Outcome, exceptions: Exceptions = {}) =>
      signedIn(admin, {
        coordinator: 403,
        staff: 403,
        employer: 403,
        otherNetworkStaff: 403,
        ...exceptions,
      } as Exceptions),
  };
}

export const { signedIn, networkMembers, inNorth, inSouth, organizationAdmins } =
  worldOutcomes(personaNames);

/** Registers one test per row and persona: the route's answer must be the expected outcome. */
export function describeMatrix<
  World extends { cookies: Record<Persona, string | undefined> },
  Persona extends string,
>(
  rows: MatrixRow<World, Persona>[],
  personas: readonly Persona[],
  buildWorld: () => Promise<World>,
): () => World {
  let world: World;
  beforeAll(async () => {
    world = await buildWorld();
  });
  describe.each(rows)("$route", (row) => {
    it.each(personas)("%s", async (persona) => {
      const cell = await row.prepare(world, persona);
      const response = await callRoute(row.handler, cell.path, {
        cookie: cell.cookie ?? world.cookies[persona],
        params: cell.params,
        form: cell.form,
      });
      expect(outcomeOf(response)).toBe(row.expect[persona]);
    });
  });
  return () => world;
}
