/**
 * Server time of pages, measured inside the portal process, and the closed-loop measurement that
 * requests the pages and collects those times next to the client's own.
 *
 * Server time runs from the moment Node's HTTP server emits "request" (headers parsed) until the
 * response's "finish" event (last byte handed to the socket). It includes all loaders of a page,
 * the React render and gzip. Client time is the same request as seen here over a keep-alive
 * localhost connection (request written → whole body read).
 */
import http from "node:http";

const TIMINGS_PATH = "/__bench/server-timings";

/**
 * Loaded into the portal process with --import before the app: records the server time of
 * every request that carries x-bench-label and hands the records out (and forgets them) at
 * TIMINGS_PATH. Node's HTTP server emits "request" once the headers are parsed.
 */
const SERVER_TIMING_PRELOAD = `
import http from "node:http";
const records = [];
const emit = http.Server.prototype.emit;
http.Server.prototype.emit = function (event, ...args) {
  if (event === "request") {
    const [req, res] = args;
    if (req.url === ${JSON.stringify(TIMINGS_PATH)}) {
      const body = JSON.stringify(records.splice(0));
      res.writeHead(200, { "content-type": "application/json", "cache-control": "no-store" });
      res.end(body);
      return true;
    }
    const label = req.headers["x-bench-label"];
    if (typeof label === "string") {
      const start = process.hrtime.bigint();
      res.once("finish", () => {
        records.push([label, res.statusCode, Number(process.hrtime.bigint() - start) / 1e6]);
      });
    }
  }
  return emit.call(this, event, ...args);
};
`;

/** The preload as a module for --import: a data: URL, so nothing in the app changes. */
export const serverTimingPreload = `data:text/javascript,${encodeURIComponent(SERVER_TIMING_PRELOAD)}`;

export interface Stats {
  count: number;
  min: number;
  mean: number;
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentiles of a set of timings. */
export function stats(values: readonly number[]): Stats {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
  return {
    count: sorted.length,
    min: sorted[0] ?? NaN,
    mean: sorted.reduce((sum, value) => sum + value, 0) / Math.max(1, sorted.length),
    p50: at(50),
    p90: at(90),
    p95: at(95),
    p99: at(99),
    max: sorted[sorted.length - 1] ?? NaN,
  };
}

/** A page to measure; `headers` (e.g. the session cookie) are added to every request. */
export interface LoadTarget {
  key: string;
  label: string;
  path: string;
  headers?: Record<string, string>;
}

export interface LoadPlan {
  /** Measured requests per target. */
  requests: number;
  /** Discarded requests per target before measuring. */
  warmupRequests: number;
  /** Requests per target and round; the targets take turns. */
  roundRequests: number;
  /** Parallel closed-loop clients. */
  concurrency: number;
}

export interface LoadMeasurement {
  key: string;
  label: string;
  path: string;
  requests: number;
  warmupRequests: number;
  concurrency: number;
  durationSeconds: number;
  requestsPerSecond: number;
  statusCodes: Record<string, number>;
  meanResponseBytes: number;
  /** Server time (preload); undefined if the records did not match the requests. */
  serverMs?: Stats;
  clientMs: Stats;
}

interface Response {
  status: number;
  body: Buffer;
  ms: number;
}

function get(
  agent: http.Agent,
  port: number,
  requestPath: string,
  headers: Record<string, string>,
): Promise<Response> {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const request = http.get(
      { host: "127.0.0.1", port, path: requestPath, agent, headers },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          resolve({
            status: response.statusCode ?? 0,
            body: Buffer.concat(chunks),
            ms: Number(process.hrtime.bigint() - start) / 1e6,
          }),
        );
        response.on("error", reject);
      },
    );
    request.setTimeout(30_000, () => request.destroy(new Error(`Timeout: ${requestPath}`)));
    request.on("error", reject);
  });
}

async function takeServerTimings(port: number): Promise<[string, number, number][]> {
  const response = await fetch(`http://127.0.0.1:${port}${TIMINGS_PATH}`);
  if (!response.ok) throw new Error(`${TIMINGS_PATH} → ${response.status}`);
  return (await response.json()) as [string, number, number][];
}

/**
 * Measures all targets in interleaved rounds (plan.roundRequests per target and round), so
 * that load changes on the machine hit every target, and the baseline, alike. The portal on
 * `port` must have been started with serverTimingPreload.
 */
export async function measureAll(
  port: number,
  targets: LoadTarget[],
  plan: LoadPlan,
): Promise<LoadMeasurement[]> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: plan.concurrency });
  const headersOf = (target: LoadTarget): Record<string, string> => ({
    accept: "text/html,application/xhtml+xml",
    "accept-encoding": "gzip, deflate, br",
    "x-bench-label": target.key,
    ...target.headers,
  });
  const run = async (target: LoadTarget, count: number) => {
    const headers = headersOf(target);
    const responses: Response[] = [];
    let next = 0;
    const loop = async () => {
      while (next < count) {
        next++;
        responses.push(await get(agent, port, target.path, headers));
      }
    };
    const started = performance.now();
    await Promise.all(Array.from({ length: plan.concurrency }, loop));
    return { responses, seconds: (performance.now() - started) / 1000 };
  };
  try {
    process.stdout.write(`Aufwärmen: ${plan.warmupRequests} Anfragen je Ziel … `);
    for (const target of targets) await run(target, plan.warmupRequests);
    await takeServerTimings(port);
    console.log("fertig");

    const collected = new Map(
      targets.map((target) => [target.key, { responses: [] as Response[], seconds: 0 }]),
    );
    const rounds = Math.ceil(plan.requests / plan.roundRequests);
    for (let round = 0; round < rounds; round++) {
      const count = Math.min(plan.roundRequests, plan.requests - round * plan.roundRequests);
      for (const target of targets) {
        const { responses, seconds } = await run(target, count);
        const entry = collected.get(target.key)!;
        entry.responses.push(...responses);
        entry.seconds += seconds;
      }
      if (process.stdout.isTTY) process.stdout.write(`\rMessung: Runde ${round + 1}/${rounds}`);
    }
    console.log(process.stdout.isTTY ? "" : `Messung: ${rounds} Runden fertig`);
    const records = await takeServerTimings(port);

    return targets.map((target) => {
      const { responses, seconds } = collected.get(target.key)!;
      const durations = records
        .filter(([label]) => label === target.key)
        .map(([, , duration]) => duration);
      const statusCodes: Record<string, number> = {};
      for (const response of responses)
        statusCodes[response.status] = (statusCodes[response.status] ?? 0) + 1;
      return {
        key: target.key,
        label: target.label,
        path: target.path,
        requests: responses.length,
        warmupRequests: plan.warmupRequests,
        concurrency: plan.concurrency,
        durationSeconds: seconds,
        requestsPerSecond: responses.length / seconds,
        statusCodes,
        meanResponseBytes:
          responses.reduce((sum, response) => sum + response.body.length, 0) / responses.length,
        serverMs: durations.length === responses.length ? stats(durations) : undefined,
        clientMs: stats(responses.map((response) => response.ms)),
      };
    });
  } finally {
    agent.destroy();
  }
}
