import type { ActionFunction, LoaderFunction } from "@remix-run/node";
import * as codeStep from "~/routes/anmelden_.code";
import * as requiredSetup from "~/routes/anmelden_.zweiter-faktor-einrichten";
import * as ownFactor from "~/routes/_app.konto.zweiter-faktor";
import * as policyPage from "~/routes/_app.verwaltung.anmeldung";
import * as organisationPage from "~/routes/_app.organisation";
import { sessionRequestCookie } from "~/auth/cookie.server";
import { createSession } from "~/auth/session.server";
import { getDb } from "~/db/client.server";
import { fixedRow, describeMatrix, signedIn, type MatrixRow } from "#tests/helpers/matrix";
import { callRoute } from "#tests/helpers/routes";
import { buildWorld, personaNames, type PersonaName, type World } from "#tests/helpers/world";

/**
 * The second factor's pages and the sign-in switches against every persona (see
 * #tests/helpers/matrix). Everyone manages only their own factor (there is no other person's
 * to ask for); the platform admin alone sets the roles; each organisation admin (the platform
 * admin is the operator organisation's) sets the switches of their own organisation only.
 */

const admins = {
  orgAdmin: 400,
  employerAdmin: 400,
  otherOrgAdmin: 400,
  otherNetworkAdmin: 400,
  platformAdmin: 400,
} as const;
const adminsOk = Object.fromEntries(Object.keys(admins).map((persona) => [persona, "ok"]));

const rows: MatrixRow<World, PersonaName>[] = [
  fixedRow("GET /konto/zweiter-faktor", ownFactor.loader, signedIn("ok")),
  fixedRow("POST /konto/zweiter-faktor confirm (falscher Code)", ownFactor.action, signedIn(400), {
    path: "/konto/zweiter-faktor",
    form: { intent: "confirm", code: "12345" },
  }),
  fixedRow("POST /konto/zweiter-faktor renewCodes (ohne Faktor)", ownFactor.action, signedIn(400), {
    path: "/konto/zweiter-faktor",
    form: { intent: "renewCodes", code: "123456" },
  }),
  fixedRow("POST /konto/zweiter-faktor remove (ohne Faktor)", ownFactor.action, signedIn(400), {
    path: "/konto/zweiter-faktor",
    form: { intent: "remove", code: "123456" },
  }),
  fixedRow("GET /verwaltung/anmeldung", policyPage.loader, signedIn(403, { platformAdmin: "ok" })),
  fixedRow(
    "POST /verwaltung/anmeldung (unbekannte Rolle)",
    policyPage.action,
    signedIn(403, { platformAdmin: 400 }),
    { path: "/verwaltung/anmeldung", form: { roles: "superuser" } },
  ),
  fixedRow(
    "POST /verwaltung/anmeldung (keine Rolle)",
    policyPage.action,
    signedIn(403, { platformAdmin: "ok" }),
    { path: "/verwaltung/anmeldung", form: {} },
  ),
  fixedRow(
    "POST /organisation signIn (SSO ohne Anmeldedienst)",
    organisationPage.action,
    signedIn(403, admins),
    {
      path: "/organisation",
      form: { intent: "signIn", requireSso: "on" },
    },
  ),
  fixedRow(
    "POST /organisation signIn (alles aus)",
    organisationPage.action,
    signedIn(403, adminsOk),
    {
      path: "/organisation",
      form: { intent: "signIn" },
    },
  ),
];

const builtWorld = describeMatrix(rows, personaNames, buildWorld);

/**
 * The pages of the login steps open only for a session in that step. The matrix's outcomes
 * cannot tell their redirects apart, so each answer's target is checked here.
 */
describe("Seiten der Anmeldeschritte", () => {
  async function pendingCookie(persona: Exclude<PersonaName, "anonymous">) {
    const session = await createSession(builtWorld().users[persona].id, new Date(), getDb(), {
      secondFactorPending: true,
    });
    return sessionRequestCookie(session.token);
  }

  const steps: {
    route: string;
    handler: LoaderFunction | ActionFunction;
    path: string;
    form?: Record<string, string>;
  }[] = [
    { route: "GET /anmelden/code", handler: codeStep.loader, path: "/anmelden/code" },
    {
      route: "POST /anmelden/code",
      handler: codeStep.action,
      path: "/anmelden/code",
      form: { code: "000000" },
    },
    {
      route: "GET /anmelden/zweiter-faktor-einrichten",
      handler: requiredSetup.loader,
      path: "/anmelden/zweiter-faktor-einrichten",
    },
    {
      route: "POST /anmelden/zweiter-faktor-einrichten",
      handler: requiredSetup.action,
      path: "/anmelden/zweiter-faktor-einrichten",
      form: { intent: "confirm", code: "000000" },
    },
  ];

  const expected = (route: string, persona: PersonaName) => {
    if (persona === "anonymous") return "/anmelden";
    // Without a pending step there is nothing to do on either page: on to the portal.
    return route.includes("einrichten") && route.startsWith("GET") ? "/netzwerk" : "/";
  };

  describe.each(steps)("$route", ({ route, handler, path, form }) => {
    it.each(personaNames)("%s ohne offenen Schritt wird weitergeschickt", async (persona) => {
      const response = await callRoute(handler, path, {
        cookie: builtWorld().cookies[persona],
        form,
      });
      expect([response.status, response.headers.get("location")]).toEqual([
        302,
        expected(route, persona),
      ]);
    });
  });

  it.each(personaNames.filter((persona) => persona !== "anonymous"))(
    "%s mit offenem Code-Schritt kommt nur auf die Code-Seite",
    async (persona) => {
      const cookie = await pendingCookie(persona as Exclude<PersonaName, "anonymous">);
      expect((await callRoute(codeStep.loader, "/anmelden/code", { cookie })).status).toBe(200);
      const wrong = await callRoute(codeStep.action, "/anmelden/code", {
        cookie,
        form: { code: "000000" },
      });
      expect(wrong.status).toBe(400);
      for (const other of [
        requiredSetup.loader,
        requiredSetup.action,
        ownFactor.loader,
        policyPage.loader,
      ]) {
        const response = await callRoute(other, "/x", {
          cookie,
          form: other === requiredSetup.action ? { intent: "confirm", code: "1" } : undefined,
        });
        // Only the code page opens (pages of the portal carry what was opened on).
        expect(response.headers.get("location")?.split("?")[0]).toBe("/anmelden/code");
      }
    },
  );
});
