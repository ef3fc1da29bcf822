import { and, eq, isNull } from "drizzle-orm";
import type { Server } from "socket.io";
import * as login from "~/routes/anmelden";
import * as codeStep from "~/routes/anmelden_.code";
import * as requiredSetup from "~/routes/anmelden_.zweiter-faktor-einrichten";
import * as ownFactor from "~/routes/_app.konto.zweiter-faktor";
import * as myNetwork from "~/routes/_app.netzwerk";
import * as organisation from "~/routes/_app.organisation";
import { timeStepAt, totpCodeAt } from "~/account/totp";
import { secondFactorTexts } from "~/account/second-factor-form";
import { readSessionToken } from "~/auth/cookie.server";
import { logIn } from "~/auth/login.server";
import { validateSessionToken } from "~/auth/session.server";
import { hashToken } from "~/auth/tokens.server";
import { getDb } from "~/db/client.server";
import { auditLog, organizations, recoveryCodes, secondFactors, sessions } from "~/db/schema";
import {
  DEFAULT_TEST_PASSWORD,
  createLoginCookie,
  createOrganization,
  createUser,
} from "~/demo/factories.server";
import { registerRealtime } from "~/realtime/connections.server";
import { callRoute, expectRejected, feedbackOf, setCookieOf } from "#tests/helpers/routes";

/**
 * The second factor end to end through the routes: set-up, the login step, replay, recovery
 * codes, removal, throttling, and that a session with a pending step opens nothing else.
 * Time is moved by hand (only `Date` is faked) so that each code belongs to a new time step.
 */

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-03-02T08:00:05Z") });
});
afterEach(() => {
  vi.useRealTimers();
});

/** The next 30-second step: the code of the previous one may no longer be used. */
const nextStep = () => vi.setSystemTime(Date.now() + 30_000);

async function newPerson() {
  const organization = await createOrganization({ kind: "jobcenter" });
  const user = await createUser({
    organizationId: organization.id,
    email: `fachkraft-${Math.random().toString(36).slice(2)}@example.org`,
  });
  return { organization, user };
}

const cookieOf = (response: Response) => setCookieOf(response).split(";")[0]!;

async function passwordLogin(email: string, weiter?: string) {
  const response = await callRoute(login.action, "/anmelden", {
    form: { email, password: DEFAULT_TEST_PASSWORD, ...(weiter ? { weiter } : {}) },
  });
  expect(response.status).toBe(302);
  return { cookie: cookieOf(response), location: response.headers.get("location") };
}

async function secretOf(userId: string) {
  const [factor] = await getDb()
    .select({ secret: secondFactors.secret })
    .from(secondFactors)
    .where(eq(secondFactors.userId, userId));
  return factor!.secret;
}

async function currentCode(userId: string) {
  return totpCodeAt(await secretOf(userId), timeStepAt(new Date()));
}

async function sessionOf(cookie: string) {
  const token = await readSessionToken(cookie);
  return token ? validateSessionToken(token) : null;
}

/** Sets up and confirms the factor on /konto/zweiter-faktor; returns the recovery codes. */
async function setUpFactor(userId: string, cookie: string): Promise<string[]> {
  const page = await callRoute(ownFactor.loader, "/konto/zweiter-faktor", { cookie });
  expect(page.status).toBe(200);
  const confirmed = await callRoute(ownFactor.action, "/konto/zweiter-faktor", {
    cookie,
    form: { intent: "confirm", code: await currentCode(userId) },
  });
  expect(confirmed.status).toBe(200);
  const { recoveryCodes: codes } = (await confirmed.json()) as { recoveryCodes: string[] };
  nextStep();
  return codes;
}

async function auditActions(userId: string) {
  const entries = await getDb()
    .select({ action: auditLog.action })
    .from(auditLog)
    .where(eq(auditLog.targetId, userId))
    .orderBy(auditLog.id);
  return entries.map((entry) => entry.action);
}

