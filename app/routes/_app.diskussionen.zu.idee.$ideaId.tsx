import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/request.server";
import { requireIdea } from "~/ideas/idea-access.server";
import { ideaTitle } from "~/discussions/attached.server";
import { redirectToAttachedThread, requireTitle } from "./__attached-thread.server";

/**
 * "Zur Diskussion" on an idea page: whoever may see the idea gets its thread, created on the
 * first visit (so ideas nobody discusses have none).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const idea = await requireIdea(user, params.ideaId, "idea.view");
  const title = requireTitle(await ideaTitle(idea.id));
  return redirectToAttachedThread({ kind: "idea", ideaId: idea.id, ideaTitle: title });
}
