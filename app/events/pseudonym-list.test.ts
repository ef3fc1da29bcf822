import { pseudonymTexts } from "~/referrals/pseudonym";
import { parsePseudonymList } from "./pseudonym-list";
import { reservationTexts } from "./texts";

describe("parsePseudonymList", () => {
  it("takes one pseudonym per line in order, trimmed, skipping blank lines", () => {
    expect(parsePseudonymList("  M. K. \r\n\nKundin   Sonnenblume\n")).toEqual({
      ok: true,
      pseudonyms: ["M. K.", "Kundin Sonnenblume"],
    });
  });

  it("names the line that breaks the pseudonym rule", () => {
    expect(parsePseudonymList("M. K.\n\nmax.muster@example.org")).toEqual({
      ok: false,
      message: `Zeile 3: ${pseudonymTexts.email}`,
    });
    expect(parsePseudonymList("M. K.\n03.07.1985")).toEqual({
      ok: false,
      message: `Zeile 2: ${pseudonymTexts.birthDate}`,
    });
  });

  it("rejects the same person twice, regardless of case", () => {
    expect(parsePseudonymList("M. K.\nA. B.\nm. k.")).toEqual({
      ok: false,
      message: reservationTexts.duplicate(3, 1),
    });
  });

  it("needs at least one and at most 30 pseudonyms", () => {
    expect(parsePseudonymList(" \n ")).toEqual({
      ok: false,
      message: reservationTexts.pseudonymsRequired,
    });
    const many = Array.from({ length: 31 }, (_, index) => `Kunde ${index + 1}`).join("\n");
    expect(parsePseudonymList(many)).toEqual({ ok: false, message: reservationTexts.tooMany });
    expect(parsePseudonymList(many.split("\n").slice(0, 30).join("\n")).ok).toBe(true);
  });
});
