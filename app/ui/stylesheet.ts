import type { LinksFunction } from "@remix-run/node";

/** A route's `links` when all it adds to the page is its feature's stylesheet. */
export function stylesheetLinks(href: string): LinksFunction {
  return () => [{ rel: "stylesheet", href }];
}
