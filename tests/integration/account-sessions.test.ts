import { and, eq } from "drizzle-orm";
import type { Socket } from "socket.io-client";
import * as sessionsPage from "~/routes/_app.konto.sitzungen";
import { sessionHandle } from "~/account/sessions.server";
import { sessionRequestCookie } from "~/auth/cookie.server";
import {
  SESSION_IDLE_TIMEOUT_MS,
  createSession,
  endExpiredSessions,
  validateSessionToken,
} from "~/auth/session.server";
import { getDb } from "~/db/client.server";
import { auditLog, sessions } from "~/db/schema";
import { createOrganization, createUser } from "~/demo/factories.server";
import { setRealtimeServer } from "~/realtime/hub.server";
import {
  connected,
  openClient,
  startSocketInstance,
  waitFor,
  type SocketInstance,
} from "#tests/helpers/discussion-sockets";
import { callRoute, expectRejected } from "#tests/helpers/routes";

/**
 * "Sitzungen" (/konto/sitzungen): a person sees and ends their own sessions, and an ended or
 * expired session's open pages lose their live connection at once, not at their next handshake.
 */

const userAgents = {
  firefoxLinux: "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
  safariIphone:
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
  edgeWindows:
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0",
};

let server: SocketInstance;
const sockets: Socket[] = [];

beforeAll(async () => {
  server = await startSocketInstance({ streamName: `account-sessions-test-${process.pid}` });
  setRealtimeServer(server.io);
});

afterAll(async () => {
  for (const socket of sockets) socket.close();
  setRealtimeServer(undefined);
  await server.close();
});

async function person() {
  const organization = await createOrganization({ kind: "jobcenter" });
  return createUser({ organizationId: organization.id });
}

/** A login of `userId` from a browser with this User-Agent, as the login route makes it. */
async function loginFrom(
  userId: string,
  userAgent = userAgents.firefoxLinux,
  details: { secondFactorPending?: boolean } = {},
) {
  const session = await createSession(userId, new Date(), getDb(), { userAgent, ...details });
  return { ...session, cookie: await sessionRequestCookie(session.token) };
}

async function openPage(cookie: string): Promise<Socket> {
  const socket = openClient(server.url, cookie);
  sockets.push(socket);
  await connected(socket);
  return socket;
}

/** Resolves with the reason once the server closed the socket. */
function closing(socket: Socket): Promise<string> {
  return new Promise((resolve) => socket.once("disconnect", resolve));
}

async function sessionExists(id: string): Promise<boolean> {
  const rows = await getDb().select().from(sessions).where(eq(sessions.id, id));
  return rows.length === 1;
}

interface ListedSession {
  handle: string;
  browser: string;
  system: string;
  device: string | null;
  current: boolean;
  awaitingSecondFactor: boolean;
}

async function listAs(cookie: string) {
  const response = await callRoute(sessionsPage.loader, "/konto/sitzungen", { cookie });
  expect(response.status).toBe(200);
  const body = await response.text();
  return { body, sessions: (JSON.parse(body) as { sessions: ListedSession[] }).sessions };
}

function submit(cookie: string, form: Record<string, string>) {
  return callRoute(sessionsPage.action, "/konto/sitzungen", { cookie, form });
}

describe("Sitzungen: Liste", () => {
  it("lists the person's own sessions in force, with browser and system, this one first", async () => {
    const user = await person();
    const laptop = await loginFrom(user.id, userAgents.firefoxLinux);
    const phone = await loginFrom(user.id, userAgents.safariIphone);
    const office = await loginFrom(user.id, userAgents.edgeWindows, { secondFactorPending: true });
    const script = await loginFrom(user.id, "");
    const idle = await loginFrom(user.id, userAgents.edgeWindows);
    await getDb()
      .update(sessions)
      .set({ lastSeenAt: new Date(Date.now() - SESSION_IDLE_TIMEOUT_MS - 60_000) })
      .where(eq(sessions.id, idle.id));
    const stranger = await person();
    const strangers = await loginFrom(stranger.id, userAgents.safariIphone);

    const { body, sessions: listed } = await listAs(phone.cookie);

    expect(listed.map((session) => session.handle)).toHaveLength(4);
    expect(listed[0]).toMatchObject({
      handle: sessionHandle(phone.id),
      browser: "Safari 17",
      system: "iOS 17.5",
      device: "Smartphone",
      current: true,
      awaitingSecondFactor: false,
    });
    const byHandle = new Map(listed.map((session) => [session.handle, session]));
    expect(byHandle.get(sessionHandle(laptop.id))).toMatchObject({
      browser: "Firefox 133",
      system: "Linux",
      device: "Computer",
      current: false,
    });
    expect(byHandle.get(sessionHandle(office.id))).toMatchObject({
      browser: "Microsoft Edge 131",
      system: "Windows 10",
      awaitingSecondFactor: true,
    });
    expect(byHandle.get(sessionHandle(script.id))).toMatchObject({
      browser: "Unbekannter Browser",
      system: "Unbekanntes System",
      device: null,
    });
    expect(byHandle.has(sessionHandle(idle.id))).toBe(false);
    expect(byHandle.has(sessionHandle(strangers.id))).toBe(false);
    // Neither the stored id (the token's hash) nor the token reaches the page.
    for (const session of [laptop, phone, office, script]) {
      expect(body).not.toContain(session.id);
      expect(body).not.toContain(session.token);
    }
  });

  it("sends a visitor to the login page", async () => {
    const response = await callRoute(sessionsPage.loader, "/konto/sitzungen");
    expect(response.headers.get("location")).toBe(
      `/anmelden?weiter=${encodeURIComponent("/konto/sitzungen")}`,
    );
  });
});

