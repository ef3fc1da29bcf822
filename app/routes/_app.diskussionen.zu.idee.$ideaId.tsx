import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { notFound } from "~/auth/permissions.server";
import { requireUser } from "~/auth/request.server";
import { attachedThreadId } from "~/discussions/access.server";
import { requireIdea } from "~/ideas/idea-access.server";
import { ideaTitle } from "~/discussions/attached.server";

/**
 * "Zur Diskussion" on an idea page: whoever may see the idea gets its thread, created on the
 * first visit (so ideas nobody discusses have none).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const idea = await requireIdea(user, params.ideaId, "idea.view");
  const title = await ideaTitle(idea.id);
  if (title === null) throw notFound();
  const threadId = await attachedThreadId({ kind: "idea", ideaId: idea.id, ideaTitle: title });
  return redirect(`/diskussionen/thema/${threadId}`);
}
