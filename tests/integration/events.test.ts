import { and, eq, inArray } from "drizzle-orm";
import { getDb } from "~/db/client.server";
import {
  auditLog,
  eventOutcomesByOrganization,
  eventReservations,
  mailOutbox,
  notifications,
} from "~/db/schema";
import { eventSchema } from "~/events/event-form";
import { cancelEvent, createEvent, loadEventForEditing, updateEvent } from "~/events/events.server";
import { outcomeSchema } from "~/events/outcome-form";
import { recordOutcomes } from "~/events/outcomes.server";
import { sendEventReminders } from "~/events/reminders.server";
import { cancelReservation } from "~/events/reservations.server";
import {
  eventFormTexts,
  eventNoticeTexts,
  eventPageTexts,
  outcomeTexts,
  reservationTexts,
} from "~/events/texts";
import { formatEventTime } from "~/events/vocabulary";
import { listOutbox } from "~/mail/mail.server";
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
import {
  eventRow,
  mailsAbout,
  noticesAbout,
  onEvent,
  reservationOf,
  reservationsOf,
} from "#tests/helpers/event-records";
import { parseFields } from "#tests/helpers/forms";
import { callRoute, errorsOf, flashOf, feedbackOf } from "#tests/helpers/routes";
import { buildWorld } from "#tests/helpers/world";
import { builtBeforeAll } from "#tests/integration/world-steps";
import { eventAction } from "#tests/integration/event-steps";

const world = builtBeforeAll(buildWorld);

const north = () => world.networks.north.id;
const HOUR = 60 * 60 * 1000;

/** The fields of a complete event form in two weeks (Berlin time), overridable. */
function eventForm(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    networkId: north(),
    kind: "speed_dating",
    title: "Speed-Dating Lager und Logistik",
    descriptionText: "Fünf Betriebe stellen sich vor.\n\nBitte Lebenslauf mitbringen.",
    startDate: berlinDateIn(14),
    startTime: "10:00",
    endDate: "",
    endTime: "12:00",
    deadlineDate: berlinDateIn(12),
    deadlineTime: "",
    place: "Jobcenter Weimarer Land, Bahnhofstraße 28, 99510 Apolda",
    onlineUrl: "",
    capacity: "25",
    "jobs[0].title": "Fachkraft Lagerlogistik",
    "jobs[0].positions": "4",
    languageRequirements: "",
    accessibility: "",
    contactName: "Petra Sommer",
    contactEmail: "petra.sommer@example.org",
    contactPhone: "",
    ...overrides,
  };
}

async function messagesTo(userIds: string[]) {
  return getDb()
    .select({ userId: notifications.userId, message: notifications.message })
    .from(notifications)
    .where(inArray(notifications.userId, userIds));
}

async function mailsTo(emails: string[]) {
  return getDb()
    .select({ to: mailOutbox.recipient, subject: mailOutbox.subject, body: mailOutbox.body })
    .from(mailOutbox)
    .where(inArray(mailOutbox.recipient, emails));
}

async function clearMessages() {
  await getDb().delete(notifications);
  await getDb().delete(mailOutbox);
}

