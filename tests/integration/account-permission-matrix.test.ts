import * as account from "~/routes/_app.konto._index";
import * as confirmation from "~/routes/e-mail-bestaetigen.$token";
import * as newPassword from "~/routes/passwort-neu.$token";
import * as forgotten from "~/routes/passwort-vergessen";
import { generateToken, hashToken } from "~/auth/tokens.server";
import { getDb } from "~/db/client.server";
import { emailChangeRequests, passwordResetTokens } from "~/db/schema";
import { createUser, DEFAULT_TEST_PASSWORD } from "~/demo/factories.server";
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
 * "Mein Konto" and its links against every persona (see #tests/helpers/matrix): everyone signed
 * in has their own account page and changes only that; the pages behind mailed links are public,
 * the token alone decides.
 */

let counter = 0;
const uniqueAddress = (name: string) => `${name}-${++counter}-${Date.now()}@example.org`;
const goodPassword = "Fahrradkeller-Sonnenblume-Laterne";
const everyone = outcomes(personaNames, "ok");
const nobody = outcomes(personaNames, 404);

/** A link of someone outside the world, made afresh for each cell. */
async function freshLink(world: World, table: "passwordReset" | "emailChange") {
  const person = await createUser({ organizationId: world.organizations.orgA.id });
  const token = generateToken();
  const expiresAt = new Date(Date.now() + 60 * 60 * 1000);
  if (table === "passwordReset") {
    await getDb()
      .insert(passwordResetTokens)
      .values({ userId: person.id, tokenHash: hashToken(token), expiresAt });
  } else {
    await getDb()
      .insert(emailChangeRequests)
      .values({
        userId: person.id,
        newEmail: uniqueAddress("neu"),
        tokenHash: hashToken(token),
        expiresAt,
      });
  }
  return token;
}

const linkRow = (
  route: string,
  handler: MatrixRow<World, PersonaName>["handler"],
  path: string,
  table: "passwordReset" | "emailChange",
  form?: Record<string, string>,
): MatrixRow<World, PersonaName> => ({
  route,
  handler,
  prepare: async (world): Promise<MatrixCell> => {
    const token = await freshLink(world, table);
    return { path: `${path}${token}`, params: { token }, form };
  },
  expect: everyone,
});

const unknownToken = "abcdefghijklmnopqrstuvwxyz234567";

const rows: MatrixRow<World, PersonaName>[] = [
  fixedRow("GET /konto", account.loader, signedIn("ok")),
  fixedRow("POST /konto profile", account.action, signedIn("ok"), {
    path: "/konto",
    form: { intent: "profile", name: "Neuer Name", jobTitle: "Integrationsfachkraft", phone: "" },
  }),
  fixedRow("POST /konto email", account.action, signedIn("ok"), () => ({
    path: "/konto",
    form: {
      intent: "email",
      email: uniqueAddress("umzug"),
      currentPassword: DEFAULT_TEST_PASSWORD,
    },
  })),
  fixedRow("POST /konto password", account.action, signedIn("ok"), {
    path: "/konto",
    form: {
      intent: "password",
      currentPassword: DEFAULT_TEST_PASSWORD,
      newPassword: goodPassword,
      passwordConfirmation: goodPassword,
    },
  }),
  fixedRow("POST /konto (unbekannte Aktion)", account.action, signedIn(400), {
    path: "/konto",
    form: { intent: "deleteAccount" },
  }),
  fixedRow("POST /passwort-vergessen", forgotten.action, everyone, () => ({
    path: "/passwort-vergessen",
    form: { email: uniqueAddress("vergessen") },
  })),
  linkRow("GET /passwort-neu/:token", newPassword.loader, "/passwort-neu/", "passwordReset"),
  linkRow("POST /passwort-neu/:token", newPassword.action, "/passwort-neu/", "passwordReset", {
    password: goodPassword,
    passwordConfirmation: goodPassword,
  }),
  fixedRow("GET /passwort-neu/:token (unbekannt)", newPassword.loader, nobody, {
    path: `/passwort-neu/${unknownToken}`,
    params: { token: unknownToken },
  }),
  linkRow(
    "GET /e-mail-bestaetigen/:token",
    confirmation.loader,
    "/e-mail-bestaetigen/",
    "emailChange",
  ),
  linkRow(
    "POST /e-mail-bestaetigen/:token",
    confirmation.action,
    "/e-mail-bestaetigen/",
    "emailChange",
    {},
  ),
  fixedRow("GET /e-mail-bestaetigen/:token (unbekannt)", confirmation.loader, nobody, {
    path: `/e-mail-bestaetigen/${unknownToken}`,
    params: { token: unknownToken },
  }),
];

describe("Mein Konto: Berechtigungen", () => {
  const world = describeMatrix(rows, personaNames, buildWorld);

  it.each(personaNames.filter((persona) => persona !== "anonymous"))(
    "%s sees their own account and no one else's",
    async (persona) => {
      const response = await callRoute(account.loader, "/konto", {
        cookie: world().cookies[persona],
      });
      const { account: shown } = await response.json();
      expect(shown.email).toBe(world().users[persona].email);
    },
  );
});
