import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import * as myData from "~/routes/_app.konto.daten";
import * as jsonExport from "~/routes/konto.daten[.]json";
import * as htmlExport from "~/routes/konto.daten[.]html";
import * as members from "~/routes/_app.organisation_.mitglieder";
import { getDb } from "~/db/client.server";
import { secondFactors, users } from "~/db/schema";
import { createUser } from "~/demo/factories.server";
import {
  describeMatrix,
  fixedRow,
  organizationAdmins,
  signedIn,
  type MatrixCell,
  type MatrixRow,
} from "#tests/helpers/matrix";
import { buildWorld, personaNames, type PersonaName, type World } from "#tests/helpers/world";

/**
 * "Meine Daten" (everyone signed in, about themselves only) and the members page's new forms:
 * deleting a former member and resetting a member's second factor (the organisation's admins,
 * about their own members only; anyone else's member does not exist for them).
 */

type Organization = keyof World["organizations"];

/** A new member of the organisation for each cell, as the row needs them. */
async function aboutNewMember(
  world: World,
  organization: Organization,
  options: { former?: boolean; secondFactor?: boolean; form: Record<string, string> },
): Promise<MatrixCell> {
  const name = `Mitglied ${randomUUID().slice(0, 8)}`;
  const member = await createUser({ organizationId: world.organizations[organization].id, name });
  if (options.former) {
    await getDb().update(users).set({ deactivatedAt: new Date() }).where(eq(users.id, member.id));
  }
  if (options.secondFactor) {
    await getDb()
      .insert(secondFactors)
      .values({ userId: member.id, secret: "JBSWY3DPEHPK3PXP", confirmedAt: new Date() });
  }
  const form = Object.fromEntries(
    Object.entries(options.form).map(([key, value]) => [key, value.replace("{name}", name)]),
  );
  return { path: "/organisation/mitglieder", form: { ...form, userId: member.id } };
}

const removal = { intent: "remove", confirmName: "{name}" };
const reset = { intent: "resetSecondFactor" };

const rows: MatrixRow<World, PersonaName>[] = [
  fixedRow("GET /konto/daten", myData.loader, signedIn("ok")),
  fixedRow("GET /konto/daten.json", jsonExport.loader, signedIn("ok")),
  fixedRow("GET /konto/daten.html", htmlExport.loader, signedIn("ok")),
  {
    route: "POST /organisation/mitglieder remove (former member of organisation A)",
    handler: members.action,
    prepare: (world) => aboutNewMember(world, "orgA", { former: true, form: removal }),
    expect: organizationAdmins(404, { orgAdmin: "ok" }),
  },
  {
    route: "POST /organisation/mitglieder remove (former member of employer E)",
    handler: members.action,
    prepare: (world) => aboutNewMember(world, "employerOrg", { former: true, form: removal }),
    expect: organizationAdmins(404, { employerAdmin: "ok" }),
  },
  {
    route: "POST /organisation/mitglieder remove (active member of organisation A)",
    handler: members.action,
    prepare: (world) => aboutNewMember(world, "orgA", { form: removal }),
    expect: organizationAdmins(404, { orgAdmin: 400 }),
  },
  {
    route: "POST /organisation/mitglieder remove (former member of A, name mistyped)",
    handler: members.action,
    prepare: (world) =>
      aboutNewMember(world, "orgA", {
        former: true,
        form: { intent: "remove", confirmName: "{name}x" },
      }),
    expect: organizationAdmins(404, { orgAdmin: 400 }),
  },
  {
    route: "POST /organisation/mitglieder resetSecondFactor (member of organisation A)",
    handler: members.action,
    prepare: (world) => aboutNewMember(world, "orgA", { secondFactor: true, form: reset }),
    expect: organizationAdmins(404, { orgAdmin: "ok" }),
  },
  {
    route: "POST /organisation/mitglieder resetSecondFactor (member of organisation C, Süd)",
    handler: members.action,
    prepare: (world) => aboutNewMember(world, "orgC", { secondFactor: true, form: reset }),
    expect: organizationAdmins(404, { otherNetworkAdmin: "ok" }),
  },
  {
    route: "POST /organisation/mitglieder resetSecondFactor (member of A without a factor)",
    handler: members.action,
    prepare: (world) => aboutNewMember(world, "orgA", { form: reset }),
    expect: organizationAdmins(404, { orgAdmin: 400 }),
  },
];

describeMatrix(rows, personaNames, buildWorld);
