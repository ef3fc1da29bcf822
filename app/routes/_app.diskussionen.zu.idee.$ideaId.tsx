import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { authorize, notFound } from "~/auth/permissions.server";
import { clientIp, requireUser } from "~/auth/request.server";
import { attachedThreadId } from "~/discussions/access.server";
import { getIdeaAccess } from "~/ideas/ideas.server";
import { ideaTitle } from "~/discussions/attached.server";
import { requireUuid } from "~/params.server";

/**
 * "Zur Diskussion" on an idea page: whoever may see the idea gets its thread, created on the
 * first visit (so ideas nobody discusses have none).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const idea = await getIdeaAccess(requireUuid(params.ideaId));
  if (!idea) throw notFound();
  await authorize(user, { action: "idea.view", idea }, clientIp(request));
  const title = await ideaTitle(idea.id);
  if (title === null) throw notFound();
  const threadId = await attachedThreadId({ kind: "idea", ideaId: idea.id, ideaTitle: title });
  return redirect(`/diskussionen/thema/${threadId}`);
}
