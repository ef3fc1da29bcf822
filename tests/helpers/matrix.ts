import type { ActionFunction, LoaderFunction } from "@remix-run/node";
import { callRoute } from "./routes";

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
}

export interface MatrixRow<World, Persona extends string> {
  route: string;
  handler: LoaderFunction | ActionFunction;
  prepare: (world: World) => Promise<MatrixCell> | MatrixCell;
  expect: Record<Persona, Outcome>;
}

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
      const cell = await row.prepare(world);
      const response = await callRoute(row.handler, cell.path, {
        cookie: world.cookies[persona],
        params: cell.params,
        form: cell.form,
      });
      expect(outcomeOf(response)).toBe(row.expect[persona]);
    });
  });
  return () => world;
}
