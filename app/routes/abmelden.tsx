import { clientIp } from "~/request-context.server";
import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { recordAudit } from "~/audit/audit.server";
import { clearedSessionCookie } from "~/auth/cookie.server";
import { getUser } from "~/auth/request.server";
import { invalidateSession } from "~/auth/session.server";
import { inUnitOfWork } from "~/db/unit-of-work.server";
import { redirectWithFlash } from "~/flash.server";
import { disconnectRoom, rooms } from "~/realtime/hub.server";

/** Logging out is a POST only, so a link or image cannot log anyone out. */
export function loader() {
  return redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await getUser(request);
  if (user) {
    await inUnitOfWork(async ({ tx, afterCommit }) => {
      await invalidateSession(user.sessionId, tx);
      await recordAudit(tx, {
        action: "auth.logout",
        actor: user,
        targetType: "user",
        targetId: user.id,
        ip: clientIp(),
      });
      afterCommit(() => disconnectRoom(rooms.session(user.sessionId)));
    });
  }
  return redirectWithFlash("/anmelden", "loggedOut", {
    headers: { "Set-Cookie": await clearedSessionCookie() },
  });
}
