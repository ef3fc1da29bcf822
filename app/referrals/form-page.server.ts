import { authorize, notFound } from "~/auth/permissions.server";
import { clientIp } from "~/auth/request.server";
import type { CurrentUser } from "~/auth/session.server";
import { listReferableServices } from "~/directory/services.server";
import { redirectWithFlash } from "~/flash.server";
import { formFailure, formValues } from "~/forms.server";
import { publicUrl } from "~/mail/mail.server";
import type { ReferableServiceOption } from "./referral-form";
import { parseReferralForm, referralMultiValuedFields } from "./referral-form.server";
import { saveReferral } from "./save-referral.server";
import { berlinDate } from "./working-days";

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
  const formData = await request.formData();
  const sending = formData.get("intent") === "send";
  const parsed = parseReferralForm(formData, { today: berlinDate(new Date()), sending });
  if (!parsed.ok) return parsed.response;
  const result = await saveReferral(
    user,
    parsed.data,
    {
      draftId,
      send: sending,
      linkFor: (referralId) => publicUrl(request, `/uebergaben/${referralId}`),
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
