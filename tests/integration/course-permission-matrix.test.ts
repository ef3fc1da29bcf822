import { randomUUID } from "node:crypto";
import { setPledge } from "~/courses/pledges.server";
import { settleExpiredCourses } from "~/courses/transitions.server";
import type { OrganizationKind } from "~/db/schema";
import * as course from "~/routes/_app.massnahmen.$courseId";
import * as editCourse from "~/routes/_app.massnahmen.$courseId_.bearbeiten";
import * as pool from "~/routes/_app.massnahmen._index";
import * as newCourse from "~/routes/_app.massnahmen.neu";
import { courseForm, createBildungstraeger, createCourseFor } from "~/demo/course-factories.server";
import { createLoginCookie } from "~/demo/factories.server";
import {
  fixedRow,
  rowsOnFreshRecords,
  describeMatrix,
  worldOutcomes,
  type MatrixCell,
  type MatrixRow,
} from "#tests/helpers/matrix";
import { buildWorld, personaNames } from "#tests/helpers/world";

/**
 * Every Maßnahmen-Pool route and action against every persona (see #tests/helpers/matrix).
 * The shared world gains a Bildungsträger in Nord ("trainer", who offers the courses) and one
 * in Süd.
 */
const coursePersonas = [...personaNames, "trainer"] as const;
type Persona = (typeof coursePersonas)[number];

async function buildCourseWorld() {
  const world = await buildWorld();
  const trainer = await createBildungstraeger(world.networks.north.id);
  const southernTrainer = await createBildungstraeger(world.networks.south.id, "BBI Südkreis");
  return {
    ...world,
    trainer,
    southernTrainer,
    cookies: { ...world.cookies, trainer: (await createLoginCookie(trainer.staff.id)).cookie },
  };
}
type CourseWorld = Awaited<ReturnType<typeof buildCourseWorld>>;

type Kind = "open" | "confirmed" | "cancelled" | "south" | { admitted: OrganizationKind[] };

/** A fresh course per cell, so that no persona's pledge changes what the next one meets. */
async function courseOf(world: CourseWorld, kind: Kind): Promise<string> {
  if (kind === "south") {
    return createCourseFor(world.southernTrainer.staff, { networkId: world.networks.south.id });
  }
  if (kind === "confirmed") {
    // One seat is its minimum: organisation A's pledge makes it come about.
    const id = await createCourseFor(world.trainer.staff, {
      networkId: world.networks.north.id,
      minParticipants: 1,
    });
    const pledged = await setPledge(world.users.staff, id, 1, null);
    expect(pledged.ok).toBe(true);
    return id;
  }
  if (kind === "cancelled") {
    // Its deadline passed without a pledge: the deadline job cancels it.
    const id = await createCourseFor(world.trainer.staff, {
      networkId: world.networks.north.id,
      pledgeDeadline: new Date(Date.now() - 60_000),
    });
    await settleExpiredCourses();
    return id;
  }
  return createCourseFor(world.trainer.staff, {
    networkId: world.networks.north.id,
    title: `Maßnahme ${randomUUID().slice(0, 6)}`,
    admittedKinds: kind === "open" ? ["jobcenter"] : kind.admitted,
  });
}

const coursePage = (id: string, suffix = ""): MatrixCell => ({
  path: `/massnahmen/${id}${suffix}`,
  params: { courseId: id },
});

const onCourse = rowsOnFreshRecords(courseOf, coursePage);

const pledge = { intent: "pledge", seats: "1" };

const { signedIn, networkMembers, inNorth, inSouth } = worldOutcomes(coursePersonas);

/** Only the Bildungsträger offers courses. */
const trainerOnly = signedIn(403, { trainer: "ok" });

/** Staff and admins of the jobcenter pledge; employers, the Schuldnerberatung and the offerer not. */
const jobcenterPledges = inNorth(403, { coordinator: "ok", orgAdmin: "ok", staff: "ok" });

