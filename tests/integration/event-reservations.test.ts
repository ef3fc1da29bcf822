import { and, eq, inArray } from "drizzle-orm";
import { getDb } from "~/db/client.server";
import { eventReservations, events, mailOutbox, notifications, users } from "~/db/schema";
import { cancelEvent, updateEvent } from "~/events/events.server";
import { cancelReservation, listReservations, reserveSeats } from "~/events/reservations.server";
import { eventFormTexts, eventNoticeTexts, reservationTexts } from "~/events/texts";
import { removeOrganization } from "~/networks/networks.server";
import { pseudonymTexts } from "~/referrals/pseudonym";
import { flashMessages } from "~/ui/flash-messages";
import {
  berlin,
  berlinDateIn,
  createEventFor,
  eventInput,
  reserveFor,
} from "~/demo/event-factories.server";
import {
  admitToNetwork,
  createLoginCookie,
  createOrganization,
  createUser,
} from "~/demo/factories.server";
import {
  eventRow,
  mailsAbout,
  noticesAbout,
  reservationOf,
  reservationsOf,
} from "#tests/helpers/event-records";
import { errorsOf, flashOf, feedbackOf } from "#tests/helpers/routes";
import { buildWorld } from "#tests/helpers/world";
import { builtBeforeAll } from "#tests/integration/world-steps";
import { eventAction, eventPage } from "#tests/integration/event-steps";

const world = builtBeforeAll(buildWorld);

const north = () => world.networks.north.id;

async function seats(eventId: string) {
  const event = await eventRow(eventId);
  const rows = await reservationsOf(eventId);
  const count = (status: string) => rows.filter((row) => row.status === status).length;
  return {
    confirmed: event.confirmedSeats,
    waitlisted: event.waitlistedSeats,
    capacity: event.capacity,
    confirmedRows: count("confirmed"),
    waitlistedRows: count("waitlisted"),
  };
}

async function messagesFor(userId: string) {
  return getDb()
    .select({ message: notifications.message, link: notifications.link })
    .from(notifications)
    .where(eq(notifications.userId, userId));
}

async function mailsTo(email: string) {
  return getDb()
    .select({ subject: mailOutbox.subject, body: mailOutbox.body })
    .from(mailOutbox)
    .where(eq(mailOutbox.recipient, email));
}

