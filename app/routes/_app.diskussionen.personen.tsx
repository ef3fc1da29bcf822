import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { requireUser } from "~/auth/request.server";
import { mentionSuggestions } from "~/discussions/mentions.server";
import { requireThread } from "~/discussions/route-access.server";

/**
 * Resource route for @mention suggestions: `GET /diskussionen/personen?thema=<threadId>&q=<text>`
 * answers `[{ id, label, detail }]` with at most 8 people who may read the thread. Only someone
 * who may write in the thread gets an answer; nobody else learns who reads it.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const url = new URL(request.url);
  const thread = await requireThread(user, url.searchParams.get("thema"), "thread.reply");
  const people = await mentionSuggestions(thread, url.searchParams.get("q") ?? "", user.id);
  return json(people, { headers: { "Cache-Control": "private, no-store" } });
}
