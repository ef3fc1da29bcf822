import { and, eq, inArray, like } from "drizzle-orm";
import { getDb } from "~/db/client.server";
import { eventReservations, events, mailOutbox, notifications, users } from "~/db/schema";
import { readEventForm } from "~/events/event-form.server";
import { cancelEvent, createEvent, loadEventForEditing, updateEvent } from "~/events/events.server";
import { sendEventReminders } from "~/events/reminders.server";
import { cancelReservation, reserveSeats } from "~/events/reservations.server";
import {
  eventFormTexts,
  eventNoticeTexts,
  eventPageTexts,
  outcomeTexts,
  reservationTexts,
} from "~/events/texts";
import { readFlash } from "~/flash.server";
import { listOutbox } from "~/mail/mail.server";
import { removeOrganization } from "~/networks/networks.server";
import * as eventRoute from "~/routes/_app.veranstaltungen.$eventId";
import * as editRoute from "~/routes/_app.veranstaltungen.$eventId_.bearbeiten";
import * as newRoute from "~/routes/_app.veranstaltungen.neu";
import { flashMessages } from "~/ui/flash-messages";
import {
  berlin,
  berlinDateIn,
  createEventFor,
  eventInput,
  reserveFor,
} from "~/demo/event-factories.server";
import { admitToNetwork, createOrganization, createUser } from "~/demo/factories.server";
import { buildRequest, callRoute, setCookieOf } from "#tests/helpers/routes";
import { buildWorld, type World } from "#tests/helpers/world";

/** The behaviours the review of the events feature asked for, each pinned by a test. */

let world: World;
beforeAll(async () => {
  world = await buildWorld();
});

const north = () => world.networks.north.id;
const HOUR = 60 * 60 * 1000;

async function eventRow(id: string) {
  const [row] = await getDb().select().from(events).where(eq(events.id, id));
  return row!;
}

async function reservationsOf(eventId: string) {
  return getDb()
    .select({
      id: eventReservations.id,
      pseudonym: eventReservations.pseudonym,
      status: eventReservations.status,
    })
    .from(eventReservations)
    .where(eq(eventReservations.eventId, eventId))
    .orderBy(eventReservations.createdAt);
}

async function reservationId(eventId: string, pseudonym: string): Promise<string> {
  const row = (await reservationsOf(eventId)).find((entry) => entry.pseudonym === pseudonym);
  return row!.id;
}

/** The notifications about one event, per recipient. */
async function noticesAbout(eventId: string) {
  return getDb()
    .select({ userId: notifications.userId, message: notifications.message })
    .from(notifications)
    .where(eq(notifications.link, `/veranstaltungen/${eventId}`));
}

/** The mails about one event (they link to it) to the given addresses. */
async function mailsAbout(eventId: string, emails: string[]) {
  return getDb()
    .select({
      to: mailOutbox.recipient,
      subject: mailOutbox.subject,
      triggeredByUserId: mailOutbox.triggeredByUserId,
    })
    .from(mailOutbox)
    .where(
      and(
        inArray(mailOutbox.recipient, emails),
        like(mailOutbox.body, `%/veranstaltungen/${eventId}%`),
      ),
    );
}

const onEvent = (eventId: string, cookie: string | undefined, form?: Record<string, string>) => ({
  cookie,
  params: { eventId },
  form,
});

async function errorsOf(response: Response): Promise<Record<string, string>> {
  return ((await response.json()) as { errors: Record<string, string> }).errors;
}

/** The confirmation the next page shows after the redirect, read as the layout reads it. */
function flashOf(response: Response): string | null {
  const cookie = setCookieOf(response).split(";")[0]!;
  return readFlash(buildRequest("/veranstaltungen", { cookie })).message;
}

