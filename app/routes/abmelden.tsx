import { clientIp } from "~/request-context.server";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData } from "@remix-run/react";
import { useEffect } from "react";
import { clearedSessionCookie } from "~/auth/cookie.server";
import { getUser } from "~/auth/request.server";
import { redirectWithFlash } from "~/flash.server";
import { logOut } from "~/sso/logout.server";
import { PublicErrorBoundary, PublicLayout } from "~/ui/public-layout";

export const meta: MetaFunction = () => [{ title: "Abgemeldet – Netzwerke ABC" }];

/**
 * Logging out is a POST only, so a link or image cannot log anyone out. The page itself exists
 * for the end of a login through an identity provider: after the action it offers the way to
 * the provider's logout.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUser(request)) throw redirect("/");
  return json(null);
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await getUser(request);
  const atProvider = user ? await logOut(user, clientIp()) : null;
  const headers = { "Set-Cookie": await clearedSessionCookie() };
  if (atProvider) return json({ providerLogout: atProvider }, { headers });
  return redirectWithFlash("/anmelden", "loggedOut", { headers });
}

/**
 * A page, not a redirect: browsers refuse a form's redirect to another site (CSP form-action),
 * so the way to the provider is a link, followed at once where JavaScript runs.
 */
export default function LoggedOutPage() {
  const actionData = useActionData<typeof action>();
  const atProvider =
    actionData && "providerLogout" in actionData ? actionData.providerLogout : null;
  useEffect(() => {
    if (atProvider) window.location.assign(atProvider.url);
  }, [atProvider]);
  return (
    <PublicLayout title="Abgemeldet">
      <p role="status">Sie wurden im Portal abgemeldet.</p>
      {atProvider ? (
        <p>
          <a className="button" href={atProvider.url}>
            {`Auch bei „${atProvider.displayName}“ abmelden`}
          </a>
        </p>
      ) : (
        <p>
          <Link to="/anmelden">Wieder anmelden</Link>
        </p>
      )}
    </PublicLayout>
  );
}

export function ErrorBoundary() {
  return <PublicErrorBoundary title="Abgemeldet" />;
}