describe("posting an event", () => {
  it("creates the event for the employer's organisation and records it in the audit log", async () => {
    const response = await callRoute(newRoute.action, "/veranstaltungen/neu", {
      cookie: world.cookies.employer,
      form: eventForm(),
    });
    expect(response.status).toBe(302);
    const id = response.headers.get("location")!.split("/").pop()!;
    const row = await eventRow(id);
    expect(row).toMatchObject({
      organizationId: world.organizations.employerOrg.id,
      createdByUserId: world.users.employer.id,
      kind: "speed_dating",
      capacity: 25,
      jobs: [{ title: "Fachkraft Lagerlogistik", positions: 4 }],
      confirmedSeats: 0,
      revision: 0,
    });
    // A deadline given as a date runs to the end of that Berlin day.
    const nextMidnight = berlin(berlinDateIn(13), "00:00");
    expect(row.registrationDeadline).toEqual(new Date(nextMidnight.getTime() - 1));
    const audit = await getDb()
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(eq(auditLog.targetId, id));
    expect(audit.map((entry) => entry.action)).toContain("event.created");
  });

  it("answers a faulty form with German messages per field and keeps everything typed", async () => {
    const response = await callRoute(newRoute.action, "/veranstaltungen/neu", {
      cookie: world.cookies.staff,
      form: eventForm({
        title: "Jo",
        place: "",
        onlineUrl: "",
        capacity: "0",
        deadlineDate: berlinDateIn(15),
        endTime: "09:00",
        contactPhone: "03644 5190",
      }),
    });
    expect(response.status).toBe(400);
    const body = (await feedbackOf(response)) as {
      errors: Record<string, string>;
      values: Record<string, string>;
    };
    expect(body.errors).toEqual({
      title: eventFormTexts.titleRequired,
      place: eventFormTexts.placeOrOnline,
      capacity: eventFormTexts.capacityInvalid,
      deadlineDate: eventFormTexts.deadlineAfterStart,
      endTime: eventFormTexts.endBeforeStart,
    });
    expect(body.values).toMatchObject({ title: "Jo", contactPhone: "03644 5190", capacity: "0" });
  });

  it("posts only in the user's own networks, and an edit keeps the event's network", async () => {
    const south = world.networks.south.id;
    const created = await callRoute(newRoute.action, "/veranstaltungen/neu", {
      cookie: world.cookies.staff,
      form: eventForm({ networkId: south }),
    });
    expect(created.status).toBe(400);
    expect(await errorsOf(created)).toEqual({ networkId: eventFormTexts.networkInvalid });

    const id = await createEventFor(world.users.employer, { networkId: north() });
    const moved = await callRoute(editRoute.action, `/veranstaltungen/${id}/bearbeiten`, {
      ...onEvent(id, world.cookies.employer),
      form: eventForm({ networkId: south }),
    });
    expect(moved.status).toBe(400);
    expect(await errorsOf(moved)).toEqual({ networkId: eventFormTexts.networkInvalid });
    expect((await eventRow(id)).networkId).toBe(north());
  });

  it("rejects a time that does not exist on the day clocks go forward, in German", async () => {
    const response = await callRoute(newRoute.action, "/veranstaltungen/neu", {
      cookie: world.cookies.staff,
      form: eventForm({ startDate: "2026-03-29", startTime: "02:30", deadlineDate: "2026-03-27" }),
    });
    expect(response.status).toBe(400);
    const { errors } = (await feedbackOf(response)) as { errors: Record<string, string> };
    expect(errors.startTime).toBe(eventFormTexts.timeNonexistent("2026-03-29", "02:30"));
    expect(errors.startTime).toContain("29.03.2026");
  });

  it.each([
    ["2026-03-29", "2026-03-29T08:00:00.000Z", "2026-03-29T10:00:00.000Z"],
    ["2026-10-25", "2026-10-25T09:00:00.000Z", "2026-10-25T11:00:00.000Z"],
  ])(
    "stores 10:00–12:00 on the DST change day %s as the right UTC instants and shows it back",
    async (date, startUtc, endUtc) => {
      const parsed = parseFields(
        eventSchema({ now: new Date("2026-01-01T00:00:00Z") }),
        eventForm({ startDate: date, deadlineDate: "2026-03-01" }),
      );
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
      const id = await createEvent(world.users.staff, parsed.data);
      const row = await eventRow(id);
      expect(row.startsAt.toISOString()).toBe(startUtc);
      expect(row.endsAt.toISOString()).toBe(endUtc);
      expect(await loadEventForEditing(id)).toMatchObject({
        startDate: date,
        startTime: "10:00",
        endDate: "",
        endTime: "12:00",
      });
      expect(formatEventTime(row.startsAt, row.endsAt)).toMatch(/10:00–12:00 Uhr$/);
    },
  );
});

