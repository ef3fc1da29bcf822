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

const coursePage = (id: string, suffix = "", form?: Record<string, string>): MatrixCell => ({
  path: `/massnahmen/${id}${suffix}`,
  params: { courseId: id },
  form,
});

const pledge = { intent: "pledge", seats: "1" };

const { signedIn, networkMembers, inNorth, inSouth } = worldOutcomes(coursePersonas);

/** Only the Bildungsträger offers courses. */
const trainerOnly = signedIn(403, { trainer: "ok" });

/** Staff and admins of the jobcenter pledge; employers, the Schuldnerberatung and the offerer not. */
const jobcenterPledges = inNorth(403, { coordinator: "ok", orgAdmin: "ok", staff: "ok" });

const rows: MatrixRow<CourseWorld, Persona>[] = [
  {
    route: "GET /massnahmen",
    handler: pool.loader,
    prepare: () => ({ path: "/massnahmen" }),
    expect: networkMembers("ok"),
  },
  {
    route: "GET /massnahmen?anzeige=alle",
    handler: pool.loader,
    prepare: () => ({ path: "/massnahmen?anzeige=alle" }),
    expect: networkMembers("ok"),
  },
  {
    route: "GET /massnahmen/neu",
    handler: newCourse.loader,
    prepare: () => ({ path: "/massnahmen/neu" }),
    expect: trainerOnly,
  },
  {
    route: "POST /massnahmen/neu (Nord)",
    handler: newCourse.action,
    prepare: (world) => ({ path: "/massnahmen/neu", form: courseForm(world.networks.north.id) }),
    expect: trainerOnly,
  },
  {
    route: "GET /massnahmen/:id (open, Nord)",
    handler: course.loader,
    prepare: async (world) => coursePage(await courseOf(world, "open")),
    expect: inNorth("ok"),
  },
  {
    route: "GET /massnahmen/:id (cancelled, Nord)",
    handler: course.loader,
    prepare: async (world) => coursePage(await courseOf(world, "cancelled")),
    expect: inNorth("ok"),
  },
  {
    route: "GET /massnahmen/:id (Süd)",
    handler: course.loader,
    prepare: async (world) => coursePage(await courseOf(world, "south")),
    expect: inSouth("ok"),
  },
  {
    route: "GET /massnahmen/:id (unknown)",
    handler: course.loader,
    prepare: () => coursePage(randomUUID()),
    expect: signedIn(404),
  },
  {
    route: "GET /massnahmen/:id (malformed id)",
    handler: course.loader,
    prepare: () => coursePage("keine-uuid"),
    expect: signedIn(404),
  },
  {
    route: "POST /massnahmen/:id pledge (jobcenters admitted)",
    handler: course.action,
    prepare: async (world) => coursePage(await courseOf(world, "open"), "", pledge),
    expect: jobcenterPledges,
  },
  {
    route: "POST /massnahmen/:id pledge (Schuldnerberatung admitted too)",
    handler: course.action,
    prepare: async (world) =>
      coursePage(
        await courseOf(world, { admitted: ["jobcenter", "schuldnerberatung"] }),
        "",
        pledge,
      ),
    expect: { ...jobcenterPledges, otherOrgAdmin: "ok" },
  },
  {
    route: "POST /massnahmen/:id pledge (cancelled)",
    handler: course.action,
    prepare: async (world) => coursePage(await courseOf(world, "cancelled"), "", pledge),
    // The jobcenter may pledge in principle; the cancellation is explained in the form (400).
    expect: inNorth(403, { coordinator: 400, orgAdmin: 400, staff: 400 }),
  },
  {
    route: "POST /massnahmen/:id pledge (confirmed)",
    handler: course.action,
    prepare: async (world) => coursePage(await courseOf(world, "confirmed"), "", pledge),
    expect: jobcenterPledges,
  },
  {
    route: "POST /massnahmen/:id pledge (Süd)",
    handler: course.action,
    prepare: async (world) => coursePage(await courseOf(world, "south"), "", pledge),
    expect: inSouth("ok"),
  },
  {
    route: "POST /massnahmen/:id unknown intent",
    handler: course.action,
    prepare: async (world) => coursePage(await courseOf(world, "open"), "", { intent: "loeschen" }),
    expect: inNorth(400),
  },
  {
    route: "GET /massnahmen/:id/bearbeiten (open)",
    handler: editCourse.loader,
    prepare: async (world) => coursePage(await courseOf(world, "open"), "/bearbeiten"),
    expect: inNorth(403, { trainer: "ok" }),
  },
  {
    route: "GET /massnahmen/:id/bearbeiten (confirmed)",
    handler: editCourse.loader,
    prepare: async (world) => coursePage(await courseOf(world, "confirmed"), "/bearbeiten"),
    expect: inNorth(403, { trainer: "ok" }),
  },
  {
    route: "GET /massnahmen/:id/bearbeiten (cancelled)",
    handler: editCourse.loader,
    prepare: async (world) => coursePage(await courseOf(world, "cancelled"), "/bearbeiten"),
    // The page says that a cancelled course cannot be changed any more.
    expect: inNorth(403, { trainer: "ok" }),
  },
  {
    route: "POST /massnahmen/:id/bearbeiten (open)",
    handler: editCourse.action,
    prepare: async (world) =>
      coursePage(
        await courseOf(world, "open"),
        "/bearbeiten",
        courseForm(world.networks.north.id, { title: "Neuer Titel" }),
      ),
    expect: inNorth(403, { trainer: "ok" }),
  },
  {
    route: "POST /massnahmen/:id/bearbeiten (cancelled)",
    handler: editCourse.action,
    prepare: async (world) =>
      coursePage(
        await courseOf(world, "cancelled"),
        "/bearbeiten",
        courseForm(world.networks.north.id),
      ),
    expect: inNorth(403, { trainer: 400 }),
  },
];

describe("Maßnahmen-Pool: Berechtigungen je Route und Person", () => {
  describeMatrix(rows, coursePersonas, buildCourseWorld);
});