describe("Zweiter Faktor einrichten (/konto/zweiter-faktor)", () => {
  it("shows a locally drawn QR code and the secret, keeps it on reload, and confirms with a code", async () => {
    const { user } = await newPerson();
    const { cookie } = await createLoginCookie(user.id);
    const other = await createLoginCookie(user.id);

    const first = await (
      await callRoute(ownFactor.loader, "/konto/zweiter-faktor", { cookie })
    ).json();
    expect(first.state).toBe("setup");
    expect(first.qrSvg).toMatch(/^<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(first.qrSvg).not.toMatch(/https?:\/\/(?!www\.w3\.org)/);
    const secret = await secretOf(user.id);
    expect(first.secret.replaceAll(" ", "")).toBe(secret);
    expect(first.secret).toMatch(/^([A-Z2-7]{4} ){7}[A-Z2-7]{4}$/);
    const again = await (
      await callRoute(ownFactor.loader, "/konto/zweiter-faktor", { cookie })
    ).json();
    expect(again.secret).toBe(first.secret);

    // Not confirmed yet: the login does not ask for a code.
    expect((await passwordLogin(user.email)).location).toBe("/netzwerk");

    const wrong = await callRoute(ownFactor.action, "/konto/zweiter-faktor", {
      cookie,
      form: { intent: "confirm", code: "12345" },
    });
    await expectRejected(wrong, { errors: { code: secondFactorTexts.codeShape } });

    const confirmed = await callRoute(ownFactor.action, "/konto/zweiter-faktor", {
      cookie,
      form: { intent: "confirm", code: await currentCode(user.id) },
    });
    expect(confirmed.headers.get("cache-control")).toBe("no-store");
    const { recoveryCodes: codes } = (await confirmed.json()) as { recoveryCodes: string[] };
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[a-z2-7]{4}(-[a-z2-7]{4}){3}$/);

    const stored = await getDb()
      .select({ codeHash: recoveryCodes.codeHash })
      .from(recoveryCodes)
      .where(eq(recoveryCodes.userId, user.id));
    expect(stored.map((row) => row.codeHash).sort()).toEqual(
      codes.map((code) => hashToken(code.replaceAll("-", ""))).sort(),
    );
    const status = await (
      await callRoute(ownFactor.loader, "/konto/zweiter-faktor", { cookie })
    ).json();
    expect(status).toMatchObject({ state: "active", remainingRecoveryCodes: 10 });
    expect(await sessionOf(other.cookie)).toBeNull();
    expect(await auditActions(user.id)).toContain("second_factor.enabled");
  });

  it("refuses a wrong code at confirmation with a German message", async () => {
    const { user } = await newPerson();
    const { cookie } = await createLoginCookie(user.id);
    await callRoute(ownFactor.loader, "/konto/zweiter-faktor", { cookie });
    const code = await currentCode(user.id);
    const wrongCode = String((Number(code) + 1) % 1_000_000).padStart(6, "0");
    const wrong = await callRoute(ownFactor.action, "/konto/zweiter-faktor", {
      cookie,
      form: { intent: "confirm", code: wrongCode },
    });
    await expectRejected(wrong, {
      errors: { code: secondFactorTexts.codeWrong },
      values: { intent: "confirm", code: wrongCode },
    });
    const [factor] = await getDb()
      .select({ confirmedAt: secondFactors.confirmedAt })
      .from(secondFactors)
      .where(eq(secondFactors.userId, user.id));
    expect(factor?.confirmedAt).toBeNull();
  });
});