describe("waiting list", () => {
  it("confirms while seats are free, queues the rest in order and moves them up on cancellation", async () => {
    const { staff, otherOrgAdmin, employer } = world.users;
    const id = await createEventFor(employer, {
      networkId: north(),
      title: "Speed-Dating Pflege",
      capacity: 2,
    });
    expect(await reserveFor(staff, id, ["A. A.", "B. B.", "C. C."])).toEqual({
      confirmed: 2,
      waitlisted: 1,
    });
    expect(await reserveFor(otherOrgAdmin, id, ["D. D."])).toEqual({
      confirmed: 0,
      waitlisted: 1,
    });
    expect(await seats(id)).toMatchObject({ confirmed: 2, waitlisted: 2, confirmedRows: 2 });

    // A. A. gives up the seat: C. C., first on the list, moves up; D. D. keeps waiting.
    const first = await reservationOf(id, "A. A.");
    expect(await cancelReservation(staff, id, first.id)).toEqual({ ok: true });
    expect(await reservationOf(id, "C. C.")).toMatchObject({ status: "confirmed" });
    expect((await reservationOf(id, "C. C.")).promotedAt).not.toBeNull();
    expect(await reservationOf(id, "D. D.")).toMatchObject({ status: "waitlisted" });
    expect(await seats(id)).toMatchObject({
      confirmed: 2,
      waitlisted: 1,
      confirmedRows: 2,
      waitlistedRows: 1,
    });

    // Cancelling again changes nothing: no second promotion.
    expect(await cancelReservation(staff, id, first.id)).toEqual({ ok: true });
    expect(await reservationOf(id, "D. D.")).toMatchObject({ status: "waitlisted" });

    // B. B. gives up too: D. D. of the other organisation moves up, and its staff member hears.
    await cancelReservation(staff, id, (await reservationOf(id, "B. B.")).id);
    expect(await reservationOf(id, "D. D.")).toMatchObject({ status: "confirmed" });
    expect(await seats(id)).toMatchObject({ confirmed: 2, waitlisted: 0, confirmedRows: 2 });

    const toOther = await messagesFor(otherOrgAdmin.id);
    expect(toOther).toEqual([
      {
        message:
          "Für die Veranstaltung „Speed-Dating Pflege“ ist eine von Ihnen angemeldete Person von der Warteliste auf einen festen Platz nachgerückt.",
        link: `/veranstaltungen/${id}`,
      },
    ]);
    const [mail] = await mailsTo(otherOrgAdmin.email);
    expect(mail!.subject).toBe("Von der Warteliste nachgerückt");
    expect(mail!.body).toContain(`/veranstaltungen/${id}`);
    for (const text of [...toOther.map((row) => row.message), mail!.body]) {
      for (const pseudonym of ["A. A.", "B. B.", "C. C.", "D. D."])
        expect(text).not.toContain(pseudonym);
    }
    // C. C.'s promotion went to the staff member who reserved it.
    expect((await messagesFor(staff.id)).map((row) => row.message)).toEqual([
      "Für die Veranstaltung „Speed-Dating Pflege“ ist eine von Ihnen angemeldete Person von der Warteliste auf einen festen Platz nachgerückt.",
    ]);
  });

  it("raising the capacity moves waiting places up; lowering it below the seats taken is refused", async () => {
    const { staff, employer } = world.users;
    const input = eventInput({
      networkId: north(),
      title: "Praktikumsbörse Handwerk",
      capacity: 1,
    });
    const id = await createEventFor(employer, input);
    await reserveFor(staff, id, ["E. E.", "F. F.", "G. G.", "H. H."]);

    const raised = await updateEvent(employer, id, { ...input, capacity: 3 });
    expect(raised).toEqual({ ok: true, announced: false });
    expect(await seats(id)).toMatchObject({ confirmed: 3, waitlisted: 1, confirmedRows: 3 });
    expect((await reservationOf(id, "F. F.")).status).toBe("confirmed");
    expect((await reservationOf(id, "G. G.")).status).toBe("confirmed");
    expect((await reservationOf(id, "H. H.")).status).toBe("waitlisted");

    const lowered = await updateEvent(employer, id, { ...input, capacity: 2 });
    expect(lowered).toEqual({
      ok: false,
      errors: { capacity: eventFormTexts.capacityBelowConfirmed(3) },
    });
    expect(await seats(id)).toMatchObject({ capacity: 3, confirmed: 3 });
  });
});

