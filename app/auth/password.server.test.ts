import { checkPasswordPolicy, hashPassword, verifyPassword } from "./password.server";
import { authTexts } from "./texts";
import { delaySeconds } from "./login-throttle.server";

describe("checkPasswordPolicy", () => {
  it.each([
    ["elf Zeichen", authTexts.passwordTooShort],
    ["x".repeat(257), authTexts.passwordTooLong],
    ["qwertyuiop123", authTexts.passwordCommon],
    ["PASSWORD1234", authTexts.passwordCommon],
    ["anna.berg-sicheres-wort", authTexts.passwordContainsEmail],
  ])("rejects %s", (password, message) => {
    expect(checkPasswordPolicy(password, "anna.berg@example.org")).toBe(message);
  });

  it("accepts a long passphrase", () => {
    expect(checkPasswordPolicy("Kurze Wege, schnelle Hilfen!", "anna.berg@example.org")).toBeNull();
  });
});

describe("argon2id", () => {
  it("hashes with argon2id and verifies only the right password", async () => {
    const hash = await hashPassword("Kurze Wege, schnelle Hilfen!");
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(hash, "Kurze Wege, schnelle Hilfen!")).toBe(true);
    expect(await verifyPassword(hash, "kurze wege, schnelle hilfen!")).toBe(false);
  });
});

describe("login throttle", () => {
  it("lets the first failures through, then doubles the wait up to 15 minutes", () => {
    expect([0, 4].map((n) => delaySeconds(n, 5))).toEqual([0, 0]);
    expect([5, 6, 7, 10].map((n) => delaySeconds(n, 5))).toEqual([1, 2, 4, 32]);
    expect(delaySeconds(40, 5)).toBe(900);
  });
});
