import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { sessionCookie } from "~/auth/cookie.server";
import { notFound } from "~/auth/permissions.server";
import { requireUuid } from "~/params.server";
import { clientIp } from "~/request-context.server";
import { clearedFlowCookie, finishSignIn, loadStoredProvider } from "~/sso/oidc.server";
import { recordSsoRefusal, signInWithProvider } from "~/sso/sign-in.server";
import { ssoTexts, type SsoRefusal } from "~/sso/texts";
import { PublicErrorBoundary, PublicLayout } from "~/ui/public-layout";

export const meta: MetaFunction = () => [{ title: "Anmeldung nicht möglich – Netzwerke ABC" }];

/** A forged or stale answer is a bad request; a person the rules turn away is forbidden. */
const statusOf: Record<SsoRefusal, number> = {
  state: 400,
  provider: 400,
  unavailable: 503,
  emailUnverified: 403,
  foreignDomain: 403,
  otherOrganization: 403,
  unknownUser: 403,
  deactivated: 403,
  platformAdmin: 403,
};

/**
 * The provider sends the browser back here with the code (or an error) and the state. Not
 * nested in the start route (`$providerId_`), whose loader would start a new attempt.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const ip = clientIp();
  const provider = await loadStoredProvider(requireUuid(params.providerId));
  if (!provider?.enabled) throw notFound();
  // The attempt is used once, whatever happens to it.
  const headers = new Headers({ "Set-Cookie": await clearedFlowCookie() });
  headers.set("Cache-Control", "no-store");
  const refuse = (refusal: SsoRefusal) =>
    json({ message: ssoTexts.refusals[refusal] }, { status: statusOf[refusal], headers });

  const answer = await finishSignIn(provider, request);
  if (!answer.ok) {
    await recordSsoRefusal(provider, answer.reason, ip, { detail: answer.detail });
    return refuse(answer.reason);
  }
  const signedIn = await signInWithProvider(provider, answer.claims, {
    ip,
    userAgent: request.headers.get("user-agent") ?? "",
  });
  if (!signedIn.ok) return refuse(signedIn.refusal);
  headers.append("Set-Cookie", await sessionCookie(signedIn.token));
  return redirect(answer.target, { headers });
}

export default function SsoRefusedPage() {
  const { message } = useLoaderData<typeof loader>();
  return (
    <PublicLayout title="Anmeldung nicht möglich">
      <p role="alert">{message}</p>
      <p>
        <Link to="/anmelden">Zurück zur Anmeldung</Link>
      </p>
    </PublicLayout>
  );
}

export function ErrorBoundary() {
  return <PublicErrorBoundary title="Anmeldung nicht möglich" />;
}
