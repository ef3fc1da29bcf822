import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import {
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useRouteLoaderData,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { readFlash } from "~/flash.server";
import { PageErrorBoundary } from "~/ui/error-boundary";
import { useNonce } from "~/ui/nonce";
import richTextStyles from "~/rich-text/rich-text.css";
import stylesheet from "~/styles/app.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "stylesheet", href: richTextStyles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "Netzwerke ABC" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const flash = await readFlash(request);
  // Each confirmation gets its own id, so the same message twice in a row shows twice.
  return json(
    { flash: flash.message ? { id: crypto.randomUUID(), message: flash.message } : null },
    flash.clearCookie ? { headers: { "Set-Cookie": flash.clearCookie } } : undefined,
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  return (
    <html lang="de">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#inhalt">
          Zum Inhalt springen
        </a>
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export function useRootData() {
  return useRouteLoaderData<typeof loader>("root");
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  return <PageErrorBoundary />;
}