describe("the registration deadline in the event form", () => {
  const readForm = (fields: Record<string, string>, now = new Date()) =>
    parseFields(eventSchema({ now }), fields);

  /** The edit form as the page fills it in, sent back unchanged but for the overrides. */
  function editedForm(
    stored: NonNullable<Awaited<ReturnType<typeof loadEventForEditing>>>,
    overrides: Record<string, string>,
  ): Record<string, string> {
    const {
      jobs,
      targetGroups,
      capacity,
      startsAt: _start,
      cancelled: _cancelled,
      ...fields
    } = stored;
    // The factory's event has one job and one target group.
    expect(jobs).toHaveLength(1);
    expect(targetGroups).toHaveLength(1);
    return {
      ...fields,
      capacity: String(capacity),
      "jobs[0].title": jobs[0]!.title,
      "jobs[0].positions": String(jobs[0]!.positions),
      targetGroups: targetGroups[0]!,
      ...overrides,
    };
  }

  it("refuses a new event whose registration has already closed", async () => {
    const response = await callRoute(newRoute.action, "/veranstaltungen/neu", {
      cookie: world.cookies.employer,
      form: eventForm({ deadlineDate: berlinDateIn(-1) }),
    });
    expect(response.status).toBe(400);
    expect(await errorsOf(response)).toEqual({ deadlineDate: eventFormTexts.deadlineInPast });

    const withTime = readForm(eventForm({ deadlineDate: berlinDateIn(0), deadlineTime: "00:00" }));
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
    expect(await flashOf(response)).toBe(flashMessages.eventSaved);
    expect(await eventRow(id)).toMatchObject({
      title: "Inforunde Solarmontage (Raum geändert)",
      registrationDeadline,
    });
  });

  it("shows the deadline in the edit form as it was entered: a date alone, or a date and a time", async () => {
    const posted = async (deadlineTime: string) => {
      const parsed = readForm(
        eventForm({ startDate: "2031-03-20", deadlineDate: "2031-03-18", deadlineTime }),
        berlin("2031-01-05", "09:00"),
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
    const parsed = readForm(eventForm({ startDate: "2031-02-30" }));
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors.startDate).toBe(eventFormTexts.dateInvalid);
    expect(parsed.errors).not.toHaveProperty("endDate");
  });
});

describe("editing and cancelling", () => {
  it("lets only the organiser open the edit page", async () => {
    const id = await createEventFor(world.users.employer, { networkId: north() });
    const path = `/veranstaltungen/${id}/bearbeiten`;
    const organiser = await callRoute(editRoute.loader, path, {
      cookie: world.cookies.employer,
      params: { eventId: id },
    });
    expect(organiser.status).toBe(200);
    const staff = await callRoute(editRoute.loader, path, {
      cookie: world.cookies.staff,
      params: { eventId: id },
    });
    expect(staff.status).toBe(403);
    const otherNetwork = await callRoute(editRoute.loader, path, {
      cookie: world.cookies.otherNetworkStaff,
      params: { eventId: id },
    });
    expect(otherNetwork.status).toBe(404);
  });

  it("tells only people with active reservations about a new time or place, and about a cancellation, without pseudonyms", async () => {
    await clearMessages();
    const { staff, otherOrgAdmin, orgAdmin, employer, coordinator } = world.users;
    const input = eventInput({ networkId: north(), title: "Infostand Pflegeberufe", capacity: 2 });
    const id = await createEventFor(employer, input);
    await reserveFor(staff, id, ["Kundin Lavendel", "R. S."]);
    await reserveFor(otherOrgAdmin, id, ["T. U."]); // on the waiting list
    await reserveFor(orgAdmin, id, ["V. W."]);
    const [gone] = await getDb()
      .select({ id: eventReservations.id })
      .from(eventReservations)
      .where(and(eq(eventReservations.eventId, id), eq(eventReservations.pseudonym, "V. W.")));
    await cancelReservation(orgAdmin, id, gone!.id);
    await clearMessages();
    const everyone = [staff, otherOrgAdmin, orgAdmin, employer, coordinator];

    // A new title alone is no change people must hear about.
    expect(await updateEvent(employer, id, { ...input, title: "Infostand Pflege" })).toEqual({
      ok: true,
      announced: false,
    });
    expect(await messagesTo(everyone.map((user) => user.id))).toEqual([]);
    expect((await eventRow(id)).revision).toBe(0);

    const later = new Date(input.startsAt.getTime() + 60 * 60 * 1000);
    const moved = {
      ...input,
      title: "Infostand Pflege",
      startsAt: later,
      endsAt: new Date(later.getTime() + 2 * 60 * 60 * 1000),
    };
    expect(await updateEvent(employer, id, moved)).toEqual({ ok: true, announced: true });
    expect((await eventRow(id)).revision).toBe(1);
    const changed = await messagesTo(everyone.map((user) => user.id));
    expect(changed.map((row) => row.userId).sort()).toEqual([staff.id, otherOrgAdmin.id].sort());
    expect(changed[0]!.message).toContain(formatEventTime(moved.startsAt, moved.endsAt));

    expect(await updateEvent(employer, id, { ...moved, place: "Rathaus Apolda, Saal" })).toEqual({
      ok: true,
      announced: true,
    });
    expect((await eventRow(id)).revision).toBe(2);

    expect(await cancelEvent(employer, id)).toBe("cancelled");
    expect(await cancelEvent(employer, id)).toBe("alreadyCancelled");
    expect((await eventRow(id)).cancelledAt).not.toBeNull();

    const all = await messagesTo(everyone.map((user) => user.id));
    expect(all).toHaveLength(6);
    expect(
      all
        .filter((row) => row.message.includes("abgesagt"))
        .map((row) => row.userId)
        .sort(),
    ).toEqual([staff.id, otherOrgAdmin.id].sort());
    const mails = await mailsTo(everyone.map((user) => user.email));
    expect(mails).toHaveLength(6);
    expect(mails.map((mail) => mail.subject)).toContain("Veranstaltung abgesagt");
    for (const text of [...all.map((row) => row.message), ...mails.map((mail) => mail.body)]) {
      for (const pseudonym of ["Kundin Lavendel", "R. S.", "T. U.", "V. W."])
        expect(text).not.toContain(pseudonym);
    }
    // The cancelled event keeps its reservations listed.
    const kept = await getDb()
      .select({ status: eventReservations.status })
      .from(eventReservations)
      .where(eq(eventReservations.eventId, id));
    expect(kept).toHaveLength(4);
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
    const response = await eventAction(id, world.cookies.staff, {
      intent: "reserve",
      pseudonyms: "E. E.",
    });
    expect(response.status).toBe(400);
    expect(await errorsOf(response)).toEqual({ pseudonyms: reservationTexts.eventCancelled });
    expect(await reservationsOf(id)).toEqual([]);
  });

  it("answers a second cancellation like the first, with the way back to the event", async () => {
    const id = await createEventFor(world.users.employer, { networkId: north() });
    const cancel = () => eventAction(id, world.cookies.employer, { intent: "cancelEvent" });
    const first = await cancel();
    const { cancelledAt, revision } = await eventRow(id);
    const second = await cancel();
    for (const response of [first, second]) {
      expect(response.status).toBe(302);
      expect(response.headers.get("location")).toBe(`/veranstaltungen/${id}`);
      expect(await flashOf(response)).toBe(flashMessages.eventCancelled);
    }
    expect(cancelledAt).not.toBeNull();
    expect(await eventRow(id)).toMatchObject({ cancelledAt, revision });
  });

  it("refuses outcomes of a cancelled event that had begun, in German", async () => {
    const id = await cancelledEvent({ started: true });
    const response = await eventAction(id, world.cookies.employer, {
      intent: "recordOutcomes",
      attended: "12",
    });
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
    const response = await eventAction(id, world.cookies.employer, { intent: "cancelEvent" });
    expect(response.status).toBe(400);
    expect(await errorsOf(response)).toEqual({ form: eventPageTexts.cancelAfterStart });
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
    await cancelReservation(staff, id, (await reservationOf(id, "A. A.")).id);
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

describe("reminders the day before", () => {
  async function eventAt(date: string, time: string, overrides: { cancelled?: boolean } = {}) {
    const startsAt = berlin(date, time);
    const id = await createEventFor(world.users.employer, {
      networkId: north(),
      title: `Inforunde ${date} ${time}`,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 60 * 60 * 1000),
    });
    await reserveFor(world.users.staff, id, ["X. Y.", "Kunde Birke"]);
    if (overrides.cancelled) await cancelEvent(world.users.employer, id);
    return id;
  }

  it("reminds each person once of tomorrow's events only, also when run twice", async () => {
    await clearMessages();
    const now = berlin("2031-06-09", "18:00");
    const tomorrowMorning = await eventAt("2031-06-10", "10:00");
    const tomorrowMidnight = await eventAt("2031-06-10", "00:00");
    await eventAt("2031-06-09", "23:30"); // today
    await eventAt("2031-06-11", "00:00"); // the day after tomorrow
    await eventAt("2031-06-10", "14:00", { cancelled: true });
    await reserveFor(world.users.otherOrgAdmin, tomorrowMorning, ["Y. Z."]);
    await clearMessages();

    // staff for both events, otherOrgAdmin for one: three messages, one per person and event.
    expect(await sendEventReminders(now)).toBe(3);
    expect(await sendEventReminders(now)).toBe(0);
    const reminders = await messagesTo([world.users.staff.id, world.users.otherOrgAdmin.id]);
    expect(reminders).toHaveLength(3);
    expect(reminders.every((row) => row.message.startsWith("Erinnerung: Morgen"))).toBe(true);
    const mails = await mailsTo([world.users.staff.email, world.users.otherOrgAdmin.email]);
    expect(mails).toHaveLength(3);
    for (const text of [...reminders.map((row) => row.message), ...mails.map((mail) => mail.body)])
      for (const pseudonym of ["X. Y.", "Kunde Birke", "Y. Z."])
        expect(text).not.toContain(pseudonym);
    for (const id of [tomorrowMorning, tomorrowMidnight])
      expect((await eventRow(id)).reminderSentAt).toEqual(now);
  });

  it("sends exactly once when two runs overlap", async () => {
    await clearMessages();
    const now = berlin("2031-07-01", "07:00");
    await eventAt("2031-07-02", "09:00");
    await eventAt("2031-07-02", "15:00");
    await clearMessages();
    const [first, second] = await Promise.all([sendEventReminders(now), sendEventReminders(now)]);
    expect(first + second).toBe(2);
    expect(await messagesTo([world.users.staff.id])).toHaveLength(2);
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

describe("outcomes", () => {
  it("records totals and rows per reserving organisation after the start, and checks the sums", async () => {
    const { staff, otherOrgAdmin, employer } = world.users;
    const { orgA, orgB } = world.organizations;
    const id = await createEventFor(employer, {
      networkId: north(),
      title: "JOB-TURBO Aktionswoche",
    });
    await reserveFor(staff, id, ["A. B.", "C. D."]);
    await reserveFor(otherOrgAdmin, id, ["E. F."]);
    const { startsAt } = await eventRow(id);
    const afterStart = new Date(startsAt.getTime() + 3 * 60 * 60 * 1000);
    const form = {
      attended: "15",
      interviews: "9",
      internships: "13",
      hires: "2",
      [`byOrganization.${orgA.id}.attended`]: "10",
      [`byOrganization.${orgA.id}.internships`]: "9",
      [`byOrganization.${orgA.id}.hires`]: "2",
      [`byOrganization.${orgB.id}.attended`]: "",
    };
    const readOutcomeForm = (fields: Record<string, string>, organizationIds: string[]) =>
      parseFields(outcomeSchema(organizationIds), fields);

    const tooMany = readOutcomeForm({ ...form, [`byOrganization.${orgB.id}.hires`]: "1" }, [
      orgA.id,
      orgB.id,
    ]);
    expect(tooMany).toEqual({
      ok: false,
      errors: { hires: outcomeTexts.sumExceedsTotal("Einstellungen") },
    });
    expect(readOutcomeForm({ ...form, attended: "-1" }, [orgA.id]).ok).toBe(false);

    const parsed = readOutcomeForm(form, [orgA.id, orgB.id]);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    expect(parsed.data.byOrganization).toEqual([
      { organizationId: orgA.id, attended: 10, interviews: 0, internships: 9, hires: 2 },
    ]);

    expect(
      await recordOutcomes(employer, id, parsed.data, null, new Date(startsAt.getTime() - 1)),
    ).toEqual({
      ok: false,
      message: outcomeTexts.notStarted,
    });
    expect(await recordOutcomes(employer, id, parsed.data, null, afterStart)).toEqual({ ok: true });
    expect(await eventRow(id)).toMatchObject({
      attended: 15,
      interviews: 9,
      internships: 13,
      hires: 2,
      outcomesRecordedAt: afterStart,
    });

    // A correction replaces the rows per organisation as a whole.
    const corrected = readOutcomeForm(
      {
        attended: "15",
        interviews: "9",
        internships: "13",
        hires: "2",
        [`byOrganization.${orgB.id}.attended`]: "3",
      },
      [orgA.id, orgB.id],
    );
    if (!corrected.ok) throw new Error(JSON.stringify(corrected.errors));
    await recordOutcomes(employer, id, corrected.data, null, afterStart);
    const rows = await getDb()
      .select({
        organizationId: eventOutcomesByOrganization.organizationId,
        attended: eventOutcomesByOrganization.attended,
      })
      .from(eventOutcomesByOrganization)
      .where(eq(eventOutcomesByOrganization.eventId, id));
    expect(rows).toEqual([{ organizationId: orgB.id, attended: 3 }]);
  });
});
