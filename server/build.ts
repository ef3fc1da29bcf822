import type { ServerBuild } from "@remix-run/node";
import type { runtime } from "~/entry.server";

/** What server/ takes from the application (app/runtime.server.ts). */
export type Runtime = typeof runtime;

/**
 * The application modules of a build, from its server entry: the instances its routes use.
 * server/ imports nothing from app/ itself (only types), so every module exists once.
 */
export function runtimeOf(build: ServerBuild): Runtime {
  return (build.entry.module as unknown as { runtime: Runtime }).runtime;
}
