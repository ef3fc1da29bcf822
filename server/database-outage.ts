import type { ServerBuild } from "@remix-run/node";
import { runtimeOf, type Runtime } from "./build";

/** The German "temporarily unavailable" answer, as plain text. */
export const unavailableText = ({ errorTexts }: Runtime) =>
  `${errorTexts[503]!.title}: ${errorTexts[503]!.text}`;
/** Seconds a client or load balancer should wait before asking again. */
export const RETRY_AFTER_SECONDS = "5";

let lastWarning = 0;

function warnThrottled(message: string): void {
  // One line every few seconds is enough to date an outage; a line per request would flood.
  if (Date.now() - lastWarning < 5_000) return;
  lastWarning = Date.now();
  console.warn(`Datenbank nicht erreichbar / database unreachable: ${message}`);
}

type Handler = (args: never) => unknown;

function answering503<H extends Handler>(handler: H, runtime: Runtime): H {
  return (async (args: never) => {
    try {
      return await handler(args);
    } catch (error) {
      if (!runtime.isDatabaseUnavailable(error)) throw error;
      warnThrottled(runtime.describeError(error));
      // A thrown Response is Remix's "expected" error: documents render the route's error
      // boundary with this status (German text, layout intact), `?_data` requests get it as
      // a caught response, and nothing is logged as an unexpected server error.
      throw new Response(unavailableText(runtime), {
        status: 503,
        headers: {
          "Content-Type": "text/plain; charset=utf-8",
          "Cache-Control": "no-store",
          "Retry-After": RETRY_AFTER_SECONDS,
        },
      });
    }
  }) as H;
}

/**
 * The build with every loader and action wrapped so that a lost database connection answers
 * 503 "vorübergehend nicht erreichbar" instead of a 500: Remix v2 has no middleware between
 * the request handler and the route functions, and a failing query can happen in any of them.
 */
export function withDatabaseOutagePages(build: ServerBuild): ServerBuild {
  const runtime = runtimeOf(build);
  const routes = Object.fromEntries(
    Object.entries(build.routes).map(([id, route]) => {
      const { loader, action } = route.module;
      const module = {
        ...route.module,
        ...(loader ? { loader: answering503(loader, runtime) } : {}),
        ...(action ? { action: answering503(action, runtime) } : {}),
      };
      return [id, { ...route, module }];
    }),
  );
  return { ...build, routes };
}
