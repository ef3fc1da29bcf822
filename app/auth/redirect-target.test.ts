import { safeRedirectTarget } from "./redirect-target";

const FALLBACK = "/netzwerk";
const ORIGIN = "https://portal.example.org";

/** What a browser does with a Location header: resolve it against the page it is on. */
function landsOn(location: string): URL {
  return new URL(location, `${ORIGIN}/anmelden`);
}

describe("safeRedirectTarget", () => {
  it.each([
    ["/organisation", "/organisation"],
    ["/uebergaben/eingang?status=offen#liste", "/uebergaben/eingang?status=offen#liste"],
    ["/ideen/../netzwerk", "/netzwerk"],
    ["/suche?q=%2F%2Fevil.example", "/suche?q=%2F%2Fevil.example"],
  ])("keeps the same-origin path %s", (target, expected) => {
    expect(safeRedirectTarget(target)).toBe(expected);
  });

  // Each of these reaches another site, a script or a non-path in some browser or parser.
  it.each([
    "/..//evil.example",
    "/../..//evil.example/x",
    "/.//evil.example",
    "/./..//evil.example",
    "/%2e%2e//evil.example",
    "//evil.example",
    "///evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "/\\/evil.example",
    "\\/evil.example",
    "/%5Cevil.example",
    "%2F%2Fevil.example",
    "/%2F%2Fevil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "\t//evil.example",
    " //evil.example",
    "/\r\n/evil.example",
    "https://evil.example",
    "http:evil.example",
    "https:/evil.example",
    "HTTPS://evil.example/",
    "//evil.example@portal.invalid",
    "/@evil.example",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "mailto:a@evil.example",
    "//%65vil.example",
    "/\u3002evil.example",
    "//evil.example%2F..",
    "",
    "?weiter=//evil.example",
    "#//evil.example",
  ])("never leaves the site for %j", (target) => {
    const result = safeRedirectTarget(target);
    expect(result.startsWith("/")).toBe(true);
    expect(result).not.toMatch(/^\/[/\\]/);
    expect(result).not.toMatch(/[\t\n\r\\]/);
    expect(landsOn(result).origin).toBe(ORIGIN);
  });

  it("answers the default for what is not a usable target", () => {
    expect(safeRedirectTarget(null)).toBe(FALLBACK);
    expect(safeRedirectTarget("https://evil.example")).toBe(FALLBACK);
    expect(safeRedirectTarget("javascript:alert(1)")).toBe(FALLBACK);
    expect(safeRedirectTarget("")).toBe(FALLBACK);
    expect(safeRedirectTarget(`/${"x".repeat(5000)}`)).toBe(FALLBACK);
    expect(safeRedirectTarget("//evil.example", "/organisation")).toBe("/organisation");
  });
});
