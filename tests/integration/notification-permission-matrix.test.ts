import { eq } from "drizzle-orm";
import * as settingsPage from "~/routes/_app.konto.benachrichtigungen";
import * as unsubscribePage from "~/routes/benachrichtigungen.abbestellen.$token";
import { getDb } from "~/db/client.server";
import { notificationPreferences } from "~/db/schema";
import { inUnitOfWork } from "~/db/unit-of-work.server";
import { notificationKinds } from "~/db/vocabularies";
import { createLoginCookie, createUser } from "~/demo/factories.server";
import { defaultDeliveries } from "~/notifications/kinds";
import { unsubscribeToken } from "~/notifications/unsubscribe.server";
import {
  describeMatrix,
  fixedRow,
  outcomes,
  signedIn,
  type MatrixCell,
  type MatrixRow,
} from "#tests/helpers/matrix";
import { callRoute } from "#tests/helpers/routes";
import { buildWorld, personaNames, type PersonaName, type World } from "#tests/helpers/world";

/**
 * Mein Konto → Benachrichtigungen: everyone signed in reads and changes their own settings and
 * nobody else's (the page names no person). The unsubscribe link needs no login: its signed
 * token is the credential, whoever follows it, and a token not signed by the portal is refused.
 */

const settingsForm = (): Record<string, string> => ({
  ...Object.fromEntries(notificationKinds.map((kind) => [`deliveries.${kind}`, "portal"])),
  frequency: "weekly",
  hour: "8",
});

/** A mail recipient of the world's organisation A, for whom each cell gets a fresh link. */
async function unsubscribeCell(world: World, form?: Record<string, string>): Promise<MatrixCell> {
  const recipient = await createUser({ organizationId: world.organizations.orgA.id });
  const token = await inUnitOfWork(({ tx }) => unsubscribeToken(tx, recipient.id, "mention"));
  return { path: `/benachrichtigungen/abbestellen/${token}`, params: { token }, form };
}

const forged = "YWJj.ZGVm";
const oneClick = { "List-Unsubscribe": "One-Click" };

const rows: MatrixRow<World, PersonaName>[] = [
  fixedRow("GET /konto/benachrichtigungen", settingsPage.loader, signedIn("ok")),
  fixedRow(
    "POST /konto/benachrichtigungen (own settings)",
    settingsPage.action,
    signedIn("ok"),
    () => ({ path: "/konto/benachrichtigungen", form: settingsForm() }),
  ),
  {
    route: "GET /benachrichtigungen/abbestellen/:token (signed)",
    handler: unsubscribePage.loader,
    prepare: (world) => unsubscribeCell(world),
    expect: outcomes(personaNames, "ok"),
  },
  {
    route: "POST /benachrichtigungen/abbestellen/:token (signed, one click)",
    handler: unsubscribePage.action,
    prepare: (world) => unsubscribeCell(world, oneClick),
    expect: outcomes(personaNames, "ok"),
  },
  fixedRow(
    "GET /benachrichtigungen/abbestellen/:token (forged)",
    unsubscribePage.loader,
    outcomes(personaNames, 404),
    { path: `/benachrichtigungen/abbestellen/${forged}`, params: { token: forged } },
  ),
  fixedRow(
    "POST /benachrichtigungen/abbestellen/:token (forged)",
    unsubscribePage.action,
    outcomes(personaNames, 404),
    {
      path: `/benachrichtigungen/abbestellen/${forged}`,
      params: { token: forged },
      form: oneClick,
    },
  ),
];

const world = describeMatrix(rows, personaNames, buildWorld);

describe("whose settings the page changes", () => {
  it("only the signed-in person's, whatever the form carries", async () => {
    const { users, cookies } = world();
    const choices = (userId: string) =>
      getDb()
        .select({ kind: notificationPreferences.kind, delivery: notificationPreferences.delivery })
        .from(notificationPreferences)
        .where(eq(notificationPreferences.userId, userId));
    const before = await choices(users.orgAdmin.id);
    const response = await callRoute(settingsPage.action, "/konto/benachrichtigungen", {
      cookie: cookies.staff,
      form: { ...settingsForm(), "deliveries.mention": "off", userId: users.orgAdmin.id },
    });
    expect(response.status).toBe(302);
    expect(await choices(users.orgAdmin.id)).toEqual(before);
    expect(
      Object.fromEntries((await choices(users.staff.id)).map((row) => [row.kind, row.delivery])),
    ).toMatchObject({
      mention: "off",
      referral_received: "portal",
    });
    // Someone who never chose sees the defaults.
    const newcomer = await createUser({ organizationId: world().organizations.orgB.id });
    const page = await callRoute(settingsPage.loader, "/konto/benachrichtigungen", {
      cookie: (await createLoginCookie(newcomer.id)).cookie,
    });
    const { settings } = (await page.json()) as { settings: { deliveries: unknown } };
    expect(settings.deliveries).toEqual(defaultDeliveries);
  });
});
