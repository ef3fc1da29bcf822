import { createServer } from "node:net";

/** Other helpers and servers use other ports; the e2e server stays inside this range. */
const PORT_RANGE = { first: 3300, last: 3399 };

function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, "0.0.0.0", () => probe.close(() => resolve(true)));
  });
}

export async function findFreePort(): Promise<number> {
  // Start at a random offset so two runs started together are unlikely to race for one port.
  const size = PORT_RANGE.last - PORT_RANGE.first + 1;
  const offset = Math.floor(Math.random() * size);
  for (let i = 0; i < size; i++) {
    const port = PORT_RANGE.first + ((offset + i) % size);
    if (await isPortFree(port)) return port;
  }
  throw new Error(`Kein freier Port zwischen ${PORT_RANGE.first} und ${PORT_RANGE.last}.`);
}