describe("rules", () => {
  it("refuses reservations and cancellations after the registration deadline, with a German message", async () => {
    const { staff, employer } = world.users;
    const day = berlinDateIn(10);
    const id = await createEventFor(employer, {
      networkId: north(),
      startsAt: berlin(day, "10:00"),
      endsAt: berlin(day, "12:00"),
      registrationDeadline: berlin(berlinDateIn(5), "18:00"),
    });
    await reserveFor(staff, id, ["I. I."]);
    const afterDeadline = berlin(berlinDateIn(6), "09:00");
    const reservation = await reservationOf(id, "I. I.");
    expect(await cancelReservation(staff, id, reservation.id, null, afterDeadline)).toEqual({
      ok: false,
      message: reservationTexts.deadlinePassed,
    });
    expect(await reserveSeats(staff, id, ["J. J."], null, afterDeadline)).toEqual({
      ok: false,
      message: reservationTexts.deadlinePassed,
    });
    expect(await seats(id)).toMatchObject({ confirmed: 1, confirmedRows: 1 });
  });

  it("answers the reservation form with the line that breaks the pseudonym rule and keeps the text", async () => {
    const id = await createEventFor(world.users.employer, { networkId: north() });
    const pseudonyms = "M. K.\nKundin Sonnenblume\n12345BG0012345";
    const response = await eventAction(id, world.cookies.staff, { intent: "reserve", pseudonyms });
    expect(response.status).toBe(400);
    const body = (await feedbackOf(response)) as {
      errors: Record<string, string>;
      values: Record<string, string>;
    };
    expect(body.errors.pseudonyms).toBe(`Zeile 3: ${pseudonymTexts.bgNumber}`);
    expect(body.values.pseudonyms).toBe(pseudonyms);

    const duplicate = await eventAction(id, world.cookies.staff, {
      intent: "reserve",
      pseudonyms: "M. K.\n\nm. k.",
    });
    expect(duplicate.status).toBe(400);
    expect((await feedbackOf(duplicate)).errors.pseudonyms).toBe(reservationTexts.duplicate(3, 1));
    expect(await reservationsOf(id)).toEqual([]);

    const accepted = await eventAction(id, world.cookies.staff, {
      intent: "reserve",
      pseudonyms: "M. K.\nKundin Sonnenblume",
    });
    expect(accepted.status).toBe(302);
    expect((await reservationsOf(id)).map((row) => row.pseudonym).sort()).toEqual([
      "Kundin Sonnenblume",
      "M. K.",
    ]);
  });

  it("takes no reservations for a cancelled event", async () => {
    const { staff, employer } = world.users;
    const id = await createEventFor(employer, { networkId: north() });
    await getDb().update(events).set({ cancelledAt: new Date() }).where(eq(events.id, id));
    expect(await reserveSeats(staff, id, ["K. K."])).toEqual({
      ok: false,
      message: reservationTexts.eventCancelled,
    });
  });
});

describe("who sees which reservations", () => {
  interface PageData {
    visibility: string;
    event: { confirmedSeats: number; waitlistedSeats: number; capacity: number };
    reservations: {
      pseudonym: string;
      organizationName: string;
      reservedByName: string | null;
      cancellable: boolean;
    }[];
  }

  async function pageAs(cookie: string | undefined, eventId: string): Promise<PageData> {
    const response = await eventPage(eventId, cookie);
    expect(response.status).toBe(200);
    return (await response.json()) as PageData;
  }

  it("shows the organiser pseudonyms and organisations, each reserving organisation its own, others the counts", async () => {
    const { staff, otherOrgAdmin, employer } = world.users;
    const id = await createEventFor(employer, { networkId: north(), capacity: 2 });
    await reserveFor(staff, id, ["L. L.", "Kunde Ahorn"]);
    await reserveFor(otherOrgAdmin, id, ["N. N."]);

    const organiser = await pageAs(world.cookies.employer, id);
    expect(organiser.visibility).toBe("organiser");
    expect(
      organiser.reservations.map((row) => [
        row.pseudonym,
        row.organizationName,
        row.reservedByName,
      ]),
    ).toEqual([
      ["L. L.", "Jobcenter Nordkreis", null],
      ["Kunde Ahorn", "Jobcenter Nordkreis", null],
      ["N. N.", "Schuldnerberatung Nord", null],
    ]);
    // The organiser learns which organisation reserved, never which person.
    const organiserJson = JSON.stringify(organiser);
    expect(organiserJson).not.toContain(staff.name);
    expect(organiserJson).not.toContain(otherOrgAdmin.name);
    expect(organiser.reservations.every((row) => !row.cancellable)).toBe(true);

    const jobcenter = await pageAs(world.cookies.staff, id);
    expect(jobcenter.visibility).toBe("own");
    expect(jobcenter.reservations.map((row) => [row.pseudonym, row.reservedByName])).toEqual([
      ["L. L.", staff.name],
      ["Kunde Ahorn", staff.name],
    ]);
    expect(jobcenter.reservations.every((row) => row.cancellable)).toBe(true);
    expect(JSON.stringify(jobcenter)).not.toContain("N. N.");

    const counselling = await pageAs(world.cookies.otherOrgAdmin, id);
    expect(counselling.reservations.map((row) => row.pseudonym)).toEqual(["N. N."]);
    expect(JSON.stringify(counselling)).not.toContain("L. L.");

    // Another employer of the network sees the counts only.
    const otherEmployerOrg = await createOrganization({ name: "Pflege Nord", kind: "arbeitgeber" });
    await admitToNetwork(north(), otherEmployerOrg.id);
    const otherEmployer = await createUser({
      organizationId: otherEmployerOrg.id,
      role: "employer_member",
    });
    const others = await pageAs((await createLoginCookie(otherEmployer.id)).cookie, id);
    expect(others.visibility).toBe("counts");
    expect(others.reservations).toEqual([]);
    expect(others.event).toMatchObject({ confirmedSeats: 2, waitlistedSeats: 1, capacity: 2 });
    const othersJson = JSON.stringify(others);
    for (const pseudonym of ["L. L.", "Kunde Ahorn", "N. N."])
      expect(othersJson).not.toContain(pseudonym);

    // Another network does not see the event at all.
    const south = await eventPage(id, world.cookies.otherNetworkStaff);
    expect(south.status).toBe(404);
  });

  it("lets nobody cancel another organisation's reservation", async () => {
    const { staff, otherOrgAdmin, employer } = world.users;
    const id = await createEventFor(employer, { networkId: north() });
    await reserveFor(staff, id, ["O. O."]);
    const reservation = await reservationOf(id, "O. O.");
    const response = await eventAction(id, world.cookies.otherOrgAdmin, {
      intent: "cancelReservation",
      reservationId: reservation.id,
    });
    expect(response.status).toBe(403);
    expect(await cancelReservation(otherOrgAdmin, id, reservation.id)).toEqual({
      ok: false,
      message: reservationTexts.reservationMissing,
    });
    expect((await reservationOf(id, "O. O.")).status).toBe("confirmed");
  });
});

