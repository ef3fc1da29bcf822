import { authorize, notFound, type ReferralParties } from "~/auth/permissions.server";
import type { CurrentUser } from "~/auth/session.server";
import { listReferableServices } from "~/directory/services.server";
import { redirectWithFlash } from "~/flash.server";
import { parseSubmission } from "~/form-schema";
import { readForm, rejectSubmission } from "~/forms.server";
import { absoluteUrl } from "~/mail/mail.server";
import { mailLimitReached } from "~/rate-limits.server";
import { clientIp } from "~/request-context.server";
import { submissionOf } from "~/submissions/submission-key.server";
import { berlinDate } from "~/time/berlin";
import type { ReferableServiceOption } from "./referral-editor";
import { getReferralForSide } from "./referral-detail.server";
import { referralIntents, referralMultiValued, referralSchema } from "./referral-form";
import { saveReferral } from "./save-referral.server";

/** The services the form offers, without anything the page does not show. */
async function referableServiceOptions(user: CurrentUser): Promise<ReferableServiceOption[]> {
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

/**
 * The creation form: the service chosen in the directory (`?angebot=`) preselected with its
 * category as the need, and the consent as obtained by the signed-in person today.
 */
export async function newReferralForm(user: CurrentUser, preselectedServiceId: string | null) {
  await authorize(user, { action: "referral.work" }, clientIp());
  const services = await referableServiceOptions(user);
  const service = services.find((candidate) => candidate.id === preselectedServiceId);
  const today = berlinDate(new Date());
  return {
    services,
    today,
    defaultValue: {
      serviceId: service?.id,
      needs: service ? [service.category] : [],
      urgency: "normal",
      contactPreference: "telefon",
      consentObtainedBy: user.name,
      consentObtainedOn: today,
      consentOrganizationId: service?.organizationId,
    },
  };
}

/** A draft's form: what it holds, and its consent under the form's field names. */
export async function draftReferralForm(user: CurrentUser, draft: ReferralParties) {
  const [detail, services] = await Promise.all([
    getReferralForSide(draft.id, "sender"),
    referableServiceOptions(user),
  ]);
  if (!detail) throw notFound();
  const { referral, consent } = detail;
  return {
    services,
    today: berlinDate(new Date()),
    defaultValue: {
      serviceId: referral.serviceId,
      pseudonym: referral.pseudonym,
      ageBand: referral.ageBand,
      needs: referral.needs,
      reason: referral.reason,
      urgency: referral.urgency,
      contactPreference: referral.contactPreference,
      consentObtainedBy: consent?.obtainedBy ?? user.name,
      consentObtainedOn: consent?.obtainedOn,
      consentForm: consent?.form,
      consentOrganizationId: consent?.organizationId,
      consentPurpose: consent?.purpose,
      consentValidUntil: consent?.validUntil,
      consentCoversFeedback: consent?.coversFeedback,
    },
  };
}

/** The action of the creation form and of a draft's form: save, and send if asked. */
export async function submitReferralForm(
  request: Request,
  user: CurrentUser,
  draftId?: string,
): Promise<Response> {
  const ip = clientIp();
  await authorize(user, { action: "referral.work" }, ip);
  const form = await readForm(request, {
    intents: referralIntents,
    multiValued: referralMultiValued,
  });
  if (!form.ok) return form.response;
  const submission = parseSubmission(form.formData, referralSchema(berlinDate(new Date())));
  const sending = form.intent === "send";
  // Sending mails the receiving organisation's case workers.
  const tooMany = sending ? await mailLimitReached("notifyingChanges", user.id, ip) : null;
  if (tooMany) return rejectSubmission(submission, { form: tooMany }, 429);
  if (submission.status !== "success") return rejectSubmission(submission);
  const result = await saveReferral(
    user,
    submission.value,
    {
      draftId,
      send: sending,
      linkFor: (referralId) => absoluteUrl(`/uebergaben/${referralId}`),
      submission: submissionOf(user.id, form.formData),
    },
    ip,
  );
  if (!result.ok) {
    if ("notFound" in result) throw notFound();
    return rejectSubmission(submission, { fields: result.errors });
  }
  return redirectWithFlash(
    `/uebergaben/${result.referralId}`,
    sending ? "referralSent" : "referralDraftSaved",
  );
}
