import { checkPseudonym, pseudonymTexts } from "./pseudonym";

describe("checkPseudonym", () => {
  describe("accepts initials and pseudonyms", () => {
    it.each([
      ["M. K.", "M. K."],
      ["MK", "MK"],
      ["Kunde Birke", "Kunde Birke"],
      ["A.-L. S.", "A.-L. S."],
      ["Frau S. (U25)", "Frau S. (U25)"],
      ["Kundin 7", "Kundin 7"],
      ["Herr B 12", "Herr B 12"],
      ["Kundin Sonnenblume", "Kundin Sonnenblume"],
      ["Jörg Ä.", "Jörg Ä."],
      ["Familie 1234", "Familie 1234"],
      ["Kunde 0815", "Kunde 0815"],
      ["Gruppe 12 / Kundin 3", "Gruppe 12 / Kundin 3"],
      ["Ü50-Kunde", "Ü50-Kunde"],
      ["x".repeat(40), "x".repeat(40)],
    ])("%j", (raw, value) => {
      expect(checkPseudonym(raw)).toEqual({ ok: true, value });
    });

    it.each([
      ["  M. K.  ", "M. K."],
      ["M.   K.", "M. K."],
      ["\tKunde\n Birke ", "Kunde Birke"],
      ["Kundin\u00a0Sonnenblume", "Kundin Sonnenblume"],
    ])("trims and collapses whitespace in %j", (raw, value) => {
      expect(checkPseudonym(raw)).toEqual({ ok: true, value });
    });

    it("counts the length after trimming and collapsing whitespace", () => {
      expect(checkPseudonym(`  ${"x".repeat(20)}      ${"y".repeat(19)}  `)).toEqual({
        ok: true,
        value: `${"x".repeat(20)} ${"y".repeat(19)}`,
      });
    });
  });

  describe("rejects", () => {
    it.each([
      // required
      ["", pseudonymTexts.required],
      ["   ", pseudonymTexts.required],
      ["\n\t", pseudonymTexts.required],
      // length
      ["M", pseudonymTexts.length],
      [" M ", pseudonymTexts.length],
      ["x".repeat(41), pseudonymTexts.length],
      ["Kundin mit einem sehr, sehr langen Pseudonym", pseudonymTexts.length],
      // BG-Nummer
      ["12345BG0012345", pseudonymTexts.bgNumber],
      ["123 45 BG 0012345", pseudonymTexts.bgNumber],
      ["12345bg0012345", pseudonymTexts.bgNumber],
      ["12345-BG-0012345", pseudonymTexts.bgNumber],
      ["12345/BG/12345", pseudonymTexts.bgNumber],
      ["BG 12345BG0012345", pseudonymTexts.bgNumber],
      ["Frau K., 12345 BG 0012345", pseudonymTexts.bgNumber],
      // Renten-/Sozialversicherungsnummer
      ["65170839J003", pseudonymTexts.pensionInsuranceNumber],
      ["65 170839 J 003", pseudonymTexts.pensionInsuranceNumber],
      ["65170839j003", pseudonymTexts.pensionInsuranceNumber],
      ["65-170839-J-003", pseudonymTexts.pensionInsuranceNumber],
      ["Herr M. 65 170839 J 003", pseudonymTexts.pensionInsuranceNumber],
      // Kundennummer der Bundesagentur für Arbeit and other long digit runs
      ["123A456789", pseudonymTexts.customerNumber],
      ["123a456789", pseudonymTexts.customerNumber],
      ["123 A 456789", pseudonymTexts.customerNumber],
      ["Kunde 123A456789", pseudonymTexts.customerNumber],
      ["123456", pseudonymTexts.customerNumber],
      ["Kundin 987654", pseudonymTexts.customerNumber],
      ["Akte 12.34.56", pseudonymTexts.customerNumber],
      ["Az. 123/4567", pseudonymTexts.customerNumber],
      ["Kunde 12-34-56-78", pseudonymTexts.customerNumber],
      ["Herr B 123 456", pseudonymTexts.customerNumber],
      // E-mail address
      ["anna.berg@example.org", pseudonymTexts.email],
      ["Kontakt: m.k@jobcenter-beispiel.de", pseudonymTexts.email],
      ["sehr.lange.adresse.einer.kundin@beispiel-jobcenter.example.org", pseudonymTexts.email],
      // Phone number
      ["0171 1234567", pseudonymTexts.phone],
      ["030/1234567", pseudonymTexts.phone],
      ["+49 30 1234567", pseudonymTexts.phone],
      ["0049 30 123 45 67", pseudonymTexts.phone],
      ["(030) 123 45 67", pseudonymTexts.phone],
      ["Tel. 0221-98765", pseudonymTexts.phone],
      ["Frau K. 0151 23456789", pseudonymTexts.phone],
      // Date of birth
      ["03.07.1985", pseudonymTexts.birthDate],
      ["M. K. 3.7.85", pseudonymTexts.birthDate],
      ["Frau K. geb. 03. 07. 1985", pseudonymTexts.birthDate],
      ["01.02.1985", pseudonymTexts.birthDate],
    ])("%j", (raw, message) => {
      expect(checkPseudonym(raw)).toEqual({ ok: false, message });
    });
  });

  describe("pseudonymTexts", () => {
    const identifierMessages = [
      pseudonymTexts.bgNumber,
      pseudonymTexts.pensionInsuranceNumber,
      pseudonymTexts.customerNumber,
      pseudonymTexts.email,
      pseudonymTexts.phone,
      pseudonymTexts.birthDate,
    ];

    it("gives every kind of rejection its own message", () => {
      const all = Object.values(pseudonymTexts);
      expect(new Set(all).size).toBe(all.length);
    });

    it.each(identifierMessages)("explains why and what to enter instead: %s", (message) => {
      expect(message).toMatch(/^Die Eingabe sieht aus wie /);
      expect(message).toContain("Datensparsamkeit");
      expect(message).toContain("§ 67 ff. SGB X");
      expect(message).toContain("Initialen wie „M. K.“");
      expect(message).toContain("Pseudonym wie „Kundin Sonnenblume“");
    });

    it("names what the input looks like", () => {
      expect(pseudonymTexts.bgNumber).toContain("BG-Nummer");
      expect(pseudonymTexts.pensionInsuranceNumber).toContain("Sozialversicherungsnummer");
      expect(pseudonymTexts.customerNumber).toContain(
        "sieht aus wie eine Kunden- oder Aktennummer",
      );
      expect(pseudonymTexts.email).toContain("E-Mail-Adresse");
      expect(pseudonymTexts.phone).toContain("Telefonnummer");
      expect(pseudonymTexts.birthDate).toContain("Geburtsdatum");
    });

    it("keeps the required and length wording", () => {
      expect(pseudonymTexts.required).toBe("Bitte geben Sie ein Pseudonym oder Initialen an.");
      expect(pseudonymTexts.length).toBe("Das Pseudonym muss zwischen 2 und 40 Zeichen lang sein.");
    });
  });
});