describe("Sitzungen beenden", () => {
  it("ends one other session: it is deleted, its open page disconnected, the act audited", async () => {
    const user = await person();
    const here = await loginFrom(user.id, userAgents.firefoxLinux);
    const there = await loginFrom(user.id, userAgents.safariIphone);
    const herePage = await openPage(here.cookie);
    const therePage = await openPage(there.cookie);
    const thereClosed = closing(therePage);

    const response = await submit(here.cookie, {
      intent: "end",
      session: sessionHandle(there.id),
    });

    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/konto/sitzungen");
    expect(await thereClosed).toBe("io server disconnect");
    expect(await sessionExists(there.id)).toBe(false);
    expect(await sessionExists(here.id)).toBe(true);
    expect(herePage.connected).toBe(true);
    const [entry] = await getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.actorUserId, user.id), eq(auditLog.action, "auth.logout")));
    expect(entry).toMatchObject({
      targetType: "user",
      targetId: user.id,
      details: { scope: "one_other", sessions: 1 },
    });
    expect(entry!.ipHash).not.toBeNull();
  });

  it("ends all other sessions and closes their pages, keeping this one", async () => {
    const user = await person();
    const here = await loginFrom(user.id, userAgents.firefoxLinux);
    const others = [
      await loginFrom(user.id, userAgents.safariIphone),
      await loginFrom(user.id, userAgents.edgeWindows),
    ];
    const herePage = await openPage(here.cookie);
    const closed = await Promise.all(others.map((other) => openPage(other.cookie))).then((pages) =>
      pages.map(closing),
    );
    const stranger = await person();
    const strangers = await loginFrom(stranger.id);

    const response = await submit(here.cookie, { intent: "endOthers" });

    expect(response.status).toBe(302);
    expect(await Promise.all(closed)).toEqual(["io server disconnect", "io server disconnect"]);
    for (const other of others) expect(await sessionExists(other.id)).toBe(false);
    expect(await sessionExists(here.id)).toBe(true);
    expect(await sessionExists(strangers.id)).toBe(true);
    expect(herePage.connected).toBe(true);
    const { sessions: listed } = await listAs(here.cookie);
    expect(listed).toEqual([expect.objectContaining({ current: true })]);
    const [entry] = await getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.actorUserId, user.id), eq(auditLog.action, "auth.logout")));
    expect(entry!.details).toEqual({ scope: "all_others", sessions: 2 });
  });

  it("refuses to end the current session: that is Abmelden", async () => {
    const user = await person();
    const here = await loginFrom(user.id);
    const response = await submit(here.cookie, { intent: "end", session: sessionHandle(here.id) });
    await expectRejected(response, {
      errors: {
        form: "Mit dieser Sitzung sind Sie gerade angemeldet. Sie beenden sie mit „Abmelden“.",
      },
    });
    expect(await sessionExists(here.id)).toBe(true);
  });

  it("answers 404 for another person's session, and leaves it alone", async () => {
    const user = await person();
    const here = await loginFrom(user.id);
    const stranger = await person();
    const strangers = await loginFrom(stranger.id);
    const strangersPage = await openPage(strangers.cookie);

    for (const session of [sessionHandle(strangers.id), strangers.id, "", "0123456789abcdef"]) {
      const response = await submit(here.cookie, { intent: "end", session });
      expect(response.status).toBe(404);
    }
    expect(await sessionExists(strangers.id)).toBe(true);
    expect(strangersPage.connected).toBe(true);
  });
});

describe("Ablauf von Sitzungen", () => {
  it("the sweep ends idle and expired sessions and disconnects their pages at once", async () => {
    const user = await person();
    const [idle, expired, active] = [
      await loginFrom(user.id),
      await loginFrom(user.id),
      await loginFrom(user.id),
    ];
    const idlePage = await openPage(idle.cookie);
    const expiredPage = await openPage(expired.cookie);
    const activePage = await openPage(active.cookie);
    const closed = [closing(idlePage), closing(expiredPage)];
    const now = new Date();
    // Sessions earlier tests left idle are swept first, so that the count below is this test's.
    await endExpiredSessions(now);
    // The pages were opened while the sessions were valid; since then time has passed.
    await getDb()
      .update(sessions)
      .set({ lastSeenAt: new Date(now.getTime() - SESSION_IDLE_TIMEOUT_MS - 1_000) })
      .where(eq(sessions.id, idle.id));
    await getDb()
      .update(sessions)
      .set({ expiresAt: new Date(now.getTime() - 1_000) })
      .where(eq(sessions.id, expired.id));

    expect(await endExpiredSessions(now)).toBe(2);

    expect(await Promise.all(closed)).toEqual(["io server disconnect", "io server disconnect"]);
    expect(await sessionExists(idle.id)).toBe(false);
    expect(await sessionExists(expired.id)).toBe(false);
    expect(await sessionExists(active.id)).toBe(true);
    expect(activePage.connected).toBe(true);
    expect(await endExpiredSessions(now)).toBe(0);
  });

  it("a session found expired at its next request also closes its open pages", async () => {
    const user = await person();
    const session = await loginFrom(user.id);
    const page = await openPage(session.cookie);
    const closed = closing(page);
    await getDb()
      .update(sessions)
      .set({ lastSeenAt: new Date(Date.now() - SESSION_IDLE_TIMEOUT_MS - 1_000) })
      .where(eq(sessions.id, session.id));

    expect(await validateSessionToken(session.token)).toBeNull();

    expect(await closed).toBe("io server disconnect");
    expect(await sessionExists(session.id)).toBe(false);
    await waitFor(() => !page.connected, "die Seite ist getrennt");
  });
});