describe("mails about events in the Postausgang", () => {
  it("are not listed among the organiser's or a case worker's own mails, so nobody learns there who reserved", async () => {
    const { staff, otherOrgAdmin, employer } = world.users;
    const input = eventInput({ networkId: north(), title: "Inforunde Lagerlogistik", capacity: 1 });
    const id = await createEventFor(employer, input);
    await reserveFor(staff, id, ["A. A."]);
    await reserveFor(otherOrgAdmin, id, ["B. B."]); // on the waiting list

    // The organiser moves the event, a case worker's cancellation moves up the place of another
    // organisation, and the organiser finally cancels the event.
    await updateEvent(employer, id, { ...input, place: "Rathaus Apolda, Saal 2" });
    await cancelReservation(staff, id, await reservationId(id, "A. A."));
    expect(await cancelEvent(employer, id)).toBe("cancelled");

    const reservers = [staff.email, otherOrgAdmin.email];
    const sent = await mailsAbout(id, reservers);
    expect(sent.map((mail) => `${mail.to} ${mail.subject}`).sort()).toEqual(
      [
        `${staff.email} ${eventNoticeTexts.changedSubject}`,
        `${otherOrgAdmin.email} ${eventNoticeTexts.changedSubject}`,
        `${otherOrgAdmin.email} ${eventNoticeTexts.promotedSubject}`,
        `${otherOrgAdmin.email} ${eventNoticeTexts.cancelledSubject}`,
      ].sort(),
    );
    expect(sent.every((mail) => mail.triggeredByUserId === null)).toBe(true);

    const organiserOutbox = await listOutbox(employer, false);
    expect(organiserOutbox.filter((mail) => reservers.includes(mail.recipient))).toEqual([]);
    const caseWorkerOutbox = await listOutbox(staff, false);
    expect(caseWorkerOutbox.filter((mail) => mail.recipient === otherOrgAdmin.email)).toEqual([]);
  });
});

describe("reminders after a change", () => {
  it("reminds again the day before a new date, but not after a new place or hour alone", async () => {
    const { staff, employer } = world.users;
    const input = eventInput({
      networkId: north(),
      title: "Praktikumsbörse Pflege",
      startsAt: berlin("2031-08-12", "10:00"),
    });
    const id = await createEventFor(employer, input);
    await reserveFor(staff, id, ["C. C."]);
    const dayBefore = berlin("2031-08-11", "18:00");
    expect(await sendEventReminders(dayBefore)).toBe(1);

    await updateEvent(employer, id, { ...input, place: "Berufsschule Apolda, Aula" });
    expect((await eventRow(id)).reminderSentAt).toEqual(dayBefore);
    expect(await sendEventReminders(dayBefore)).toBe(0);

    // An hour later on the same day: the change notice tells them, no second reminder.
    const laterStart = berlin("2031-08-12", "11:00");
    const later = { ...input, startsAt: laterStart, endsAt: new Date(laterStart.getTime() + HOUR) };
    await updateEvent(employer, id, later);
    expect((await eventRow(id)).reminderSentAt).toEqual(dayBefore);
    expect(await sendEventReminders(dayBefore)).toBe(0);

    const startsAt = berlin("2031-08-14", "10:00");
    const moved = { ...input, startsAt, endsAt: new Date(startsAt.getTime() + 2 * HOUR) };
    await updateEvent(employer, id, moved);
    expect((await eventRow(id)).reminderSentAt).toBeNull();
    const newDayBefore = berlin("2031-08-13", "18:00");
    expect(await sendEventReminders(newDayBefore)).toBe(1);
    expect(await sendEventReminders(newDayBefore)).toBe(0);

    const reminders = (await noticesAbout(id)).filter((notice) =>
      notice.message.startsWith("Erinnerung:"),
    );
    expect(reminders.map((notice) => notice.userId)).toEqual([staff.id, staff.id]);
  });
});