describe("Anmeldung mit zweitem Faktor (/anmelden/code)", () => {
  it("asks for the code after the password, then opens a fresh session at the target", async () => {
    const { user } = await newPerson();
    await setUpFactor(user.id, (await createLoginCookie(user.id)).cookie);

    const pending = await passwordLogin(user.email, "/organisation");
    // The step carries the target on.
    expect(pending.location).toBe("/anmelden/code?weiter=%2Forganisation");
    expect((await sessionOf(pending.cookie))?.pendingStep).toBe("second_factor");
    const page = await callRoute(codeStep.loader, "/anmelden/code?weiter=%2Forganisation", {
      cookie: pending.cookie,
    });
    expect(await page.json()).toMatchObject({ target: "/organisation", recovery: false });

    const wrong = await callRoute(codeStep.action, "/anmelden/code", {
      cookie: pending.cookie,
      form: { code: "000000", weiter: "/organisation" },
    });
    await expectRejected(wrong, { errors: { code: secondFactorTexts.codeOrRecoveryWrong } });

    const passed = await callRoute(codeStep.action, "/anmelden/code", {
      cookie: pending.cookie,
      form: { code: await currentCode(user.id), weiter: "/organisation" },
    });
    expect(passed.status).toBe(302);
    expect(passed.headers.get("location")).toBe("/organisation");
    const fresh = cookieOf(passed);
    expect(fresh).not.toBe(pending.cookie);
    expect(await sessionOf(pending.cookie)).toBeNull();
    expect(await sessionOf(fresh)).toMatchObject({ id: user.id, pendingStep: null });
    expect(await auditActions(user.id)).toEqual(
      expect.arrayContaining([
        "auth.login",
        "auth.second_factor_failed",
        "auth.second_factor_passed",
      ]),
    );
  });

  it("sends a target on another site to the start page instead", async () => {
    const { user } = await newPerson();
    await setUpFactor(user.id, (await createLoginCookie(user.id)).cookie);
    const pending = await passwordLogin(user.email);
    const passed = await callRoute(codeStep.action, "/anmelden/code", {
      cookie: pending.cookie,
      form: { code: await currentCode(user.id), weiter: "//evil.example/" },
    });
    expect(passed.headers.get("location")).toBe("/netzwerk");
  });

  it("never accepts the same code twice (replay)", async () => {
    const { user } = await newPerson();
    await setUpFactor(user.id, (await createLoginCookie(user.id)).cookie);
    const code = await currentCode(user.id);
    const first = await passwordLogin(user.email);
    const passed = await callRoute(codeStep.action, "/anmelden/code", {
      cookie: first.cookie,
      form: { code },
    });
    expect(passed.status).toBe(302);
    const second = await passwordLogin(user.email);
    const replayed = await callRoute(codeStep.action, "/anmelden/code", {
      cookie: second.cookie,
      form: { code },
    });
    await expectRejected(replayed, { errors: { code: secondFactorTexts.codeOrRecoveryWrong } });
    expect((await sessionOf(second.cookie))?.pendingStep).toBe("second_factor");
  });

  it("takes each recovery code once, typed in any case with or without dashes", async () => {
    const { user } = await newPerson();
    const codes = await setUpFactor(user.id, (await createLoginCookie(user.id)).cookie);
    const first = await passwordLogin(user.email);
    const page = await callRoute(codeStep.loader, "/anmelden/code?wiederherstellung", {
      cookie: first.cookie,
    });
    expect(await page.json()).toMatchObject({ recovery: true });
    const used = await callRoute(codeStep.action, "/anmelden/code", {
      cookie: first.cookie,
      form: { code: codes[0]!.toUpperCase().replaceAll("-", " ") },
    });
    expect(used.status).toBe(302);

    const second = await passwordLogin(user.email);
    const again = await callRoute(codeStep.action, "/anmelden/code", {
      cookie: second.cookie,
      form: { code: codes[0]! },
    });
    await expectRejected(again, { errors: { code: secondFactorTexts.codeOrRecoveryWrong } });
    const status = await (
      await callRoute(ownFactor.loader, "/konto/zweiter-faktor", { cookie: cookieOf(used) })
    ).json();
    expect(status.remainingRecoveryCodes).toBe(9);
  });

  it("throttles wrong codes like wrong passwords, even before the right one", async () => {
    const { user } = await newPerson();
    await setUpFactor(user.id, (await createLoginCookie(user.id)).cookie);
    const pending = await passwordLogin(user.email);
    for (let i = 0; i < 5; i++) {
      await callRoute(codeStep.action, "/anmelden/code", {
        cookie: pending.cookie,
        form: { code: "000000" },
      });
    }
    const blocked = await callRoute(codeStep.action, "/anmelden/code", {
      cookie: pending.cookie,
      form: { code: await currentCode(user.id) },
    });
    expect(blocked.status).toBe(400);
    expect((await feedbackOf(blocked)).errors.code).toMatch(/Zu viele fehlgeschlagene/);
    expect((await sessionOf(pending.cookie))?.pendingStep).toBe("second_factor");
  });

  it("takes the User-Agent into the session", async () => {
    const { user } = await newPerson();
    const result = await logIn(user.email, DEFAULT_TEST_PASSWORD, null, {
      userAgent: "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0",
    });
    expect(result.ok).toBe(true);
    const [session] = await getDb()
      .select({ userAgent: sessions.userAgent })
      .from(sessions)
      .where(eq(sessions.id, hashToken(result.ok ? result.token : "")));
    expect(session?.userAgent).toContain("Firefox");
  });
});

