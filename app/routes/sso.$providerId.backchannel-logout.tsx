import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { readForm } from "~/forms.server";
import { isUuid } from "~/params.server";
import { clientIp } from "~/request-context.server";
import { backchannelLogout } from "~/sso/backchannel.server";

/**
 * OpenID Connect Back-Channel Logout: the provider POSTs a signed `logout_token`, server to
 * server (server/app.ts lets this path through without an Origin). 200 when the token is valid,
 * whether or not a session was still open; 400 with an OAuth error otherwise; never cached.
 */
const headers = { "Cache-Control": "no-store" };

const invalid = (description: string) =>
  json({ error: "invalid_request", error_description: description }, { status: 400, headers });

export async function action({ request, params }: ActionFunctionArgs) {
  if (request.method !== "POST")
    return new Response(null, { status: 405, headers: { Allow: "POST" } });
  if (!params.providerId || !isUuid(params.providerId)) return invalid("unknown identity provider");
  const form = await readForm(request);
  if (!form.ok) return invalid("expected an application/x-www-form-urlencoded body");
  const token = form.formData.get("logout_token");
  if (typeof token !== "string" || token === "") return invalid("logout_token is missing");
  try {
    const result = await backchannelLogout(params.providerId, token, clientIp());
    if (!result.ok) return invalid(result.problem);
    return new Response(null, { status: 200, headers });
  } catch (error) {
    // The specification knows only 200 and 400: the provider may retry a failed logout.
    console.error("Back-Channel-Logout fehlgeschlagen", error);
    return invalid("logout failed");
  }
}

export function loader() {
  return new Response(null, { status: 405, headers: { Allow: "POST" } });
}