describe("one place per person and organisation", () => {
  async function seatsOf(eventId: string) {
    const { confirmedSeats, waitlistedSeats } = await eventRow(eventId);
    return { confirmedSeats, waitlistedSeats, rows: await reservationsOf(eventId) };
  }

  it("refuses a pseudonym the organisation already holds, in any spelling, and changes nothing", async () => {
    const { staff, orgAdmin, employer } = world.users;
    const id = await createEventFor(employer, { networkId: north(), capacity: 1 });
    expect(await reserveFor(staff, id, ["M. K.", "Kunde Eiche"])).toEqual({
      confirmed: 1,
      waitlisted: 1,
    });
    const before = await seatsOf(id);

    // A colleague of the same organisation, for the confirmed and for the waiting person.
    expect(await reserveSeats(orgAdmin, id, ["m. k."])).toEqual({
      ok: false,
      message: reservationTexts.alreadyReserved(["m. k."]),
    });
    expect(await reserveSeats(orgAdmin, id, ["D. D.", "kunde eiche"])).toEqual({
      ok: false,
      message: reservationTexts.alreadyReserved(["kunde eiche"]),
    });
    expect(await seatsOf(id)).toEqual(before);

    const response = await callRoute(
      eventRoute.action,
      `/veranstaltungen/${id}`,
      onEvent(id, world.cookies.staff, { intent: "reserve", pseudonyms: "M. K." }),
    );
    expect(response.status).toBe(400);
    expect(await errorsOf(response)).toEqual({
      pseudonyms: reservationTexts.alreadyReserved(["M. K."]),
    });
    expect(await seatsOf(id)).toEqual(before);
  });

  it("lets another organisation use the same pseudonym, and the own organisation again after a cancellation", async () => {
    const { staff, otherOrgAdmin, employer } = world.users;
    const id = await createEventFor(employer, { networkId: north(), capacity: 3 });
    await reserveFor(staff, id, ["M. K."]);
    expect(await reserveFor(otherOrgAdmin, id, ["M. K."])).toEqual({
      confirmed: 1,
      waitlisted: 0,
    });

    await cancelReservation(staff, id, await reservationId(id, "M. K."));
    expect(await reserveFor(staff, id, ["m. k."])).toEqual({ confirmed: 1, waitlisted: 0 });
    expect((await reservationsOf(id)).map((row) => [row.pseudonym, row.status])).toEqual([
      ["M. K.", "cancelled"],
      ["M. K.", "confirmed"],
      ["m. k.", "confirmed"],
    ]);
  });
});

describe("the event page's forms on a cancelled event", () => {
  async function cancelledEvent(options: { started?: boolean } = {}) {
    const startsAt = options.started
      ? new Date(Date.now() - HOUR)
      : berlin(berlinDateIn(14), "10:00");
    const id = await createEventFor(world.users.employer, {
      networkId: north(),
      startsAt,
      endsAt: new Date(startsAt.getTime() + 2 * HOUR),
      registrationDeadline: new Date(startsAt.getTime() - 24 * HOUR),
    });
    // Cancelled before it began (afterwards it could not be).
    const beforeStart = new Date(startsAt.getTime() - 2 * HOUR);
    expect(await cancelEvent(world.users.employer, id, null, beforeStart)).toBe("cancelled");
    return id;
  }

  it("answers a reservation with the German reason, not with a denial", async () => {
    const id = await cancelledEvent();
    const response = await callRoute(
      eventRoute.action,
      `/veranstaltungen/${id}`,
      onEvent(id, world.cookies.staff, { intent: "reserve", pseudonyms: "E. E." }),
    );
    expect(response.status).toBe(400);
    expect(await errorsOf(response)).toEqual({ pseudonyms: reservationTexts.eventCancelled });
    expect(await reservationsOf(id)).toEqual([]);
  });

  it("answers a second cancellation like the first, with the way back to the event", async () => {
    const id = await createEventFor(world.users.employer, { networkId: north() });
    const cancel = () =>
      callRoute(
        eventRoute.action,
        `/veranstaltungen/${id}`,
        onEvent(id, world.cookies.employer, { intent: "cancelEvent" }),
      );
    const first = await cancel();
    const { cancelledAt, revision } = await eventRow(id);
    const second = await cancel();
    for (const response of [first, second]) {
      expect(response.status).toBe(302);
      expect(response.headers.get("location")).toBe(`/veranstaltungen/${id}`);
      expect(flashOf(response)).toBe(flashMessages.eventCancelled);
    }
    expect(cancelledAt).not.toBeNull();
    expect(await eventRow(id)).toMatchObject({ cancelledAt, revision });
  });

  it("refuses outcomes of a cancelled event that had begun, in German", async () => {
    const id = await cancelledEvent({ started: true });
    const response = await callRoute(
      eventRoute.action,
      `/veranstaltungen/${id}`,
      onEvent(id, world.cookies.employer, { intent: "recordOutcomes", attended: "12" }),
    );
    expect(response.status).toBe(400);
    expect(await errorsOf(response)).toEqual({ attended: outcomeTexts.eventCancelled });
    expect(await eventRow(id)).toMatchObject({ attended: null, outcomesRecordedAt: null });
  });

  it("refuses to cancel an event that has begun, in German, and changes nothing", async () => {
    const startsAt = new Date(Date.now() - HOUR);
    const id = await createEventFor(world.users.employer, {
      networkId: north(),
      startsAt,
      endsAt: new Date(startsAt.getTime() + 2 * HOUR),
      registrationDeadline: new Date(startsAt.getTime() - 24 * HOUR),
    });
    const response = await callRoute(
      eventRoute.action,
      `/veranstaltungen/${id}`,
      onEvent(id, world.cookies.employer, { intent: "cancelEvent" }),
    );
    expect(response.status).toBe(400);
    expect(await errorsOf(response)).toEqual({ cancelEvent: eventPageTexts.cancelAfterStart });
    expect(await eventRow(id)).toMatchObject({ cancelledAt: null });
  });

  it("still opens the edit page, saying the event is cancelled", async () => {
    const id = await cancelledEvent();
    const response = await callRoute(
      editRoute.loader,
      `/veranstaltungen/${id}/bearbeiten`,
      onEvent(id, world.cookies.employer),
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ eventId: id, cancelled: true });
  });
});

