import { clientIp } from "~/request-context.server";
import { eq } from "drizzle-orm";
import { notFound, type IdeaAccess } from "~/auth/permissions.server";

import type { CurrentUser } from "~/auth/session.server";
import { getDb } from "~/db/client.server";
import { ideas } from "~/db/schema";
import { redirectWithFlash } from "~/flash.server";
import { parseSubmission } from "~/form-schema";
import { readForm, rejectSubmission } from "~/forms.server";
import { listNetworkNames } from "~/networks/networks.server";
import { submissionOf } from "~/submissions/submission-key.server";
import { ideaIntents, ideaMultiValued, ideaSchema } from "./idea-form";
import { createIdea, ideaFieldColumns, updateIdea } from "./ideas.server";
import { ideaTexts } from "./texts";

/**
 * What the editor page needs: the user's networks and the values the form starts with, the
 * stored idea (its body as the editor's JSON) or, for a new one, the user as its contact.
 */
export async function loadIdeaEditor(user: CurrentUser, idea?: IdeaAccess) {
  const networks = await listNetworkNames(user.networkIds);
  if (!idea) {
    return {
      networks,
      defaultValue: { contactName: user.name, contactEmail: user.email },
      published: false,
    };
  }
  const [stored] = await getDb()
    .select({ ...ideaFieldColumns, status: ideas.status })
    .from(ideas)
    .where(eq(ideas.id, idea.id));
  if (!stored) throw notFound();
  const { status, body, ...fields } = stored;
  return {
    networks,
    defaultValue: { ...fields, body: JSON.stringify(body) },
    published: status === "published",
  };
}

/** The editor's action, for a new idea or (with `idea`) an edit the route has authorized. */
export async function submitIdeaForm(
  request: Request,
  user: CurrentUser,
  idea?: IdeaAccess,
): Promise<Response> {
  const form = await readForm(request, { intents: ideaIntents, multiValued: ideaMultiValued });
  if (!form.ok) return form.response;
  const submission = parseSubmission(form.formData, ideaSchema);
  if (submission.status !== "success") return rejectSubmission(submission);
  const input = submission.value;
  if (!user.networkIds.includes(input.networkId)) {
    return rejectSubmission(submission, { fields: { networkId: ideaTexts.networkInvalid } });
  }
  const publish = form.intent === "publish";
  const ip = clientIp();
  if (!idea) {
    const id = await createIdea(user, input, publish, ip, submissionOf(user.id, form.formData));
    return redirectWithFlash(`/ideen/${id}`, publish ? "ideaPublished" : "ideaDraftSaved");
  }
  if (!(await updateIdea(user, idea.id, input, publish, ip))) throw notFound();
  return redirectWithFlash(`/ideen/${idea.id}`, publish ? "ideaPublished" : "ideaSaved");
}