/**
 * Seat races on PostgreSQL, with real concurrent transactions over several pooled connections
 * (PGlite runs one statement at a time, so it could not show an overbooking).
 */
describe("places on the waiting list", () => {
  it("are numbered across all organisations, also in one organisation's own list", async () => {
    const { staff, otherOrgAdmin, employer } = world.users;
    const id = await createEventFor(employer, { networkId: north(), capacity: 1 });
    await reserveFor(staff, id, ["P. P.", "Q. Q.", "R. R."]);
    await reserveFor(otherOrgAdmin, id, ["S. S."]);

    const positions = (rows: { pseudonym: string; waitlistPosition: number | null }[]) =>
      Object.fromEntries(rows.map((row) => [row.pseudonym, row.waitlistPosition]));
    const organisation = world.organizations;
    expect(positions(await listReservations(id, "organiser", organisation.employerOrg.id))).toEqual(
      { "P. P.": null, "Q. Q.": 1, "R. R.": 2, "S. S.": 3 },
    );
    expect(positions(await listReservations(id, "own", organisation.orgB.id))).toEqual({
      "S. S.": 3,
    });
  });
});

describe("one place per person and organisation", () => {
  async function seatsOf(eventId: string) {
    return { seats: await seats(eventId), rows: await reservationsOf(eventId) };
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

    const response = await eventAction(id, world.cookies.staff, {
      intent: "reserve",
      pseudonyms: "M. K.",
    });
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

    await cancelReservation(staff, id, (await reservationOf(id, "M. K.")).id);
    expect(await reserveFor(staff, id, ["m. k."])).toEqual({ confirmed: 1, waitlisted: 0 });
    expect((await reservationsOf(id)).map((row) => [row.pseudonym, row.status])).toEqual([
      ["M. K.", "cancelled"],
      ["M. K.", "confirmed"],
      ["m. k.", "confirmed"],
    ]);
  });
});