describe("the confirmation after reserving", () => {
  it("says whether everyone got a seat, some wait or all wait", async () => {
    const id = await createEventFor(world.users.employer, { networkId: north(), capacity: 2 });
    const reserve = (pseudonyms: string) =>
      callRoute(
        eventRoute.action,
        `/veranstaltungen/${id}`,
        onEvent(id, world.cookies.staff, { intent: "reserve", pseudonyms }),
      );

    const allSeated = await reserve("F. F.");
    expect(allSeated.status).toBe(302);
    expect(flashOf(allSeated)).toBe(flashMessages.seatsReserved);

    const someWaiting = await reserve("G. G.\nH. H.");
    expect(someWaiting.status).toBe(302);
    expect(flashOf(someWaiting)).toBe(flashMessages.seatsPartlyWaitlisted);

    const allWaiting = await reserve("I. I.\nJ. J.");
    expect(allWaiting.status).toBe(302);
    expect(flashOf(allWaiting)).toBe(flashMessages.seatsWaitlisted);

    expect((await reservationsOf(id)).map((row) => [row.pseudonym, row.status])).toEqual([
      ["F. F.", "confirmed"],
      ["G. G.", "confirmed"],
      ["H. H.", "waitlisted"],
      ["I. I.", "waitlisted"],
      ["J. J.", "waitlisted"],
    ]);
  });
});

