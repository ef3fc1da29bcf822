import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Server } from "socket.io";
import { io as connect, type Socket } from "socket.io-client";
import * as logout from "~/routes/abmelden";
import * as network from "~/routes/_app.netzwerke.$networkId";
import { sessionRequestCookie } from "~/auth/cookie.server";
import { validateSessionToken } from "~/auth/session.server";
import { setRealtimeServer, type LiveNotification } from "~/realtime/hub.server";
import { registerRealtime } from "~/realtime/connections.server";
import { createLoginCookie, createOrganization, createUser } from "~/demo/factories.server";
import { advanceReferral, createReferral, createService } from "~/demo/referral-factories.server";
import { callRoute } from "#tests/helpers/routes";
import { buildWorld } from "#tests/helpers/world";
import { builtBeforeAll } from "#tests/integration/world-steps";

/**
 * The real-time path as the browser uses it: handshake with the session cookie, rooms, a server
 * event pushed to the client, disconnect when the session ends. With REDIS_URL set, two socket.io
 * servers share the Redis streams adapter, and the client connects to the other instance.
 */
interface Instance {
  http: HttpServer;
  io: Server;
  url: string;
  closeRedis?: () => Promise<void>;
}

async function startInstance(): Promise<Instance> {
  const http = createServer();
  const io = new Server(http, { connectionStateRecovery: { skipMiddlewares: false } });
  let closeRedis: (() => Promise<void>) | undefined;
  if (process.env.REDIS_URL) {
    const { createClient } = await import("redis");
    const { createAdapter } = await import("@socket.io/redis-streams-adapter");
    const redis = createClient({ url: process.env.REDIS_URL });
    await redis.connect();
    io.adapter(createAdapter(redis, { streamName: `portal-test-${process.pid}` }));
    closeRedis = async () => {
      await redis.quit();
    };
  }
  registerRealtime(io, { validateSessionToken });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  const { port } = http.address() as AddressInfo;
  return { http, io, url: `http://127.0.0.1:${port}`, closeRedis };
}

let emitting: Instance;
let receiving: Instance;
const world = builtBeforeAll(buildWorld);
const sockets: Socket[] = [];

beforeAll(async () => {
  emitting = await startInstance();
  receiving = process.env.REDIS_URL ? await startInstance() : emitting;
  setRealtimeServer(emitting.io);
});

afterAll(async () => {
  for (const socket of sockets) socket.close();
  setRealtimeServer(undefined);
  for (const instance of new Set([emitting, receiving])) {
    await instance.io.close();
    await instance.closeRedis?.();
  }
});

function open(cookie: string | undefined, origin?: string): Socket {
  const host = new URL(receiving.url).host;
  const socket = connect(receiving.url, {
    transports: ["websocket"],
    reconnection: false,
    extraHeaders: { ...(cookie ? { cookie } : {}), origin: origin ?? `http://${host}` },
  });
  sockets.push(socket);
  return socket;
}

function outcome(socket: Socket): Promise<"connected" | string> {
  // A socket opened earlier may have connected before anyone listened.
  if (socket.connected) return Promise.resolve("connected");
  return new Promise((resolve) => {
    socket.once("connect", () => resolve("connected"));
    socket.once("connect_error", (error) => resolve(error.message));
  });
}

