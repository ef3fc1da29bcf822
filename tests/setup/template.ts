/** Where the migrated template database of this test run lives (shared by global and per-file setup). */
export type DatabaseTemplate =
  | { kind: "pglite"; dumpPath: string }
  | { kind: "postgres"; adminUrl: string; templateName: string };

export function databaseUrlFor(adminUrl: string, databaseName: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${databaseName}`;
  return url.toString();
}

declare module "vitest" {
  export interface ProvidedContext {
    databaseTemplate: DatabaseTemplate;
  }
}