describe("Wiederherstellungscodes und Entfernen", () => {
  it("makes new codes with a current code; the old ones stop working", async () => {
    const { user } = await newPerson();
    const { cookie } = await createLoginCookie(user.id);
    const old = await setUpFactor(user.id, cookie);
    const renewed = await callRoute(ownFactor.action, "/konto/zweiter-faktor", {
      cookie,
      form: { intent: "renewCodes", code: await currentCode(user.id) },
    });
    const { recoveryCodes: fresh } = (await renewed.json()) as { recoveryCodes: string[] };
    expect(fresh).toHaveLength(10);
    expect(fresh).not.toContain(old[0]);
    const pending = await passwordLogin(user.email);
    const refused = await callRoute(codeStep.action, "/anmelden/code", {
      cookie: pending.cookie,
      form: { code: old[1]! },
    });
    expect(refused.status).toBe(400);
    expect(await auditActions(user.id)).toContain("second_factor.recovery_codes_renewed");
  });

  it("removes the factor only with a valid code, and ends the person's other sessions", async () => {
    const { user } = await newPerson();
    const { cookie, sessionId } = await createLoginCookie(user.id);
    const codes = await setUpFactor(user.id, cookie);
    const other = await createLoginCookie(user.id);

    const wrong = await callRoute(ownFactor.action, "/konto/zweiter-faktor", {
      cookie,
      form: { intent: "remove", code: "aaaa-bbbb-cccc-dddd" },
    });
    await expectRejected(wrong, { errors: { code: secondFactorTexts.codeOrRecoveryWrong } });

    const removed = await callRoute(ownFactor.action, "/konto/zweiter-faktor", {
      cookie,
      form: { intent: "remove", code: codes[3]! },
    });
    expect(removed.status).toBe(302);
    expect(removed.headers.get("location")).toBe("/konto/zweiter-faktor");
    expect(
      await getDb().select().from(secondFactors).where(eq(secondFactors.userId, user.id)),
    ).toEqual([]);
    expect(
      await getDb().select().from(recoveryCodes).where(eq(recoveryCodes.userId, user.id)),
    ).toEqual([]);
    expect(await sessionOf(other.cookie)).toBeNull();
    expect((await sessionOf(cookie))?.sessionId).toBe(sessionId);
    expect(await auditActions(user.id)).toContain("second_factor.removed");
    expect((await passwordLogin(user.email)).location).toBe("/netzwerk");
  });
});

/** The fake socket.io server of one handshake: what the middleware answers. */
async function handshake(cookie: string): Promise<string> {
  let middleware!: (socket: unknown, next: (error?: Error) => void) => Promise<void>;
  const io = { use: (fn: typeof middleware) => (middleware = fn), on: () => undefined };
  registerRealtime(io as unknown as Server, { validateSessionToken });
  return new Promise((resolve) => {
    void middleware(
      {
        handshake: { headers: { cookie, "sec-fetch-site": "same-origin" }, address: "::1" },
        data: {},
      },
      (error) => resolve(error ? error.message : "connected"),
    );
  });
}

