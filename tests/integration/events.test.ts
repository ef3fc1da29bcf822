import { and, eq, inArray } from "drizzle-orm";
import { getDb } from "~/db/client.server";
import {
  auditLog,
  eventOutcomesByOrganization,
  eventReservations,
  events,
  mailOutbox,
  notifications,
} from "~/db/schema";
import { readEventForm } from "~/events/event-form.server";
import { cancelEvent, createEvent, loadEventForEditing, updateEvent } from "~/events/events.server";
import { readOutcomeForm, recordOutcomes } from "~/events/outcomes.server";
import { sendEventReminders } from "~/events/reminders.server";
import { cancelReservation } from "~/events/reservations.server";
import { eventFormTexts, outcomeTexts } from "~/events/texts";
import { formatEventTime } from "~/events/vocabulary";
import * as editRoute from "~/routes/_app.veranstaltungen.$eventId_.bearbeiten";
import * as newRoute from "~/routes/_app.veranstaltungen.neu";
import {
  berlin,
  berlinDateIn,
  createEventFor,
  eventInput,
  reserveFor,
} from "~/demo/event-factories.server";
import { callRoute } from "#tests/helpers/routes";
import { buildWorld, type World } from "#tests/helpers/world";

let world: World;
beforeAll(async () => {
  world = await buildWorld();
});

const north = () => world.networks.north.id;

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
    jobTitle: "Fachkraft Lagerlogistik",
    jobPositions: "4",
    languageRequirements: "",
    accessibility: "",
    contactName: "Petra Sommer",
    contactEmail: "petra.sommer@example.org",
    contactPhone: "",
    ...overrides,
  };
}

async function eventRow(id: string) {
  const [row] = await getDb().select().from(events).where(eq(events.id, id));
  return row!;
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
    const body = (await response.json()) as {
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

  it("rejects a time that does not exist on the day clocks go forward, in German", async () => {
    const response = await callRoute(newRoute.action, "/veranstaltungen/neu", {
      cookie: world.cookies.staff,
      form: eventForm({ startDate: "2026-03-29", startTime: "02:30", deadlineDate: "2026-03-27" }),
    });
    expect(response.status).toBe(400);
    const { errors } = (await response.json()) as { errors: Record<string, string> };
    expect(errors.startTime).toBe(eventFormTexts.timeNonexistent("2026-03-29", "02:30"));
    expect(errors.startTime).toContain("29.03.2026");
  });

  it.each([
    ["2026-03-29", "2026-03-29T08:00:00.000Z", "2026-03-29T10:00:00.000Z"],
    ["2026-10-25", "2026-10-25T09:00:00.000Z", "2026-10-25T11:00:00.000Z"],
  ])(
    "stores 10:00–12:00 on the DST change day %s as the right UTC instants and shows it back",
    async (date, startUtc, endUtc) => {
      const parsed = readEventForm(
        {
          ...eventForm({ startDate: date, deadlineDate: "2026-03-01" }),
          // As formValues hands over the rows of the jobs table.
          jobTitle: ["Fachkraft Lagerlogistik"],
          jobPositions: ["4"],
        },
        {
          allowedNetworkIds: [north()],
          now: new Date("2026-01-01T00:00:00Z"),
        },
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
      [`attended.${orgA.id}`]: "10",
      [`internships.${orgA.id}`]: "9",
      [`hires.${orgA.id}`]: "2",
      [`attended.${orgB.id}`]: "",
    };

    const tooMany = readOutcomeForm({ ...form, [`hires.${orgB.id}`]: "1" }, [orgA.id, orgB.id]);
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
        [`attended.${orgB.id}`]: "3",
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
