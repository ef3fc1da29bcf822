import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { recordAudit } from "~/audit/audit.server";
import { clearedSessionCookie } from "~/auth/cookie.server";
import { clientIp, getUser } from "~/auth/request.server";
import { invalidateSession } from "~/auth/session.server";
import { redirectWithFlash } from "~/flash.server";
import { disconnectRoom, rooms } from "~/realtime/hub.server";

/** Logging out is a POST only, so a link or image cannot log anyone out. */
export function loader() {
  return redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await getUser(request);
  if (user) {
    await invalidateSession(user.sessionId);
    disconnectRoom(rooms.session(user.sessionId));
    await recordAudit({
      action: "auth.logout",
      actor: user,
      targetType: "user",
      targetId: user.id,
      ip: clientIp(request),
    });
  }
  return redirectWithFlash("/anmelden", "loggedOut", { "Set-Cookie": clearedSessionCookie() });
}