describe.each([
  { step: "second_factor", path: "/anmelden/code" },
  { step: "second_factor_setup", path: "/anmelden/zweiter-faktor-einrichten" },
] as const)("Anmeldeschritt $step kann nicht übersprungen werden", ({ step, path }) => {
  async function pendingSession() {
    const { organization, user } = await newPerson();
    if (step === "second_factor") {
      await setUpFactor(user.id, (await createLoginCookie(user.id)).cookie);
    } else {
      await getDb()
        .update(organizations)
        .set({ requireSecondFactor: true })
        .where(eq(organizations.id, organization.id));
    }
    const login = await passwordLogin(user.email);
    expect(login.location).toBe(`${path}?weiter=%2Fnetzwerk`);
    return { user, cookie: login.cookie };
  }

  it("sends every page, data request and action to the step, and refuses live connections", async () => {
    const { cookie } = await pendingSession();
    for (const url of ["/netzwerk", "/netzwerk?_data=routes%2F_app.netzwerk"]) {
      const page = await callRoute(myNetwork.loader, url, { cookie });
      // The step leads back to what was opened afterwards (without Remix's data parameter).
      expect([page.status, page.headers.get("location")]).toEqual([
        302,
        `${path}?weiter=%2Fnetzwerk`,
      ]);
    }
    const ownPage = await callRoute(ownFactor.loader, "/konto/zweiter-faktor?_data=x", { cookie });
    expect(ownPage.headers.get("location")).toBe(`${path}?weiter=%2Fkonto%2Fzweiter-faktor`);
    const posted = await callRoute(organisation.action, "/organisation", {
      cookie,
      form: { intent: "signIn", requireSecondFactor: "on" },
    });
    expect(posted.headers.get("location")).toBe(`${path}?weiter=%2Forganisation`);
    const removal = await callRoute(ownFactor.action, "/konto/zweiter-faktor", {
      cookie,
      form: { intent: "remove", code: "000000" },
    });
    expect(removal.headers.get("location")).toBe(`${path}?weiter=%2Fkonto%2Fzweiter-faktor`);
    expect(await handshake(cookie)).toBe("unauthorized");
    // Nothing of what was sent was done: the session is still waiting for its step.
    expect((await sessionOf(cookie))?.pendingStep).toBe(step);
  });

  it("opens the step's own page only, and the other step's page sends back", async () => {
    const { cookie } = await pendingSession();
    const own = step === "second_factor" ? codeStep.loader : requiredSetup.loader;
    const other = step === "second_factor" ? requiredSetup.loader : codeStep.loader;
    expect((await callRoute(own, path, { cookie })).status).toBe(200);
    const sent = await callRoute(other, "/anmelden/x", { cookie });
    expect(sent.headers.get("location")).toBe(path);
  });
});

describe("Einrichtung direkt nach der Anmeldung (/anmelden/zweiter-faktor-einrichten)", () => {
  it("leads a person who must have a factor through the set-up, then on to the portal", async () => {
    const { organization, user } = await newPerson();
    await getDb()
      .update(organizations)
      .set({ requireSecondFactor: true })
      .where(eq(organizations.id, organization.id));
    const { cookie } = await passwordLogin(user.email);
    const page = await (
      await callRoute(requiredSetup.loader, "/anmelden/zweiter-faktor-einrichten", { cookie })
    ).json();
    expect(page.factor.qrSvg).toContain("<svg");

    // The forced page takes only the confirmation.
    const removal = await callRoute(requiredSetup.action, "/anmelden/zweiter-faktor-einrichten", {
      cookie,
      form: { intent: "remove", code: "000000" },
    });
    expect(removal.status).toBe(400);

    const confirmed = await callRoute(requiredSetup.action, "/anmelden/zweiter-faktor-einrichten", {
      cookie,
      form: { intent: "confirm", code: await currentCode(user.id) },
    });
    expect(((await confirmed.json()) as { recoveryCodes: string[] }).recoveryCodes).toHaveLength(
      10,
    );
    // The page stays open to show the codes; everything else opens now too.
    const after = await callRoute(requiredSetup.loader, "/anmelden/zweiter-faktor-einrichten", {
      cookie,
    });
    expect(await after.json()).toMatchObject({ factor: null, target: "/netzwerk" });
    expect((await callRoute(myNetwork.loader, "/netzwerk", { cookie })).status).toBe(200);
    expect(await handshake(cookie)).toBe("connected");
    const unused = await getDb()
      .select()
      .from(recoveryCodes)
      .where(and(eq(recoveryCodes.userId, user.id), isNull(recoveryCodes.usedAt)));
    expect(unused).toHaveLength(10);
  });

  it("sends a person who needs no set-up on", async () => {
    const { user } = await newPerson();
    const { cookie } = await createLoginCookie(user.id);
    const page = await callRoute(requiredSetup.loader, "/anmelden/zweiter-faktor-einrichten", {
      cookie,
    });
    expect(page.headers.get("location")).toBe("/netzwerk");
    expect(
      (await callRoute(codeStep.loader, "/anmelden/code", { cookie })).headers.get("location"),
    ).toBe("/");
  });
});
