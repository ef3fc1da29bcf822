import { authorize, notFound } from "~/auth/permissions.server";
import { clientIp } from "~/auth/request.server";
import type { CurrentUser } from "~/auth/session.server";
import { listReferableServices } from "~/directory/services.server";
import { redirectWithFlash } from "~/flash.server";
import { formFailure, formValues, readForm } from "~/forms.server";
import { absoluteUrl } from "~/mail/mail.server";
import type { ReferableServiceOption } from "./referral-form";
import { parseReferralForm, referralMultiValuedFields } from "./referral-form.server";
import { saveReferral } from "./save-referral.server";
import { berlinDate } from "./working-days";
import { submissionOf } from "~/submissions/submission-key.server";

/** The services the form offers, without anything the page does not show. */
export async function referableServiceOptions(
  user: CurrentUser,
): Promise<ReferableServiceOption[]> {
  const services = await listReferableServices(user);
  return services
    .map((service) => ({
      id: service.id,
      name: service.name,
      category: service.category,
      responseWorkingDays: service.responseWorkingDays,
      organizationId: service.organizationId,
      organizationName: service.organizationName,
    }))
    .sort(
      (a, b) =>
        a.organizationName.localeCompare(b.organizationName, "de") ||
        a.name.localeCompare(b.name, "de"),
    );
}

/** The action of the creation form and of a draft's form: save, and send if asked. */
export async function submitReferralForm(
  request: Request,
  user: CurrentUser,
  draftId?: string,
): Promise<Response> {
  const ip = clientIp(request);
  await authorize(user, { action: "referral.work" }, ip);
  const form = await readForm(request, {
    multiValued: referralMultiValuedFields,
    intents: ["send", "draft"],
  });
  if (!form.ok) return form.response;
  const { formData } = form;
  const sending = form.intent === "send";
  const parsed = parseReferralForm(formData, { today: berlinDate(new Date()), sending });
  if (!parsed.ok) return parsed.response;
  const result = await saveReferral(
    user,
    parsed.data,
    {
      draftId,
      send: sending,
      linkFor: (referralId) => absoluteUrl(`/uebergaben/${referralId}`),
      submission: submissionOf(user.id, formData),
    },
    ip,
  );
  if (!result.ok) {
    if ("notFound" in result) throw notFound();
    return formFailure(formValues(formData, referralMultiValuedFields), result.errors);
  }
  return redirectWithFlash(
    `/uebergaben/${result.referralId}`,
    sending ? "referralSent" : "referralDraftSaved",
  );
}
