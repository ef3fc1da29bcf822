import autocannon from "autocannon";
import { mkdtempSync } from "node:fs";
import { createScratchDatabase, freePort, startChild, waitForOk, stopAllChildren } from "./support";
const kind = process.argv[2] ?? "pg";
const admin = "postgresql://postgres@127.0.0.1:5432/postgres";
const s = kind === "pg" ? await createScratchDatabase(admin, "bench_probe_" + Date.now()) : undefined;
if (s && "unreachable" in s) throw new Error("x");
const port = await freePort();
const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production", PORT: String(port), HOST: "127.0.0.1", COOKIE_SECURE: "false" };
if (s) env.DATABASE_URL = s.url; else env.PGLITE_DATA_DIR = mkdtempSync("/tmp/bench-pglite-probe-");
const c = startChild("p", process.execPath, ["--import", "tsx", "server/index.ts"], { cwd: "/work/main", env });
try {
  const base = `http://127.0.0.1:${port}`;
  await waitForOk(base + "/healthz", c, 120000);
  const r = await fetch(base + "/anmelden", { method: "POST", redirect: "manual", headers: { "content-type": "application/x-www-form-urlencoded", origin: base }, body: "email=fachkraft.jobcenter%40example.org&password=Netzwerk-ABC-Demo-2026" });
  const cookie = r.headers.getSetCookie()[0]!.split(";")[0]!;
  for (const path of ["/netzwerk", "/netzwerk?_data=routes%2F_app.netzwerk", "/netzwerk?_data=routes%2F_app", "/netzwerk?_data=root", "/healthz"]) {
  await autocannon({ url: base + path, connections: 25, duration: 3, headers: { cookie } });
  const res = await autocannon({ url: base + path, connections: 25, duration: 8, headers: { cookie } });
  console.log(kind, path, "rps", res.requests.average, "p50", res.latency.p50, "p99", res.latency.p99, "non2xx", res.non2xx);
  }
} finally { await stopAllChildren(); if (s && !("unreachable" in s)) await s.drop(); }
