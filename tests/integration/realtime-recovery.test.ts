import { and, eq } from "drizzle-orm";
import type { Socket } from "socket.io-client";
import { getDb } from "~/db/client.server";
import { networkMemberships } from "~/db/schema";
import { rooms } from "~/realtime/hub.server";
import {
  admitToNetwork,
  createLoginCookie,
  createOrganization,
  createUser,
} from "~/demo/factories.server";
import {
  connected,
  openClient,
  startSocketInstance,
  type SocketInstance,
} from "#tests/helpers/discussion-sockets";
import { buildWorld } from "#tests/helpers/world";
import { builtBeforeAll } from "#tests/integration/world-steps";

/**
 * Issue 12, defect 11: a connection recovered by socket.io gets back the rooms it had, so rooms
 * that follow rights (the network rooms) must be derived anew from the user's rights now.
 */

let server: SocketInstance;
const world = builtBeforeAll(buildWorld);
const sockets: Socket[] = [];

beforeAll(async () => {
  server = await startSocketInstance({ streamName: `recovery-test-${process.pid}` });
});

afterAll(async () => {
  for (const socket of sockets) socket.close();
  await server.close();
});

async function open(cookie: string): Promise<Socket> {
  const socket = openClient(server.url, cookie);
  sockets.push(socket);
  await connected(socket);
  return socket;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function received(socket: Socket): string[] {
  const events: string[] = [];
  socket.on("event:changed", ({ eventId }: { eventId: string }) => events.push(eventId));
  return events;
}

describe("Wiederhergestellte Verbindungen nach Rechteänderungen", () => {
  it("leave the network's rooms when the organisation left the network while they were away", async () => {
    const north = world.networks.north.id;
    const leaving = await createOrganization({ kind: "bildungstraeger" });
    await admitToNetwork(north, leaving.id);
    const member = await createUser({ organizationId: leaving.id, role: "staff" });
    const socket = await open((await createLoginCookie(member.id)).cookie);
    const stayer = await open(world.cookies.staff!);
    const seenByLeaver = received(socket);
    const seenByStayer = received(stayer);

    // A connection can be recovered once it has received a broadcast (it carries the offset).
    server.io.to(rooms.networkStaff(north)).emit("event:changed", { eventId: "vorher" });
    await pause(200);
    expect(seenByLeaver).toEqual(["vorher"]);

    const gone = new Promise((resolve) => socket.once("disconnect", resolve));
    socket.io.engine.close();
    await gone;
    await getDb()
      .delete(networkMemberships)
      .where(
        and(
          eq(networkMemberships.networkId, north),
          eq(networkMemberships.organizationId, leaving.id),
        ),
      );
    socket.connect();
    await connected(socket);
    expect(socket.recovered).toBe(true);

    server.io.to(rooms.networkStaff(north)).emit("event:changed", { eventId: "nachher" });
    await pause(200);
    expect(seenByStayer).toEqual(["vorher", "nachher"]);
    expect(seenByLeaver).toEqual(["vorher"]);
  });

  it("keep the rooms that still follow from the user's rights", async () => {
    const north = world.networks.north.id;
    const socket = await open(world.cookies.orgAdmin!);
    const seen = received(socket);
    server.io.to(rooms.networkStaff(north)).emit("event:changed", { eventId: "eins" });
    await pause(200);

    const gone = new Promise((resolve) => socket.once("disconnect", resolve));
    socket.io.engine.close();
    await gone;
    socket.connect();
    await connected(socket);
    expect(socket.recovered).toBe(true);

    server.io.to(rooms.networkStaff(north)).emit("event:changed", { eventId: "zwei" });
    server.io.to(rooms.organization(world.organizations.orgA.id)).emit("event:changed", {
      eventId: "drei",
    });
    await pause(200);
    expect(seen).toEqual(["eins", "zwei", "drei"]);
  });
});

describe("Räume nach der Art der Organisation", () => {
  it("put the admin of an employer organisation with the network's employers, not its staff", async () => {
    const north = world.networks.north.id;
    const socket = await open(world.cookies.employerAdmin!);
    const seen = received(socket);
    server.io.to(rooms.networkStaff(north)).emit("event:changed", { eventId: "nur-fachkraefte" });
    server.io.to(rooms.networkEmployers(north)).emit("event:changed", { eventId: "arbeitgeber" });
    await pause(200);
    expect(seen).toEqual(["arbeitgeber"]);
  });
});