const rows: MatrixRow<CourseWorld, Persona>[] = [
  fixedRow("GET /massnahmen", pool.loader, networkMembers("ok")),
  fixedRow("GET /massnahmen?anzeige=alle", pool.loader, networkMembers("ok")),
  fixedRow("GET /massnahmen/neu", newCourse.loader, trainerOnly),
  {
    route: "POST /massnahmen/neu (Nord)",
    handler: newCourse.action,
    prepare: (world) => ({ path: "/massnahmen/neu", form: courseForm(world.networks.north.id) }),
    expect: trainerOnly,
  },
  onCourse("GET /massnahmen/:id (open, Nord)", course.loader, "open", inNorth("ok")),
  onCourse("GET /massnahmen/:id (cancelled, Nord)", course.loader, "cancelled", inNorth("ok")),
  onCourse("GET /massnahmen/:id (Süd)", course.loader, "south", inSouth("ok")),
  fixedRow("GET /massnahmen/:id (unknown)", course.loader, signedIn(404), () =>
    coursePage(randomUUID()),
  ),
  fixedRow(
    "GET /massnahmen/:id (malformed id)",
    course.loader,
    signedIn(404),
    coursePage("keine-uuid"),
  ),
  onCourse(
    "POST /massnahmen/:id pledge (jobcenters admitted)",
    course.action,
    "open",
    jobcenterPledges,
    { form: pledge },
  ),
  onCourse(
    "POST /massnahmen/:id pledge (Schuldnerberatung admitted too)",
    course.action,
    { admitted: ["jobcenter", "schuldnerberatung"] },
    { ...jobcenterPledges, otherOrgAdmin: "ok" },
    { form: pledge },
  ),
  // The jobcenter may pledge in principle; the cancellation is explained in the form (400).
  onCourse(
    "POST /massnahmen/:id pledge (cancelled)",
    course.action,
    "cancelled",
    inNorth(403, { coordinator: 400, orgAdmin: 400, staff: 400 }),
    { form: pledge },
  ),
  onCourse(
    "POST /massnahmen/:id pledge (confirmed)",
    course.action,
    "confirmed",
    jobcenterPledges,
    { form: pledge },
  ),
  onCourse("POST /massnahmen/:id pledge (Süd)", course.action, "south", inSouth("ok"), {
    form: pledge,
  }),
  onCourse("POST /massnahmen/:id unknown intent", course.action, "open", inNorth(400), {
    form: { intent: "loeschen" },
  }),
  onCourse(
    "GET /massnahmen/:id/bearbeiten (open)",
    editCourse.loader,
    "open",
    inNorth(403, { trainer: "ok" }),
    { suffix: "/bearbeiten" },
  ),
  onCourse(
    "GET /massnahmen/:id/bearbeiten (confirmed)",
    editCourse.loader,
    "confirmed",
    inNorth(403, { trainer: "ok" }),
    { suffix: "/bearbeiten" },
  ),
  // The page says that a cancelled course cannot be changed any more.
  onCourse(
    "GET /massnahmen/:id/bearbeiten (cancelled)",
    editCourse.loader,
    "cancelled",
    inNorth(403, { trainer: "ok" }),
    { suffix: "/bearbeiten" },
  ),
  onCourse(
    "POST /massnahmen/:id/bearbeiten (open)",
    editCourse.action,
    "open",
    inNorth(403, { trainer: "ok" }),
    {
      suffix: "/bearbeiten",
      form: (world) => courseForm(world.networks.north.id, { title: "Neuer Titel" }),
    },
  ),
  onCourse(
    "POST /massnahmen/:id/bearbeiten (cancelled)",
    editCourse.action,
    "cancelled",
    inNorth(403, { trainer: 400 }),
    { suffix: "/bearbeiten", form: (world) => courseForm(world.networks.north.id) },
  ),
];

describe("Maßnahmen-Pool: Berechtigungen je Route und Person", () => {
  describeMatrix(rows, coursePersonas, buildCourseWorld);
});
