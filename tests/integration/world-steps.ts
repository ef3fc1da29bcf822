import { beforeAll } from "vitest";

/**
 * The world `build` makes, built once before the file's tests: the object returned now is
 * filled in then, so tests read it as they would the built world.
 */
export function builtBeforeAll<Built extends object>(build: () => Promise<Built>): Built {
  const built = {} as Built;
  beforeAll(async () => {
    Object.assign(built, await build());
  });
  return built;
}
