import { authorize, notFound } from "~/auth/permissions.server";
import { clientIp } from "~/auth/request.server";
import type { CurrentUser } from "~/auth/session.server";
import { redirectWithFlash } from "~/flash.server";
import { readForm } from "~/forms.server";
import { listNetworkNames } from "~/networks/networks.server";
import { ideaMultiValuedFields, parseIdeaForm } from "./idea-form.server";
import { createIdea, updateIdea } from "./ideas.server";
import { submissionOf } from "~/submissions/submission-key.server";

export function ideaNetworksOf(user: CurrentUser) {
  return listNetworkNames(user.networkIds);
}

/** The action of the editor page, for a new idea or (with ideaId) an edit. */
export async function submitIdeaForm(
  request: Request,
  user: CurrentUser,
  ideaId?: string,
): Promise<Response> {
  const ip = clientIp(request);
  if (!ideaId) await authorize(user, { action: "idea.create" }, ip);
  const form = await readForm(request, {
    multiValued: ideaMultiValuedFields,
    intents: ["publish", "draft"],
  });
  if (!form.ok) return form.response;
  const { formData } = form;
  const publish = form.intent === "publish";
  const parsed = parseIdeaForm(formData, user.networkIds);
  if (!parsed.ok) return parsed.response;
  if (!ideaId) {
    const id = await createIdea(user, parsed.data, publish, ip, submissionOf(user.id, formData));
    return redirectWithFlash(`/ideen/${id}`, publish ? "ideaPublished" : "ideaDraftSaved");
  }
  if (!(await updateIdea(user, ideaId, parsed.data, publish, ip))) throw notFound();
  return redirectWithFlash(`/ideen/${ideaId}`, publish ? "ideaPublished" : "ideaSaved");
}
