import { checkPasswordPolicy, hashPassword, verifyPassword } from "./password.server";
import { authTexts } from "./texts";
import { delaySeconds } from "./login-throttle.server";

const email = "anna.berg@example.org";

describe("checkPasswordPolicy", () => {
  it.each([
    ["elf Zeichen", authTexts.passwordTooShort],
    ["x".repeat(257), authTexts.passwordTooLong],
    ["anna.berg-sicheres-wort", authTexts.passwordContainsEmail],
  ])("rejects %s", (password, message) => {
    expect(checkPasswordPolicy(password, email)).toBe(message);
  });

  it.each([
    " ".repeat(12),
    "aaaaaaaaaaaa",
    "passwortpasswort",
    "Passwort1234",
    "PASSWORD1234",
    "qwertyuiop123",
    "Netzwerk-ABC-Demo-2026",
    "123456789012",
    "abcdefghijklmnop",
  ])("refuses the easily guessed %j with a German hint", (password) => {
    const message = checkPasswordPolicy(password, email, "Anna Berg");
    expect(message).toMatch(new RegExp(`^${authTexts.passwordWeak}`));
    // zxcvbn's own hint, in German, follows the fixed sentence.
    expect(message!.length).toBeGreaterThan(authTexts.passwordWeak.length + 10);
    expect(message).not.toMatch(/\b(the|password|add|avoid)\b/i);
  });

  it.each([
    "Kaffeetasse Fahrrad Sonnenblume",
    "Kurze Wege, schnelle Hilfen!",
    "Kooperation-im-Landkreis-2026",
    "Beratung-im-Netzwerk-2026",
    "Gießkanne Holzbrücke Zimtstern",
  ])("accepts the passphrase %j", (password) => {
    expect(checkPasswordPolicy(password, email, "Anna Berg")).toBeNull();
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
    expect(delaySeconds(40, 10, 5)).toBe(5);
  });
});