describe("reservations of a deactivated account", () => {
  it("tell the reserving organisation's active case workers of a moved-up place and of a cancellation", async () => {
    const { staff, employer } = world.users;
    const organization = await createOrganization({
      name: "Jobcenter Ostkreis",
      kind: "jobcenter",
    });
    await admitToNetwork(north(), organization.id);
    const member = (role: "staff" | "org_admin") =>
      createUser({ organizationId: organization.id, role });
    const departed = await member("staff");
    const alsoGone = await member("org_admin");
    const colleague = await member("staff");
    const admin = await member("org_admin");

    const id = await createEventFor(employer, {
      networkId: north(),
      title: "Speed-Dating Handwerk",
      capacity: 1,
    });
    await reserveFor(staff, id, ["K. K."]);
    await reserveFor(departed, id, ["L. L."]); // on the waiting list
    await getDb()
      .update(users)
      .set({ deactivatedAt: new Date() })
      .where(inArray(users.id, [departed.id, alsoGone.id]));

    await cancelReservation(staff, id, await reservationId(id, "K. K."));
    expect((await reservationsOf(id)).find((row) => row.pseudonym === "L. L.")!.status).toBe(
      "confirmed",
    );
    const reachable = [colleague.id, admin.id].sort();
    const promoted = eventNoticeTexts.promoted("Speed-Dating Handwerk");
    const promotionNotices = (await noticesAbout(id)).filter((row) => row.message === promoted);
    expect(promotionNotices.map((row) => row.userId).sort()).toEqual(reachable);

    expect(await cancelEvent(employer, id)).toBe("cancelled");
    const cancelled = eventNoticeTexts.cancelled("Speed-Dating Handwerk");
    const cancellationNotices = (await noticesAbout(id)).filter((row) => row.message === cancelled);
    expect(cancellationNotices.map((row) => row.userId).sort()).toEqual(reachable);

    const mails = await mailsAbout(id, [
      departed.email,
      alsoGone.email,
      colleague.email,
      admin.email,
    ]);
    expect(mails.map((mail) => `${mail.to} ${mail.subject}`).sort()).toEqual(
      [
        `${colleague.email} ${eventNoticeTexts.promotedSubject}`,
        `${admin.email} ${eventNoticeTexts.promotedSubject}`,
        `${colleague.email} ${eventNoticeTexts.cancelledSubject}`,
        `${admin.email} ${eventNoticeTexts.cancelledSubject}`,
      ].sort(),
    );
  });
});

describe("cancelled reservations in the lists", () => {
  interface PageData {
    visibility: string;
    reservations: { pseudonym: string; status: string }[];
  }

  async function listAs(cookie: string | undefined, eventId: string) {
    const response = await callRoute(
      eventRoute.loader,
      `/veranstaltungen/${eventId}`,
      onEvent(eventId, cookie),
    );
    expect(response.status).toBe(200);
    const data = (await response.json()) as PageData;
    return {
      visibility: data.visibility,
      rows: data.reservations.map((row) => [row.pseudonym, row.status]),
    };
  }

  it("leave the organiser's list, while the reserving organisation still sees them as cancelled", async () => {
    const id = await createEventFor(world.users.employer, { networkId: north() });
    await reserveFor(world.users.staff, id, ["N. N.", "Kundin Linde"]);
    await cancelReservation(world.users.staff, id, await reservationId(id, "N. N."));

    expect(await listAs(world.cookies.employer, id)).toEqual({
      visibility: "organiser",
      rows: [["Kundin Linde", "confirmed"]],
    });
    expect(await listAs(world.cookies.orgAdmin, id)).toEqual({
      visibility: "own",
      rows: [
        ["Kundin Linde", "confirmed"],
        ["N. N.", "cancelled"],
      ],
    });
  });
});

