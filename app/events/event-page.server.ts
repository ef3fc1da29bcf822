import {
  authorize,
  can,
  notFound,
  reservationVisibility,
  type EventAccess,
} from "~/auth/permissions.server";
import { clientIp } from "~/auth/request.server";
import type { CurrentUser } from "~/auth/session.server";
import { formFailure, formValues, readForm, unhandledIntent } from "~/forms.server";
import { requireUuid } from "~/params.server";
import { cancelEvent, loadEventPage } from "./events.server";
import { redirectWithFlash } from "~/flash.server";
import {
  outcomeOrganizations,
  outcomesByOrganization,
  readOutcomeForm,
  recordOutcomes,
  reservingOrganizations,
} from "./outcomes.server";
import { parsePseudonymList } from "./pseudonym-list";
import { eventPageTexts } from "./texts";
import {
  cancelReservation,
  getReservationAccess,
  listReservations,
  reserveSeats,
} from "./reservations.server";

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
  if (!event) return null;
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

/** The page's forms, told apart by `intent`; every rule not about who may act answers 400. */
export async function eventPageAction(
  request: Request,
  user: CurrentUser,
  event: EventAccess,
): Promise<Response> {
  const ip = clientIp(request);
  // Whoever may not see the event must not learn from any answer that it exists.
  await authorize(user, { action: "event.view", event }, ip);
  const form = await readForm(request, {
    intents: ["reserve", "cancelReservation", "recordOutcomes", "cancelEvent"],
  });
  if (!form.ok) return form.response;
  const raw = formValues(form.formData);
  const here = `/veranstaltungen/${event.id}`;
  switch (form.intent) {
    case "reserve": {
      await authorize(user, { action: "event.reserve", event }, ip);
      const list = parsePseudonymList(String(raw.pseudonyms ?? ""));
      if (!list.ok) return formFailure(raw, { pseudonyms: list.message });
      const reserved = await reserveSeats(user, event.id, list.pseudonyms, ip);
      if (!reserved.ok) return formFailure(raw, { pseudonyms: reserved.message });
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
      const reservation = await getReservationAccess(
        event.id,
        requireUuid(String(raw.reservationId ?? "")),
      );
      if (!reservation) throw notFound();
      await authorize(user, { action: "reservation.cancel", event, reservation }, ip);
      const cancelled = await cancelReservation(user, event.id, reservation.id, ip);
      if (!cancelled.ok) return formFailure(raw, { reservation: cancelled.message });
      return redirectWithFlash(here, "reservationCancelled");
    }
    case "recordOutcomes": {
      await authorize(user, { action: "event.recordOutcomes", event }, ip);
      const [reserving, recorded] = await Promise.all([
        reservingOrganizations(event.id),
        outcomesByOrganization(event.id),
      ]);
      const organizationIds = outcomeOrganizations(reserving, recorded).map(({ id }) => id);
      const parsed = readOutcomeForm(raw, organizationIds);
      if (!parsed.ok) return formFailure(raw, parsed.errors);
      const saved = await recordOutcomes(user, event.id, parsed.data, ip);
      if (!saved.ok) return formFailure(raw, { attended: saved.message });
      return redirectWithFlash(here, "outcomesRecorded");
    }
    case "cancelEvent": {
      await authorize(user, { action: "event.edit", event }, ip);
      if ((await cancelEvent(user, event.id, ip)) === "started") {
        return formFailure(raw, { cancelEvent: eventPageTexts.cancelAfterStart });
      }
      return redirectWithFlash(here, "eventCancelled");
    }
    default:
      return unhandledIntent(form.intent);
  }
}
