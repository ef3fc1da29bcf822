import { authorize, notFound, type EventAccess } from "~/auth/permissions.server";
import type { CurrentUser } from "~/auth/session.server";
import { redirectWithFlash } from "~/flash.server";
import { parseSubmission } from "~/form-schema";
import { readForm, rejectSubmission } from "~/forms.server";
import { listNetworkNames } from "~/networks/networks.server";
import { mailLimitReached } from "~/rate-limits.server";
import { clientIp } from "~/request-context.server";
import { submissionOf } from "~/submissions/submission-key.server";
import { eventMultiValued, eventSchema } from "./event-form";
import { createEvent, loadEventForEditing, storedStart, updateEvent } from "./events.server";
import { eventFormTexts } from "./texts";

/**
 * The new-event page: the networks the user may post in (those of their organisation) and what
 * the form starts with, the user as the contact person.
 */
export async function newEventForm(user: CurrentUser) {
  await authorize(user, { action: "event.create" }, clientIp());
  const networks = await listNetworkNames(user.networkIds);
  return {
    networks,
    defaultValue: {
      networkId: networks[0]?.id,
      kind: "inforunde",
      startTime: "10:00",
      endTime: "12:00",
      capacity: 20,
      contactName: user.name,
      contactEmail: user.email,
    },
  };
}

/** The edit page of an event the route has authorized: the stored event in the form's fields. */
export async function eventEditForm(event: EventAccess) {
  const stored = await loadEventForEditing(event.id);
  if (!stored) throw notFound();
  const { cancelled, startsAt, ...defaultValue } = stored;
  return { eventId: event.id, cancelled, previousStartsAt: startsAt, defaultValue };
}

const networkRefused = { fields: { networkId: eventFormTexts.networkInvalid } };

/** The action of the new-event page. */
export async function submitNewEvent(request: Request, user: CurrentUser): Promise<Response> {
  const ip = clientIp();
  await authorize(user, { action: "event.create" }, ip);
  const form = await readForm(request, { multiValued: eventMultiValued });
  if (!form.ok) return form.response;
  const submission = parseSubmission(form.formData, eventSchema());
  if (submission.status !== "success") return rejectSubmission(submission);
  const input = submission.value;
  if (!user.networkIds.includes(input.networkId)) {
    return rejectSubmission(submission, networkRefused);
  }
  const id = await createEvent(user, input, ip, submissionOf(user.id, form.formData));
  return redirectWithFlash(`/veranstaltungen/${id}`, "eventCreated");
}

/** The action of the edit page, for an event the route has authorized; it keeps its network. */
export async function submitEventEdit(
  request: Request,
  user: CurrentUser,
  event: EventAccess,
): Promise<Response> {
  const ip = clientIp();
  const previousStartsAt = await storedStart(event.id);
  if (!previousStartsAt) throw notFound();
  const form = await readForm(request, { multiValued: eventMultiValued });
  if (!form.ok) return form.response;
  const submission = parseSubmission(form.formData, eventSchema({ previousStartsAt }));
  // A changed time or place is announced to everyone holding a seat.
  const tooMany = await mailLimitReached("notifyingChanges", user.id, ip);
  if (tooMany) return rejectSubmission(submission, { form: tooMany }, 429);
  if (submission.status !== "success") return rejectSubmission(submission);
  if (submission.value.networkId !== event.networkId) {
    return rejectSubmission(submission, networkRefused);
  }
  const saved = await updateEvent(user, event.id, submission.value, ip);
  if (!saved.ok) {
    if ("notFound" in saved) throw notFound();
    if ("cancelled" in saved)
      return rejectSubmission(submission, { form: eventFormTexts.cancelled });
    return rejectSubmission(submission, { fields: saved.errors });
  }
  return redirectWithFlash(
    `/veranstaltungen/${event.id}`,
    saved.announced ? "eventSavedAndAnnounced" : "eventSaved",
  );
}