describe("the registration deadline in the event form", () => {
  const formContext = () => ({ allowedNetworkIds: [north()], now: new Date() });

  /** The fields of a complete new event in two weeks (Berlin time), overridable. */
  function newEventForm(overrides: Record<string, string> = {}): Record<string, string> {
    return {
      networkId: north(),
      kind: "inforunde",
      title: "Inforunde Gastronomie",
      descriptionText: "Drei Betriebe stellen sich vor.",
      startDate: berlinDateIn(14),
      startTime: "10:00",
      endDate: "",
      endTime: "12:00",
      deadlineDate: berlinDateIn(12),
      deadlineTime: "",
      place: "Jobcenter Weimarer Land, Bahnhofstraße 28, 99510 Apolda",
      onlineUrl: "",
      capacity: "15",
      ...overrides,
    };
  }

  /** The edit form as the page fills it in, sent back unchanged but for the overrides. */
  function editedForm(
    stored: NonNullable<Awaited<ReturnType<typeof loadEventForEditing>>>,
    overrides: Record<string, string>,
  ): Record<string, string> {
    const { jobs, targetGroups, cancelled: _cancelled, ...fields } = stored;
    // The factory's event has one job and one target group; the form sends them as single fields.
    expect(jobs).toHaveLength(1);
    expect(targetGroups).toHaveLength(1);
    return {
      ...fields,
      jobTitle: jobs[0]!.title,
      jobPositions: String(jobs[0]!.positions),
      targetGroups: targetGroups[0]!,
      ...overrides,
    };
  }

  it("refuses a new event whose registration has already closed", async () => {
    const response = await callRoute(newRoute.action, "/veranstaltungen/neu", {
      cookie: world.cookies.employer,
      form: newEventForm({ deadlineDate: berlinDateIn(-1) }),
    });
    expect(response.status).toBe(400);
    expect(await errorsOf(response)).toEqual({ deadlineDate: eventFormTexts.deadlineInPast });

    const withTime = readEventForm(
      newEventForm({ deadlineDate: berlinDateIn(0), deadlineTime: "00:00" }),
      formContext(),
    );
    expect(withTime).toEqual({
      ok: false,
      errors: { deadlineDate: eventFormTexts.deadlineInPast },
    });
  });

  it("still lets the organiser edit an event whose registration has closed", async () => {
    const registrationDeadline = berlin(berlinDateIn(-1), "18:00");
    const id = await createEventFor(world.users.employer, {
      networkId: north(),
      startsAt: berlin(berlinDateIn(3), "10:00"),
      registrationDeadline,
    });
    const stored = (await loadEventForEditing(id))!;
    const response = await callRoute(editRoute.action, `/veranstaltungen/${id}/bearbeiten`, {
      ...onEvent(id, world.cookies.employer),
      form: editedForm(stored, { title: "Inforunde Solarmontage (Raum geändert)" }),
    });
    expect(response.status).toBe(302);
    expect(flashOf(response)).toBe(flashMessages.eventSaved);
    expect(await eventRow(id)).toMatchObject({
      title: "Inforunde Solarmontage (Raum geändert)",
      registrationDeadline,
    });
  });

  it("shows the deadline in the edit form as it was entered: a date alone, or a date and a time", async () => {
    const context = { allowedNetworkIds: [north()], now: berlin("2031-01-05", "09:00") };
    const posted = async (deadlineTime: string) => {
      const parsed = readEventForm(
        newEventForm({ startDate: "2031-03-20", deadlineDate: "2031-03-18", deadlineTime }),
        context,
      );
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
      return loadEventForEditing(await createEvent(world.users.employer, parsed.data));
    };
    expect(await posted("")).toMatchObject({ deadlineDate: "2031-03-18", deadlineTime: "" });
    expect(await posted("16:30")).toMatchObject({
      deadlineDate: "2031-03-18",
      deadlineTime: "16:30",
    });
  });

  it("reports an invalid start date once, not again on the empty end date", () => {
    const parsed = readEventForm(newEventForm({ startDate: "2031-02-30" }), formContext());
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors.startDate).toBe(eventFormTexts.dateInvalid);
    expect(parsed.errors).not.toHaveProperty("endDate");
  });
});

describe("when an organisation leaves the network", () => {
  it("its places in coming events are given back and the waiting list moves up", async () => {
    const { staff, otherOrgAdmin, employer, coordinator } = world.users;
    const id = await createEventFor(employer, { networkId: north(), capacity: 1 });
    expect(await reserveFor(otherOrgAdmin, id, ["F. F."])).toEqual({ confirmed: 1, waitlisted: 0 });
    expect(await reserveFor(staff, id, ["G. G."])).toEqual({ confirmed: 0, waitlisted: 1 });

    expect(await removeOrganization(coordinator, north(), world.organizations.orgB.id, null)).toBe(
      true,
    );

    expect(
      (await reservationsOf(id)).map((row) => `${row.pseudonym}/${row.status}`).sort(),
    ).toEqual(["F. F./cancelled", "G. G./confirmed"]);
    expect(await eventRow(id)).toMatchObject({ confirmedSeats: 1, waitlistedSeats: 0 });
    const promoted = eventNoticeTexts.promoted((await eventRow(id)).title);
    const notices = (await noticesAbout(id)).filter((notice) => notice.message === promoted);
    expect(notices.map((notice) => notice.userId)).toEqual([staff.id]);

    // Back in the network for the tests that follow.
    await admitToNetwork(north(), world.organizations.orgB.id);
  });
});
