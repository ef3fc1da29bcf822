import { authorize, notFound, type EventAccess } from "~/auth/permissions.server";
import { clientIp } from "~/auth/request.server";
import type { CurrentUser } from "~/auth/session.server";
import { formFailure, formValues, readForm } from "~/forms.server";
import { listNetworkNames } from "~/networks/networks.server";
import { parseEventForm, eventMultiValuedFields } from "./event-form.server";
import { createEvent, storedStart, updateEvent } from "./events.server";
import { redirectWithFlash } from "~/flash.server";
import { submissionOf } from "~/submissions/submission-key.server";

/** The networks a user may post an event in: those of their organisation. */
export function eventNetworksOf(user: CurrentUser) {
  return listNetworkNames(user.networkIds);
}

/** The action of the new-event page. */
export async function submitNewEvent(request: Request, user: CurrentUser): Promise<Response> {
  const ip = clientIp(request);
  await authorize(user, { action: "event.create" }, ip);
  const form = await readForm(request, { multiValued: eventMultiValuedFields });
  if (!form.ok) return form.response;
  const { formData } = form;
  const parsed = parseEventForm(formData, { allowedNetworkIds: user.networkIds, now: new Date() });
  if (!parsed.ok) return parsed.response;
  const id = await createEvent(user, parsed.data, ip, submissionOf(user.id, formData));
  return redirectWithFlash(`/veranstaltungen/${id}`, "eventCreated");
}

/** The action of the edit page; the event keeps its network. */
export async function submitEventEdit(
  request: Request,
  user: CurrentUser,
  event: EventAccess,
): Promise<Response> {
  const ip = clientIp(request);
  await authorize(user, { action: "event.edit", event }, ip);
  const previousStartsAt = await storedStart(event.id);
  if (!previousStartsAt) throw notFound();
  const form = await readForm(request, { multiValued: eventMultiValuedFields });
  if (!form.ok) return form.response;
  const { formData } = form;
  const parsed = parseEventForm(formData, {
    allowedNetworkIds: [event.networkId],
    now: new Date(),
    previousStartsAt,
  });
  if (!parsed.ok) return parsed.response;
  const saved = await updateEvent(user, event.id, parsed.data, ip);
  if (!saved.ok) {
    if ("notFound" in saved) throw notFound();
    return formFailure(formValues(formData, eventMultiValuedFields), saved.errors);
  }
  return redirectWithFlash(
    `/veranstaltungen/${event.id}`,
    saved.announced ? "eventSavedAndAnnounced" : "eventSaved",
  );
}
