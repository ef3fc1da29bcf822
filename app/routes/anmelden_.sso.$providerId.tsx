import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { hashIp } from "~/audit/audit.server";
import { notFound } from "~/auth/permissions.server";
import { consume } from "~/rate-limits.server";
import { clientIp } from "~/request-context.server";
import { safeRedirectTarget } from "~/auth/redirect-target";
import { afterLogin, getUser } from "~/auth/request.server";
import { requireUuid } from "~/params.server";
import { loadStoredProvider, startSignIn } from "~/sso/oidc.server";
import { ssoTexts } from "~/sso/texts";

/**
 * "Anmelden mit …": a link (GET), so that it works without JavaScript and no form's
 * `form-action` policy stands between the portal and the provider. Starting changes nothing but
 * the browser's own attempt cookie; the callback checks that attempt.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const target = safeRedirectTarget(new URL(request.url).searchParams.get("weiter"));
  const user = await getUser(request);
  if (user) throw redirect(afterLogin(user.pendingStep, target));
  const provider = await loadStoredProvider(requireUuid(params.providerId));
  if (!provider?.enabled) throw notFound();
  const wait = await consume("ssoStartsFromAddress", (await hashIp(clientIp())) ?? "unknown");
  if (wait !== null) throw new Response(ssoTexts.tooManyStarts(wait), { status: 429 });
  try {
    const { url, cookie } = await startSignIn(provider, target);
    return redirect(url, { headers: { "Set-Cookie": cookie, "Cache-Control": "no-store" } });
  } catch {
    throw new Response(ssoTexts.refusals.unavailable, { status: 503 });
  }
}
