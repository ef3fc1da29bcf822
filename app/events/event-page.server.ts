import {
  authorize,
  can,
  notFound,
  reservationVisibility,
  type EventAccess,
} from "~/auth/permissions.server";
import type { CurrentUser } from "~/auth/session.server";
import { redirectWithFlash } from "~/flash.server";
import { parseSubmission } from "~/form-schema";
import { readForm, rejectSubmission, unhandledIntent } from "~/forms.server";
import { requireUuid } from "~/params.server";
import { mailLimitReached } from "~/rate-limits.server";
import { clientIp } from "~/request-context.server";
import {
  cancelEventSchema,
  cancelReservationSchema,
  eventPageIntents,
  reserveSchema,
} from "./event-page-form";
import { cancelEvent, loadEventPage } from "./events.server";
import { outcomeSchema } from "./outcome-form";
import {
  outcomeOrganizations,
  outcomesByOrganization,
  recordOutcomes,
  reservingOrganizations,
} from "./outcomes.server";
import {
  cancelReservation,
  getReservationAccess,
  listReservations,
  reserveSeats,
} from "./reservations.server";
import { eventPageTexts } from "./texts";

/** The empty result of a list query that is not run for this viewer. */
const noRows = <Query extends (...args: never[]) => Promise<unknown[]>>() =>
  Promise.resolve([] as unknown as Awaited<ReturnType<Query>>);

/**
 * What the event page shows the user: the event, the reservations their role may see (see
 * reservationVisibility), the outcomes and which actions are open to them now.
 */
export async function eventPageData(user: CurrentUser, access: EventAccess, now = new Date()) {
  const visibility = reservationVisibility(user, access);
  const organiser = visibility === "organiser";
  const [event, reservations, outcomeRows, reserving] = await Promise.all([
    loadEventPage(access.id),
    listReservations(access.id, visibility, user.organizationId),
    organiser ? outcomesByOrganization(access.id) : noRows<typeof outcomesByOrganization>(),
    organiser ? reservingOrganizations(access.id) : noRows<typeof reservingOrganizations>(),
  ]);
  if (!event) throw notFound();
  const deadlinePassed = now > event.registrationDeadline;
  const started = now >= event.startsAt;
  const cancelled = event.cancelledAt !== null;
  const seatsOpen = !cancelled && !deadlinePassed;
  return {
    event,
    visibility,
    reservations: reservations.map(({ organizationId, ...row }) => ({
      ...row,
      cancellable:
        seatsOpen &&
        row.status !== "cancelled" &&
        can(user, {
          action: "reservation.cancel",
          event: access,
          reservation: { id: row.id, organizationId },
        }),
    })),
    outcomes: { rows: outcomeRows, organizations: outcomeOrganizations(reserving, outcomeRows) },
    state: { deadlinePassed, started, cancelled },
    may: {
      edit: !cancelled && can(user, { action: "event.edit", event: access }),
      cancel: !cancelled && !started && can(user, { action: "event.edit", event: access }),
      reserve: seatsOpen && can(user, { action: "event.reserve", event: access }),
      recordOutcomes:
        started && !cancelled && can(user, { action: "event.recordOutcomes", event: access }),
    },
  };
}

/**
 * The page's forms, told apart by `intent`, for a user who may see the event; every rule not
 * about who may act answers 400.
 */
export async function eventPageAction(
  request: Request,
  user: CurrentUser,
  event: EventAccess,
): Promise<Response> {
  const ip = clientIp();
  const form = await readForm(request, { intents: eventPageIntents });
  if (!form.ok) return form.response;
  const here = `/veranstaltungen/${event.id}`;
  switch (form.intent) {
    case "reserve": {
      await authorize(user, { action: "event.reserve", event }, ip);
      const submission = parseSubmission(form.formData, reserveSchema);
      if (submission.status !== "success") return rejectSubmission(submission);
      const reserved = await reserveSeats(user, event.id, submission.value.pseudonyms, ip);
      if (!reserved.ok)
        return rejectSubmission(submission, { fields: { pseudonyms: reserved.message } });
      // The case worker must not promise a seat the candidate only has on the waiting list.
      const flash =
        reserved.waitlisted === 0
          ? "seatsReserved"
          : reserved.confirmed === 0
            ? "seatsWaitlisted"
            : "seatsPartlyWaitlisted";
      return redirectWithFlash(here, flash);
    }
    case "cancelReservation": {
      const submission = parseSubmission(form.formData, cancelReservationSchema);
      if (submission.status !== "success") return rejectSubmission(submission);
      const reservationId = requireUuid(submission.value.reservationId);
      const reservation = await getReservationAccess(event.id, reservationId);
      if (!reservation) throw notFound();
      await authorize(user, { action: "reservation.cancel", event, reservation }, ip);
      // Seats given back may move the waiting list up, and those moved up get mail.
      const tooMany = await mailLimitReached("notifyingChanges", user.id, ip);
      if (tooMany) return rejectSubmission(submission, { form: tooMany }, 429);
      const cancelled = await cancelReservation(user, event.id, reservation.id, ip);
      if (!cancelled.ok) return rejectSubmission(submission, { form: cancelled.message });
      return redirectWithFlash(here, "reservationCancelled");
    }
    case "recordOutcomes": {
      await authorize(user, { action: "event.recordOutcomes", event }, ip);
      const [reserving, recorded] = await Promise.all([
        reservingOrganizations(event.id),
        outcomesByOrganization(event.id),
      ]);
      const organizationIds = outcomeOrganizations(reserving, recorded).map(({ id }) => id);
      const submission = parseSubmission(form.formData, outcomeSchema(organizationIds));
      if (submission.status !== "success") return rejectSubmission(submission);
      const saved = await recordOutcomes(user, event.id, submission.value, ip);
      if (!saved.ok) return rejectSubmission(submission, { fields: { attended: saved.message } });
      return redirectWithFlash(here, "outcomesRecorded");
    }
    case "cancelEvent": {
      await authorize(user, { action: "event.edit", event }, ip);
      const submission = parseSubmission(form.formData, cancelEventSchema);
      const tooMany = await mailLimitReached("notifyingChanges", user.id, ip);
      if (tooMany) return rejectSubmission(submission, { form: tooMany }, 429);
      if ((await cancelEvent(user, event.id, ip)) === "started") {
        return rejectSubmission(submission, { form: eventPageTexts.cancelAfterStart });
      }
      return redirectWithFlash(here, "eventCancelled");
    }
    default:
      return unhandledIntent(form.intent);
  }
}
