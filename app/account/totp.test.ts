import {
  groupedSecret,
  matchTotpStep,
  newTotpSecret,
  timeStepAt,
  totpCodeAt,
  totpUri,
} from "./totp";

/** RFC 6238 appendix B, SHA-1 rows: the seed is the ASCII of "12345678901234567890". */
const rfcKey = new TextEncoder().encode("12345678901234567890");
const rfcVectors = [
  { seconds: 59, code: "94287082" },
  { seconds: 1111111109, code: "07081804" },
  { seconds: 1111111111, code: "14050471" },
  { seconds: 1234567890, code: "89005924" },
  { seconds: 2000000000, code: "69279037" },
  { seconds: 20000000000, code: "65353130" },
];

describe("TOTP (RFC 6238)", () => {
  it.each(rfcVectors)("computes the RFC's 8-digit code at $seconds s", ({ seconds, code }) => {
    expect(totpCodeAt(rfcKey, timeStepAt(new Date(seconds * 1000)), 8)).toBe(code);
  });

  it.each(rfcVectors)("gives apps the last six digits at $seconds s", ({ seconds, code }) => {
    expect(totpCodeAt(rfcKey, timeStepAt(new Date(seconds * 1000)))).toBe(code.slice(-6));
  });

  const secret = newTotpSecret();
  const now = new Date("2026-03-02T09:00:10Z");
  const step = timeStepAt(now);

  it("accepts the current code and one step of clock drift either way, nothing further", () => {
    expect(matchTotpStep(secret, totpCodeAt(secret, step), now, null)).toBe(step);
    expect(matchTotpStep(secret, totpCodeAt(secret, step - 1), now, null)).toBe(step - 1);
    expect(matchTotpStep(secret, totpCodeAt(secret, step + 1), now, null)).toBe(step + 1);
    expect(matchTotpStep(secret, totpCodeAt(secret, step - 2), now, null)).toBeNull();
    expect(matchTotpStep(secret, totpCodeAt(secret, step + 2), now, null)).toBeNull();
  });

  it("never accepts a step at or before the last one used (replay)", () => {
    expect(matchTotpStep(secret, totpCodeAt(secret, step), now, step)).toBeNull();
    expect(matchTotpStep(secret, totpCodeAt(secret, step - 1), now, step)).toBeNull();
    expect(matchTotpStep(secret, totpCodeAt(secret, step + 1), now, step)).toBe(step + 1);
  });

  it("reads codes typed with spaces and refuses anything but six digits", () => {
    const code = totpCodeAt(secret, step);
    expect(matchTotpStep(secret, `${code.slice(0, 3)} ${code.slice(3)}`, now, null)).toBe(step);
    expect(matchTotpStep(secret, `${code}0`, now, null)).toBeNull();
    expect(matchTotpStep(secret, "abcdef", now, null)).toBeNull();
  });

  it("makes 160-bit secrets, an otpauth address for apps and a readable grouping", () => {
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const uri = new URL(totpUri(secret, "anna.schmidt@jobcenter.example"));
    expect(uri.protocol).toBe("otpauth:");
    expect(uri.searchParams.get("issuer")).toBe("Netzwerke ABC");
    expect(uri.searchParams.get("secret")).toBe(secret);
    expect(uri.searchParams.get("digits")).toBe("6");
    expect(uri.searchParams.get("period")).toBe("30");
    expect(uri.searchParams.get("algorithm")).toBe("SHA1");
    expect(decodeURIComponent(uri.pathname)).toContain("anna.schmidt@jobcenter.example");
    expect(groupedSecret("ABCDEFGHIJ")).toBe("ABCD EFGH IJ");
  });
});
