import { describe, expect, inject, it } from "vitest";

/** The production server's HTTP hardening, checked on the real server the journeys use. */
const baseUrl = inject("baseUrl");

describe("Der Server einer Produktionsinstallation", () => {
  it("answers /healthz with 200 JSON when the database is reachable", async () => {
    const response = await fetch(`${baseUrl}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok", database: "pglite" });
  });

  it("sends a nonce-based CSP and security headers, and no x-powered-by", async () => {
    const response = await fetch(`${baseUrl}/anmelden`, { headers: { "accept-encoding": "gzip" } });
    const csp = response.headers.get("content-security-policy") ?? "";
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response.headers.get("x-powered-by")).toBeNull();
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    // Same-origin referrers keep the Origin header on plain form posts (see server/app.ts).
    expect(response.headers.get("referrer-policy")).toBe("same-origin");
    expect(response.headers.get("content-encoding")).toBe("gzip");
    const nonce = csp.match(/'nonce-([^']+)'/)![1]!;
    expect(await response.text()).toContain(`nonce="${nonce}"`);
  });

  it("caches fingerprinted assets immutably", async () => {
    const page = await (await fetch(`${baseUrl}/anmelden`)).text();
    const asset = page.match(/\/build\/[^"]+\.js/)![0];
    const response = await fetch(`${baseUrl}${asset}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
  });

  it("refuses a form post from a foreign origin", async () => {
    const response = await fetch(`${baseUrl}/anmelden`, {
      method: "POST",
      headers: {
        origin: "https://evil.example.com",
        "content-type": "application/x-www-form-urlencoded",
      },
      body: "email=a%40example.org&password=x",
      redirect: "manual",
    });
    expect(response.status).toBe(403);
  });
});
