import { clientIp } from "~/request-context.server";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/request.server";
import { redirectWithFlash } from "~/flash.server";
import { parseSubmission } from "~/form-schema";
import { readForm, rejectSubmission, unhandledIntent } from "~/forms.server";
import { adoptionSchema } from "~/ideas/adoption-form";
import { requireIdea, type IdeaAction } from "~/ideas/idea-access.server";
import { loadIdeaPage } from "~/ideas/idea-page.server";
import { IdeaView } from "~/ideas/idea-view";
import { adoptIdea, setIdeaStatus, toggleBookmark } from "~/ideas/ideas.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.idea.title ?? "Idee"} – Ideenbörse – Netzwerke ABC` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const idea = await requireIdea(user, params.ideaId, "idea.view");
  return json(await loadIdeaPage(user, idea));
}

const intents = ["bookmark", "adopt", "publish", "archive"] as const;

/** What the user must be allowed to do with the idea for each form of the page. */
const needs: Record<(typeof intents)[number], IdeaAction> = {
  bookmark: "idea.bookmark",
  adopt: "idea.adopt",
  publish: "idea.edit",
  archive: "idea.edit",
};

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  // Which form was sent decides what the user must be allowed: the form is read first.
  const form = await readForm(request, { intents });
  if (!form.ok) return form.response;
  const { intent } = form;
  const idea = await requireIdea(user, params.ideaId, needs[intent]);
  const ip = clientIp();
  const here = `/ideen/${idea.id}`;

  if (intent === "bookmark") {
    const added = await toggleBookmark(user.id, idea.id);
    return redirectWithFlash(here, added ? "bookmarkAdded" : "bookmarkRemoved");
  }
  if (intent === "adopt") {
    const submission = parseSubmission(form.formData, adoptionSchema);
    if (submission.status !== "success") return rejectSubmission(submission);
    const result = await adoptIdea(user, idea.id, submission.value.note, ip);
    if (!result.ok) return rejectSubmission(submission, { fields: { note: result.message } });
    return redirectWithFlash(here, "ideaAdopted");
  }
  if (intent === "publish" || intent === "archive") {
    await setIdeaStatus(user, idea.id, intent === "publish" ? "published" : "archived", ip);
    return redirectWithFlash(here, intent === "publish" ? "ideaPublished" : "ideaArchived");
  }
  return unhandledIntent(intent);
}

export default function IdeaPage() {
  return <IdeaView {...useLoaderData<typeof loader>()} />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
