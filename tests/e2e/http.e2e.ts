import { expect, test } from "./fixtures";

/** The production server's HTTP hardening, checked on the real server the journeys use. */
test.describe("Der Server einer Produktionsinstallation", () => {
  test("answers /healthz with 200 JSON when the database is reachable", async ({ request }) => {
    const response = await request.get("/healthz");
    expect(response.status()).toBe(200);
    expect(await response.json()).toEqual({
      status: "ok",
      database: process.env.DATABASE_URL ? "postgres" : "pglite",
    });
  });

  test("sends a nonce-based CSP and security headers, and no x-powered-by", async ({ request }) => {
    const response = await request.get("/anmelden", { headers: { "accept-encoding": "gzip" } });
    const headers = response.headers();
    const csp = headers["content-security-policy"] ?? "";
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(headers["x-powered-by"]).toBeUndefined();
    expect(headers["x-content-type-options"]).toBe("nosniff");
    // Same-origin referrers keep the Origin header on plain form posts (see server/app.ts).
    expect(headers["referrer-policy"]).toBe("same-origin");
    expect(headers["content-encoding"]).toBe("gzip");
    const nonce = csp.match(/'nonce-([^']+)'/)![1]!;
    expect(await response.text()).toContain(`nonce="${nonce}"`);
  });

  test("caches fingerprinted assets immutably", async ({ request }) => {
    const page = await (await request.get("/anmelden")).text();
    const asset = page.match(/\/build\/[^"]+\.js/)![0];
    const response = await request.get(asset);
    expect(response.status()).toBe(200);
    expect(response.headers()["cache-control"]).toBe("public, max-age=31536000, immutable");
  });

  test("refuses a form post from a foreign origin", async ({ request }) => {
    const response = await request.post("/anmelden", {
      headers: {
        origin: "https://evil.example.com",
        "content-type": "application/x-www-form-urlencoded",
      },
      data: "email=a%40example.org&password=x",
      maxRedirects: 0,
    });
    expect(response.status()).toBe(403);
  });
});