describe("Echtzeit", () => {
  it.each([
    "platformAdmin",
    "coordinator",
    "orgAdmin",
    "staff",
    "employer",
    "otherNetworkStaff",
  ] as const)("accepts %s with a valid session cookie", async (persona) => {
    expect(await outcome(open(world.cookies[persona]))).toBe("connected");
  });

  it("rejects a connection without a session", async () => {
    expect(await outcome(open(undefined))).toBe("unauthorized");
  });

  it("rejects a connection with an invalid session", async () => {
    const unknown = await sessionRequestCookie("abcdefghijklmnopqrstuvwxyz234567");
    expect(await outcome(open(unknown))).toBe("unauthorized");
  });

  it("rejects a foreign Origin even with a valid session", async () => {
    expect(await outcome(open(world.cookies.staff, "https://evil.example.com"))).toBe(
      "origin_rejected",
    );
  });

  it("pushes the admission notification live to the members of the admitted organisation only", async () => {
    const candidate = await createOrganization({
      name: "Psychosozialer Dienst Nord",
      kind: "psychosozialer_dienst",
    });
    const member = await createUser({ organizationId: candidate.id });
    const memberSocket = open((await createLoginCookie(member.id)).cookie);
    const bystander = open(world.cookies.otherNetworkStaff);
    expect(await outcome(memberSocket)).toBe("connected");
    expect(await outcome(bystander)).toBe("connected");
    const seenByBystander: LiveNotification[] = [];
    bystander.on("notification", (notification: LiveNotification) =>
      seenByBystander.push(notification),
    );

    const received = new Promise<LiveNotification>((resolve) =>
      memberSocket.once("notification", resolve),
    );
    await callRoute(network.action, `/netzwerke/${world.networks.north.id}`, {
      cookie: world.cookies.coordinator,
      params: { networkId: world.networks.north.id },
      form: { intent: "admit", organizationId: candidate.id },
    });
    expect(await received).toMatchObject({
      message: "Ihre Organisation wurde in das Netzwerk „Netzwerk Nord“ aufgenommen.",
      link: `/netzwerke/${world.networks.north.id}`,
    });
    // Give a wrongly routed event time to arrive before asserting that none did.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(seenByBystander).toEqual([]);
  });

  it("disconnects the sockets of a session when it logs out", async () => {
    const member = await createUser({ organizationId: world.organizations.orgA.id });
    const { cookie } = await createLoginCookie(member.id);
    const socket = open(cookie);
    expect(await outcome(socket)).toBe("connected");
    const disconnected = new Promise<string>((resolve) => socket.once("disconnect", resolve));
    await callRoute(logout.action, "/abmelden", { cookie, form: {} });
    expect(await disconnected).toBe("io server disconnect");
  });

  it("tells only the two organisations of a referral that it changed, and only its id", async () => {
    const service = await createService({
      organizationId: world.organizations.orgB.id,
      category: "schuldnerberatung",
    });
    const senderSocket = open(world.cookies.staff);
    const receiverSocket = open(world.cookies.otherOrgAdmin);
    const bystanders = [
      open(world.cookies.employer),
      open(world.cookies.otherNetworkStaff),
      open(world.cookies.platformAdmin),
    ];
    for (const socket of [senderSocket, receiverSocket, ...bystanders]) {
      expect(await outcome(socket)).toBe("connected");
    }
    const seenByBystanders: unknown[] = [];
    for (const socket of bystanders) {
      socket.on("referral:changed", (change: unknown) => seenByBystanders.push(change));
    }
    const nextChange = (socket: Socket) =>
      new Promise<unknown>((resolve) => socket.once("referral:changed", resolve));

    const arrivedAtSender = nextChange(senderSocket);
    const arrivedAtReceiver = nextChange(receiverSocket);
    const referralId = await createReferral({
      sender: world.users.staff,
      serviceId: service.id,
      receiverOrganizationId: world.organizations.orgB.id,
    });
    expect(await arrivedAtSender).toEqual({ referralId });
    expect(await arrivedAtReceiver).toEqual({ referralId });

    const acceptedAtSender = nextChange(senderSocket);
    await advanceReferral(referralId, [{ actor: world.users.otherOrgAdmin, name: "accept" }]);
    expect(await acceptedAtSender).toEqual({ referralId });

    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(seenByBystanders).toEqual([]);
  });

  it("keeps a draft's changes within the sending organisation", async () => {
    const service = await createService({ organizationId: world.organizations.orgB.id });
    const senderSocket = open(world.cookies.orgAdmin);
    const receiverSocket = open(world.cookies.otherOrgAdmin);
    expect(await outcome(senderSocket)).toBe("connected");
    expect(await outcome(receiverSocket)).toBe("connected");
    const seenByReceiver: unknown[] = [];
    receiverSocket.on("referral:changed", (change: unknown) => seenByReceiver.push(change));
    const arrivedAtSender = new Promise((resolve) =>
      senderSocket.once("referral:changed", resolve),
    );
    await createReferral({
      sender: world.users.staff,
      serviceId: service.id,
      receiverOrganizationId: world.organizations.orgB.id,
      send: false,
    });
    await arrivedAtSender;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(seenByReceiver).toEqual([]);
  });
});