describe("the confirmation after reserving", () => {
  it("says whether everyone got a seat, some wait or all wait", async () => {
    const id = await createEventFor(world.users.employer, { networkId: north(), capacity: 2 });
    const reserve = (pseudonyms: string) =>
      eventAction(id, world.cookies.staff, { intent: "reserve", pseudonyms });

    const allSeated = await reserve("F. F.");
    expect(allSeated.status).toBe(302);
    expect(await flashOf(allSeated)).toBe(flashMessages.seatsReserved);

    const someWaiting = await reserve("G. G.\nH. H.");
    expect(someWaiting.status).toBe(302);
    expect(await flashOf(someWaiting)).toBe(flashMessages.seatsPartlyWaitlisted);

    const allWaiting = await reserve("I. I.\nJ. J.");
    expect(allWaiting.status).toBe(302);
    expect(await flashOf(allWaiting)).toBe(flashMessages.seatsWaitlisted);

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

    await cancelReservation(staff, id, (await reservationOf(id, "K. K.")).id);
    expect((await reservationOf(id, "L. L.")).status).toBe("confirmed");
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
    const response = await eventPage(eventId, cookie);
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
    await cancelReservation(world.users.staff, id, (await reservationOf(id, "N. N.")).id);

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

describe.skipIf(!process.env.DATABASE_URL)("seats under concurrency on PostgreSQL", () => {
  async function reservingStaff(count: number) {
    const staff = [];
    for (let index = 0; index < count; index += 1) {
      const organization = await createOrganization({ name: `Jobcenter Wettlauf ${index}` });
      await admitToNetwork(north(), organization.id);
      staff.push(await createUser({ organizationId: organization.id, role: "staff" }));
    }
    return staff;
  }

  it("60 reservations at once for 20 seats: exactly 20 confirmed and 40 on the waiting list", async () => {
    const staff = await reservingStaff(6);
    const id = await createEventFor(world.users.employer, { networkId: north(), capacity: 20 });
    const results = await Promise.all(
      Array.from({ length: 60 }, (_, index) =>
        reserveSeats(staff[index % staff.length]!, id, [`Kunde ${index + 1}`]),
      ),
    );
    expect(results.every((result) => result.ok)).toBe(true);
    expect(await seats(id)).toEqual({
      confirmed: 20,
      waitlisted: 40,
      capacity: 20,
      confirmedRows: 20,
      waitlistedRows: 40,
    });
  });

  it("cancellations and reservations at once keep confirmed = min(capacity, active)", async () => {
    const staff = await reservingStaff(4);
    const id = await createEventFor(world.users.employer, { networkId: north(), capacity: 10 });
    for (let index = 0; index < 16; index += 1) {
      await reserveSeats(staff[index % staff.length]!, id, [`Frühe ${index + 1}`]);
    }
    const early = (await reservationsOf(id)).filter((row) => row.pseudonym.startsWith("Frühe"));
    const ownerOf = (row: { reservedByUserId: string | null }) =>
      staff.find((member) => member.id === row.reservedByUserId)!;
    // Cancel 8 (confirmed and waitlisted alike) while 12 new reservations arrive.
    const cancellations = early
      .slice(0, 8)
      .map((row) => cancelReservation(ownerOf(row), id, row.id));
    const reservations = Array.from({ length: 12 }, (_, index) =>
      reserveSeats(staff[index % staff.length]!, id, [`Späte ${index + 1}`]),
    );
    const results = await Promise.all([...cancellations, ...reservations]);
    expect(results.every((result) => result.ok)).toBe(true);

    const after = await seats(id);
    const active = 16 - 8 + 12;
    expect(after.confirmed).toBe(Math.min(10, active));
    expect(after.waitlisted).toBe(active - Math.min(10, active));
    expect(after.confirmedRows).toBe(after.confirmed);
    expect(after.waitlistedRows).toBe(after.waitlisted);
    const cancelled = await getDb()
      .select({ id: eventReservations.id })
      .from(eventReservations)
      .where(and(eq(eventReservations.eventId, id), eq(eventReservations.status, "cancelled")));
    expect(cancelled).toHaveLength(8);
  });
});
